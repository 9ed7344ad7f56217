package files

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/testfs"
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

// TestWalkAgreesWithWalkDir: the walk finds what filepath.WalkDir finds,
// on a tree with every kind of entry the walk treats apart: nested and
// hidden directories, links to files, dangling links, links to
// directories, a pipe, names that only look like packs, and a directory
// with more entries than one read of the kernel's records holds.
func TestWalkAgreesWithWalkDir(t *testing.T) {
	root := filepath.Join(t.TempDir(), "packs")
	files := []string{"a.yaml", "b.yml", "c.yaml.txt", "yaml", ".hidden.yaml", "sub/d.yaml", "sub/deeper/e.yml",
		".git/f.yaml", "sub/.cache/g.yaml", "dir.yaml/h.yaml", "z/notes.md"}
	for i := 0; i < 3000; i++ {
		files = append(files, fmt.Sprintf("many/pack-with-a-long-name-%05d.yaml", i))
	}
	for _, p := range files {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte("id: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink(filepath.Join(root, "a.yaml"), filepath.Join(root, "link.yaml"))
	os.Symlink(filepath.Join(root, "missing.yaml"), filepath.Join(root, "dangling.yaml"))
	os.Symlink(filepath.Join(root, "sub"), filepath.Join(root, "sublink.yaml"))
	os.Symlink(filepath.Join(root, "sub"), filepath.Join(root, "sublink"))
	testfs.Mkfifo(t, filepath.Join(root, "pipe.yaml"))

	var want []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if IsPackName(d.Name()) && (d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0) {
			want = append(want, p)
		}
		return nil
	})
	slices.Sort(want)
	got, errs := Expand([]string{root}, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if !slices.Equal(got, want) {
		t.Errorf("walk found %d files, WalkDir %d:\n got %v\nwant %v", len(got), len(want), got[:min(len(got), 12)], want[:min(len(want), 12)])
	}
	// many/*, a, b, .hidden.yaml (a file), sub/d, sub/deeper/e, dir.yaml/h,
	// and the links link.yaml, dangling.yaml and sublink.yaml
	if len(want) != 3000+9 {
		t.Errorf("the reference found %d files: the tree is not what the test means", len(want))
	}
}

// TestExpandFollowsANamedLink: a link to a directory named on the command
// line is walked, as the user asked; the links inside it are not.
func TestExpandFollowsANamedLink(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "real", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "real", "a.yaml"), []byte("id: a\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "real", "sub", "b.yaml"), []byte("id: b\n"), 0o644)
	os.Symlink(filepath.Join(dir, "real", "sub"), filepath.Join(dir, "real", "inner"))
	os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "named"))
	got, errs := Expand([]string{filepath.Join(dir, "named")}, nil)
	want := []string{filepath.Join(dir, "named", "a.yaml"), filepath.Join(dir, "named", "sub", "b.yaml")}
	if len(errs) != 0 || !slices.Equal(got, want) {
		t.Errorf("got %v, %v\nwant %v", got, errs, want)
	}
}

// TestExpandReportsUnreadableDirectories: a directory that cannot be read
// is an error naming it, and the rest of the walk goes on. (The directory
// is too deep to open by its path, which stops root too.)
func TestExpandReportsUnreadableDirectories(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte("id: ok\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "zz.yaml"), []byte("id: zz\n"), 0o644)
	t.Chdir(dir)
	long := strings.Repeat("d", 250)
	deep := dir
	for len(deep) < 4200 {
		if err := os.Mkdir(long, 0o755); err != nil {
			t.Fatal(err)
		}
		os.Chdir(long) // by its short name, where the full path is too long to use
		deep = filepath.Join(deep, long)
	}
	os.WriteFile("x.yaml", []byte("id: x\n"), 0o644)
	got, errs := Expand([]string{dir}, nil)
	if want := []string{filepath.Join(dir, "ok.yaml"), filepath.Join(dir, "zz.yaml")}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if len(errs) != 1 || !strings.HasSuffix(errs[0].Error(), long+": file name too long") {
		t.Errorf("errs = %v", errs)
	}
}

// TestExpandCleansRoots: "." and a root with a trailing separator give
// clean paths, as the cache and the reports expect.
func TestExpandCleansRoots(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "packs"), 0o755)
	os.WriteFile(filepath.Join(dir, "packs", "a.yaml"), []byte("id: a\n"), 0o644)
	t.Chdir(dir)
	for root, want := range map[string]string{".": "packs/a.yaml", "packs/": "packs/a.yaml", "./packs//": "packs/a.yaml"} {
		got, errs := Expand([]string{root}, nil)
		if len(errs) != 0 || !slices.Equal(got, []string{filepath.FromSlash(want)}) {
			t.Errorf("Expand(%q) = %v, %v; want %s", root, got, errs, want)
		}
	}
}
