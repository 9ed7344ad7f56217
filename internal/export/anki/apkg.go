package anki

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/sqlitefile"
)

// PackageName is the file --to anki writes. (Never "collection.apkg": Anki
// would treat that as a whole-collection backup and replace the user's.)
const PackageName = "starlint.apkg"

// zipTime is the fixed modification time of every zip entry, so the same
// packs give a byte-identical package.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Exporter is the anki format: one .apkg with every pack.
type Exporter struct{}

// Name implements export.Exporter.
func (Exporter) Name() string { return "anki" }

// schema11 is Anki's legacy collection schema (rslib/src/storage/schema11.sql),
// one statement an object, in the order sqlite_schema lists them.
var schema11 = []struct{ kind, name, table, sql string }{
	{"table", "col", "col", "CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null)"},
	{"table", "notes", "notes", "CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null)"},
	{"table", "cards", "cards", "CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null)"},
	{"table", "revlog", "revlog", "CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null)"},
	{"table", "graves", "graves", "CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null)"},
	{"index", "ix_notes_usn", "notes", "CREATE INDEX ix_notes_usn on notes (usn)"},
	{"index", "ix_cards_usn", "cards", "CREATE INDEX ix_cards_usn on cards (usn)"},
	{"index", "ix_revlog_usn", "revlog", "CREATE INDEX ix_revlog_usn on revlog (usn)"},
	{"index", "ix_cards_nid", "cards", "CREATE INDEX ix_cards_nid on cards (nid)"},
	{"index", "ix_revlog_cid", "revlog", "CREATE INDEX ix_revlog_cid on revlog (cid)"},
	{"index", "ix_cards_sched", "cards", "CREATE INDEX ix_cards_sched on cards (did, queue, due)"},
	{"index", "ix_notes_csum", "notes", "CREATE INDEX ix_notes_csum on notes (csum)"},
}

// collectionPageSize: a note of a few KB fits a page instead of spilling
// into overflow pages.
const collectionPageSize = 16384

// collectionLevel is the deflate level of the collection (see open).
const collectionLevel = 4

// Start implements export.Exporter. Notes go into a SQLite collection in a
// temporary directory as packs arrive; Finish zips it into the package, so
// memory does not grow with the number of packs.
func (Exporter) Start(opt export.Options, out export.Output) (export.Writer, error) {
	w := &packageWriter{opt: opt, out: out, decks: map[string]bool{}}
	if err := w.open(); err != nil {
		w.Abort()
		return nil, fmt.Errorf("building the Anki collection: %w", err)
	}
	return w, nil
}

// Package builds the .apkg bytes in memory (for tests).
func Package(packs []*export.Source, opt export.Options) ([]byte, error) {
	out := &export.MemOutput{}
	if err := export.Run(Exporter{}, packs, opt, out); err != nil {
		return nil, err
	}
	return out.Files[PackageName], nil
}

type packageWriter struct {
	opt       export.Options
	out       export.Output
	dir       string   // temporary, holds the compressed collection
	rest      *os.File // the collection's pages from 2 on, compressed
	deflater  *parallelDeflater
	file      *sqlitefile.File
	page1     []byte // the collection's first page, once it is closed
	restCRC   uint32 // the CRC-32 and length of the pages after it
	restSize  int64
	tables    map[string]*sqlitefile.Table
	card      sqlitefile.Record
	buf       []byte
	notes     int
	csums     []int64 // each note's, for ix_notes_csum
	cardNotes []int64 // each card's note, for ix_cards_nid
	cardDecks []int64 // each card's deck, for ix_cards_sched
	decks     map[string]bool
	deckNames deckNamer
}

// open starts the collection. It is written straight into SQLite's file
// format (sqlitefile): through SQL, the inserts took 2.6 CPU-s at 10,000
// packs, on one core, while the other waited. Its pages are compressed as
// they fill, on the cores the lint leaves idle, into a temporary file: a
// tenth of the collection's size, and nothing left to compress at Finish
// but page 1, which sqlitefile makes last.
func (w *packageWriter) open() error {
	var err error
	if w.dir, err = os.MkdirTemp("", "starlint-anki-*"); err != nil {
		return err
	}
	if w.rest, err = os.Create(filepath.Join(w.dir, "collection.deflate")); err != nil {
		return err
	}
	// Level 4 of 9: half the time of the default level for a package 7%
	// larger (the 228 MB collection of 10,000 packs: 1.0 s and 21.3 MB
	// against 2.2 s and 20.0 MB).
	if w.deflater, err = newParallelDeflater(w.rest, collectionLevel, runtime.GOMAXPROCS(0)); err != nil {
		return err
	}
	if w.file, err = sqlitefile.New(w.deflater, collectionPageSize); err != nil {
		return err
	}
	w.tables = map[string]*sqlitefile.Table{}
	for _, o := range schema11 {
		if o.kind == "table" {
			w.tables[o.name] = w.file.Table(o.name, o.sql)
		}
	}
	return nil
}

