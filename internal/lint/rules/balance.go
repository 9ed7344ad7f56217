package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// BalanceOptions configures answer-position-balance.
type BalanceOptions struct {
	MinItems   int     `yaml:"min-items" doc:"a pack's quiz of at least this many items, all answered by one letter, is reported"`
	MaxShare   float64 `yaml:"max-share" doc:"across the linted set, the largest share of answers one letter may hold"`
	MinAnswers int     `yaml:"min-answers" doc:"the set is judged only from this many answers on"`
}

// Validate checks the options.
func (o *BalanceOptions) Validate() error {
	switch {
	case o.MinItems < 2:
		return fmt.Errorf("%d is too few: a quiz answered by one letter throughout has at least 2 items; use 2 or more", o.MinItems)
	case o.MaxShare <= 0 || o.MaxShare > 1:
		return fmt.Errorf("%g is not a share of the answers: use a number above 0 and at most 1, such as 0.5", o.MaxShare)
	case o.MinAnswers < 1:
		return fmt.Errorf("%d is too few: give how many answers the linted set needs before it is judged, 1 or more", o.MinAnswers)
	}
	return nil
}

// balanceDefaults are the options unless the config says otherwise.
var balanceDefaults = BalanceOptions{MinItems: 3, MaxShare: 0.5, MinAnswers: 20}

// withDefaults is the options a Pass gives, or the defaults without any.
func (o *BalanceOptions) withDefaults() BalanceOptions {
	if o == nil {
		return balanceDefaults
	}
	return *o
}

// AnswerPositionBalance keeps the right answer from always sitting in one place.
var AnswerPositionBalance = &lint.Rule{
	Name:    "answer-position-balance",
	Summary: "quiz answers are spread over the option letters",
	Doc: `A learner who notices that the right answer is always A (the skeleton from starlint new puts
it first) answers by position, not by thinking. The rule notes a pack whose quiz items (at least
min-items, default 3) are all answered by the same letter, and, across the linted packs (from
min-answers answers on, default 20), a letter that holds more than max-share of all answers
(default 0.5, "most") and more than chance would give it: at least two standard deviations above
what uniformly placed answers would show, given each item's number of options. Each finding
gives the counts per letter. Move the right option to another
position and change the answer letter with it.`,
	Bad:     "quiz:\n  - {question: Which A, options: [x, y], answer: A}\n  - {question: Which B, options: [x, y], answer: A}\n  - {question: Which C, options: [x, y], answer: A}",
	Good:    "quiz:\n  - {question: Which A, options: [x, y], answer: A}\n  - {question: Which B, options: [x, y], answer: B}\n  - {question: Which C, options: [x, y], answer: A}",
	Default: lint.Info,
	Options: func() any { o := balanceDefaults; return &o },
	Run: func(p *lint.Pass) {
		opts, _ := p.Options.(*BalanceOptions)
		o := opts.withDefaults()
		var letters strings.Builder
		for _, q := range p.Pack.Quiz {
			if q.AnswerIndex() >= 0 {
				letters.WriteString(q.Answer)
			}
		}
		a := letters.String()
		if len(a) < o.MinItems || strings.Count(a, a[:1]) != len(a) {
			return
		}
		p.ReportKeyf("/quiz", "all %d quiz items are answered %s (%s): move the right option of some items to another position", len(a), a[:1], letterCounts(a))
	},
	RunSet: func(p *lint.SetPass) {
		opts, _ := p.Options.(*BalanceOptions)
		o := opts.withDefaults()
		var all, options strings.Builder
		nAnswers, nOptions := 0, 0
		for _, ref := range p.Packs { // sized first: one allocation each, not a growing series
			nAnswers += len(ref.Answers)
			nOptions += len(ref.Options)
		}
		all.Grow(nAnswers)
		options.Grow(nOptions)
		for _, ref := range p.Packs {
			all.WriteString(ref.Answers)
		}
		a := all.String()
		if len(a) < o.MinAnswers {
			return
		}
		for _, ref := range p.Packs {
			options.WriteString(ref.Options)
		}
		top, n := mostCommon(a)
		if float64(n) <= o.MaxShare*float64(len(a)) || !aboveChance(top[0], n, options.String()) {
			return
		}
		// reported on the pack that holds the most answers of that letter
		best := -1
		for i, ref := range p.Packs {
			if ref.QuizPos != (pack.Pos{}) && (best < 0 || strings.Count(ref.Answers, top) > strings.Count(p.Packs[best].Answers, top)) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		ref := p.Packs[best]
		p.Report(lint.Diagnostic{File: ref.File, Pos: ref.QuizPos, End: ref.QuizEnd, Pointer: "/quiz",
			Message: fmt.Sprintf("across the %d linted packs, %d of %d quiz answers (%d%%) are %s (%s), more than the %d%% allowed: this pack has %d of them; move some right options to other positions",
				len(p.Packs), n, len(a), n*100/len(a), top, letterCounts(a), int(o.MaxShare*100), strings.Count(ref.Answers, top))})
	},
}

// letterCounts writes "A 3, B 1, C 0": every letter up to the last used.
func letterCounts(answers string) string {
	last := byte('B')
	for i := 0; i < len(answers); i++ {
		last = max(last, answers[i])
	}
	var parts []string
	for c := byte('A'); c <= last; c++ {
		parts = append(parts, fmt.Sprintf("%c %d", c, strings.Count(answers, string(c))))
	}
	return strings.Join(parts, ", ")
}

// mostCommon returns the letter that answers most often (the first in
// alphabetical order on a tie) and how often.
func mostCommon(answers string) (string, int) {
	top, n := "", 0
	for c := byte('A'); c <= 'F'; c++ {
		if k := strings.Count(answers, string(c)); k > n {
			top, n = string(c), k
		}
	}
	return top, n
}

// aboveChance reports whether n answers with letter are at least two
// standard deviations above what answers placed uniformly at random would
// give, where item i has options[i] options (a digit).
func aboveChance(letter byte, n int, options string) bool {
	mean, variance := 0.0, 0.0
	for i := 0; i < len(options); i++ {
		k := int(options[i] - '0')
		if k <= 0 || int(letter-'A') >= k {
			continue
		}
		p := 1 / float64(k)
		mean += p
		variance += p * (1 - p)
	}
	return float64(n) >= mean+2*math.Sqrt(variance)
}
