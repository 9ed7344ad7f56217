//go:build !linux

package export

import (
	"io/fs"
	"os"
	"path/filepath"
)

// syncStaged makes every staged file's content durable before the renames
// that publish them: where there is no syncfs, one sync per file.
func syncStaged(dir string) error {
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}
