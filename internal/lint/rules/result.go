package rules

import (
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/prose"
)

// ResultHasMetric wants the Result to state a quantity.
var ResultHasMetric = &lint.Rule{
	Name:    "result-has-metric",
	Summary: "the Result example states a measurable outcome",
	Doc: `"Things got better and the team was happy" is an activity, not an impact: interviewers
remember numbers. star.result.example must contain a quantity of something: a number (0.3%, $8,000, 2x, 3×,
40 ms, 3 weeks, 2000 requests), a number word (zero to ten, dozen, hundred, thousand, million,
half, halved, doubled, tripled, twice, ...), a fraction ("a third"), or a change "from X to Y"
between quantity words (from weekly to daily). Digits that name or date something are not an
outcome: a name (SDE2, p99), a year ("in 2023"), a date (March 3, 3/14, 2023-05-01), a time of
day (5 p.m., 9:30), a version (v2.3, 2.3.1), an ordinal (3rd) or a label ("step 2", "sprint
14", "#4521").`,
	Bad:     "star:\n  result:\n    example: The migration went well in 2023 and everyone was happy.",
	Good:    "star:\n  result:\n    example: The drop rate went from 0.3% to zero, recovering $8,000 per week.",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		ex, ok := p.Text(resultExample)
		if !ok || ex.Value == "" || prose.QuantityIn(ex.Value, p.Words(ex.Value)) != "" {
			return
		}
		p.ReportText(ex, "the Result states no measurable outcome: add a number (a percentage, an amount, a time saved) or a change from X to Y")
	},
}
