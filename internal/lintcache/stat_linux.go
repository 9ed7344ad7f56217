package lintcache

import (
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// changeID is what the file system records of the last change to a file
// beyond its modification time: the inode and the change time, which a
// write always updates and which no user tool can set back.
func changeID(st os.FileInfo) (ino uint64, ctime int64) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Ino), int64(s.Ctim.Sec)*1e9 + int64(s.Ctim.Nsec) // int32 fields on 32-bit systems
	}
	return 0, 0
}

// openNoFollow refuses to open a symbolic link (checked with Lstat too).
const openNoFollow = syscall.O_NOFOLLOW

// statMeta stats a file (following links, as os.Stat does) without
// building an os.FileInfo: a warm run does it for every pack.
func statMeta(path string) (meta, error) { return fstatat(unix.AT_FDCWD, path, path) }

// fstatat stats name relative to the directory dir (AT_FDCWD: the working
// directory); path is what an error names.
func fstatat(dir int, name, path string) (meta, error) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(dir, name, &st, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return meta{}, &os.PathError{Op: "stat", Path: path, Err: err}
		}
		break
	}
	return metaOfStat(&st), nil
}

func metaOfStat(st *unix.Stat_t) meta {
	return meta{regular: st.Mode&unix.S_IFMT == unix.S_IFREG, size: st.Size, mod: int64(st.Mtim.Sec)*1e9 + int64(st.Mtim.Nsec),
		ino: uint64(st.Ino), ctime: int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec)}
}

// dirStatter stats files through a descriptor of their directory, so that
// the kernel resolves one name a file instead of its whole path (a fifth
// less time in a warm run's stats, which are most of it). A goroutine
// keeps one for the runs of files it looks up; they share directories.
type dirStatter struct {
	dir   string // the directory part of the last path, separator included
	fd    int    // its descriptor, or -1
	local bool   // the directory is on a local disk file system: stats go raw
	name  []byte // the file name to stat, NUL-terminated; reused
}

func newDirStatter() *dirStatter { return &dirStatter{fd: -1} }

// stat is statMeta(path).
func (s *dirStatter) stat(path string) (meta, error) {
	dir, name := filepath.Split(path)
	if dir == "" || name == "" {
		return statMeta(path)
	}
	if dir != s.dir || s.fd < 0 {
		s.close()
		fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return statMeta(path) // and let it say what is wrong
		}
		s.dir, s.fd, s.local = dir, fd, onLocalDisk(fd)
	}
	if !s.local {
		return fstatat(s.fd, name, path)
	}
	s.name = append(append(s.name[:0], name...), 0)
	var st unix.Stat_t
	if err := rawFstatat(s.fd, s.name, &st); err != nil {
		if err == unix.ENOSYS {
			return fstatat(s.fd, name, path)
		}
		return meta{}, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	return metaOfStat(&st), nil
}

// onLocalDisk reports whether the directory fd is on a file system whose
// stats never wait on a network or another process. Only those are
// statted raw (rawFstatat holds its processor): a stat on a hung NFS or
// FUSE mount must leave the runtime free to act on Ctrl-C.
func onLocalDisk(fd int) bool {
	var st unix.Statfs_t
	if unix.Fstatfs(fd, &st) != nil {
		return false
	}
	switch uint32(st.Type) {
	case unix.EXT4_SUPER_MAGIC, unix.XFS_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.TMPFS_MAGIC,
		unix.OVERLAYFS_SUPER_MAGIC, unix.F2FS_SUPER_MAGIC, 0x2fc12fc1: // the last: ZFS
		return true
	}
	return false
}

func (s *dirStatter) close() {
	if s.fd >= 0 {
		unix.Close(s.fd)
	}
	s.dir, s.fd = "", -1
}
