package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

// Text writes gcc-style lines, `file:line:col: severity: message [rule]`,
// each followed by the source line and a caret under the column, then a
// summary line.
func Text(w io.Writer, run Run, opt Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opt.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, d := range run.Diagnostics {
		sev := d.Severity.String()
		switch d.Severity {
		case lint.Error:
			sev = paint(ansiRed+ansiBold, sev)
		case lint.Warning:
			sev = paint(ansiYellow+ansiBold, sev)
		case lint.Info:
			sev = paint(ansiBlue+ansiBold, sev)
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", paint(ansiBold, fmt.Sprintf("%s:%d:%d", EscapeControls(d.File), d.Pos.Line, d.Pos.Col)), sev, cleanLine(d.Message), paint(ansiDim, "["+d.Rule+"]"))
		if d.Source != "" {
			width := 1 // the span on its first line, at least one caret
			if d.End.Line == d.Pos.Line && d.End.Col > d.Pos.Col {
				width = d.End.Col - d.Pos.Col
			} else if d.End.Line > d.Pos.Line {
				width = max(1, len([]rune(d.Source))-d.Pos.Col+1)
			}
			src, caret := sourceAndCaret(d.Source, d.Pos.Col, width)
			fmt.Fprintf(bw, "    %s\n    %s\n", src, paint(ansiGreen, caret))
		}
	}
	e, wn, in := lint.Count(run.Diagnostics)
	summary := fmt.Sprintf("%d %s checked: %d %s, %d %s, %d %s", run.Files, plural(run.Files, "file"), e, plural(e, "error"), wn, plural(wn, "warning"), in, plural(in, "info"))
	switch {
	case run.Unreadable > 0 && e+wn+in == 0:
		summary = fmt.Sprintf("%d %s checked, %d could not be read (see the errors above)", run.Files, plural(run.Files, "file"), run.Unreadable)
	case run.Unreadable > 0:
		summary += fmt.Sprintf("; %d could not be read (see the errors above)", run.Unreadable)
	case e+wn+in == 0 && run.HiddenWarnings+run.HiddenInfos == 0:
		summary = fmt.Sprintf("%d %s checked: no problems", run.Files, plural(run.Files, "file"))
	}
	if h := run.HiddenWarnings + run.HiddenInfos; h > 0 {
		why := run.HiddenBecause
		if why == "" {
			why = "--quiet"
		}
		summary = fmt.Sprintf("%d %s checked: %d %s; %d %s and %d %s not shown (%s)", run.Files, plural(run.Files, "file"), e, plural(e, "error"),
			run.HiddenWarnings, plural(run.HiddenWarnings, "warning"), run.HiddenInfos, plural(run.HiddenInfos, "info"), why)
	}
	fmt.Fprintln(bw, summary)
	return bw.Flush()
}

// sourceAndCaret returns the source line (tabs kept so the caret lines up,
// control characters made visible) and carets under the width characters
// from column col (^^^^^), cut where the shown line ends.
func sourceAndCaret(line string, col, width int) (string, string) {
	const maxWidth = 160
	runes := []rune(cleanLine(line))
	start := 0
	if col > maxWidth-20 {
		start = col - 40 // keep the caret in view on long lines
	}
	if start > len(runes) {
		start = len(runes)
	}
	end := min(len(runes), start+maxWidth)
	shown := string(runes[start:end])
	if start > 0 {
		shown = "…" + shown
	}
	if end < len(runes) {
		shown += "…"
	}
	var caret strings.Builder
	if start > 0 {
		caret.WriteString(" ")
	}
	for i := start; i < col-1 && i < len(runes); i++ {
		if runes[i] == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	for i := col; i < col-1+width && i < end; i++ {
		caret.WriteByte('^')
	}
	return shown, caret.String()
}

// cleanLine keeps a message or source line on one terminal line and free of
// escape sequences that pack text could smuggle in.
func cleanLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return '�'
		}
		return r
	}, s)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
