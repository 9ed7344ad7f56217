//go:build !unix

package fsutil

import (
	"io/fs"
	"os"
)

func links(st fs.FileInfo) (n uint64, uid, gid int, ok bool) { return 1, 0, 0, false }

func keepOwner(f *os.File, uid, gid int) {}

// OwnedByOther is false where ownership is not known.
func OwnedByOther(st fs.FileInfo) bool { return false }
