// Package fsutil writes files so that a reader, a crash or a full disk never
// sees a half-written one.
package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// write is (*os.File).Write; tests replace it to fail as a full disk does.
var write = func(f *os.File, data []byte) (int, error) { return f.Write(data) }

// WriteFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path. The file keeps its mode when it exists (perm is used
// for a new file). On any error the temporary file is removed and path is
// left as it was.
//
// Two things a rename would do that writing in place would not are refused:
// a symbolic link is written through to its target rather than replaced by
// a copy, and a file the user may not write (read-only, or someone else's)
// is an error even when its directory would allow the rename.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
		if st.Mode().IsRegular() {
			// Opening for writing, without truncating, asks the kernel the
			// same question a write in place would, and changes nothing.
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return fmt.Errorf("cannot write %s: %w", path, UnwrapPath(err))
			}
			f.Close()
		}
	}
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// ErrExists is returned by CreateExclusive when the file already exists.
var ErrExists = fs.ErrExist

// CreateExclusive writes a new file atomically and never over an existing
// one: the content goes to a temporary file that is then hard-linked to
// path, which fails if path exists.
func CreateExclusive(path string, data []byte, perm fs.FileMode) error {
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: %w", path, ErrExists)
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// writeTemp writes data, synced and with mode perm, to a new temporary file
// in path's directory and returns its name; on error nothing is left.
func writeTemp(path string, data []byte, perm fs.FileMode) (name string, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStale(filepath.Join(dir, "."+base+".tmp-*"))
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, UnwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = write(tmp, data); err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	return tmp.Name(), nil
}

// UnwrapPath drops the path from an *fs.PathError or *os.LinkError, for
// messages that already name the file.
func UnwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// StaleAge is how old a temporary file or directory of starlint's must be
// before a later run removes it: one left by a run that was killed (kill
// -9 runs no cleanup) is removed by the next write of the same file.
const StaleAge = time.Hour

// removeStale removes what matches pattern (starlint's own temporary names)
// and was last changed more than StaleAge ago. Younger ones may belong to
// a run still going.
func removeStale(pattern string) {
	matches, _ := filepath.Glob(pattern)
	for _, m := range matches {
		if st, err := os.Lstat(m); err == nil && time.Since(st.ModTime()) > StaleAge {
			os.RemoveAll(m)
		}
	}
}

// RemoveStale is removeStale for other packages' temporary names.
func RemoveStale(pattern string) { removeStale(pattern) }
