package rules

import (
	"strconv"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

func quizPtr(i int, key string) string {
	p := "/quiz/" + strconv.Itoa(i)
	if key != "" {
		p += "/" + key
	}
	return p
}

// QuizSolution wants a worked solution on every quiz item.
var QuizSolution = &lint.Rule{
	Name:    "quiz-solution",
	Summary: "every quiz item has a solution with at least one non-empty step",
	Doc:     "A learner who picks the wrong option needs to see why the right one is right. Each quiz item needs `solution`, a list of steps, at least one of them written.",
	Bad:     "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: A\n    hint: Who acted unasked?",
	Good:    "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: A\n    hint: Who acted unasked?\n    solution:\n      - Acting outside your team unasked -> Ownership",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		for i, q := range p.Pack.Quiz {
			written := false
			for _, s := range q.Solution {
				written = written || strings.TrimSpace(s) != ""
			}
			switch {
			case written:
			case p.File.Has(quizPtr(i, "solution")):
				p.Reportf(quizPtr(i, "solution"), "quiz item %d has only empty solution steps: write the steps that lead to the answer", i+1)
			default:
				p.ReportKeyf(quizPtr(i, ""), "quiz item %d has no solution: add `solution:` with the steps that lead to the answer", i+1)
			}
		}
	},
}

// QuizHint wants a hint on every quiz item.
var QuizHint = &lint.Rule{
	Name:    "quiz-hint",
	Summary: "every quiz item has a non-empty hint",
	Doc:     "A hint lets a learner who is stuck try again before seeing the solution. Each quiz item needs `hint` with text.",
	Bad:     "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: A\n    hint: \"\"",
	Good:    "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: A\n    hint: Who acted unasked?",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		for i, q := range p.Pack.Quiz {
			switch {
			case strings.TrimSpace(q.Hint) != "":
			case q.HasHint:
				p.Reportf(quizPtr(i, "hint"), "quiz item %d has an empty hint: write one", i+1)
			default:
				p.ReportKeyf(quizPtr(i, ""), "quiz item %d has no hint: add `hint:` that points towards the answer", i+1)
			}
		}
	},
}

// QuizAnswer checks the answer letter and the options.
var QuizAnswer = &lint.Rule{
	Name:    "quiz-answer",
	Summary: "the answer letter names an option, and no two options are the same",
	Doc:     "The answer is a letter, A for the first option, B for the second... It must name one of the item's options. Two options with the same text (ignoring case, spacing and quote style) make the question unanswerable. Quiz items and the weak answer's checks are both checked.",
	Bad:     "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: C",
	Good:    "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: B",
	Reads:   []string{"/quiz/*/answer", "/quiz/*/options/*", "/weak_answer/checks/*/answer", "/weak_answer/checks/*/options/*"},
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		for i, q := range p.Pack.Quiz {
			checkOptions(p, optionsOf{"/quiz/", "quiz item ", i}, q.Answer, q.AnswerIndex(), q.Options)
		}
		if w := p.Pack.WeakAnswer; w != nil {
			for i, c := range w.Checks {
				checkOptions(p, optionsOf{"/weak_answer/checks/", "weak-answer check ", i}, c.Answer, c.AnswerIndex(), c.Options)
			}
		}
	},
}

// optionsOf names the item checkOptions checks: its list's pointer, how
// messages name it, and its index. The pointer and the name are built
// only for a finding.
type optionsOf struct {
	list, noun string
	i          int
}

func (o optionsOf) ptr() string   { return o.list + strconv.Itoa(o.i) }
func (o optionsOf) label() string { return o.noun + strconv.Itoa(o.i+1) }

// checkOptions reports an answer letter past the options, and options that
// repeat one another, for a quiz item or a weak-answer check.
func checkOptions(p *lint.Pass, item optionsOf, answer string, index int, options []string) {
	// a malformed letter is the schema's to report
	if len(options) > 0 && len(answer) == 1 && answer >= "A" && answer <= "F" && index < 0 {
		p.Reportf(item.ptr()+"/answer", "%s answers %s, but it has only %s: pick one of them", item.label(), answer, optionRange(len(options)))
	}
	for j, o := range options {
		if k := repeats(options, j); k >= 0 {
			p.Reportf(item.ptr()+"/options/"+strconv.Itoa(j), "%s: option %s repeats option %s (%q): make every option different", item.label(), pack.OptionLetter(j), pack.OptionLetter(k), clip(o, 40))
		}
	}
}

// repeats returns the first option before j with the same text as option j
// once normalized, or -1; an option with no text repeats nothing. Options
// are few, so they are compared in pairs without building their forms.
func repeats(options []string, j int) int {
	if prose.SameNormalized(options[j], "") {
		return -1
	}
	for k := range j {
		if prose.SameNormalized(options[k], options[j]) {
			return k
		}
	}
	return -1
}

