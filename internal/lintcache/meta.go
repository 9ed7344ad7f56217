package lintcache

import "os"

// meta is what a lookup compares of a file.
type meta struct {
	regular bool
	size    int64
	mod     int64 // nanoseconds
	ino     uint64
	ctime   int64 // nanoseconds
}

// metaOf is meta from a FileInfo (where the platform has no cheaper stat).
func metaOf(st os.FileInfo) meta {
	ino, ctime := changeID(st)
	return meta{regular: st.Mode().IsRegular(), size: st.Size(), mod: st.ModTime().UnixNano(), ino: ino, ctime: ctime}
}
