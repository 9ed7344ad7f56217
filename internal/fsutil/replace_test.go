package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/testfs"
)

// TestReplaceFileRefusesChangedFiles: an edit made after starlint read the
// file (the review's append during fmt) is kept, and starlint's is not
// written.
func TestReplaceFileRefusesChangedFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "p.yaml")
	os.WriteFile(p, []byte("old\n"), 0o640)
	os.WriteFile(p, []byte("old\nappended by the writer\n"), 0o640)
	err := ReplaceFile(p, []byte("old\n"), []byte("formatted\n"))
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "old\nappended by the writer\n" {
		t.Errorf("the writer's edit was lost: %q", got)
	}
	if err := ReplaceFile(p, []byte("old\nappended by the writer\n"), []byte("formatted\n")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if got, _ := os.ReadFile(p); string(got) != "formatted\n" || st.Mode().Perm() != 0o640 {
		t.Errorf("after a good replace: %q, mode %v", got, st.Mode().Perm())
	}
}

// TestReplaceFileKeepsLinksAndOwners: a file with two hard links is refused
// (a rename would leave the other name with the old text); a symbolic
// link is written through; the owner and group are kept when allowed.
func TestReplaceFileKeepsLinksAndOwners(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	os.WriteFile(a, []byte("x\n"), 0o644)
	if err := os.Link(a, b); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(a, []byte("x\n"), []byte("y\n")); err == nil || !strings.Contains(err.Error(), "2 hard links") {
		t.Errorf("hard links: %v", err)
	}
	if got, _ := os.ReadFile(b); string(got) != "x\n" {
		t.Errorf("the other link changed: %q", got)
	}
	os.Remove(b)
	link := filepath.Join(dir, "link.yaml")
	os.Symlink(a, link)
	if err := ReplaceFile(link, []byte("x\n"), []byte("y\n")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	if got, _ := os.ReadFile(a); string(got) != "y\n" {
		t.Errorf("the target was not written: %q", got)
	}
	if os.Geteuid() != 0 {
		return // only root can give a file to someone else
	}
	if err := os.Chown(a, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(a, []byte("y\n"), []byte("z\n")); err != nil {
		t.Fatal(err)
	}
	if uid, gid := testfs.Owner(t, a); uid != 65534 || gid != 65534 {
		t.Errorf("owner %d:%d, want 65534:65534 kept", uid, gid)
	}
}

// TestStaleTemporariesAreRemoved: a temporary file a killed run left beside
// a pack is removed by the next write once it is over an hour old; a young
// one (perhaps another run's) is left.
func TestStaleTemporariesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.yaml")
	os.WriteFile(p, []byte("x\n"), 0o644)
	stale, young := filepath.Join(dir, ".p.yaml.tmp-111"), filepath.Join(dir, ".p.yaml.tmp-222")
	os.WriteFile(stale, nil, 0o644)
	os.WriteFile(young, nil, 0o644)
	old := time.Now().Add(-2 * StaleAge)
	os.Chtimes(stale, old, old)
	if err := ReplaceFile(p, []byte("x\n"), []byte("y\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary file is still there")
	}
	if _, err := os.Stat(young); err != nil {
		t.Error("a young temporary file was removed")
	}
}