// SolutionNamesAnswer wants the solution to arrive at the answer.
var SolutionNamesAnswer = &lint.Rule{
	Name:    "solution-names-answer",
	Summary: "a solution step mentions the correct option's text",
	Doc: `A solution that never names the correct option leaves the learner to connect the reasoning
to the answer. At least one step should mention the correct option's text. The comparison is of
words: case, quote style, quotation marks, punctuation and spacing are ignored, so the option
"Escalate to the manager." is named by the step 'Choosing "escalate to the manager" fits'; so is
an option's text without its opening pronoun or article ("They were approvals..." by "the twelve
were approvals..."). A solution with no written step is quiz-solution's to report.`,
	Bad:     "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: A\n    solution: [Nobody asked the candidate to act]",
	Good:    "quiz:\n  - question: Which principle?\n    options: [Take ownership of the outage., Dive Deep]\n    answer: A\n    solution: ['Nobody asked the candidate to act: \"take ownership of the outage\"']",
	Reads:   []string{"/quiz/*/answer", "/quiz/*/options/*", "/quiz/*/solution/*"},
	Default: lint.Warning,
	Run: func(p *lint.Pass) {
		for i, q := range p.Pack.Quiz {
			a := q.AnswerIndex()
			if a < 0 {
				continue
			}
			want := prose.Terms(q.Options[a])
			if len(want) == 0 {
				continue // an option without words (a symbol) cannot be quoted
			}
			core := optionCore(want)
			found, written := false, false
			for _, s := range q.Solution {
				if strings.TrimSpace(s) == "" {
					continue
				}
				written = true
				if !found {
					words := p.Words(s)
					k, _ := findTerms(words, want)
					c, _ := findTerms(words, core)
					found = k >= 0 || c >= 0
				}
			}
			if written && !found {
				p.Reportf(quizPtr(i, "solution"), "quiz item %d: no solution step mentions the answer, %s %q: end the reasoning on it", i+1, q.Answer, clip(q.Options[a], 60))
			}
		}
	},
}

// QuizDifficultyMix wants a quiz to span difficulties.
var QuizDifficultyMix = &lint.Rule{
	Name:    "quiz-difficulty-mix",
	Summary: "a quiz of three or more items has easy, medium and hard items",
	Doc:     "A quiz tells a learner whether the pattern is strong only if it has easy, medium and hard questions. A quiz of three or more items that lacks one of the three is reported.",
	Bad:     "quiz:\n  - {question: Which A, difficulty: easy, options: [x, y], answer: A}\n  - {question: Which B, difficulty: easy, options: [x, y], answer: A}\n  - {question: Which C, difficulty: medium, options: [x, y], answer: A}",
	Good:    "quiz:\n  - {question: Which A, difficulty: easy, options: [x, y], answer: A}\n  - {question: Which B, difficulty: medium, options: [x, y], answer: A}\n  - {question: Which C, difficulty: hard, options: [x, y], answer: A}",
	Reads:   []string{"/quiz/*/difficulty"},
	Default: lint.Warning,
	Run: func(p *lint.Pass) {
		if len(p.Pack.Quiz) < 3 {
			return
		}
		have := map[string]bool{}
		for _, q := range p.Pack.Quiz {
			have[q.Difficulty] = true
		}
		var missing []string
		for _, d := range []string{"easy", "medium", "hard"} {
			if !have[d] {
				missing = append(missing, d)
			}
		}
		if len(missing) > 0 {
			p.ReportKeyf("/quiz", "the quiz has %d items but none %s: add %s", len(p.Pack.Quiz), strings.Join(missing, " or "), strings.Join(missing, " and "))
		}
	},
}

// QuizMistakes suggests listing common mistakes.
var QuizMistakes = &lint.Rule{
	Name:    "quiz-mistakes",
	Summary: "quiz items list the common mistakes learners make",
	Doc:     "Naming the tempting wrong option and why it tempts teaches as much as the solution. Each quiz item without `mistakes` is noted.",
	Bad:     "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: A",
	Good:    "quiz:\n  - question: Which principle?\n    options: [Ownership, Dive Deep]\n    answer: A\n    mistakes: [Choosing Dive Deep because the fix was technical]",
	Default: lint.Info,
	Run: func(p *lint.Pass) {
		for i, q := range p.Pack.Quiz {
			written := false
			for _, m := range q.Mistakes {
				written = written || strings.TrimSpace(m) != ""
			}
			if !written {
				p.ReportKeyf(quizPtr(i, ""), "quiz item %d lists no common mistakes: add `mistakes:` with the tempting wrong choices", i+1)
			}
		}
	},
}

func optionRange(n int) string {
	if n == 1 {
		return "1 option (A)"
	}
	return strconv.Itoa(n) + " options (A-" + pack.OptionLetter(n-1) + ")"
}
