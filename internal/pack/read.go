package pack

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ReadFile reads and loads the pack at path. A file over MaxFileSize is not
// read into memory: it comes back with a Problem. The error is for I/O only
// (missing, unreadable, a directory); content problems are in File.Problems.
func ReadFile(path string) (*File, error) {
	// Stat before opening: opening a named pipe would wait for a writer.
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("not a regular file (%s)", st.Mode().Type())}
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if st, err = fh.Stat(); err != nil {
		return nil, err
	}
	if st.Size() > MaxFileSize {
		f := &File{Path: path, Pack: &Pack{}, lines: newLineTable(nil)}
		f.fail(Pos{1, 1}, "file is %s, over starlint's limit of %s for one pack: split it into several packs", byteSize(int(min(st.Size(), 1<<40))), byteSize(MaxFileSize))
		return f, nil
	}
	// Read one byte past the limit in case the file grew since Stat.
	src, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	return Load(path, src), nil
}
