package anki

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
)

// sqlCollection builds the collection the way the exporter did before it
// wrote SQLite's file format itself: Anki's schema through SQL, and every
// note and card through INSERT. It is the oracle for the file writer.
func sqlCollection(t *testing.T, packs []*export.Source, opt export.Options) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "oracle.anki2"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	for _, o := range schema11 {
		if o.kind == "table" {
			exec(o.sql)
		}
	}
	atMs := opt.Time.UnixMilli()
	var names deckNamer
	deckSet := map[string]bool{}
	notes, cards := 0, 0
	for _, src := range packs {
		deck := names.deckFor(src.Pack)
		for _, n := range notesFor(src, deck, opt.WordsPerMinute) {
			id := atMs + int64(notes)
			sfld := StripHTML(n.Fields[0])
			tags := ""
			if len(n.Tags) > 0 {
				tags = " " + strings.Join(n.Tags, " ") + " "
			}
			exec(`INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')`, id, n.GUID, n.Type.ID(), n.Mod.Unix(), tags, strings.Join(n.Fields, "\x1f"), sfld, int64(Checksum(sfld)))
			for ord := 0; ord < n.Cards; ord++ {
				cards++
				exec(`INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')`, atMs+int64(cards), id, stableID("deck", n.Deck), ord, n.Mod.Unix(), cards)
			}
			parent, _, _ := strings.Cut(n.Deck, "::")
			deckSet[parent], deckSet[n.Deck] = true, true
			notes++
		}
	}
	models, decks, err := collectionJSON(deckSet, opt.Time)
	if err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`{"activeDecks":[1],"addToCur":true,"collapseTime":1200,"curDeck":1,"curModel":"%d","dueCounts":true,"estTimes":true,"newSpread":0,"nextPos":%d,"sortBackwards":false,"sortType":"noteFld","timeLim":0}`, quizType.ID(), cards+1)
	at := opt.Time
	exec(`INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`, at.Unix()-at.Unix()%86400, atMs, atMs, conf, models, decks, deckConf)
	for _, o := range schema11 {
		if o.kind == "index" {
			exec(o.sql)
		}
	}
	return db
}

// tableRows is every row of a table in rowid order, each value with the
// storage class SQLite reports for it.
func tableRows(t *testing.T, db *sql.DB, table string) [][]any {
	t.Helper()
	cols, err := db.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		t.Fatal(err)
	}
	var exprs []string
	for cols.Next() {
		var c string
		cols.Scan(&c)
		exprs = append(exprs, c, "typeof("+c+")")
	}
	cols.Close()
	return queryAll(t, db, "SELECT "+strings.Join(exprs, ", ")+" FROM "+table+" ORDER BY rowid")
}

// TestCollectionMatchesSQLInserts compares the collection the exporter
// writes with one built through SQLite's SQL from the same packs: the
// same schema, the same rows with the same storage classes (an sfld
// that reads as a number is stored as one), and SQLite's integrity_check
// finds nothing wrong with its pages or indexes.
func TestCollectionMatchesSQLInserts(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	// quiz questions that an INTEGER column turns into numbers
	for i, question := range []string{"42", " 1.5e3 ", "-7.25"} {
		src := *packs[i%len(packs)]
		p := *src.Pack
		p.Quiz = append(p.Quiz[:0:0], p.Quiz...)
		p.Quiz[0].Question = question
		src.Pack = &p
		packs[i%len(packs)] = &src
	}
	opt := export.Options{Time: exporttest.Epoch}
	ours := openCollection(t, exportPackage(t, packs, opt.Time))
	oracle := sqlCollection(t, packs, opt)

	var check string
	if err := ours.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	schema := "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid"
	if got, want := queryAll(t, ours, schema), queryAll(t, oracle, schema); !reflect.DeepEqual(got, want) {
		t.Errorf("schema:\n got %v\nwant %v", got, want)
	}
	numeric := 0
	for _, table := range []string{"col", "notes", "cards", "revlog", "graves"} {
		got, want := tableRows(t, ours, table), tableRows(t, oracle, table)
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", table, len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%s row %d:\n got %.300v\nwant %.300v", table, i, got[i], want[i])
			}
			if table == "notes" && got[i][15] != "text" { // sfld's storage class
				numeric++
			}
		}
	}
	if numeric != 3 {
		t.Errorf("%d notes have a numeric sfld, want the 3 planted", numeric)
	}
	// the indexes answer queries as SQLite's own do
	for _, q := range []string{
		"SELECT id FROM cards INDEXED BY ix_cards_sched ORDER BY did, queue, due",
		"SELECT id FROM notes INDEXED BY ix_notes_csum ORDER BY csum, id",
		"SELECT id, nid FROM cards INDEXED BY ix_cards_nid ORDER BY nid, id",
		"SELECT count(*) FROM notes INDEXED BY ix_notes_usn WHERE usn = -1",
	} {
		if got, want := queryAll(t, ours, q), queryAll(t, oracle, q); !reflect.DeepEqual(got, want) || len(got) == 0 {
			t.Errorf("%s: got %d rows, want the oracle's %d", q, len(got), len(want))
		}
	}
}

func queryAll(t *testing.T, db *sql.DB, q string) [][]any {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		rows.Scan(ptrs...)
		out = append(out, vals)
	}
	return out
}
