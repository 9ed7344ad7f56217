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
per week", and "team's" matches "team’s". Hyphenated and spaced forms are the same words
("one-page" matches "one page", "follow-up" matches "follow up"), and a number is one word with
its separators and decimals ("$46,000", "0.3%"). In a flow list, [saved $46,000 a month], YAML
ends the item at the comma inside the number: the rule says so, and the fix is to quote the item.`,
	Bad:     "star:\n  result:\n    example: The drop rate went to zero.\n    phrases: [\"$8,000 per week recovered\"]",
	Good:    "star:\n  result:\n    example: The post-mortem estimated this recovered $8,000 per week.\n    phrases: [\"$8,000 per week recovered\"]",
	Reads:   []string{"/star/*/example", "/reflections/*/text", "/levels/*/reflection"},
	Default: lint.Warning,
	Run: func(p *lint.Pass) {
		type source struct {
			name  string
			where string
			any   bool // false: no example to look in
		}
		// A step's phrases come one after another, so one source at a time
		// serves them, its counts reset for the next step. Only the
		// phrases' own terms are counted in the example.
		var src source
		var terms prose.PhraseTermSet
		p.Each(stepPhrases, func(ph lint.Text) {
			name := segment(ph.Ptr, 1)
			step := p.Pack.Star.Step(name)
			if step == nil {
				return // not a STAR step: the schema rule says so
			}
			if src.name != name || src.where == "" {
				src = source{name: name, where: "its example"}
				terms.Reset()
				for _, phrase := range step.Phrases {
					terms.AddPhrase(phrase)
				}
				terms.AddPhrase(ph.Value) // as the node has it, should the model differ
				texts := []string{step.Example}
				if name == "reflection" {
					texts = texts[:0]
					for _, t := range reflectionTexts(p) {
						texts = append(texts, t.Value)
					}
					src.where = "the reflections"
				}
				for _, text := range texts {
					if text == "" {
						continue
					}
					src.any = true
					// each text's words are split once per file, shared
					for _, w := range p.Words(text) {
						terms.CountWord(w.Text)
					}
				}
			}
			if !src.any {
				return // no example to look in: nothing to compare
			}
			if splitAt, whole := splitNumber(p, ph, step.Phrases); splitAt != "" {
				curly := ""
				if strings.HasPrefix(whole, "“") || strings.HasPrefix(whole, "‘") {
					curly = " (curly quotes are text to YAML, not quotes)"
				}
				p.ReportText(ph, "YAML split the key phrase %q at the comma in %q (a comma ends an item inside [ ]): quote the item%s, %q", whole, splitAt, curly, whole)
				return
			}
			if continuesSplit(p, ph) {
				return // the item before was reported as split here
			}
			if missing := terms.Missing(ph.Value); len(missing) > 0 {
				p.ReportText(ph, "key phrase %q of the %s step is not in %s (missing %s): quote the example's words or fix the phrase", ph.Value, name, src.where, strings.Join(missing, ", "))
			}
		})
	},
}

// splitNumber reports a phrase that YAML cut at a number's comma in a flow
// list ("[saved $46,000 a month]" is "saved $46" and "000 a month"): the
// number as written, and the phrase as meant.
func splitNumber(p *lint.Pass, ph lint.Text, phrases []string) (number, whole string) {
	if ph.Node.Style != 0 || ph.Value == "" || !isDigit(ph.Value[len(ph.Value)-1]) {
		return "", "" // before the span: most phrases end in a letter
	}
	end := p.Span(ph, 0, len(ph.Value)).End
	src := p.File.Src
	if end+1 >= len(src) || src[end] != ',' || !isDigit(src[end+1]) {
		return "", ""
	}
	i, err := strconv.Atoi(segment(ph.Ptr, 3))
	if err != nil || i+1 >= len(phrases) {
		return "", ""
	}
	next := phrases[i+1]
	digits := len(next) - len(strings.TrimLeft(next, "0123456789"))
	head := ph.Value[len(strings.TrimRight(ph.Value, "0123456789")):]
	return head + "," + next[:digits], ph.Value + "," + next
}

// continuesSplit reports the second piece of a phrase splitNumber reports.
func continuesSplit(p *lint.Pass, ph lint.Text) bool {
	if ph.Node.Style != 0 || ph.Value == "" || !isDigit(ph.Value[0]) {
		return false
	}
	start := p.Span(ph, 0, 0).Start
	src := p.File.Src
	return start >= 2 && src[start-1] == ',' && isDigit(src[start-2])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
