package anki

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // reads the collections back, and builds the oracle's

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/pack"
)

func TestGUIDVectors(t *testing.T) {
	// vectors checked against genanki's guid_for (shared/research/anki.md)
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"a"}, "IkF(BOZ;]l"},
		{[]string{"Front", "Back"}, "n.HtO+~]Di"},
		{[]string{"starlint", "pack-1", "q-001"}, "s(jE%ei0Np"},
		{[]string{""}, "ME_YHw2?15"},
		{[]string{"héllo"}, "kn%0]f%>9^"},
		{[]string{"1234"}, "4AAOWZP#f"},
		{[]string{"starlint", "lead-001"}, "uCU94@Bn|1"},
		{[]string{"starlint", "q-2907"}, "#Bj}JOjo]"},
	} {
		if got := GUIDFor(tt.in...); got != tt.want {
			t.Errorf("GUIDFor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChecksumVectors(t *testing.T) {
	for in, want := range map[string]uint32{
		"Tell me about a time you led a team": 1037862821,
		"":                                    3661210606,
		"AT&T <b>":                            1232794347,
	} {
		if got := Checksum(in); got != want {
			t.Errorf("Checksum(%q) = %d, want %d", in, got, want)
		}
	}
	if got := StripHTML(`<b>AT&amp;T</b> &lt;tag&gt;`); got != "AT&T  <tag>" {
		t.Errorf("StripHTML = %q", got)
	}
}

func TestStableIDs(t *testing.T) {
	// Changing a note type's name, fields or template makes Anki see a new
	// note type and stop updating learners' notes: pin them.
	want := map[*noteType]int64{quizType: 1385938504, followupType: 2042605238, stepType: 1393364630, clozeType: 1950282167}
	for nt, id := range want {
		if nt.ID() != id {
			t.Errorf("%s: id %d, want %d: a new id makes Anki import a copy of the note type", nt.Name, nt.ID(), id)
		}
		if id < 1<<30 || id >= 1<<31 {
			t.Errorf("%s: id %d outside [2^30, 2^31)", nt.Name, id)
		}
	}
	fields := map[*noteType]string{
		quizType:     "Question Options Answer Solution Hint Mistakes Pattern Difficulty",
		followupType: "Question Probes Strong Takeaway Weak Critique Pattern",
		stepType:     "Front Pattern Step Prompt Example Coaching Mistake Target",
		clozeType:    "Text Extra Pattern Step",
	}
	for nt, f := range fields {
		if got := strings.Join(nt.Fields, " "); got != f {
			t.Errorf("%s fields = %s, want %s", nt.Name, got, f)
		}
	}
}

func exportPackage(t *testing.T, packs []*export.Source, at time.Time) []byte {
	t.Helper()
	out := exporttest.Run(t, Exporter{}, packs, export.Options{Time: at})
	data, ok := out.Files[PackageName]
	if !ok || len(out.Files) != 1 {
		t.Fatalf("files = %v", out.Names())
	}
	return data
}

// openCollection unzips a package and opens its collection.
func openCollection(t *testing.T, apkg []byte) *sql.DB {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(apkg), int64(len(apkg)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: zip time %v, want the fixed %v", f.Name, f.Modified, zipTime)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	if strings.Join(names, ",") != "collection.anki2,media" {
		t.Errorf("zip entries = %v, want collection.anki2 and media", names)
	}
	if string(files["media"]) != "{}" {
		t.Errorf("media = %q", files["media"])
	}
	path := filepath.Join(t.TempDir(), "collection.anki2")
	if err := os.WriteFile(path, files["collection.anki2"], 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestPackageStructure runs the structural checks that mirror what Anki's
// importer requires (testdata/check.sql, from the Anki research): every
// printed row is a failure.
func TestPackageStructure(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	db := openCollection(t, exportPackage(t, packs, exporttest.Epoch))
	checks, err := os.ReadFile("testdata/check.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(string(checks), ";\n") {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		if strings.Contains(q, "unixepoch()") {
			q = strings.ReplaceAll(q, "unixepoch()", "strftime('%s','now')")
		}
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
		for rows.Next() {
			var failure string
			if err := rows.Scan(&failure); err != nil {
				t.Fatal(err)
			}
			t.Errorf("%s", failure)
		}
		rows.Close()
	}

	// a note per step, follow-up, quiz item and check, and a cloze note
	// per step whose example holds a key phrase; a card per note, and per
	// deletion of a cloze note
	var notes, cards, clozeNotes, clozeCards int
	db.QueryRow("select count(*) from notes").Scan(&notes)
	db.QueryRow("select count(*) from cards").Scan(&cards)
	db.QueryRow("select count(*) from notes where mid = ?", clozeType.ID()).Scan(&clozeNotes)
	db.QueryRow("select count(*) from cards c join notes n on n.id = c.nid where n.mid = ?", clozeType.ID()).Scan(&clozeCards)
	want := 0
	for _, p := range packs {
		want += 5 + len(p.Pack.Followups) + len(p.Pack.Quiz)
		if p.Pack.WeakAnswer != nil {
			want += len(p.Pack.WeakAnswer.Checks) // a quiz note each
		}
	}
	if notes-clozeNotes != want || cards-clozeCards != want {
		t.Errorf("notes = %d, cards = %d besides the cloze ones, want %d each", notes-clozeNotes, cards-clozeCards, want)
	}
	if clozeNotes < 4 || clozeCards <= clozeNotes {
		t.Errorf("%d cloze notes with %d cards: every step of the example packs has phrases", clozeNotes, clozeCards)
	}

	// every note: the field count of its type, the first field's checksum,
	// seconds for mod, and a due order that counts up
	rows, err := db.Query("select n.flds, n.sfld, n.csum, n.mod, n.mid, c.due from notes n join cards c on c.nid = n.id order by c.due")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byID := typesByID()
	lastDue := 0
	for rows.Next() {
		var flds, sfld string
		var csum, mod, mid int64
		var due int
		if err := rows.Scan(&flds, &sfld, &csum, &mod, &mid, &due); err != nil {
			t.Fatal(err)
		}
		nt := byID[mid]
		if nt == nil || strings.Count(flds, "\x1f") != len(nt.Fields)-1 {
			t.Errorf("note of type %d has %d fields", mid, strings.Count(flds, "\x1f")+1)
			continue
		}
		first := strings.Split(flds, "\x1f")[0]
		if sfld != StripHTML(first) || uint32(csum) != Checksum(StripHTML(first)) {
			t.Errorf("note %q: sfld %q csum %d", first, sfld, csum)
		}
		if mod != exporttest.Epoch.Unix() {
			t.Errorf("mod = %d, want %d (seconds)", mod, exporttest.Epoch.Unix())
		}
		if due != lastDue+1 {
			t.Errorf("due %d after %d", due, lastDue)
		}
		lastDue = due
	}

	var models, decks string
	db.QueryRow("select models, decks from col").Scan(&models, &decks)
	var deckMap map[string]struct{ Name string }
	if err := json.Unmarshal([]byte(decks), &deckMap); err != nil {
		t.Fatal(err)
	}
	var deckNames []string
	for _, d := range deckMap {
		deckNames = append(deckNames, d.Name)
	}
	joined := strings.Join(deckNames, "\n")
	for _, want := range []string{"General Behavioral", "General Behavioral::Tell Me About a Time You Failed to Deliver on a Commitment"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no deck %q in %v", want, deckNames)
		}
	}
}

func TestFieldsEscapeText(t *testing.T) {
	packs := exporttest.Load(t, "../testdata/hostile-text.yaml")
	db := openCollection(t, exportPackage(t, packs, exporttest.Epoch))
	rows, err := db.Query("select flds, tags from notes")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var flds, tags string
		rows.Scan(&flds, &tags)
		for _, bad := range []string{"<script", "<img", "<iframe", "<svg", "</textarea", "</style", "</div>"} {
			if strings.Contains(flds, bad) {
				t.Errorf("field holds raw %s: %q", bad, flds)
			}
		}
		if strings.Contains(flds, "&lt;script&gt;") {
			seen++
		}
		if strings.Contains(tags, "<img src=x") {
			t.Errorf("tags hold raw markup: %q", tags)
		}
	}
	if seen == 0 {
		t.Error("the escaped script text is missing: it must show as text")
	}
}

func noteRows(t *testing.T, db *sql.DB) map[string][2]string {
	t.Helper()
	rows, err := db.Query("select guid, mid, mod, flds from notes")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][2]string{}
	for rows.Next() {
		var guid, mid, mod, flds string
		rows.Scan(&guid, &mid, &mod, &flds)
		out[guid] = [2]string{mid + "/" + mod, flds}
	}
	return out
}

