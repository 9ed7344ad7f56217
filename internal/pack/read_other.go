//go:build !linux

package pack

// readRegular: only Linux has the bare-system-call path (read_linux.go).
func readRegular(string) ([]byte, bool) { return nil, false }
