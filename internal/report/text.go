package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

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
// summary line. Each finding is written straight into the buffer: a run
// with half a million findings spent most of its time collecting the
// strings of Sprintf-built lines.
func Text(w io.Writer, run Run, opt Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code string) {
		if opt.Color {
			bw.WriteString(code)
		}
	}
	var num, src, caret []byte // reused for every finding
	for _, d := range run.Diagnostics {
		paint(ansiBold)
		bw.WriteString(EscapeControls(d.File))
		num = strconv.AppendInt(append(num[:0], ':'), int64(d.Pos.Line), 10)
		num = strconv.AppendInt(append(num, ':'), int64(d.Pos.Col), 10)
		bw.Write(num)
		paint(ansiReset)
		bw.WriteString(": ")
		switch d.Severity {
		case lint.Error:
			paint(ansiRed + ansiBold)
		case lint.Warning:
			paint(ansiYellow + ansiBold)
		case lint.Info:
			paint(ansiBlue + ansiBold)
		}
		bw.WriteString(d.Severity.String())
		if d.Severity == lint.Error || d.Severity == lint.Warning || d.Severity == lint.Info {
			paint(ansiReset)
		}
		bw.WriteString(": ")
		bw.WriteString(cleanLine(d.Message))
		bw.WriteByte(' ')
		paint(ansiDim)
		bw.WriteByte('[')
		bw.WriteString(d.Rule)
		bw.WriteByte(']')
		paint(ansiReset)
		bw.WriteByte('\n')
		if d.Source != "" {
			width := 1 // the span on its first line, at least one caret
			if d.End.Line == d.Pos.Line && d.End.Col > d.Pos.Col {
				width = d.End.Col - d.Pos.Col
			} else if d.End.Line > d.Pos.Line {
				width = max(1, utf8.RuneCountInString(d.Source)-d.Pos.Col+1)
			}
			src, caret = appendSourceAndCaret(src[:0], caret[:0], d.Source, d.Pos.Col, width)
			bw.WriteString("    ")
			bw.Write(src)
			bw.WriteString("\n    ")
			paint(ansiGreen)
			bw.Write(caret)
			paint(ansiReset)
			bw.WriteByte('\n')
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

// appendSourceAndCaret appends to src the source line (tabs kept so the
// caret lines up, control characters made visible, as cleanLine does) and
// to caret the carets under the width characters from column col
// (^^^^^), cut where the shown line ends. A line longer than a terminal
// shows the part around the column, with … where it is cut.
func appendSourceAndCaret(src, caret []byte, line string, col, width int) ([]byte, []byte) {
	const maxWidth = 160
	n := utf8.RuneCountInString(line)
	start := 0
	if col > maxWidth-20 {
		start = col - 40 // keep the caret in view on long lines
	}
	start = min(start, n)
	end := min(n, start+maxWidth)
	if start > 0 {
		src = append(src, "…"...)
		caret = append(caret, ' ')
	}
	i := 0
	for _, r := range line {
		if i >= end {
			break
		}
		if i >= start {
			src = utf8.AppendRune(src, cleanRune(r))
			if i < col-1 {
				if r == '\t' {
					caret = append(caret, '\t')
				} else {
					caret = append(caret, ' ')
				}
			}
		}
		i++
	}
	if end < n {
		src = append(src, "…"...)
	}
	caret = append(caret, '^')
	for i := col; i < col-1+width && i < end; i++ {
		caret = append(caret, '^')
	}
	return src, caret
}

// cleanLine keeps a message or source line on one terminal line and free of
// escape sequences that pack text could smuggle in.
func cleanLine(s string) string { return strings.Map(cleanRune, s) }

// cleanRune is cleanLine for one character.
func cleanRune(r rune) rune {
	if r == '\t' {
		return r
	}
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
		return '�'
	}
	return r
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
