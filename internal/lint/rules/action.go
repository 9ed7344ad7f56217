package rules

import (
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/prose"
)

// ActionFirstPerson wants every Action sentence to start with "I".
var ActionFirstPerson = &lint.Rule{
	Name:    "action-first-person",
	Summary: "every sentence of the Action example starts with \"I\"",
	Doc: `The Action step is where the interviewer decides what the candidate did. A sentence that
starts with "We", "The team" or a passive verb hides the candidate's own contribution. Each
sentence of star.action.example must begin with the word I (I, I'm, I've, I'd, I'll). The
sentence splitter knows decimals (0.3%), money ($8,000), abbreviations (e.g., i.e., vs., U.S.,
Dr.), initials, quotations, ellipses and list-like lines.`,
	Bad:     "star:\n  action:\n    example: I pulled the logs. We figured out the root cause together.",
	Good:    "star:\n  action:\n    example: I pulled the logs. I traced the failure to a race condition in the retry logic.",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		ex, ok := p.Text(actionExample)
		if !ok {
			return
		}
		for i, s := range prose.Split(ex.Value) {
			if first, ok := startsWithI(s.Text); !ok {
				p.ReportRange(ex, s.Start, s.Start+len(s.Text), "sentence %d of the Action starts with %q, not \"I\": %q: say what you did (\"I ...\")", i+1, first, clip(s.Text, 80))
			}
		}
	},
}

// startsWithI reports whether a sentence begins with the word I (or I'm,
// I've, I'd, I'll), after any opening quotes or brackets, and returns its
// first word.
func startsWithI(s string) (string, bool) {
	s = strings.TrimLeft(s, "\"'“‘([ ")
	words := prose.Words(s)
	if len(words) == 0 || words[0].Start != 0 {
		return clip(s, 12), false
	}
	w := words[0].Text
	switch strings.ReplaceAll(w, "’", "'") {
	case "I", "I'm", "I've", "I'd", "I'll":
		return w, true
	}
	return w, false
}
