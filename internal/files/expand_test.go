package files

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"packs/a.yaml", "packs/b.yml", "packs/notes.txt", "packs/sub/c.yaml", "packs/.hidden/d.yaml", "packs/drafts/e.yaml"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("id: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a symlink loop must not trap the walk
	if err := os.Symlink(filepath.Join(dir, "packs"), filepath.Join(dir, "packs", "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	packs := filepath.Join(dir, "packs")
	got, errs := Expand([]string{packs, filepath.Join(packs, "a.yaml"), filepath.Join(dir, "missing")},
		func(p string) bool { return strings.Contains(p, "drafts") })
	want := []string{
		filepath.Join(packs, "a.yaml"),
		filepath.Join(packs, "b.yml"),
		filepath.Join(packs, "sub", "c.yaml"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing: no such file or directory") {
		t.Errorf("errs = %v", errs)
	}
}
