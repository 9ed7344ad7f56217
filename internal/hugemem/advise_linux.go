package hugemem

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page where Go runs Linux.
const hugePage = 2 << 20

// advise asks for huge pages over the whole huge pages inside the size
// bytes at p. Go hands a large fresh allocation over untouched, so the
// advice comes before the first fault.
func advise(p unsafe.Pointer, size int) {
	if size < minSize {
		return
	}
	start := int((hugePage - uintptr(p)%hugePage) % hugePage)
	end := start + (size-start)/hugePage*hugePage
	if end > start {
		_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, start)), end-start), unix.MADV_HUGEPAGE)
	}
}
