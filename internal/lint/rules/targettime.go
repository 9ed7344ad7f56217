package rules

import (
	"fmt"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/prose"
)

// TargetTimeOptions configures target-time.
type TargetTimeOptions struct {
	WordsPerMinute int `yaml:"words-per-minute" doc:"speaking speed used to estimate how long an example takes to say"`
}

// Validate checks the speaking speed.
func (o *TargetTimeOptions) Validate() error {
	if o.WordsPerMinute < 30 || o.WordsPerMinute > 400 {
		return fmt.Errorf("%d is not a speaking speed: use 30 to 400 words per minute", o.WordsPerMinute)
	}
	return nil
}

// TargetTime checks that each example can be said within its target.
var TargetTime = &lint.Rule{
	Name:    "target-time",
	Summary: "each STAR example can be said within its target time",
	Doc: `A step's example, spoken at 150 words per minute (the words-per-minute option), must fit
its target: a 30s situation has room for about 75 words. An example over its target teaches
the learner to ramble where the interviewer wants brevity. Cut the example or raise the target.`,
	Bad:     "star:\n  task:\n    target: 5s\n    example: This service belonged to the Platform team, not my team, and nobody had asked me to investigate it.",
	Good:    "star:\n  task:\n    target: 20s\n    example: This service belonged to the Platform team, not my team, and nobody had asked me to investigate it.",
	Reads:   []string{"/star/*/target", "/star/*/example"},
	Default: lint.Warning,
	Options: func() any { return &TargetTimeOptions{WordsPerMinute: 150} },
	Run: func(p *lint.Pass) {
		wpm := 150
		if o, ok := p.Options.(*TargetTimeOptions); ok && o.WordsPerMinute > 0 {
			wpm = o.WordsPerMinute
		}
		p.Each(starExamples, func(ex lint.Text) {
			name := segment(ex.Ptr, 1)
			step := p.Pack.Star.Step(name)
			if step == nil {
				return // not a STAR step: the schema rule says so
			}
			target, ok := prose.ParseDuration(step.Target)
			if !ok || ex.Value == "" {
				return
			}
			words := len(p.Words(ex.Value))
			secs := prose.SecondsFor(words, wpm)
			if secs > target {
				p.ReportText(ex, "the %s example takes about %ds to say (%d words at %d words per minute), over its %s target: cut it or raise the target", name, secs, words, wpm, step.Target)
			}
		})
	},
}
