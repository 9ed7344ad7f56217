//go:build !linux && !darwin

package lintcache

import "os"

// changeID: without a change time, size and modification time decide
// (and the racy window still applies).
func changeID(os.FileInfo) (ino uint64, ctime int64) { return 0, 0 }

// openNoFollow: no O_NOFOLLOW here; Lstat alone keeps links out.
const openNoFollow = 0

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
