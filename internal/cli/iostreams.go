package cli

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// IO is where a command reads and writes. Tests use buffers; Main uses the
// process's standard streams.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Color is true when Out is a terminal and NO_COLOR and TERM=dumb do
	// not say otherwise; ErrColor the same for ErrOut.
	Color    bool
	ErrColor bool
	// Terminal is true when Out is a terminal, whatever NO_COLOR says:
	// text that would be raw bytes in a pipe (a diff to apply) has its
	// control characters escaped there.
	Terminal bool
	// Getenv reads the environment (os.Getenv in Main).
	Getenv func(string) string
}

// SystemIO returns the process's standard streams.
func SystemIO() *IO {
	colorOK := os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	terminal := isTerminal(os.Stdout)
	return &IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		Color:    colorOK && terminal,
		ErrColor: colorOK && isTerminal(os.Stderr),
		Terminal: terminal,
		Getenv:   os.Getenv}
}

// isTerminal asks the terminal driver, not the file mode: /dev/null is a
// character device too, and gets no colour.
func isTerminal(f *os.File) bool { return isatty.IsTerminal(f.Fd()) }