// TestReexportUpdates: exporting twice gives byte-identical packages;
// exporting an edited pack later keeps every GUID, note type and deck, and
// only the edited note's fields change, with a newer mod.
func TestReexportUpdates(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml")
	first := exportPackage(t, packs, exporttest.Epoch)
	if again := exportPackage(t, packs, exporttest.Epoch); !bytes.Equal(first, again) {
		t.Fatal("two exports of the same packs differ")
	}
	before := noteRows(t, openCollection(t, first))

	later := exporttest.Epoch.Add(48 * time.Hour)
	edited := exporttest.Load(t, "../../testdata/packs/*.yaml")
	for _, p := range edited {
		p.Modified = later
		if p.Pack.ID == "failed-to-deliver" {
			p.Pack.Quiz[2].Question = "An edited question?"
		}
	}
	after := noteRows(t, openCollection(t, exportPackage(t, edited, later)))
	if len(after) != len(before) {
		t.Fatalf("%d notes before, %d after", len(before), len(after))
	}
	changed := 0
	for guid, b := range before {
		a, ok := after[guid]
		if !ok {
			t.Fatalf("GUID %s lost after the edit", guid)
		}
		midB, _, _ := strings.Cut(b[0], "/")
		midA, modA, _ := strings.Cut(a[0], "/")
		if midA != midB {
			t.Errorf("note type changed for %s", guid)
		}
		if modA != "1767398400" {
			t.Errorf("mod = %s, want the later export time", modA)
		}
		if a[1] != b[1] {
			changed++
			if !strings.Contains(a[1], "An edited question?") {
				t.Errorf("unexpected change in %s", guid)
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d notes changed, want 1", changed)
	}
}

// TestTextImport reads the text files as Anki does (headers, then tab
// records with '#' comments) and checks they carry the apkg's GUIDs.
func TestTextImport(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	out := exporttest.Run(t, TextExporter{}, packs, export.Options{})
	db := openCollection(t, exportPackage(t, packs, exporttest.Epoch))
	guids := noteRows(t, db)
	total := 0
	for _, nt := range noteTypes {
		data := string(out.Files[TextFileName(nt)])
		lines := strings.SplitN(data, "\n", 8)
		wantHeaders := []string{"#separator:tab", "#html:true", "#notetype:" + nt.Name}
		for i, h := range wantHeaders {
			if lines[i] != h {
				t.Errorf("%s line %d = %q, want %q", nt.Name, i+1, lines[i], h)
			}
		}
		r := csv.NewReader(strings.NewReader(data))
		r.Comma, r.Comment, r.FieldsPerRecord = '\t', '#', -1
		records, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", nt.Name, err)
		}
		for _, rec := range records {
			if len(rec) != len(nt.Fields)+3 {
				t.Errorf("%s: record has %d columns, want %d", nt.Name, len(rec), len(nt.Fields)+3)
				continue
			}
			guid := rec[len(rec)-1]
			if _, ok := guids[guid]; !ok {
				t.Errorf("%s: GUID %q is not in the package", nt.Name, guid)
			}
			if got := guids[guid][1]; got != strings.Join(rec[:len(nt.Fields)], "\x1f") {
				t.Errorf("%s: fields differ from the package's for %s", nt.Name, guid)
			}
		}
		total += len(records)
	}
	if total != len(guids) {
		t.Errorf("%d text records, %d notes in the package", total, len(guids))
	}
}

func TestNoteKeysFollowIdentityNotPosition(t *testing.T) {
	guids := func(p *pack.Pack) map[string]string { // question -> GUID
		out := map[string]string{}
		for _, n := range notesFor(&export.Source{Pack: p, Modified: exporttest.Epoch}, "D", 150) {
			if n.Type == quizType || n.Type == followupType {
				out[n.Type.Name+":"+n.Fields[0]] = n.GUID
			}
		}
		return out
	}
	p := &pack.Pack{ID: "p", Title: "T", Category: "C",
		Quiz:      []pack.QuizItem{{ID: "a", Question: "Q"}, {Question: "R"}, {Question: "S"}},
		Followups: []pack.Followup{{Question: "F1"}, {ID: "second", Question: "F2"}}}
	before := guids(p)
	if before[quizType.Name+":Q"] != GUIDFor("starlint", "p", "quiz:a") || before[quizType.Name+":R"] != GUIDFor("starlint", "p", "quiz:"+pack.ItemKey("", "R")) {
		t.Errorf("quiz GUIDs = %v: want the id, else the question's key", before)
	}
	// reordered lists: every note keeps its GUID
	p.Quiz[1], p.Quiz[2] = p.Quiz[2], p.Quiz[1]
	p.Followups[0], p.Followups[1] = p.Followups[1], p.Followups[0]
	if after := guids(p); !reflect.DeepEqual(after, before) {
		t.Errorf("reordering changed GUIDs:\n before %v\n after  %v", before, after)
	}
	// a reworded question without an id is a new note
	p.Quiz[1].Question = "S, reworded"
	if after := guids(p); after[quizType.Name+":S, reworded"] == before[quizType.Name+":S"] {
		t.Error("a reworded question kept its GUID")
	}
}

// TestFieldsStayInTheirPlaces: the field separator (U+001F) and NUL in pack
// text no longer shift a note's fields, ":::" in a category makes no
// nested deck, and [sound:...], [latex] and {{...}} reach Anki as text,
// not as its syntax (the review's corrupted notes).
func TestFieldsStayInTheirPlaces(t *testing.T) {
	packs := exporttest.Load(t, "testdata/hostile-anki.yaml")
	db := openCollection(t, exportPackage(t, packs, exporttest.Epoch))
	byID := typesByID()
	rows, err := db.Query("select flds, mid, tags from notes")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var flds, tags string
		var mid int64
		rows.Scan(&flds, &mid, &tags)
		n++
		if nt := byID[mid]; nt == nil || strings.Count(flds, "\x1f") != len(nt.Fields)-1 {
			t.Errorf("a note of type %d has %d fields: %q", mid, strings.Count(flds, "\x1f")+1, flds)
		}
		for _, bad := range []string{"\x00", "[sound:", "[latex]", "[$]", "{{c1::", "{{hint}}"} {
			if strings.Contains(flds, bad) {
				t.Errorf("note holds raw %q: %q", bad, flds)
			}
		}
		// tags are not rendered (no media or LaTeX there), but a control
		// character would still break the tags column
		if strings.ContainsAny(tags, "\x00\x1f") {
			t.Errorf("tags hold a control character: %q", tags)
		}
	}
	if n == 0 {
		t.Fatal("no notes")
	}
	var decks string
	db.QueryRow("select decks from col").Scan(&decks)
	if strings.Contains(decks, "General::Behavioral") || !strings.Contains(decks, "General:Behavioral") {
		t.Errorf("decks %s: the category must be one level", decks)
	}
}

func typesByID() map[int64]*noteType {
	out := map[int64]*noteType{}
	for _, nt := range noteTypes {
		out[nt.ID()] = nt
	}
	return out
}
