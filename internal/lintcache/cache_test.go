package lintcache

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

func result(msg string) lint.Cached {
	return lint.Cached{
		Diags: []lint.Diagnostic{{File: "x", Pos: pack.Pos{Line: 1, Col: 2}, Rule: "no-we", Severity: lint.Warning, Message: msg,
			Fix: &lint.SuggestedFix{Message: "m", Edits: []lint.TextEdit{{Start: 1, End: 2, NewText: "'"}}}}},
		Ref: &lint.PackRef{File: "x", ID: "a", Pos: pack.Pos{Line: 2, Col: 5}},
	}
}

// aged sets a file's times well before the cache write, as for a file
// edited long ago.
func aged(t *testing.T, path string) {
	t.Helper()
	old := time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC) // the same every time
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	os.WriteFile(p, []byte("id: a\n"), 0o644)
	cachePath := filepath.Join(dir, "c", "cache")

	c := Open(cachePath, "key1")
	if _, ok := c.Lookup(p); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put(p, []byte("id: a\n"), result("first"))
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}

	c2 := Open(cachePath, "key1")
	got, ok := c2.Lookup(p)
	if !ok || got.Diags[0].Message != "first" || got.Diags[0].File != p || got.Ref.ID != "a" || got.Diags[0].Fix.Edits[0].NewText != "'" {
		t.Fatalf("lookup = %+v, %v", got, ok)
	}
	// a racily clean file (changed just before the cache was written) was
	// read and hashed: same content, so still a hit
	if c2.Hits != 1 {
		t.Errorf("hits = %d", c2.Hits)
	}
}

func TestInvalidation(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	cachePath := filepath.Join(dir, "cache")
	write := func(s string) {
		os.WriteFile(p, []byte(s), 0o644)
		aged(t, p)
	}
	write("id: a\n")
	c := Open(cachePath, "key1")
	c.Put(p, []byte("id: a\n"), result("a"))
	c.Save()

	if _, ok := Open(cachePath, "key2").Lookup(p); ok {
		t.Error("another config or binary (key) must not reuse results")
	}
	if _, ok := Open(cachePath, "key1").Lookup(p); !ok {
		t.Error("unchanged file missed")
	}
	// same size, same (restored) modification time, different content: the
	// change time and the content hash still catch it
	write("id: b\n")
	if _, ok := Open(cachePath, "key1").Lookup(p); ok {
		t.Error("an edit that kept size and mtime was not detected")
	}
	write("id: a\n") // back to the cached content: a hit again, by hash
	if _, ok := Open(cachePath, "key1").Lookup(p); !ok {
		t.Error("content equal to the cached one missed")
	}
	os.Remove(p)
	if _, ok := Open(cachePath, "key1").Lookup(p); ok {
		t.Error("a deleted file hit")
	}
}

func TestCorruptOrForeignFilesAreIgnored(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	os.WriteFile(p, []byte("id: a\n"), 0o644)
	cachePath := filepath.Join(dir, "cache")
	c := Open(cachePath, "k")
	c.Put(p, []byte("id: a\n"), result("a"))
	c.Save()
	good, _ := os.ReadFile(cachePath)

	for name, data := range map[string][]byte{
		"truncated":   good[:len(good)/2],
		"bit flip":    append(append([]byte(nil), good[:len(good)-40]...), append([]byte{good[len(good)-40] ^ 1}, good[len(good)-39:]...)...),
		"foreign":     []byte("not a starlint cache at all"),
		"empty":       {},
		"other magic": append([]byte("starlint-lint-cache-v0\n"), good[len(magic):]...),
	} {
		os.WriteFile(cachePath, data, 0o644)
		c := Open(cachePath, "k")
		if _, ok := c.Lookup(p); ok {
			t.Errorf("%s: a damaged cache was trusted", name)
		}
		c.Put(p, []byte("id: a\n"), result("rebuilt"))
		if err := c.Save(); err != nil {
			t.Errorf("%s: rebuilding: %v", name, err)
		}
		if got, ok := Open(cachePath, "k").Lookup(p); !ok || got.Diags[0].Message != "rebuilt" {
			t.Errorf("%s: not rebuilt", name)
		}
	}
}
