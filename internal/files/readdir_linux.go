package files

import (
	"encoding/binary"
	"os"
	"syscall"
)

// readDir calls each with the name and kind of every entry of dir but .
// and .., reading the kernel's records itself: os.ReadDir would make an
// os.DirEntry and a name string for each, and sort them.
func readDir(dir string, each func(name []byte, k kind)) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	raw, err := f.SyscallConn()
	if err != nil {
		return err
	}
	buf := make([]byte, 64<<10) // a few hundred records a call
	for {
		var n int
		var readErr error
		if err := raw.Read(func(fd uintptr) bool {
			n, readErr = syscall.ReadDirent(int(fd), buf)
			return readErr != syscall.EAGAIN
		}); err != nil {
			return err
		}
		if readErr != nil {
			return &os.PathError{Op: "readdirent", Path: dir, Err: readErr}
		}
		if n <= 0 {
			return nil
		}
		if !eachDirent(buf[:n], each) {
			return &os.PathError{Op: "readdirent", Path: dir, Err: syscall.EIO}
		}
	}
}

// eachDirent reads linux_dirent64 records: inode (8 bytes), offset (8),
// record length (2), type (1), then the name, ended by a NUL. It reports
// false for a record that does not fit.
func eachDirent(b []byte, each func(name []byte, k kind)) bool {
	for len(b) > 0 {
		if len(b) < 19 {
			return false
		}
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < 19 || reclen > len(b) {
			return false
		}
		rec := b[:reclen]
		b = b[reclen:]
		name := rec[19:]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		each(name, direntKind(rec[18]))
	}
	return true
}

func direntKind(t byte) kind {
	switch t {
	case syscall.DT_REG:
		return kindFile
	case syscall.DT_LNK:
		return kindLink
	case syscall.DT_DIR:
		return kindDir
	case syscall.DT_UNKNOWN:
		return kindUnknown
	}
	return kindOther
}
