package lintcache

import (
	"os"
	"syscall"
)

// changeID is what the file system records of the last change to a file
// beyond its modification time: the inode and the change time, which a
// write always updates and which no user tool can set back.
func changeID(st os.FileInfo) (ino uint64, ctime int64) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return s.Ino, s.Ctim.Sec*1e9 + s.Ctim.Nsec
	}
	return 0, 0
}

// openNoFollow refuses to open a symbolic link (checked with Lstat too).
const openNoFollow = syscall.O_NOFOLLOW

// statMeta stats a file (following links, as os.Stat does) without
// building an os.FileInfo: a warm run does it for every pack.
func statMeta(path string) (meta, error) {
	var s syscall.Stat_t
	for {
		err := syscall.Stat(path, &s)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return meta{}, &os.PathError{Op: "stat", Path: path, Err: err}
		}
		break
	}
	return meta{regular: s.Mode&syscall.S_IFMT == syscall.S_IFREG, size: s.Size, mod: s.Mtim.Sec*1e9 + s.Mtim.Nsec,
		ino: s.Ino, ctime: s.Ctim.Sec*1e9 + s.Ctim.Nsec}, nil
}
