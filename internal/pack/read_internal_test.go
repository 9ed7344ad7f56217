package pack

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAllWhateverTheMeasure: a file read at its measured size, or
// measured before it grew or shrank, is read whole.
func TestReadAllWhateverTheMeasure(t *testing.T) {
	want := bytes.Repeat([]byte("0123456789"), 1000)
	path := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(path, want, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, measured := range []int{len(want), len(want) - 1, 10, 0, len(want) + 1, 2 * len(want)} {
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readAll(fh, measured)
		fh.Close()
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("measured %d: read %d bytes, %v", measured, len(got), err)
		}
	}
}
