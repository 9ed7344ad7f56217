package fsutil

import "path/filepath"

// SamePath reports whether two paths name the same place once made
// absolute (without resolving links).
func SamePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}
