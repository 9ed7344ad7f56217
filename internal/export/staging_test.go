package export_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
)

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return got
}

func TestStagingCommitMovesFilesIntoPlace(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "a.json"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(out, "keep.txt"), []byte("mine"), 0o644)

	s, err := export.NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a.json", []byte("new")); err != nil {
		t.Fatal(err)
	}
	w, err := s.Create("b.txt")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("in "))
	w.Write([]byte("pieces"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Nothing shows before the commit.
	if got := readDir(t, out); got["a.json"] != "old" || got["b.txt"] != "" {
		t.Fatalf("staged files leaked into the output before Commit: %v", got)
	}
	n, err := s.Commit(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("Commit = %d, %v", n, err)
	}
	want := map[string]string{"a.json": "new", "b.txt": "in pieces", "keep.txt": "mine"}
	got := readDir(t, out)
	if len(got) != len(want) {
		t.Errorf("output holds %v, want %v (and no staging directory)", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// TestStagingSpreadsFiles: staged files are spread over several
// directories (creating many in one serialises on its lock) and all of
// them still reach --out, and nothing else does.
func TestStagingSpreadsFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	s, err := export.NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i := range 100 {
		name := fmt.Sprintf("p%03d.html", i)
		want[name] = name
		if err := s.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	dirs := map[string]bool{}
	for rel := range readDir(t, out) {
		dirs[filepath.Dir(rel)] = true
	}
	if len(dirs) < 4 {
		t.Errorf("100 files staged in %d directories: %v", len(dirs), dirs)
	}
	if n, err := s.Commit(context.Background()); err != nil || n != 100 {
		t.Fatalf("Commit = %d, %v", n, err)
	}
	if got := readDir(t, out); !maps.Equal(got, want) {
		t.Errorf("output holds %d files, want the 100 staged (and no staging directory)", len(got))
	}
}

func TestStagingDiscardLeavesOutputAlone(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "a.json"), []byte("old"), 0o644)
	s, err := export.NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("a.json", []byte("new"))
	s.WriteFile("b.json", []byte("new"))
	s.Discard()
	got := readDir(t, out)
	if len(got) != 1 || got["a.json"] != "old" {
		t.Errorf("after Discard the output holds %v", got)
	}
}

// TestStagingNeverFollowsSymlinks: a link planted in --out (the review's
// out/packs.json -> ../victim.txt) is replaced by the export's file; what
// it pointed at is left alone.
func TestStagingNeverFollowsSymlinks(t *testing.T) {
	out, elsewhere := t.TempDir(), t.TempDir()
	victim := filepath.Join(elsewhere, "victim.txt")
	os.WriteFile(victim, []byte("precious"), 0o644)
	if err := os.Symlink(victim, filepath.Join(out, "packs.json")); err != nil {
		t.Fatal(err)
	}
	s, _ := export.NewStaging(out)
	s.WriteFile("packs.json", []byte("new"))
	if _, err := s.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(victim); string(data) != "precious" {
		t.Errorf("the link's target was overwritten: %q", data)
	}
	st, _ := os.Lstat(filepath.Join(out, "packs.json"))
	if st.Mode()&os.ModeSymlink != 0 {
		t.Error("the export wrote through the link")
	}
	if data, _ := os.ReadFile(filepath.Join(out, "packs.json")); string(data) != "new" {
		t.Errorf("packs.json = %q", data)
	}
}

func TestStagingRejectsBadNames(t *testing.T) {
	s, err := export.NewStaging(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	for _, name := range []string{"../escape.json", "/abs.json", "", "a/../../b", "sub/pwn.json", ".hidden.html", ".html", `a\\b.json`} {
		if err := s.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
	if err := s.WriteFile("twice.json", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("twice.json", nil); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("writing a name twice: %v", err)
	}
}

func TestStagingNamesTheOutputWhenItCannotWrite(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(file, nil, 0o644)
	_, err := export.NewStaging(file)
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("got %v, want an error naming %s", err, file)
	}
}

// TestStaleStagingIsRemoved: a staging directory a killed export left in
// --out is removed by the next export once it is over an hour old.
func TestStaleStagingIsRemoved(t *testing.T) {
	out := t.TempDir()
	stale, young := filepath.Join(out, export.StagingPrefix+"old"), filepath.Join(out, export.StagingPrefix+"new")
	os.MkdirAll(filepath.Join(stale, "x"), 0o755)
	os.MkdirAll(young, 0o755)
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(stale, old, old)
	s, err := export.NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale staging directory is still there")
	}
	if _, err := os.Stat(young); err != nil {
		t.Error("a young staging directory (another export's?) was removed")
	}
}

// TestStagingChecksWhatIsInTheWay: a directory, or a link to one, where a
// staged file goes stops the commit before any file moves; a directory
// whose name differs only in case is in the way only where the file
// system ignores case.
func TestStagingChecksWhatIsInTheWay(t *testing.T) {
	stage := func(t *testing.T, out string) (*export.Staging, error) {
		s, err := export.NewStaging(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"a.json", "index.html"} {
			if err := s.WriteFile(name, []byte("new "+name)); err != nil {
				t.Fatal(err)
			}
		}
		_, err = s.Commit(context.Background())
		return s, err
	}
	for _, tc := range []struct {
		name  string
		setup func(out string) error
	}{
		{"directory", func(out string) error { return os.Mkdir(filepath.Join(out, "index.html"), 0o755) }},
		{"link to a directory", func(out string) error {
			if err := os.Mkdir(filepath.Join(out, "elsewhere"), 0o755); err != nil {
				return err
			}
			return os.Symlink("elsewhere", filepath.Join(out, "index.html"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if err := tc.setup(out); err != nil {
				t.Fatal(err)
			}
			_, err := stage(t, out)
			if err == nil || !strings.Contains(err.Error(), "a directory is in the way; nothing was written") {
				t.Fatalf("commit: %v", err)
			}
			if _, err := os.Stat(filepath.Join(out, "a.json")); err == nil {
				t.Error("a.json moved in though the commit failed")
			}
		})
	}
	t.Run("other case", func(t *testing.T) {
		out := t.TempDir()
		if err := os.Mkdir(filepath.Join(out, "Index.HTML"), 0o755); err != nil {
			t.Fatal(err)
		}
		_, foldsCase := os.Stat(filepath.Join(out, "index.html"))
		_, err := stage(t, out)
		switch {
		case foldsCase == nil && err == nil:
			t.Error("on a file system that ignores case, the directory Index.HTML was not in the way")
		case foldsCase != nil && err != nil:
			t.Errorf("on a file system that keeps case, Index.HTML stopped the commit: %v", err)
		}
	})
}

// TestUndoLeavesNoTrace: an export refused after its staging was made
// removes the output directories it created, and only those.
func TestUndoLeavesNoTrace(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "a", "b", "out")
	s, err := export.NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("x.json", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	s.Undo()
	if _, err := os.Stat(filepath.Join(root, "a")); !os.IsNotExist(err) {
		t.Fatalf("undo left %s: %v", filepath.Join(root, "a"), err)
	}

	// an output directory that was there stays, and what it holds
	kept := filepath.Join(root, "kept")
	if err := os.MkdirAll(kept, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(kept, "mine.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = export.NewStaging(filepath.Join(kept, "new"))
	if err != nil {
		t.Fatal(err)
	}
	// something else writes into the new directory meanwhile: it stays
	if err := os.WriteFile(filepath.Join(kept, "new", "other.txt"), []byte("other"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Undo()
	for _, p := range []string{filepath.Join(kept, "mine.txt"), filepath.Join(kept, "new", "other.txt")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("undo removed %s: %v", p, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(kept, "new"))
	if len(entries) != 1 {
		t.Errorf("undo left %d entries in %s, want only other.txt", len(entries), filepath.Join(kept, "new"))
	}
}
