package rules

import (
	"bytes"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
)

// placeholderWords are matched in capitals, as whole words.
var placeholderWords = []string{"TODO", "TBD", "FIXME", "XXX"}

// placeholderCues are what every placeholder findPlaceholder finds holds
// (its words, "???", and "psum" or "PSUM" of lorem ipsum), none of them
// with a space or line break that YAML's folding could make.
var placeholderCues = func() (cues [][]byte) {
	for _, w := range append(slices.Clone(placeholderWords), "???", "psum", "PSUM") {
		cues = append(cues, []byte(w))
	}
	return cues
}()

// mayHoldPlaceholder reports whether some text of a file with this source
// could hold a placeholder (cues) or be only an ellipsis (dots): a few
// scans of the whole file instead of seven of each of its few hundred
// texts. A text's value is its source, with line breaks folded (into
// spaces, which neither cue nor ellipsis holds) and quotes undone, so only
// an escape ("\x54ODO", "\u2026") can spell what the source lacks.
func mayHoldPlaceholder(src []byte) (cues, dots bool) {
	if bytes.IndexByte(src, '\\') >= 0 {
		return true, true
	}
	dots = bytes.Contains(src, []byte("...")) || bytes.Contains(src, []byte("…"))
	for _, cue := range placeholderCues {
		if bytes.Contains(src, cue) {
			return true, dots
		}
	}
	return false, dots
}

// findPlaceholder returns the first placeholder in s and its offset, or "".
// It is a plain substring scan: this rule reads every text of every pack.
func findPlaceholder(s string) (string, int) {
	for _, w := range placeholderWords {
		for off := 0; ; {
			i := strings.Index(s[off:], w)
			if i < 0 {
				break
			}
			i += off
			if wordBoundary(s, i-1) && wordBoundary(s, i+len(w)) {
				return w, i
			}
			off = i + 1
		}
	}
	if i := strings.Index(s, "???"); i >= 0 {
		return "???", i
	}
	// capitals are rare: look for "PSUM" only where there is a 'P'
	if strings.Contains(s, "psum") || strings.IndexByte(s, 'P') >= 0 && strings.Contains(s, "PSUM") {
		if i := indexFold(s, "lorem ipsum"); i >= 0 {
			return s[i : i+len("lorem ipsum")], i
		}
	}
	return "", -1
}

// isEllipsis reports a text that is only "..." or "…".
func isEllipsis(s string) bool {
	s = strings.TrimSpace(s)
	return s == "..." || s == "…"
}

// wordBoundary reports whether s[i] is outside s or not a letter or digit.
func wordBoundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
}

// indexFold finds an ASCII lower-case needle in s, ignoring case.
func indexFold(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if s[i]|0x20 == needle[0] && strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// NoPlaceholder finds text left unwritten.
var NoPlaceholder = &lint.Rule{
	Name:    "no-placeholder",
	Summary: "no text is a placeholder (TODO, TBD, FIXME, XXX, lorem ipsum, ???, ...)",
	Doc: `A scaffold's placeholders must not reach learners. Any text that holds TODO, TBD, FIXME or
XXX (in capitals, as words), "lorem ipsum", "???", or that is only "..." is reported.
` + "`starlint new`" + ` writes its placeholders so that this rule flags them until they are replaced.`,
	Bad:     "scenario: TODO describe the situation",
	Good:    "scenario: While working as an SDE2, I noticed a persistent 0.3% webhook drop rate.",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		scan, dots := mayHoldPlaceholder(p.File.Src)
		if !scan && !dots {
			return // most packs: no text to look at
		}
		p.EachString(func(n *yaml.Node, ptr func() string) {
			t := lint.Text{Node: n, Value: n.Value}
			if dots && isEllipsis(n.Value) {
				t.Ptr = ptr()
				p.ReportText(t, "placeholder \"...\": write the text")
				p.Settle(t.Ptr)
				return
			}
			if !scan {
				return
			}
			if m, at := findPlaceholder(n.Value); m != "" {
				t.Ptr = ptr()
				p.ReportRange(t, at, at+len(m), "placeholder %q: write the text", m)
				p.Settle(t.Ptr) // other rules judge text that is still to be written
			}
		})
	},
}
