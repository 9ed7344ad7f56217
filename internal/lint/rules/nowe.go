package rules

import (
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
)

var weWords = toSet("we we're we've we'd we'll our ours ourselves us")

// NoWe keeps the candidate's own contribution visible.
var NoWe = &lint.Rule{
	Name:    "no-we",
	Summary: "strong texts say \"I\", not \"we\", \"our\" or \"us\"",
	Doc: `"We figured it out together" makes the candidate invisible: the interviewer cannot tell what
they did. The strong texts (the STAR examples, strong follow-up answers and reflections) must
not use we, we're, we've, we'd, we'll, our, ours, ourselves or us as words. Only whole words
count: "US-East", "status" and "weekly" do not, nor does "US" in capitals (the country).`,
	Bad:     "star:\n  task:\n    example: We decided our team should own the fix.",
	Good:    "star:\n  task:\n    example: I decided to own the fix for the US-East status page.",
	Default: lint.Warning,
	Run: func(p *lint.Pass) {
		for _, t := range strongTexts(p) {
			for _, word := range p.Words(t.Value) {
				w := word.Text
				if len(w) < 2 || len(w) > 12 || !startsWeWord(w[0]) || w == "US" {
					continue // cheap rejection: every we-word starts with w, o or u
				}
				lw := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
				if !weWords[lw] {
					continue
				}
				p.ReportRange(t.Text, word.Start, word.Start+len(w), "%s uses %q: say what you did, with \"I\"", t.label(p), lw)
			}
		}
	},
}

// startsWeWord reports a byte that starts some we-word: w, o or u.
func startsWeWord(c byte) bool {
	switch c | 0x20 {
	case 'w', 'o', 'u':
		return true
	}
	return false
}