// Prepare implements export.Preparer: the pack's notes and their rows,
// built on several packs at once; Add gives them their deck and ids and
// stores them in order.
func (w *packageWriter) Prepare(src *export.Source) (any, error) {
	notes := notesFor(src, "", w.opt.WordsPerMinute)
	var r sqlitefile.Record
	for i := range notes {
		notes[i].row, notes[i].csum = noteRow(&r, &notes[i])
	}
	return notes, nil
}

// noteRow is the note's row of the notes table (its id, the rowid, apart)
// and the checksum of its sort field.
func noteRow(r *sqlitefile.Record, n *note) ([]byte, int64) {
	sfld := StripHTML(n.Fields[0])
	csum := int64(Checksum(sfld))
	tags := ""
	if len(n.Tags) > 0 {
		tags = " " + strings.Join(n.Tags, " ") + " "
	}
	r.Reset()
	r.Null() // id, the rowid
	r.Text(n.GUID)
	r.Int(n.Type.ID())
	r.Int(n.Mod.Unix())
	r.Int(-1) // usn
	r.Text(tags)
	r.Text(strings.Join(n.Fields, "\x1f"))
	r.TextAs(sfld) // sfld is an integer column, given text
	r.Int(csum)
	r.Int(0)   // flags
	r.Text("") // data
	return r.AppendTo(nil), csum
}

func (w *packageWriter) Add(src *export.Source) error {
	atMs := w.opt.Time.UnixMilli()
	notes, cards := w.tables["notes"], w.tables["cards"]
	for _, n := range preparedNotes(w, src, &w.deckNames) {
		// Ids are not identity (the GUID is); they only need to be unique
		// and not in the future, so they count up from the export time.
		id := atMs + int64(w.notes)
		if err := notes.Append(id, n.row); err != nil {
			return fmt.Errorf("building the Anki collection: %w", err)
		}
		w.csums = append(w.csums, n.csum)
		did := stableID("deck", n.Deck)
		// a card per template, or for a cloze note per deletion (ord c1 = 0)
		for ord := 0; ord < n.Cards; ord++ {
			due := int64(len(w.cardNotes) + 1)
			c := &w.card
			c.Reset()
			c.Null() // id, the rowid
			for _, v := range [...]int64{id, did, int64(ord), n.Mod.Unix(), -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0} {
				c.Int(v) // nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags
			}
			c.Text("") // data
			w.buf = c.AppendTo(w.buf[:0])
			if err := cards.Append(atMs+due, w.buf); err != nil {
				return fmt.Errorf("building the Anki collection: %w", err)
			}
			w.cardNotes = append(w.cardNotes, id)
			w.cardDecks = append(w.cardDecks, did)
		}
		parent, _, _ := strings.Cut(n.Deck, "::")
		w.decks[parent] = true
		w.decks[n.Deck] = true
		w.notes++
	}
	return nil
}

