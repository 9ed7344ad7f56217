//go:build linux && (amd64 || arm64)

package lintcache

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawFstatat stats the NUL-terminated name relative to dir without telling
// the scheduler: a stat of a local file takes microseconds, and announcing
// each as a blocking call made the runtime hand the processor to another
// thread and back, tens of thousands of times in a warm run.
func rawFstatat(dir int, name []byte, st *unix.Stat_t) error {
	for {
		_, _, errno := unix.RawSyscall6(unix.SYS_NEWFSTATAT, uintptr(dir), uintptr(unsafe.Pointer(&name[0])), uintptr(unsafe.Pointer(st)), 0, 0, 0)
		switch errno {
		case 0:
			return nil
		case unix.EINTR:
			continue
		}
		return errno
	}
}
