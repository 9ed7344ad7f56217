package lintcache

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
)

// TestFill: every input gets its own results or a Done that records them,
// whether it is named relative to the working directory (looked up without
// its absolute form), by an absolute path or by an unclean one, across
// several directories (the stats go through each directory's descriptor).
func TestFill(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, p := range []string{"a/1.yaml", "a/2.yaml", "b/3.yaml", "4.yaml"} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("id: "+p+"\n"), 0o644)
	}
	cachePath := filepath.Join(dir, "cache")
	first := Open(cachePath, "k")
	for _, p := range []string{"a/1.yaml", "a/2.yaml", "b/3.yaml", "4.yaml"} {
		src, _ := os.ReadFile(p)
		first.Put(p, src, result("of "+p))
	}
	if err := first.Save(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("a/2.yaml", []byte("id: changed\n"), 0o644)

	inputs := []lint.Input{{Path: "a/1.yaml"}, {Path: "a/2.yaml"}, {Path: filepath.Join(dir, "b", "3.yaml")}, {Path: "./4.yaml"},
		{Path: "a/../b/3.yaml"}, {Path: "a/9.yaml"}}
	c := Open(cachePath, "k")
	c.Fill(inputs)
	want := map[string]string{"a/1.yaml": "of a/1.yaml", filepath.Join(dir, "b", "3.yaml"): "of b/3.yaml", "./4.yaml": "of 4.yaml",
		"a/../b/3.yaml": "of b/3.yaml"}
	for _, in := range inputs {
		msg, hit := want[in.Path]
		switch {
		case hit && (in.Cached == nil || in.Cached.Diags[0].Message != msg || in.Cached.Diags[0].File != in.Path):
			t.Errorf("%s: cached %+v, want %q reported on it", in.Path, in.Cached, msg)
		case hit && in.Done != nil:
			t.Errorf("%s: a hit is recorded again", in.Path)
		case !hit && (in.Cached != nil || in.Done == nil):
			t.Errorf("%s: a changed or new file must be linted and recorded: cached %+v", in.Path, in.Cached)
		}
	}
	if hits, misses := c.Stats(); hits != 4 || misses != 2 {
		t.Errorf("hits, misses = %d, %d; want 4, 2", hits, misses)
	}
}

// TestCompareJoined agrees with comparing the concatenation.
func TestCompareJoined(t *testing.T) {
	words := []string{"", "/", "/a", "/a/", "/a/b", "/a/b.yaml", "/ab", "/b", "a", "a/b"}
	for _, a := range words {
		for _, b := range words {
			for _, s := range words {
				want := 0
				switch {
				case a+b < s:
					want = -1
				case a+b > s:
					want = 1
				}
				if got := compareJoined(a, b, s); got != want {
					t.Errorf("compareJoined(%q, %q, %q) = %d, want %d", a, b, s, got, want)
				}
			}
		}
	}
}

// TestCleanLocalSlashed: the one-pass check agrees with the standard
// library's IsLocal and Clean on every path below but ".", which both
// accept and whose absolute form is not the working directory, a
// separator and "." (a file is never named ".").
func TestCleanLocalSlashed(t *testing.T) {
	paths := []string{"", ".", "..", "/", "a", "a/b", "a/b.yaml", "/a", "a/", "a//b", "./a", "a/.", "a/..", "../a",
		"a/../b", "a/./b", ".a", "..a", "a..", "a/.b", "a/..b/c", "...", "a/...", "//", "a\\b", "a/b/"}
	for _, p := range paths {
		want := filepath.IsLocal(p) && filepath.Clean(p) == p && p != "."
		if got := cleanLocalSlashed(p); got != want {
			t.Errorf("cleanLocalSlashed(%q) = %v, want %v", p, got, want)
		}
	}
}

func FuzzCleanLocalSlashed(f *testing.F) {
	for _, p := range []string{"a/b", "a//b", "./a", "a/..", "..."} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if want := filepath.IsLocal(p) && filepath.Clean(p) == p && p != "."; cleanLocalSlashed(p) != want {
			t.Errorf("cleanLocalSlashed(%q) = %v, want %v", p, !want, want)
		}
	})
}
