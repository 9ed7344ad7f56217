package files

import (
	"io/fs"
	"os"
	"slices"
	"strings"
)

// kind is what a directory entry is, as the walk needs to know it.
type kind uint8

const (
	kindOther   kind = iota // devices, pipes, sockets
	kindFile                // a regular file
	kindLink                // a symbolic link (never followed by the walk)
	kindDir                 // a directory
	kindUnknown             // the file system did not say: ask lstat
)

// walk calls found with every pack file under root, a directory: pack
// names that are regular files or links to one, outside hidden directories
// (.git). Files are found in no set order (Expand sorts them); directories
// are entered in name order, so failures come in the same order every
// time. Links to directories are not followed, so a link loop cannot trap
// the walk. A directory that cannot be read is given to failed, and the
// walk goes on.
//
// A warm run of 50,000 cached packs spent more time here than anywhere but
// in the stats: readDir (one per platform) gives each entry's name and
// kind without an os.DirEntry, and the paths are the only strings made.
func walk(root string, found func(path string), failed func(path string, err error)) {
	var subdirs []string
	err := readDir(root, func(name []byte, k kind) {
		if k == kindUnknown {
			st, err := os.Lstat(join(root, name))
			if err != nil {
				failed(join(root, name), err)
				return
			}
			k = kindOf(st.Mode())
		}
		switch {
		case (k == kindFile || k == kindLink) && hasPackName(name):
			found(join(root, name))
		case k == kindDir && name[0] != '.':
			subdirs = append(subdirs, join(root, name))
		}
	})
	if err != nil {
		failed(root, err)
		return
	}
	slices.Sort(subdirs)
	for _, d := range subdirs {
		walk(d, found, failed)
	}
}

// join is filepath.Join for a clean directory and a plain name.
func join(dir string, name []byte) string {
	switch {
	case dir == ".":
		return string(name)
	case strings.HasSuffix(dir, string(os.PathSeparator)):
		return dir + string(name)
	}
	return dir + string(os.PathSeparator) + string(name)
}

// hasPackName is IsPackName of a name still in the directory's buffer.
func hasPackName(name []byte) bool {
	for _, s := range packSuffixes {
		if len(name) >= len(s) && string(name[len(name)-len(s):]) == s {
			return true
		}
	}
	return false
}

func kindOf(m fs.FileMode) kind {
	switch {
	case m.IsRegular():
		return kindFile
	case m&fs.ModeSymlink != 0:
		return kindLink
	case m.IsDir():
		return kindDir
	}
	return kindOther
}
