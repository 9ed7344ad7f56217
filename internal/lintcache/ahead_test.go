package lintcache

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
)

// TestResultsDecodedAhead: results decoded between Open and Fill carry
// the path each input names, also when two inputs name one file (each
// gets its own result), and a damaged record stops the decoding ahead
// without losing the records after it, which are decoded on lookup.
func TestResultsDecodedAhead(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	names := []string{"a.yaml", "b.yaml", "c.yaml"}
	cachePath := filepath.Join(dir, "cache")
	first := Open(cachePath, "k")
	for _, p := range names {
		os.WriteFile(p, []byte("id: "+p+"\n"), 0o644)
		aged(t, p)
		first.Put(p, []byte("id: "+p+"\n"), result("of "+p))
	}
	if err := first.Save(); err != nil {
		t.Fatal(err)
	}

	c := Open(cachePath, "k")
	<-c.ahead.done // all decoded before the lookups
	if c.ahead.upTo != len(names) {
		t.Fatalf("decoded ahead %d of %d records", c.ahead.upTo, len(names))
	}
	inputs := []lint.Input{{Path: "a.yaml"}, {Path: filepath.Join(dir, "a.yaml")}, {Path: "b.yaml"}, {Path: "./c.yaml"}}
	c.Fill(inputs)
	for _, in := range inputs {
		if in.Cached == nil {
			t.Fatalf("%s: a miss", in.Path)
		}
		if got := in.Cached.Diags[0].File; got != in.Path {
			t.Errorf("%s: its finding names %q", in.Path, got)
		}
		if got := in.Cached.Ref.File; got != in.Path {
			t.Errorf("%s: its pack ref names %q", in.Path, got)
		}
		if got := in.Cached.Ref.ID; got != "a" { // a.yaml's id is its stem, the others' their own
			t.Errorf("%s: its pack id is %q", in.Path, got)
		}
	}
	if inputs[0].Cached == inputs[1].Cached {
		t.Error("two inputs naming one file share one result")
	}

	// damage the second record's result: the first is decoded ahead, the
	// second is a miss, the third is still a hit, decoded on lookup
	damaged := Open(cachePath, "k")
	damaged.Put("b.yaml", []byte("id: b.yaml\n"), result("of b.yaml"))
	for _, e := range damaged.changed {
		e.result = "\x05" // five diagnostics, and nothing of them
	}
	if err := damaged.Save(); err != nil {
		t.Fatal(err)
	}
	d := Open(cachePath, "k")
	<-d.ahead.done
	if d.ahead.upTo != 1 {
		t.Fatalf("decoded ahead up to record %d, want 1 (the damaged one)", d.ahead.upTo)
	}
	again := []lint.Input{{Path: "a.yaml"}, {Path: "b.yaml"}, {Path: "c.yaml"}}
	d.Fill(again)
	if again[0].Cached == nil || again[1].Cached != nil || again[2].Cached == nil {
		t.Fatalf("hits %v %v %v, want a and c only", again[0].Cached != nil, again[1].Cached != nil, again[2].Cached != nil)
	}
	if got := again[2].Cached.Diags[0].Message; got != "of c.yaml" {
		t.Errorf("c.yaml decoded on lookup: %q", got)
	}
}
