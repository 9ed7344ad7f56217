package lintcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/testfs"
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
	if hits, _ := c2.Stats(); hits != 1 {
		t.Errorf("hits = %d", hits)
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

// TestCorruptCachesAreRebuilt: a starlint cache that is damaged or of
// another version is ignored and rebuilt. (A file that is not a starlint
// cache at all is never replaced: TestNeverOverwritesOtherFiles.)
func TestCorruptCachesAreRebuilt(t *testing.T) {
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

// TestNeverOverwritesOtherFiles: a cache path that names a pack, a link or
// a device is refused with a message, and the file is left as it was (the
// review's `cache: packs/failed-to-deliver.yaml`).
func TestNeverOverwritesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	pack := filepath.Join(dir, "pack.yaml")
	original := []byte("starlint: 1\nid: pack\n")
	if err := os.WriteFile(pack, original, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.cache")
	if err := os.Symlink(pack, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{pack, link, "/dev/null"} {
		c := Open(path, "k")
		c.Put(pack, original, lint.Cached{})
		err := c.Save()
		if err == nil || !strings.Contains(err.Error(), "not writing the cache") {
			t.Errorf("%s: Save = %v, want a refusal", path, err)
		}
	}
	if got, _ := os.ReadFile(pack); string(got) != string(original) {
		t.Errorf("the pack was overwritten: %q", got)
	}
	// A file created in the path after Open is checked again before writing.
	late := filepath.Join(dir, "late.cache")
	c := Open(late, "k")
	c.Put(pack, original, lint.Cached{})
	os.WriteFile(late, []byte("my notes\n"), 0o644)
	if err := c.Save(); err == nil {
		t.Error("a file that appeared since Open was overwritten")
	}
}

// TestRefusesPipesAndHugeFiles: opening a FIFO does not block, and a file
// over MaxSize is not read (the review's `cache: a-fifo`, `/dev/full`).
func TestRefusesPipesAndHugeFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	testfs.Mkfifo(t, fifo)
	done := make(chan struct{})
	go func() {
		Open(fifo, "k")
		Open("/dev/full", "k")
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Open blocked on a FIFO or device")
	}
	huge := filepath.Join(dir, "huge.cache")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("starlint-lint-cache-v2\n")
	f.Truncate(MaxSize + 1) // sparse: no disk used
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c := Open(huge, "k")
	runtime.ReadMemStats(&after)
	if after.TotalAlloc-before.TotalAlloc > 16<<20 {
		t.Errorf("Open of an oversized file allocated %d MB", (after.TotalAlloc-before.TotalAlloc)>>20)
	}
	c.Put(huge, nil, lint.Cached{})
	if err := c.Save(); err == nil {
		t.Error("an oversized file was replaced")
	}
}

// TestHostileCacheFile: a file with the right header and checksum whose
// gob declares a map (the old format, or a forged one) is ignored without
// allocating what it declares.
func TestHostileCacheFile(t *testing.T) {
	type forged struct {
		Key     string
		Written int64
		Entries map[string]int
	}
	var body bytes.Buffer
	gob.NewEncoder(&body).Encode(forged{Key: "k", Entries: map[string]int{"a": 1}})
	sum := sha256.Sum256(body.Bytes())
	data := append(append([]byte("starlint-lint-cache-v2\n"), body.Bytes()...), sum[:]...)
	path := filepath.Join(t.TempDir(), "forged.cache")
	os.WriteFile(path, data, 0o644)
	c := Open(path, "k")
	if _, ok := c.Lookup("a"); ok {
		t.Error("a forged cache was trusted")
	}
	// It is a starlint cache by its header, so it may be replaced.
	c.Put(path, data, lint.Cached{})
	if err := c.Save(); err != nil {
		t.Errorf("replacing a damaged cache: %v", err)
	}
}

// TestSaveKeepsTheFileAndThisRun: a second run's Save writes the entries
// it did not touch as they were, its own in their place, in path order.
func TestSaveKeepsTheFileAndThisRun(t *testing.T) {
	dir := t.TempDir()
	cachePath := filepath.Join(dir, "cache")
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(src), 0o644)
		aged(t, p)
		return p
	}
	a, c, e := write("a.yaml", "id: a\n"), write("c.yaml", "id: c\n"), write("e.yaml", "id: e\n")
	first := Open(cachePath, "k")
	for _, p := range []string{e, a, c} {
		src, _ := os.ReadFile(p)
		first.Put(p, src, result("first "+filepath.Base(p)))
	}
	if err := first.Save(); err != nil {
		t.Fatal(err)
	}
	b, d := write("b.yaml", "id: b\n"), write("d.yaml", "id: d\n")
	second := Open(cachePath, "k")
	second.Put(b, []byte("id: b\n"), result("second b"))
	second.Put(c, []byte("id: c\n"), result("second c"))
	second.Put(d, []byte("id: d\n"), result("second d"))
	if err := second.Save(); err != nil {
		t.Fatal(err)
	}
	third := Open(cachePath, "k")
	if len(third.records) != 5 {
		t.Fatalf("%d records, want 5", len(third.records))
	}
	for p, want := range map[string]string{a: "first a.yaml", b: "second b", c: "second c", d: "second d", e: "first e.yaml"} {
		got, ok := third.Lookup(p)
		if !ok || got.Diags[0].Message != want {
			t.Errorf("%s: %+v, %v; want %q", filepath.Base(p), got, ok, want)
		}
	}
	if _, ok := third.Lookup(filepath.Join(dir, "f.yaml")); ok {
		t.Error("a file the cache never held was found")
	}
}
