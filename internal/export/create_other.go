//go:build !unix

package export

import (
	"io"
	"os"
)

func createStaged(path string) (io.WriteCloser, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

func renameStaged(from, to string) error { return os.Rename(from, to) }
