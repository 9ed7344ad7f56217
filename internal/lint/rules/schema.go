package rules

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
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
			if cut, ok := commaSplit(p, viol.Pointer, viol.Target); ok {
				// a comma inside { } ended the value before: that is the
				// mistake to fix, and the cut value's echoes are dropped
				d.Message = fmt.Sprintf("`%s` stops at the comma before %q: inside { } a comma ends a value, and YAML read the rest as an unknown key; quote the whole %s (\"...\")", cut.key, clip(cut.rest, 30), cut.key)
				p.Settle(cut.ptr)
			}
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

// commaSplit reports an unknown key that is the rest of the value before
// it, cut by a comma in a flow mapping: in {example: I was on call, so it
// was mine., coaching: ...} YAML reads "so it was mine." as a key with no
// value. It returns the key whose value was cut.
// cutValue is a flow mapping's value cut by a comma: its key and pointer,
// and the rest of the text, which YAML read as a key.
type cutValue struct{ key, ptr, rest string }

func commaSplit(p *lint.Pass, ptr string, target schema.Target) (cutValue, bool) {
	segs := pack.SplitPointer(ptr)
	if target != schema.AtKey || len(segs) == 0 {
		return cutValue{}, false
	}
	parentSegs := segs[:len(segs)-1]
	_, parent, ok := p.File.Node(pack.JoinPointer(parentSegs...))
	if !ok || parent == nil || parent.Kind != yaml.MappingNode || parent.Style&yaml.FlowStyle == 0 {
		return cutValue{}, false
	}
	for i := 2; i+1 < len(parent.Content); i += 2 {
		key, val := parent.Content[i], parent.Content[i+1]
		prevKey, prevVal := parent.Content[i-2], parent.Content[i-1]
		if key.Value != segs[len(segs)-1] || val.Tag != "!!null" || val.Value != "" || prevVal.Kind != yaml.ScalarNode || prevVal.Style != 0 {
			continue
		}
		// the cut value ends right before ", " and the key follows it
		end := p.Span(lint.Text{Node: prevVal, Value: prevVal.Value}, 0, len(prevVal.Value)).End
		if end < len(p.File.Src) && p.File.Src[end] == ',' {
			return cutValue{key: prevKey.Value, ptr: pack.JoinPointer(append(append([]string(nil), parentSegs...), prevKey.Value)...), rest: key.Value}, true
		}
	}
	return cutValue{}, false
}
