package sqlitefile

import (
	"bytes"
	"cmp"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// row is a test row: its rowid and its columns (int64, float64 or string).
type row struct {
	id   int64
	vals []any
}

func (r row) record() []byte {
	var rec Record
	rec.Null() // the INTEGER PRIMARY KEY
	for _, v := range r.vals {
		switch v := v.(type) {
		case int64:
			rec.Int(v)
		case float64:
			rec.Real(v)
		case string:
			rec.Text(v)
		}
	}
	return rec.AppendTo(nil)
}

// randomRows has rising rowids, some far apart or negative, and texts
// from empty to several pages long, so that rows overflow into chains.
func randomRows(rng *rand.Rand, n, pageSize int) []row {
	rows := make([]row, n)
	id := int64(rng.IntN(5)) - 2
	if rng.IntN(4) == 0 {
		id = -1 << 40
	}
	for i := range rows {
		id += 1 + int64(rng.IntN(3))
		if rng.IntN(50) == 0 {
			id += 1 << uint(rng.IntN(40))
		}
		size := rng.IntN(200)
		switch rng.IntN(10) {
		case 0:
			size = rng.IntN(4 * pageSize)
		case 1:
			size = pageSize - 40 + rng.IntN(80) // around the overflow threshold
		}
		// every width of integer, and repeats, for the indexes
		ints := []int64{0, 1, -1, 127, -129, 1 << 20, -1 << 30, 1 << 40, -1 << 50, 1<<63 - 1, -1 << 63}
		n := ints[rng.IntN(len(ints))]
		if n < 1<<62 {
			n += int64(rng.IntN(3))
		}
		rows[i] = row{id, []any{n, strings.Repeat(string(rune('a'+i%26)), size), rng.Float64() * 1e6}}
	}
	return rows
}

func TestFileReadsBackWithIntegrity(t *testing.T) {
	for _, pageSize := range []int{512, 1024, 4096, 16384, 65536} {
		for seed := range 4 {
			t.Run(fmt.Sprintf("page%d/seed%d", pageSize, seed), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(seed), uint64(pageSize)))
				var rest bytes.Buffer
				f, err := New(&rest, pageSize)
				if err != nil {
					t.Fatal(err)
				}
				// an empty table, one row, a leaf or two, and enough
				// rows for interior levels at small page sizes
				tables := map[string][]row{}
				writers := map[string]*Table{}
				var names []string
				for i, n := range []int{0, 1, 40, 3000} {
					name := fmt.Sprintf("t%d", i)
					names = append(names, name)
					tables[name] = randomRows(rng, n, pageSize)
					writers[name] = f.Table(name, "CREATE TABLE "+name+" (id integer primary key, n integer, s text, r real)")
				}
				// the tables' rows interleaved, as an export adds them
				for i := 0; i < 3000; i++ {
					for _, name := range names {
						if rs := tables[name]; i < len(rs) {
							if err := writers[name].Append(rs[i].id, rs[i].record()); err != nil {
								t.Fatal(err)
							}
						}
					}
				}
				for _, name := range []string{"t0", "t2", "t3"} {
					var byN, byNAndID []int64
					for _, r := range tables[name] {
						byN = append(byN, r.vals[0].(int64), r.id)
						byNAndID = append(byNAndID, r.vals[0].(int64), r.id, r.id)
					}
					if err := f.Index("ix_"+name+"_n", name, "CREATE INDEX ix_"+name+"_n on "+name+" (n)", 2, byN); err != nil {
						t.Fatal(err)
					}
					if err := f.Index("ix_"+name+"_n_id", name, "CREATE INDEX ix_"+name+"_n_id on "+name+" (n, id)", 3, byNAndID); err != nil {
						t.Fatal(err)
					}
				}
				page1, err := f.Close()
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), "t.db")
				if err := os.WriteFile(path, append(page1, rest.Bytes()...), 0o644); err != nil {
					t.Fatal(err)
				}
				checkDB(t, path, tables)
			})
		}
	}
}

func checkDB(t *testing.T, path string, tables map[string][]row) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %.600q, %v", check, err)
	}
	for name, want := range tables {
		rows, err := db.Query("SELECT id, n, s, r FROM " + name + " ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		var got []row
		for rows.Next() {
			var r row
			var n int64
			var s string
			var f float64
			if err := rows.Scan(&r.id, &n, &s, &f); err != nil {
				t.Fatal(err)
			}
			r.vals = []any{n, s, f}
			got = append(got, r)
		}
		rows.Close()
		for _, ix := range []string{"n", "n_id"} {
			// through the index: the rowids in (n, rowid) order
			ids, err := db.Query("SELECT id FROM " + name + " INDEXED BY ix_" + name + "_" + ix + " WHERE n IS NOT NULL ORDER BY n, id")
			if err != nil {
				if !strings.Contains(err.Error(), "no such index") {
					t.Fatal(err)
				}
				continue
			}
			var got []int64
			for ids.Next() {
				var id int64
				ids.Scan(&id)
				got = append(got, id)
			}
			ids.Close()
			sorted := slices.Clone(want)
			slices.SortFunc(sorted, func(a, b row) int {
				if c := cmp.Compare(a.vals[0].(int64), b.vals[0].(int64)); c != 0 {
					return c
				}
				return cmp.Compare(a.id, b.id)
			})
			if len(got) != len(sorted) {
				t.Fatalf("%s through ix %s: %d rows, want %d", name, ix, len(got), len(sorted))
			}
			for i := range sorted {
				if got[i] != sorted[i].id {
					t.Fatalf("%s through ix %s: row %d is %d, want %d", name, ix, i, got[i], sorted[i].id)
				}
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", name, len(got), len(want))
		}
		for i := range want {
			if got[i].id != want[i].id || !slices.Equal(got[i].vals, want[i].vals) {
				t.Fatalf("%s row %d: got id %d %.40v, want id %d %.40v", name, i, got[i].id, got[i].vals, want[i].id, want[i].vals)
			}
		}
	}
}
