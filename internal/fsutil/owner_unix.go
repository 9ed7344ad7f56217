//go:build unix

package fsutil

import (
	"io/fs"
	"os"
	"syscall"
)

// links returns how many hard links a file has, and its owner.
func links(st fs.FileInfo) (n uint64, uid, gid int, ok bool) {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return 1, 0, 0, false
	}
	return uint64(s.Nlink), int(s.Uid), int(s.Gid), true
}

// keepOwner gives the new file the old one's owner and group where the
// system allows it (as root, or a group the user is in); elsewhere the
// file is the user's, as any editor's save makes it.
func keepOwner(f *os.File, uid, gid int) {
	if err := f.Chown(uid, gid); err != nil {
		f.Chown(-1, gid) // at least the group, when only that is allowed
	}
}

// OwnedByOther reports whether a file belongs to a user other than the one
// running starlint (root's files are trusted: the system's).
func OwnedByOther(st fs.FileInfo) bool {
	_, uid, _, ok := links(st)
	return ok && uid != os.Getuid() && uid != 0
}
