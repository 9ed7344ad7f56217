package rules

import (
	"fmt"
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
Dr.), initials, quotations, ellipses and list-like lines.

A sentence that puts a sequence word before the I ("Then I asked", "First, I broke", "Finally I
shipped") gets a fix that moves the word after it ("I then asked"). "My team and I..." is
reported because it shares the credit so the interviewer cannot tell which part was yours, and a
passive sentence ("The fix was deployed by me.") because it hides who acted.`,
	Bad:     "star:\n  action:\n    example: I pulled the logs. We figured out the root cause together.",
	Good:    "star:\n  action:\n    example: I pulled the logs. I traced the failure to a race condition in the retry logic.",
	Default: lint.Error,
	Fixable: true,
	Run: func(p *lint.Pass) {
		ex, ok := p.Text(actionExample)
		if !ok {
			return
		}
		for i, s := range prose.Split(ex.Value) {
			first, ok := startsWithI(s.Text)
			if ok {
				continue
			}
			from, to := s.Start, s.Start+len(s.Text)
			switch lead, rest, isLead := leadIn(s.Text); {
			case isLead:
				d := lint.Diagnostic{Span: p.Span(ex, from, to), Pointer: ex.Ptr,
					Message: fmt.Sprintf("sentence %d of the Action starts with %q before \"I\": start with \"I\" (\"I %s ...\")", i+1, lead, strings.ToLower(lead))}
				fixFrom, fixTo := s.Start, s.Start+rest
				if span := p.Span(ex, fixFrom, fixTo); string(p.File.Src[span.Start:span.End]) == ex.Value[fixFrom:fixTo] {
					d.Fix = &lint.SuggestedFix{Message: fmt.Sprintf("Write \"I %s\"", strings.ToLower(lead)),
						Edits: []lint.TextEdit{{Start: span.Start, End: span.End, NewText: "I " + strings.ToLower(lead)}}}
				}
				p.Report(d)
			case sharedSubject(s.Text) != "":
				p.ReportRange(ex, from, to, "sentence %d of the Action starts with %q: the interviewer cannot tell which part was yours: say what you did (\"I ...\")", i+1, sharedSubject(s.Text))
			case passiveVerb(s.Text) != "":
				p.ReportRange(ex, from, to, "sentence %d of the Action is passive (%q): it hides who acted: make yourself the subject (\"I ...\")", i+1, passiveVerb(s.Text))
			default:
				p.ReportRange(ex, from, to, "sentence %d of the Action starts with %q, not \"I\": %q: say what you did (\"I ...\")", i+1, first, clip(s.Text, 80))
			}
		}
	},
}

// sequenceWords lead into a sentence whose subject comes next: "Then I
// asked", "First, I broke", "Finally I shipped". Moved after the "I", they
// keep the sentence's meaning: "I then asked".
var sequenceWords = toSet("then first next finally later afterwards afterward second third also eventually immediately meanwhile soon initially")

// leadIn reports a sentence that starts with a sequence word (and an
// optional comma) and then "I": the word, and the length of "Word, I".
func leadIn(s string) (lead string, n int, ok bool) {
	words := prose.Words(s)
	if len(words) < 3 || words[0].Start != 0 || !sequenceWords[strings.ToLower(words[0].Text)] || words[1].Text != "I" {
		return "", 0, false
	}
	between := s[len(words[0].Text):words[1].Start]
	if strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(between), ",")) != "" {
		return "", 0, false
	}
	return words[0].Text, words[1].Start + 1, true
}

// sharedSubject returns "My team and I" when a sentence starts with
// someone else and the candidate together.
func sharedSubject(s string) string {
	words := prose.Words(s)
	for k := 1; k < len(words) && k <= 4; k++ {
		if words[k].Text == "I" && strings.EqualFold(words[k-1].Text, "and") {
			return s[:words[k].Start+1]
		}
	}
	return ""
}

// passiveVerbs are past participles that do not end in -ed.
var passiveVerbs = toSet("built made done sent written shown taken given found run set put kept held led told brought bought caught taught thought chosen driven drawn known seen spent split shut cut")

// passiveVerb returns a passive construction ("was deployed", "were
// written by me") in a sentence that does not start with "I".
func passiveVerb(s string) string {
	words := prose.Words(s)
	for k := 0; k+1 < len(words); k++ {
		switch strings.ToLower(words[k].Text) {
		case "was", "were", "been", "being", "got", "is", "are":
		default:
			continue
		}
		v := strings.ToLower(words[k+1].Text)
		if strings.HasSuffix(v, "ed") || passiveVerbs[v] {
			end := words[k+1].Start + len(words[k+1].Text)
			if k+3 < len(words) && strings.EqualFold(words[k+2].Text, "by") && strings.EqualFold(words[k+3].Text, "me") {
				end = words[k+3].Start + 2
			}
			return s[words[k].Start:end]
		}
	}
	return ""
}

// startsWithI reports whether a sentence begins with the word I (or I'm,
// I've, I'd, I'll), after any opening quotes or brackets, and returns its
// first word.
func startsWithI(s string) (string, bool) {
	s = strings.TrimLeft(s, "\"'“‘([ ")
	// the first word only (splitting the whole sentence into a slice was
	// most of what this rule allocated)
	w, start := "", -1
	prose.EachWord(s, func(word string, at int) bool {
		w, start = word, at
		return false
	})
	if start != 0 {
		return clip(s, 12), false
	}
	switch strings.ReplaceAll(w, "’", "'") {
	case "I", "I'm", "I've", "I'd", "I'll":
		return w, true
	}
	return w, false
}
