//go:build linux && !(amd64 || arm64)

package lintcache

import "golang.org/x/sys/unix"

// rawFstatat: these architectures have no newfstatat with unix.Stat_t's
// layout, so the caller falls back to unix.Fstatat.
func rawFstatat(int, []byte, *unix.Stat_t) error { return unix.ENOSYS }
