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
	Bad:     "quiz:\n  - question: Which principle?\n    difficulty: expert\n    options: [Ownership, Dive Deep]\n    answer: A",
	Good:    "quiz:\n  - question: Which principle?\n    difficulty: hard\n    options: [Ownership, Dive Deep]\n    answer: A",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		v, err := schema.Default()
		if err != nil {
			p.Reportf("", "the pack schema could not be compiled: %v", err)
			return
		}
		for _, viol := range v.Validate(p.File.Value) {
			d := lint.Diagnostic{Pointer: viol.Pointer, Message: viol.Message}
			switch viol.Target {
			case schema.AtValue:
				d.Pos = p.File.ValuePos(viol.Pointer)
			default:
				d.Pos = p.File.KeyPos(viol.Pointer)
			}
			p.Report(d)
		}
	},
}
