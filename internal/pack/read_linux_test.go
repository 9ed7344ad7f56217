package pack

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/starlint-dev/starlint/internal/testfs"
)

// TestReadRegularTakesOnlyPlainFiles: the bare-system-call path reads a
// regular file whole and leaves a directory, a pipe, a missing file and a
// file over the limit to the os path, without blocking on the pipe.
func TestReadRegularTakesOnlyPlainFiles(t *testing.T) {
	dir := t.TempDir()
	want := bytes.Repeat([]byte("id: a\n"), 3000)
	file := filepath.Join(dir, "p.yaml")
	os.WriteFile(file, want, 0o644)
	if got, ok := readRegular(file); !ok || !bytes.Equal(got, want) {
		t.Errorf("regular file: ok=%v, %d bytes", ok, len(got))
	}
	empty := filepath.Join(dir, "empty.yaml")
	os.WriteFile(empty, nil, 0o644)
	if got, ok := readRegular(empty); !ok || len(got) != 0 {
		t.Errorf("empty file: ok=%v, %d bytes", ok, len(got))
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	testfs.Mkfifo(t, fifo)
	big := filepath.Join(dir, "big.yaml")
	f, _ := os.Create(big)
	f.Truncate(MaxFileSize + 1)
	f.Close()
	for _, path := range []string{dir, fifo, filepath.Join(dir, "missing.yaml"), big} {
		if _, ok := readRegular(path); ok {
			t.Errorf("%s: read by the fast path", path)
		}
		if _, err := ReadSource(path); err == nil {
			t.Errorf("%s: ReadSource gave no error", path)
		}
	}
}
