package rules

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// eachString calls fn for every text value in the pack. The pointer is
// built only when asked for, since most texts are reported on rarely.
func eachString(f *pack.File, fn func(ptr func() string, n *yaml.Node)) {
	// one ptr for the whole walk, not a closure per string: it is only
	// called during fn, while cur is that string's path
	var cur []string
	ptr := func() string { return pack.JoinPointer(cur...) }
	lint.WalkStrings(f.Root, func(path []string, n *yaml.Node) {
		cur = path
		fn(ptr, n)
	})
}

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

// text is a piece of prose a rule checks, with how messages name it:
// "STAR action example", "reflection 2 (Senior)".
type text struct {
	lint.Text
	label string
}

// strongTexts lists the texts that speak as the candidate at their best:
// the STAR examples (the reflection step's included), strong follow-up
// answers and model reflections.
func strongTexts(p *lint.Pass) []text {
	var out []text
	p.Each(starExamples, func(t lint.Text) {
		out = append(out, text{t, "STAR " + segment(t.Ptr, 1) + " example"})
	})
	p.Each(strongAnswers, func(t lint.Text) {
		out = append(out, text{t, "follow-up " + ordinal(segment(t.Ptr, 1)) + " strong answer"})
	})
	return append(out, modelTexts(p)...)
}

// reflectionTexts lists the model reflections: a reflection step example,
// reflections[].text and levels[].reflection.
func reflectionTexts(p *lint.Pass) []text {
	var out []text
	p.Each(stepReflection, func(t lint.Text) { out = append(out, text{t, "STAR reflection example"}) })
	return append(out, modelTexts(p)...)
}

func modelTexts(p *lint.Pass) []text {
	var out []text
	p.Each(modelReflections, func(t lint.Text) {
		i, _ := strconv.Atoi(segment(t.Ptr, 1))
		level := ""
		if i < len(p.Pack.Reflections) {
			level = p.Pack.Reflections[i].Level
		}
		out = append(out, text{t, labelled("reflection", i, level)})
	})
	p.Each(levelReflections, func(t lint.Text) {
		i, _ := strconv.Atoi(segment(t.Ptr, 1))
		level := ""
		if i < len(p.Pack.Levels) {
			level = p.Pack.Levels[i].Level
		}
		out = append(out, text{t, labelled("level", i, level) + " reflection"})
	})
	return out
}

// segment returns segment i of a pointer ("" past its end).
func segment(ptr string, i int) string {
	segs := pack.SplitPointer(ptr)
	if i < len(segs) {
		return segs[i]
	}
	return ""
}

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
