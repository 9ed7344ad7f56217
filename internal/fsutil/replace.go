package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrChanged is returned, wrapped, when a file changed while starlint was
// working on it: its new content is kept and starlint's is not written.
var ErrChanged = errors.New("changed while starlint was working on it")

// ReplaceFile replaces a pack that starlint read as old with data, for fmt
// and --fix: atomically (a temporary file renamed over it), through a
// symbolic link to its target, keeping its mode, owner and group. It
// refuses, changing nothing:
//   - when the file no longer holds old, checked just before the rename,
//     so an edit made meanwhile is never lost;
//   - when the file has several hard links, which a rename would split
//     (the other names would keep the old text);
//   - when the user may not write the file.
func ReplaceFile(path string, old, data []byte) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, UnwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("cannot write %s: not a regular file", path)
	}
	n, uid, gid, known := links(st)
	if n > 1 {
		return fmt.Errorf("%s has %d hard links, and replacing it would leave the other names with the old text: break the links (cp it over itself) or edit it by hand", path, n)
	}
	// Opening for writing, without truncating, asks the kernel the same
	// question a write in place would, and changes nothing.
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, UnwrapPath(err))
	}
	f.Close()
	tmp, err := writeTempOwned(path, data, st.Mode().Perm(), uid, gid, known)
	if err != nil {
		return err
	}
	if err := unchanged(path, old); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// unchanged checks that path still holds old.
func unchanged(path string, old []byte) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w (it is gone: not replaced)", path, ErrChanged)
	}
	defer f.Close()
	cur, err := io.ReadAll(io.LimitReader(f, int64(len(old))+1))
	if err != nil || !bytes.Equal(cur, old) {
		return fmt.Errorf("%s %w; it was not replaced: run starlint again", path, ErrChanged)
	}
	return nil
}

func writeTempOwned(path string, data []byte, perm os.FileMode, uid, gid int, keep bool) (string, error) {
	tmp, err := writeTemp(path, data, perm)
	if err != nil || !keep {
		return tmp, err
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY, 0)
	if err == nil {
		keepOwner(f, uid, gid)
		f.Close()
	}
	return tmp, nil
}
