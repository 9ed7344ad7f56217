// Package hugemem allocates the few large slices of a warm lint run in a
// way that asks the kernel for transparent huge pages.
//
// Where first touching a fresh 4 KB page is dear (under a hypervisor that
// shadows page tables: about 13 µs a page on the machine the benchmarks
// run on, 3 ms a megabyte), a warm run over 50,000 cached packs spent a
// fifth of its CPU faulting in memory it had just allocated. A huge page
// is one fault for 2 MB. The advice is only advice: where huge pages are
// off, or on other systems, these are plain make calls.
package hugemem

import "unsafe"

// minSize is the smallest slice worth advising: below two huge pages an
// aligned whole huge page may not fit inside it.
const minSize = 2 * hugePage

// Slice is make([]T, n), advised for huge pages when it is large.
func Slice[T any](n int) []T {
	s := make([]T, n)
	advise(unsafe.Pointer(unsafe.SliceData(s)), n*int(unsafe.Sizeof(*new(T))))
	return s
}

// Bytes is make([]byte, 0, n), advised for huge pages when it is large.
func Bytes(n int) []byte {
	b := make([]byte, 0, n)
	advise(unsafe.Pointer(unsafe.SliceData(b)), n)
	return b
}
