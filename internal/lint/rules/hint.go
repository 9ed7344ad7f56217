package rules

import (
	"regexp"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

// answerLetterRE finds a hint naming an option by its letter: "the answer
// is A", "option (B)", "pick C". The letter must be a capital: "the
// answer is a matter of scope" names nothing.
var answerLetterRE = regexp.MustCompile(`\b(?i:answer|option|choice|pick|choose|select)(?:\s+(?i:is|would be|=))?\s+\(?([A-F])\b`)

// HintRevealsAnswer keeps hints hints.
var HintRevealsAnswer = &lint.Rule{
	Name:    "hint-reveals-answer",
	Summary: "a quiz hint points towards the answer without giving it away",
	Doc: `A hint lets a stuck learner think again; one that names the answer ends the thinking. The
rule reports a hint that names the correct option's letter ("The answer is A.", "pick (B)") or
quotes the correct option's words (compared as solution-names-answer compares them: case, quotes
and punctuation ignored). Quoting words the question itself uses, or words that a wrong option
also holds, singles nothing out and is not reported.`,
	Bad:     "quiz:\n  - question: Which principle did the candidate show?\n    options: [Ownership, Dive Deep]\n    answer: A\n    hint: The answer is A.",
	Good:    "quiz:\n  - question: Which principle did the candidate show?\n    options: [Ownership, Dive Deep]\n    answer: A\n    hint: Who acted although nobody asked them to?",
	Reads:   []string{"/quiz/*/answer", "/quiz/*/options/*"},
	Default: lint.Warning,
	Run: func(p *lint.Pass) {
		for i, q := range p.Pack.Quiz {
			a := q.AnswerIndex()
			if a < 0 || strings.TrimSpace(q.Hint) == "" {
				continue
			}
			hint, ok := p.Text(quizPtr(i, "hint"))
			if !ok {
				continue
			}
			// most hints name no letter: the pattern runs only on those that may
			if hasLetter(hint.Value, q.Answer[0]) {
				for _, m := range answerLetterRE.FindAllStringSubmatchIndex(hint.Value, -1) {
					if hint.Value[m[2]:m[3]] == q.Answer {
						p.ReportRange(hint, m[0], m[1], "quiz item %d: the hint gives the answer away (%q): point at the reasoning instead", i+1, hint.Value[m[0]:m[1]])
						break
					}
				}
			}
			if from, to, ok := quotesAnswer(p, hint.Value, q, a); ok {
				p.ReportRange(hint, from, to, "quiz item %d: the hint quotes the answer, %s %q: point at the reasoning instead", i+1, q.Answer, clip(q.Options[a], 60))
			}
		}
	},
}

// quotesAnswer finds the correct option's words in the hint, when they
// single that option out.
func quotesAnswer(p *lint.Pass, hint string, q pack.QuizItem, a int) (int, int, bool) {
	want := prose.Terms(q.Options[a])
	words := p.Words(hint)
	k, n := findTerms(words, want)
	if k < 0 {
		return 0, 0, false
	}
	if i, _ := findTerms(p.Words(q.Question), want); i >= 0 {
		return 0, 0, false // the question says it already
	}
	for j, o := range q.Options {
		if i, _ := findTerms(p.Words(o), want); j != a && i >= 0 {
			return 0, 0, false // a wrong option holds the same words
		}
	}
	last := words[n-1]
	return words[k].Start, last.Start + len(last.Text), true
}
