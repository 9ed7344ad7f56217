package cli

import (
	"io"
	"os"
)

// IO is where a command reads and writes. Tests use buffers; Main uses the
// process's standard streams.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Color is true when Out is a terminal and NO_COLOR is not set.
	Color bool
	// Getenv reads the environment (os.Getenv in Main).
	Getenv func(string) string
}

// SystemIO returns the process's standard streams.
func SystemIO() *IO {
	return &IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		Color:  isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "",
		Getenv: os.Getenv}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
