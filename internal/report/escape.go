package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// EscapeControls writes the control characters of s (C0, DEL, C1, the
// Unicode line and paragraph separators, invalid UTF-8) as visible escapes
// (\n, \x1b, \u2028), so that a file name or pack text can neither start a
// new line in a report, nor forge a CI workflow command, nor send an
// escape sequence to a terminal. Everything else is kept.
func EscapeControls(s string) string { return escapeControls(s, false) }

// escapeControls is EscapeControls that can leave line breaks for the
// caller's own escape (GitHub's %0A).
func escapeControls(s string, keepBreaks bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case (r == '\n' || r == '\r') && keepBreaks:
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
