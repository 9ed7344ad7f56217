package rules

import (
	"strconv"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/prose"
)

// PhraseInExample checks that each key phrase appears in its example.
var PhraseInExample = &lint.Rule{
	Name:    "phrase-in-example",
	Summary: "each key phrase of a STAR step is found in that step's example",
	Doc: `Key phrases are what the learner should remember saying, so each must be in the example
it comes from (for the reflection step: in the model reflections). Matching ignores case,
punctuation, quote style and word order: "$8,000 per week recovered" matches "recovered $8,000
per week", and "team's" matches "team’s".`,
	Bad:     "star:\n  result:\n    example: The drop rate went to zero.\n    phrases: [\"$8,000 per week recovered\"]",
	Good:    "star:\n  result:\n    example: The post-mortem estimated this recovered $8,000 per week.\n    phrases: [\"$8,000 per week recovered\"]",
	Default: lint.Warning,
	Run: func(p *lint.Pass) {
		type source struct {
			where string
			have  map[string]int
		}
		sources := map[string]*source{} // by step, built for steps with phrases
		p.Each(stepPhrases, func(ph lint.Text) {
			name := segment(ph.Ptr, 1)
			step := p.Pack.Star.Step(name)
			if step == nil {
				return // not a STAR step: the schema rule says so
			}
			src, ok := sources[name]
			if !ok {
				src = &source{where: "its example"}
				text := step.Example
				if name == "reflection" {
					var texts []string
					for _, t := range reflectionTexts(p) {
						texts = append(texts, t.Value)
					}
					src.where, text = "the reflections", strings.Join(texts, "\n")
				}
				if text != "" {
					src.have = make(map[string]int, 64)
					for _, w := range p.Words(text) {
						src.have[prose.FoldTerm(w.Text)]++
					}
				}
				sources[name] = src
			}
			if src.have == nil {
				return // no example to look in: nothing to compare
			}
			if missing := missingTerms(ph.Value, src.have); len(missing) > 0 {
				p.ReportText(ph, "key phrase %q of the %s step is not in %s (missing %s): quote the example's words or fix the phrase", ph.Value, name, src.where, strings.Join(missing, ", "))
			}
		})
	},
}

// missingTerms returns the phrase's words that the source lacks, counting
// repeats.
func missingTerms(phrase string, have map[string]int) []string {
	used := map[string]int{}
	var missing []string
	for _, t := range prose.Terms(phrase) {
		used[t]++
		if used[t] > have[t] {
			missing = append(missing, strconv.Quote(t))
		}
	}
	return missing
}
