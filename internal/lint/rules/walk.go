package rules

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// Where the rules read their texts: JSON pointer patterns over the pack,
// checked against the schema by TestTextPatternsMatchSchema.
const (
	starExamples     = "/star/*/example"
	strongAnswers    = "/followups/*/strong/answer"
	stepReflection   = "/star/reflection/example"
	modelReflections = "/reflections/*/text"
	levelReflections = "/levels/*/reflection"
	actionExample    = "/star/action/example"
	resultExample    = "/star/result/example"
	stepPhrases      = "/star/*/phrases/*"
)

// TextPatterns lists every pattern above, for the schema check.
var TextPatterns = []string{starExamples, strongAnswers, stepReflection, modelReflections, levelReflections, actionExample, resultExample, stepPhrases}

// text is a piece of prose a rule checks. Messages name it by its label:
// "STAR action example", "reflection 2 (Senior)".
type text struct {
	lint.Text
	kind textKind
}

type textKind uint8

const (
	stepText       textKind = iota // /star/<step>/example
	strongText                     // /followups/<i>/strong/answer
	reflectionText                 // /reflections/<i>/text
	levelText                      // /levels/<i>/reflection
)

// label is how messages name the text; built only for a finding.
func (t text) label(p *lint.Pass) string {
	switch t.kind {
	case strongText:
		return "follow-up " + ordinal(segment(t.Ptr, 1)) + " strong answer"
	case reflectionText, levelText:
		i, _ := strconv.Atoi(segment(t.Ptr, 1))
		if t.kind == reflectionText {
			level := ""
			if i < len(p.Pack.Reflections) {
				level = p.Pack.Reflections[i].Level
			}
			return labelled("reflection", i, level)
		}
		level := ""
		if i < len(p.Pack.Levels) {
			level = p.Pack.Levels[i].Level
		}
		return labelled("level", i, level) + " reflection"
	}
	return "STAR " + segment(t.Ptr, 1) + " example"
}

// The text lists several rules read are built once per file (Pass.Memo).
type textsKey uint8

const (
	strongKey textsKey = iota
	reflectionKey
)

// strongTexts lists the texts that speak as the candidate at their best:
// the STAR examples (the reflection step's included), strong follow-up
// answers and model reflections. The list is shared: do not change it.
func strongTexts(p *lint.Pass) []text {
	return p.Memo(strongKey, func() any {
		out := make([]text, 0, 24) // a pack's examples, answers and reflections
		p.Each(starExamples, func(t lint.Text) { out = append(out, text{t, stepText}) })
		p.Each(strongAnswers, func(t lint.Text) { out = append(out, text{t, strongText}) })
		return appendModelTexts(p, out)
	}).([]text)
}

// reflectionTexts lists the model reflections: a reflection step example,
// reflections[].text and levels[].reflection. The list is shared.
func reflectionTexts(p *lint.Pass) []text {
	return p.Memo(reflectionKey, func() any {
		out := make([]text, 0, 8)
		p.Each(stepReflection, func(t lint.Text) { out = append(out, text{t, stepText}) })
		return appendModelTexts(p, out)
	}).([]text)
}

func appendModelTexts(p *lint.Pass, out []text) []text {
	p.Each(modelReflections, func(t lint.Text) { out = append(out, text{t, reflectionText}) })
	p.Each(levelReflections, func(t lint.Text) { out = append(out, text{t, levelText}) })
	return out
}

// segment returns segment i of a pointer ("" past its end).
func segment(ptr string, i int) string { return pack.PointerSegment(ptr, i) }

// ordinal turns a list index segment into the 1-based number messages use.
func ordinal(seg string) string {
	i, err := strconv.Atoi(seg)
	if err != nil {
		return seg
	}
	return strconv.Itoa(i + 1)
}

func labelled(kind string, i int, name string) string {
	s := kind + " " + strconv.Itoa(i+1)
	if name != "" {
		s += " (" + name + ")"
	}
	return s
}

// clip shortens text for quoting in a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// nodePointer finds the JSON pointer of a node in the tree, for the rare
// report whose pointer was not built during the walk.
func nodePointer(root, target *yaml.Node) string {
	var path []string
	var find func(n *yaml.Node) bool
	find = func(n *yaml.Node) bool {
		if n == target {
			return true
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				path = append(path, n.Content[i].Value)
				if find(n.Content[i+1]) {
					return true
				}
				path = path[:len(path)-1]
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				path = append(path, strconv.Itoa(i))
				if find(item) {
					return true
				}
				path = path[:len(path)-1]
			}
		}
		return false
	}
	if root != nil && find(root) {
		return pack.JoinPointer(path...)
	}
	return ""
}
