//go:build !linux

package hugemem

import "unsafe"

const hugePage = 2 << 20

// advise: huge pages are asked for on Linux only.
func advise(unsafe.Pointer, int) {}
