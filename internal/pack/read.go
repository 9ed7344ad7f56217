package pack

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadFile reads and loads the pack at path. A file over MaxFileSize is not
// read into memory: it comes back with a Problem. The error is for I/O only
// (missing, unreadable, a directory); content problems are in File.Problems.
func ReadFile(path string) (*File, error) {
	src, err := ReadSource(path)
	if errors.Is(err, ErrTooLarge) {
		f := &File{Path: path, Pack: &Pack{}, lines: newLineTable(nil)}
		f.fail(Pos{1, 1}, "%s", err.(*fs.PathError).Err.(*tooLargeError).message())
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	return load(path, src, true), nil // the buffer is this File's alone
}

// ErrTooLarge is the error, wrapped, for a file over MaxFileSize.
var ErrTooLarge = errors.New("file too large")

type tooLargeError struct{ size int64 }

func (e *tooLargeError) Error() string { return e.message() }
func (e *tooLargeError) Unwrap() error { return ErrTooLarge }
func (e *tooLargeError) message() string {
	return fmt.Sprintf("file is %s, over starlint's limit of %s for one pack: split it into several packs", byteSize(int(min(e.size, 1<<40))), byteSize(MaxFileSize))
}

// ReadSource reads a pack file's bytes as every command must: only a
// regular file (a named pipe, /dev/zero or a directory behind a *.yaml link
// is refused without blocking), and not past MaxFileSize.
func ReadSource(path string) ([]byte, error) {
	if src, ok := readRegular(path); ok {
		return src, nil
	}
	return readSource(path)
}

// readSource is ReadSource through os.File: every file that is not a
// plain regular one the fast path read, and every error, goes this way,
// so the messages are os's.
func readSource(path string) ([]byte, error) {
	// Open without blocking: opening a named pipe would otherwise wait for a
	// writer. O_NONBLOCK changes nothing for a regular file.
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("not a regular file (%s)", st.Mode().Type())}
	}
	if st.Size() > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &tooLargeError{st.Size()}}
	}
	src, err := readAll(fh, int(st.Size()))
	if err != nil {
		return nil, err
	}
	return src, nil
}

// readAll reads fh to its end, or one byte past MaxFileSize if the file grew
// since it was measured. The buffer is sized from the measurement plus a
// byte, so a file nearly always takes one read: a read of a regular file
// that returns the measured size and less than was asked for has reached
// the end (a file that grew since fills the extra byte, and is read on),
// where io.ReadAll would grow its buffer through several reads and then
// make one more to see the end.
func readAll(fh *os.File, size int) ([]byte, error) { return readAllFrom(fh.Read, size) }

func readAllFrom(read func([]byte) (int, error), size int) ([]byte, error) {
	src := make([]byte, 0, size+1) // the extra byte tells "grew" from "at the end"
	for len(src) <= MaxFileSize {
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
		want := min(cap(src), MaxFileSize+1) - len(src)
		n, err := read(src[len(src) : len(src)+want])
		src = src[:len(src)+n]
		if err == io.EOF || (err == nil && n > 0 && n < want && len(src) == size) {
			return src, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return src, nil
}
