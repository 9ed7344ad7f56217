//go:build unix

package export

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// createStaged creates a new file with bare system calls. An os.File would
// also ask the poller to watch it (an epoll_ctl that fails for every
// regular file) and query its flags: five calls more a file, for 10,000
// to 20,000 files an export.
func createStaged(path string) (io.WriteCloser, error) {
	for {
		fd, err := unix.Open(path, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return &rawFile{fd: fd, path: path}, nil
	}
}

// rawFile is a file being written through its descriptor.
type rawFile struct {
	fd   int
	path string
}

func (f *rawFile) Write(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		n, err := unix.Write(f.fd, p[written:])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return written, &os.PathError{Op: "write", Path: f.path, Err: err}
		case n == 0:
			return written, &os.PathError{Op: "write", Path: f.path, Err: io.ErrShortWrite}
		}
		written += n
	}
	return written, nil
}

func (f *rawFile) Close() error {
	if f.fd < 0 {
		return os.ErrClosed
	}
	// Close is not retried on EINTR: on Linux the descriptor is gone
	// whatever close returns.
	err := unix.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &os.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}

// renameStaged moves a staged file into place. The caller has checked that
// no directory is in the way, which is all os.Rename adds (an lstat).
func renameStaged(from, to string) error {
	for {
		err := unix.Rename(from, to)
		if err != unix.EINTR {
			if err != nil {
				return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
			}
			return nil
		}
	}
}
