package pack

import (
	"io"
	"syscall"
)

// readRegular reads a regular file of at most MaxFileSize with bare
// system calls: open, fstat, read, close. An os.File would also ask the
// poller to watch the file (an epoll_ctl that fails for every regular
// file) and set up its cleanup, once for each of 10,000 packs. Anything
// else (an error, a pipe, a directory, a file too large) reports !ok and
// is read again through os, whose errors the commands explain.
func readRegular(path string) ([]byte, bool) {
	fd, err := openRetry(path)
	if err != nil {
		return nil, false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > MaxFileSize {
		return nil, false
	}
	src, err := readAllFrom(func(p []byte) (int, error) {
		for {
			n, err := syscall.Read(fd, p)
			switch {
			case err == syscall.EINTR:
				continue
			case err != nil:
				return 0, err
			case n == 0 && len(p) > 0:
				return 0, io.EOF
			}
			return n, nil
		}
	}, int(st.Size))
	if err != nil {
		return nil, false
	}
	return src, true
}

func openRetry(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
