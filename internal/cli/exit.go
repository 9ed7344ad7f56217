package cli

import (
	"errors"
	"fmt"

	"github.com/starlint-dev/starlint/internal/report"
)

// Exit codes, set here and nowhere else.
const (
	ExitOK       = 0 // no error-level diagnostics
	ExitFindings = 1 // error-level diagnostics, or more warnings than allowed
	ExitTrouble  = 2 // usage, configuration or I/O errors
	// ExitInterrupted is the shell's code for a run stopped by Ctrl-C
	// (128 + SIGINT); files were left untouched or completely written.
	ExitInterrupted = 130
)

// exitError carries an exit code through cobra's error return. A nil err
// means the reason was already printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// findings is the silent exit 1 of a run that reported problems.
func findings() error { return &exitError{code: ExitFindings} }

// trouble is exit 2 with a message.
func trouble(format string, args ...any) error {
	return &exitError{code: ExitTrouble, err: fmt.Errorf(format, args...)}
}

// silentTrouble is exit 2 whose reasons were already printed.
func silentTrouble() error { return &exitError{code: ExitTrouble} }

// interrupted is exit 130 after Ctrl-C, saying what was done.
func interrupted(format string, args ...any) error {
	return &exitError{code: ExitInterrupted, err: fmt.Errorf("interrupted: "+format, args...)}
}

func exitCode(err error) (int, error) {
	if err == nil {
		return ExitOK, nil
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code, ee.err
	}
	// anything else came from cobra's parsing: a usage error
	return ExitTrouble, err
}

// safe shows a value (a path, an error naming one) with its control
// characters escaped: a file name must not start a line of its own or
// send escape sequences to the terminal.
func safe(v any) string { return report.EscapeControls(fmt.Sprint(v)) }
