package rules

import (
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/schema"
)

// Schema checks the pack against schemas/pack.schema.json.
var Schema = &lint.Rule{
	Name:    "schema",
	Summary: "the pack must match the pack schema: required keys, types, allowed values",
	Doc: `Checks the structure of the pack against schemas/pack.schema.json: every required key is
present, no unknown keys (with a "did you mean" for near misses), values have the right type,
enums and patterns (ids, durations, answer letters) hold, and lists have the right length.
Each problem is reported at the node it is about: a missing key at the mapping that lacks it,
an unknown key at the key, a wrong value at the value.`,
	Bad:     minimalPack + "quiz:\n  - question: Which principle?\n    difficulty: expert\n    options: [Ownership, Dive Deep]\n    answer: A",
	Good:    minimalPack + "quiz:\n  - question: Which principle?\n    difficulty: hard\n    options: [Ownership, Dive Deep]\n    answer: A",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		v, err := schema.Default()
		if err != nil {
			p.Reportf("", "the pack schema could not be compiled: %v", err)
			return
		}
		if v.Valid(p.File.Root) {
			return // the common case, without building the JSON value
		}
		for _, viol := range v.Validate(p.File.Value()) {
			d := lint.Diagnostic{Pointer: viol.Pointer, Message: viol.Message}
			switch viol.Target {
			case schema.AtValue:
				d.Span = p.ValueSpan(viol.Pointer)
				p.Settle(viol.Pointer) // rules judging this value would only echo the error
			default:
				d.Span = p.KeySpan(viol.Pointer)
			}
			p.Report(d)
		}
	},
}

// minimalPack is the smallest valid pack, for the schema rule's examples.
const minimalPack = `starlint: 1
id: failed-to-deliver
title: Tell Me About a Time You Failed to Deliver
category: General Behavioral
competency: Failure and Resilience
scenario: I noticed a 0.3% webhook drop rate outside my team.
star:
  situation: {target: 30s, example: I noticed the drops., coaching: Be brief., mistake: Long setup.}
  task: {target: 20s, example: Nobody had asked me., coaching: Scope it., mistake: No boundary.}
  action: {target: 90s, example: I fixed the retry race., coaching: Say I., mistake: Saying we.}
  result: {target: 20s, example: Drops fell to zero., coaching: Quantify., mistake: No metric.}
  reflection: {target: 15s, coaching: Be specific., mistake: Generic lessons.}
reflections:
  - {level: SDE2, text: I learned to check retry logic for races.}
`
