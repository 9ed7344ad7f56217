// Package files turns the paths a user gives into the pack files to check.
package files

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// packSuffixes are how pack file names end.
var packSuffixes = [...]string{".yaml", ".yml"}

// IsPackName reports whether a file name looks like a pack: *.yaml or *.yml.
func IsPackName(name string) bool {
	for _, s := range packSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// Expand returns the pack files named by paths, sorted and without
// duplicates: files as given, directories walked for *.yaml and *.yml
// (skipping hidden directories such as .git; symbolic links to directories
// inside them are not followed, so link loops cannot trap the walk). skip filters out
// ignored files. Paths that cannot be read are returned as errors, and the
// walk goes on with the rest.
func Expand(paths []string, skip func(string) bool) ([]string, []error) {
	var out []string
	var errs []error
	add := func(p string) { // p is clean
		if skip == nil || !skip(p) {
			if len(out) == cap(out) {
				out = slices.Grow(out, len(out)) // doubling: append grows a long slice by a quarter at a time
			}
			out = append(out, p)
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			errs = append(errs, describe(root, err))
			continue
		}
		if !st.IsDir() {
			add(filepath.Clean(root))
			continue
		}
		// a root that is a link to a directory is walked (the user named
		// it); links inside it are not followed
		walk(filepath.Clean(root), add, func(p string, err error) { errs = append(errs, describe(p, err)) })
	}
	slices.Sort(out)
	// a file named twice, or under two of the paths, is checked once
	return slices.Compact(out), errs
}

func describe(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or directory", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", path, pe.Err)
	}
	return fmt.Errorf("%s: %v", path, err)
}
