package lintcache

import (
	"os"
	"syscall"
)

// changeID: see stat_linux.go.
func changeID(st os.FileInfo) (ino uint64, ctime int64) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return s.Ino, s.Ctimespec.Sec*1e9 + s.Ctimespec.Nsec
	}
	return 0, 0
}

// openNoFollow refuses to open a symbolic link (checked with Lstat too).
const openNoFollow = syscall.O_NOFOLLOW

// statMeta: see stat_linux.go.
func statMeta(path string) (meta, error) {
	st, err := os.Stat(path)
	if err != nil {
		return meta{}, err
	}
	return metaOf(st), nil
}

// dirStatter: see stat_linux.go; here it stats by path.
type dirStatter struct{}

func newDirStatter() *dirStatter                     { return &dirStatter{} }
func (s *dirStatter) stat(path string) (meta, error) { return statMeta(path) }
func (s *dirStatter) close()                         {}
