package lintcache

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// TestOnlyLocalDisksAreStattedRaw: /dev/shm (tmpfs) is statted raw, /proc
// is not (nor would NFS or FUSE be), and a stat either way gives the same
// answer.
func TestOnlyLocalDisksAreStattedRaw(t *testing.T) {
	dirs := map[string]bool{"/proc/self": false}
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		dirs["/dev/shm"] = true
	}
	for dir, want := range dirs {
		fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Skipf("%s: %v", dir, err)
		}
		if got := onLocalDisk(fd); got != want {
			t.Errorf("onLocalDisk(%s) = %v, want %v", dir, got, want)
		}
		unix.Close(fd)
	}
	dir := t.TempDir()
	path := dir + "/a.yaml"
	os.WriteFile(path, []byte("id: a\n"), 0o644)
	raw, err1 := newDirStatter().stat(path)
	plain, err2 := statMeta(path)
	if err1 != nil || err2 != nil || raw != plain {
		t.Errorf("raw stat %+v (%v), plain %+v (%v)", raw, err1, plain, err2)
	}
	if _, err := newDirStatter().stat(dir + "/missing.yaml"); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
}
