package sqlitefile

import (
	"database/sql"
	"math"
	"path/filepath"
	"testing"
)

// affinityOracle stores texts through SQLite itself, into a column of
// INTEGER affinity, and reads back what it kept.
type affinityOracle struct {
	db     *sql.DB
	insert *sql.Stmt
}

func newAffinityOracle(t testing.TB) *affinityOracle {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "oracle.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec("CREATE TABLE t (x integer)"); err != nil {
		t.Fatal(err)
	}
	insert, err := db.Prepare("INSERT INTO t VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	return &affinityOracle{db, insert}
}

func (o *affinityOracle) check(t testing.TB, s string) {
	t.Helper()
	if _, err := o.db.Exec("DELETE FROM t"); err != nil {
		t.Fatal(err)
	}
	if _, err := o.insert.Exec(s); err != nil {
		t.Fatal(err)
	}
	var kind string
	var v any
	if err := o.db.QueryRow("SELECT typeof(x), x FROM t").Scan(&kind, &v); err != nil {
		t.Fatal(err)
	}
	i, f, stored := integerAffinity(s)
	switch {
	case kind == "integer" && stored == storedInt && v.(int64) == i:
	case kind == "real" && stored == storedReal && (v.(float64) == f || math.IsNaN(f) && math.IsNaN(v.(float64))):
	case kind == "real" && stored == storedReal && significantDigits(s) > 15 && math.Abs(v.(float64)-f) <= math.Abs(f)*1e-15:
		// SQLite's own conversion is not correctly rounded past the
		// digits a float64 holds; ParseFloat is (see integerAffinity)
	case kind == "text" && stored == storedText:
	default:
		t.Errorf("%q: SQLite stores %s %v; we would store kind %d (%d, %v)", s, kind, v, stored, i, f)
	}
}

// significantDigits counts the digits of a number's mantissa from its
// first one that is not 0.
func significantDigits(s string) int {
	n, started := 0, false
	for _, c := range s {
		switch {
		case c == 'e' || c == 'E':
			return n
		case c >= '1' && c <= '9', c == '0' && started:
			started = true
			n++
		}
	}
	return n
}

func TestTextAsAgreesWithSQLite(t *testing.T) {
	o := newAffinityOracle(t)
	for _, s := range []string{
		"", " ", "0", "1", "-1", "+7", " 42 ", "\t42\n", "\v42\f", "\r42", "4 2", "42x", "x42",
		"1.0", "1.5", "-0.0", ".5", "5.", ".", "-", "+", "1e3", "1E3", "1e-3", "1e+3", "1e", "1e+", "e3",
		"1.5e2", "2.5e-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "1e19", "1e308", "1e309", "-1e309", "0x10", "1_000", "１", "007", "-007.50",
		"Tell me about a time", "12 angry men", "3.14159", "100%", "0\x00", "1.5\x00zz", "\x001",
		"92233785477588020367000", "0.1000000000000000055511151231257827",
	} {
		o.check(t, s)
	}
}

func FuzzTextAsAgreesWithSQLite(f *testing.F) {
	for _, s := range []string{"42", " -1.5e3 ", "1e", ".5", "9223372036854775808", "abc"} {
		f.Add(s)
	}
	o := newAffinityOracle(f)
	f.Fuzz(func(t *testing.T, s string) { o.check(t, s) })
}