func (w *packageWriter) Finish() error {
	defer w.Abort()
	if err := w.finishCollection(); err != nil {
		return fmt.Errorf("building the Anki collection: %w", err)
	}
	// The packs and the writer's buffers are garbage by now, and the
	// collector, tuned for the run's large heap, would let the
	// compressors' buffers come on top of them: collected first, the
	// compressors reuse their memory instead (peak memory 149-152 MB
	// without this at 10,000 packs, against 141 MB before the
	// compression was parallel).
	runtime.GC()
	f, err := w.out.Create(PackageName)
	if err != nil {
		return err
	}
	err = w.zip(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// finishCollection writes the col row and the indexes, and closes the
// file.
func (w *packageWriter) finishCollection() error {
	at := w.opt.Time
	models, decks, err := collectionJSON(w.decks, at)
	if err != nil {
		return err
	}
	atMs := at.UnixMilli()
	cards := len(w.cardNotes)
	conf := fmt.Sprintf(`{"activeDecks":[1],"addToCur":true,"collapseTime":1200,"curDeck":1,"curModel":"%d","dueCounts":true,"estTimes":true,"newSpread":0,"nextPos":%d,"sortBackwards":false,"sortType":"noteFld","timeLim":0}`, quizType.ID(), cards+1)
	var r sqlitefile.Record
	r.Null() // id, the rowid
	for _, v := range [...]int64{at.Unix() - at.Unix()%86400, atMs, atMs, 11, 0, 0, 0} {
		r.Int(v) // crt, mod, scm, ver, dty, usn, ls
	}
	for _, v := range [...]string{conf, models, decks, deckConf, "{}"} {
		r.Text(v) // conf, models, decks, dconf, tags
	}
	if err := w.tables["col"].Append(1, r.AppendTo(nil)); err != nil {
		return err
	}
	for _, o := range schema11 {
		if o.kind != "index" {
			continue
		}
		entries, cols := w.indexEntries(o.name, atMs)
		if err := w.file.Index(o.name, o.table, o.sql, cols, entries); err != nil {
			return err
		}
	}
	page1, err := w.file.Close()
	w.file = nil
	if err != nil {
		return err
	}
	w.page1 = page1
	err = w.deflater.Close()
	w.restCRC, w.restSize = w.deflater.CRC32(), w.deflater.Size()
	w.deflater = nil
	return err
}

// indexEntries are an index's entries, its columns then the rowid: note
// ids run from atMs up, card ids from atMs+1, and usn is -1 throughout.
func (w *packageWriter) indexEntries(name string, atMs int64) ([]int64, int) {
	var e []int64
	switch name {
	case "ix_notes_usn":
		for i := range w.notes {
			e = append(e, -1, atMs+int64(i))
		}
		return e, 2
	case "ix_notes_csum":
		for i, csum := range w.csums {
			e = append(e, csum, atMs+int64(i))
		}
		return e, 2
	case "ix_cards_usn":
		for i := range w.cardNotes {
			e = append(e, -1, atMs+int64(i+1))
		}
		return e, 2
	case "ix_cards_nid":
		for i, nid := range w.cardNotes {
			e = append(e, nid, atMs+int64(i+1))
		}
		return e, 2
	case "ix_cards_sched":
		for i, did := range w.cardDecks {
			e = append(e, did, 0, int64(i+1), atMs+int64(i+1))
		}
		return e, 4
	}
	return nil, 2 // the revlog's, empty
}

// zip writes the package: the collection, page 1 compressed now and put
// in front of the pages compressed as they were made, then the media list.
func (w *packageWriter) zip(dst io.Writer) error {
	var first bytes.Buffer
	fw, err := flate.NewWriter(&first, collectionLevel)
	if err != nil {
		return err
	}
	fw.Write(w.page1) // into a buffer: no error
	fw.Flush()        // a sync flush: the rest's blocks follow on a byte boundary
	restSize, err := w.rest.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := w.rest.Seek(0, io.SeekStart); err != nil {
		return err
	}
	zw := zip.NewWriter(dst)
	h := &zip.FileHeader{
		Name:               "collection.anki2",
		Method:             zip.Deflate,
		CRC32:              crc32Combine(crc32.ChecksumIEEE(w.page1), w.restCRC, w.restSize),
		CompressedSize64:   uint64(first.Len()) + uint64(restSize),
		UncompressedSize64: uint64(len(w.page1)) + uint64(w.restSize),
	}
	h.ModifiedDate, h.ModifiedTime = msDosTime(zipTime)
	raw, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	if _, err := raw.Write(first.Bytes()); err != nil {
		return err
	}
	if _, err := io.Copy(raw, w.rest); err != nil {
		return err
	}
	media, err := zw.CreateHeader(&zip.FileHeader{Name: "media", Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(media, "{}"); err != nil {
		return err
	}
	return zw.Close()
}

// msDosTime is t as a zip entry's date and time fields (CreateRaw, unlike
// CreateHeader, does not set them from Modified).
func msDosTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// Abort stops the compressor, closes the files and removes the temporary
// directory.
func (w *packageWriter) Abort() {
	w.file = nil
	if w.deflater != nil {
		w.deflater.Close() // ends its goroutines; what it wrote is thrown away
		w.deflater = nil
	}
	if w.rest != nil {
		w.rest.Close()
		w.rest = nil
	}
	if w.dir != "" {
		os.RemoveAll(w.dir)
		w.dir = ""
	}
}

const deckConf = `{"1":{"autoplay":true,"dyn":false,"id":1,"lapse":{"delays":[10],"leechAction":1,"leechFails":8,"minInt":1,"mult":0},"maxTaken":60,"mod":0,"name":"Default","new":{"bury":false,"delays":[1,10],"initialFactor":2500,"ints":[1,4,0],"order":1,"perDay":20},"replayq":true,"rev":{"bury":false,"ease4":1.3,"hardFactor":1.2,"ivlFct":1,"maxIvl":36500,"perDay":200},"timer":0,"usn":0}}`

type fieldJSON struct {
	Name   string   `json:"name"`
	Ord    int      `json:"ord"`
	Sticky bool     `json:"sticky"`
	RTL    bool     `json:"rtl"`
	Font   string   `json:"font"`
	Size   int      `json:"size"`
	Media  []string `json:"media"`
}

type templateJSON struct {
	Name  string `json:"name"`
	Ord   int    `json:"ord"`
	QFmt  string `json:"qfmt"`
	AFmt  string `json:"afmt"`
	BQFmt string `json:"bqfmt"`
	BAFmt string `json:"bafmt"`
	Did   *int64 `json:"did"`
	BFont string `json:"bfont"`
	BSize int    `json:"bsize"`
}

type modelJSON struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	Type      int            `json:"type"`
	Mod       int64          `json:"mod"`
	USN       int            `json:"usn"`
	SortF     int            `json:"sortf"`
	Did       *int64         `json:"did"`
	CSS       string         `json:"css"`
	LatexPre  string         `json:"latexPre"`
	LatexPost string         `json:"latexPost"`
	LatexSVG  bool           `json:"latexsvg"`
	Req       [][]any        `json:"req"`
	Tags      []string       `json:"tags"`
	Vers      []int          `json:"vers"`
	Flds      []fieldJSON    `json:"flds"`
	Tmpls     []templateJSON `json:"tmpls"`
}

type deckJSON struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	Desc             string `json:"desc"`
	Mod              int64  `json:"mod"`
	USN              int    `json:"usn"`
	Collapsed        bool   `json:"collapsed"`
	BrowserCollapsed bool   `json:"browserCollapsed"`
	Dyn              int    `json:"dyn"`
	Conf             int    `json:"conf"`
	ExtendNew        int    `json:"extendNew"`
	ExtendRev        int    `json:"extendRev"`
	NewToday         [2]int `json:"newToday"`
	RevToday         [2]int `json:"revToday"`
	LrnToday         [2]int `json:"lrnToday"`
	TimeToday        [2]int `json:"timeToday"`
}

// collectionJSON builds col.models and col.decks.
func collectionJSON(deckNames map[string]bool, at time.Time) (models, decks string, err error) {
	ms := map[string]modelJSON{}
	for _, nt := range noteTypes {
		m := modelJSON{ID: nt.ID(), Name: nt.Name, Mod: at.Unix(), USN: -1, CSS: cardCSS,
			LatexPre:  "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
			LatexPost: "\\end{document}", Req: [][]any{{0, "any", []int{0}}}, Tags: []string{}, Vers: []int{}}
		for i, f := range nt.Fields {
			m.Flds = append(m.Flds, fieldJSON{Name: f, Ord: i, Font: "Arial", Size: 20, Media: []string{}})
		}
		m.Tmpls = []templateJSON{{Name: "Card 1", QFmt: nt.QFmt, AFmt: nt.AFmt}}
		if nt.Cloze {
			m.Type = 1
			m.Tmpls[0].Name = "Cloze"
		}
		ms[fmt.Sprint(m.ID)] = m
	}
	ds := map[string]deckJSON{"1": {ID: 1, Name: "Default", Conf: 1}}
	for name := range deckNames {
		id := stableID("deck", name)
		ds[fmt.Sprint(id)] = deckJSON{ID: id, Name: name, Mod: at.Unix(), USN: -1, Conf: 1, ExtendRev: 50}
	}
	mb, err := marshal(ms)
	if err != nil {
		return "", "", err
	}
	db, err := marshal(ds)
	return mb, db, err
}

// marshal writes JSON with map keys sorted (encoding/json does) and HTML
// left readable in templates.
func marshal(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}
