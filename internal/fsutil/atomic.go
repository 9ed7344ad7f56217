// Package fsutil writes files so that a reader, a crash or a full disk never
// sees a half-written one.
package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// write is (*os.File).Write; tests replace it to fail as a full disk does.
var write = func(f *os.File, data []byte) (int, error) { return f.Write(data) }

// WriteFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path. The file keeps its mode when it exists (perm is used
// for a new file). On any error the temporary file is removed and path is
// left as it was.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
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
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, err)
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
