package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFileAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v", got, st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileAtomicFailureLeavesOriginal(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(p, []byte("original"), 0o644); err != nil {
		t.Fatal(err)
	}
	// renaming over a directory fails after the temporary file is written
	target := filepath.Join(dir, "sub")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(target, []byte("x"), 0o644); err == nil {
		t.Fatal("no error writing over a non-empty directory")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary file left behind: %v", entries)
	}
	if got, _ := os.ReadFile(p); string(got) != "original" {
		t.Errorf("unrelated file changed: %q", got)
	}
}

func TestWriteFileAtomicMissingDir(t *testing.T) {
	if err := WriteFileAtomic(filepath.Join(t.TempDir(), "no", "such", "a.yaml"), []byte("x"), 0o644); err == nil {
		t.Error("no error for a missing directory")
	}
}

func TestWriteFileAtomicFullDisk(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(p, []byte("original"), 0o644); err != nil {
		t.Fatal(err)
	}
	write = func(f *os.File, data []byte) (int, error) {
		n, _ := f.Write(data[:len(data)/2]) // half, then the disk is full
		return n, syscall.ENOSPC
	}
	defer func() { write = func(f *os.File, data []byte) (int, error) { return f.Write(data) } }()
	err := WriteFileAtomic(p, []byte("a much longer new content"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), p) {
		t.Fatalf("err = %v, want the file and the cause", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "original" {
		t.Errorf("the file was changed: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a half-written temporary file was left: %v", entries)
	}
}

func TestWriteFileAtomicParentIsAFile(t *testing.T) {
	dir := t.TempDir()
	parent := filepath.Join(dir, "file")
	os.WriteFile(parent, nil, 0o644)
	if err := WriteFileAtomic(filepath.Join(parent, "a.yaml"), []byte("x"), 0o644); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("err = %v", err)
	}
}

func TestCreateExclusive(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.yaml")
	if err := CreateExclusive(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CreateExclusive(p, []byte("two"), 0o644); !errors.Is(err, ErrExists) {
		t.Errorf("second create: %v, want ErrExists", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "one" {
		t.Errorf("content = %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestWriteFileAtomicThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file (%v, %v)", st.Mode(), err)
	}
	got, _ := os.ReadFile(target)
	st, _ := os.Stat(target)
	if string(got) != "new" || st.Mode().Perm() != 0o640 {
		t.Errorf("target holds %q with mode %v, want \"new\" with 0640", got, st.Mode().Perm())
	}
}
