package export

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSyncStaged: the one flush before the renames succeeds on a staging
// directory and reports a directory that is gone (Commit then moves
// nothing).
func TestSyncStaged(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syncStaged(dir); err != nil {
		t.Fatalf("syncStaged: %v", err)
	}
	if err := syncStaged(filepath.Join(dir, "gone")); err == nil {
		t.Fatal("syncStaged of a missing directory succeeded")
	}
}
