package rules

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
)

// eachString calls fn for every text value in the pack. The pointer is
// built only when asked for, since most texts are reported on rarely.
func eachString(f *pack.File, fn func(ptr func() string, n *yaml.Node)) {
	var path []string
	ptr := func() string { return pack.JoinPointer(path...) }
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				path = append(path, n.Content[i].Value)
				walk(n.Content[i+1])
				path = path[:len(path)-1]
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				path = append(path, strconv.Itoa(i))
				walk(item)
				path = path[:len(path)-1]
			}
		case yaml.ScalarNode:
			if n.Tag == "!!str" {
				fn(ptr, n)
			}
		}
	}
	if f.Root != nil {
		walk(f.Root)
	}
}

// text is a piece of prose a rule checks, with its pointer.
type text struct {
	ptr   string
	label string // how messages name it: "STAR action example", "reflection 2 (Senior)"
	value string
}

// strongTexts lists the texts that speak as the candidate at their best:
// the STAR examples, strong follow-up answers and reflections.
func strongTexts(p *pack.Pack) []text {
	var out []text
	for _, name := range pack.StepNames {
		if s := p.Star.Step(name); s.Example != "" {
			out = append(out, text{"/star/" + name + "/example", "STAR " + name + " example", s.Example})
		}
	}
	for i, f := range p.Followups {
		if f.Strong.Answer != "" {
			out = append(out, text{"/followups/" + strconv.Itoa(i) + "/strong/answer", "follow-up " + strconv.Itoa(i+1) + " strong answer", f.Strong.Answer})
		}
	}
	return append(out, reflectionTexts(p)...)
}

// reflectionTexts lists the model reflections: reflections[].text,
// levels[].reflection and a reflection step example if there is one.
func reflectionTexts(p *pack.Pack) []text {
	var out []text
	if ex := p.Star.Reflection.Example; ex != "" {
		out = append(out, text{"/star/reflection/example", "STAR reflection example", ex})
	}
	for i, r := range p.Reflections {
		if r.Text != "" {
			out = append(out, text{"/reflections/" + strconv.Itoa(i) + "/text", labelled("reflection", i, r.Level), r.Text})
		}
	}
	for i, l := range p.Levels {
		if l.Reflection != "" {
			out = append(out, text{"/levels/" + strconv.Itoa(i) + "/reflection", labelled("level", i, l.Level) + " reflection", l.Reflection})
		}
	}
	return out
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
