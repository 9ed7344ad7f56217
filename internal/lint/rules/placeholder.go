package rules

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
)

// placeholderWords are matched in capitals, as whole words.
var placeholderWords = []string{"TODO", "TBD", "FIXME", "XXX"}

// findPlaceholder returns the first placeholder in s and its offset, or "":
// of the words, the first of placeholderWords that s holds (at its first
// place), else "???", else "lorem ipsum". It reads s once: this rule
// reads every text of every pack.
func findPlaceholder(s string) (string, int) {
	var at [4]int // the first offset of each of placeholderWords, +1
	question, lorem := -1, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 'T', 'F', 'X':
			for k, w := range placeholderWords {
				if at[k] == 0 && w[0] == c && strings.HasPrefix(s[i:], w) && wordBoundary(s, i-1) && wordBoundary(s, i+len(w)) {
					at[k] = i + 1
				}
			}
		case '?':
			if question < 0 && strings.HasPrefix(s[i:], "???") {
				question = i
			}
		case 'l', 'L':
			if lorem < 0 && len(s)-i >= len("lorem ipsum") && strings.EqualFold(s[i:i+len("lorem ipsum")], "lorem ipsum") {
				lorem = i
			}
		}
	}
	for k, w := range placeholderWords {
		if at[k] > 0 {
			return w, at[k] - 1
		}
	}
	if question >= 0 {
		return "???", question
	}
	if lorem >= 0 {
		return s[lorem : lorem+len("lorem ipsum")], lorem
	}
	return "", -1
}

// wordBoundary reports whether s[i] is outside s or not a letter or digit.
func wordBoundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
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
		eachString(p.File, func(ptr func() string, n *yaml.Node) {
			t := lint.Text{Node: n, Value: n.Value}
			if s := strings.TrimSpace(n.Value); s == "..." || s == "…" {
				t.Ptr = ptr()
				p.ReportText(t, "placeholder \"...\": write the text")
				p.Settle(t.Ptr)
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
