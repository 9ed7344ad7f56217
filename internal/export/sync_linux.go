package export

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncStaged makes every staged file's content durable before the renames
// that publish them: one syncfs of the staging directory's file system,
// where a sync per file cost 0.3 to 0.5 ms each, most of a 10,000-pack
// export to disk.
func syncStaged(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}
