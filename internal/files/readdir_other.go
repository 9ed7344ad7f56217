//go:build !linux

package files

import "os"

// readDir calls each with the name and kind of every entry of dir.
func readDir(dir string, each func(name []byte, k kind)) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	for _, e := range entries {
		each([]byte(e.Name()), kindOf(e.Type()))
	}
	return err
}
