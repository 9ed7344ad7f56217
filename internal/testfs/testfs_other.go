//go:build !unix

package testfs

import "testing"

// Mkfifo skips the test: named pipes in the file system are a Unix file
// type.
func Mkfifo(t testing.TB, path string) {
	t.Helper()
	t.Skip("named pipes in the file system need a Unix system")
}

// Owner skips the test: file owners as user and group ids are Unix's.
func Owner(t testing.TB, path string) (uid, gid int) {
	t.Helper()
	t.Skip("file owners need a Unix system")
	return 0, 0
}
