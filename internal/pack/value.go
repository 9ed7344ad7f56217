package pack

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// isStringTag reports whether a scalar with this resolved tag is text for the
// schema. Timestamps and binary stay text: packs are prose, and yaml.v3 would
// otherwise turn an unquoted date into a time.Time.
func isStringTag(tag string) bool {
	switch tag {
	case "!!int", "!!float", "!!bool", "!!null":
		return false
	}
	return true
}

// valueBuilder walks the node tree once, producing the JSON-compatible value
// that schema validation needs and collecting the structural problems that
// make a file not a valid pack document (duplicate keys, aliases, merge keys,
// non-text keys).
type valueBuilder struct {
	path     []string
	problems []Problem
	dropped  int // problems past MaxProblems, counted, not kept
	// build is false for the problems-only walk Load makes; the value is
	// built on demand, since a valid pack never needs it (see schema).
	build bool
}

// MaxProblems bounds the YAML problems kept for one file: a 2 MB file of
// aliases would otherwise give hundreds of thousands, and memory with them.
const MaxProblems = 100

func (b *valueBuilder) problem(n *yaml.Node, ptr, format string, args ...any) {
	if len(b.problems) >= MaxProblems {
		b.dropped++
		return
	}
	b.problems = append(b.problems, Problem{
		Pos:     Pos{Line: n.Line, Col: n.Column},
		Pointer: ptr,
		Message: fmt.Sprintf(format, args...),
	})
}

func (b *valueBuilder) pointer() string { return JoinPointer(b.path...) }

func (b *valueBuilder) value(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		var m map[string]any
		if b.build {
			m = make(map[string]any, len(n.Content)/2)
		}
		var seen map[string]*yaml.Node
		if len(n.Content) > 16 {
			seen = make(map[string]*yaml.Node, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				b.problem(k, b.pointer(), "a mapping key must be plain text, not a %s", kindName(k))
				continue
			}
			if k.Tag == "!!merge" {
				b.problem(k, b.pointer(), "merge keys (<<) are not supported in packs: write the keys out")
				continue
			}
			if prev := findKey(n, i, k.Value, seen); prev != nil {
				b.path = append(b.path, k.Value)
				b.problem(k, b.pointer(), "duplicate key %q: it is already defined at line %d; remove one of them", k.Value, prev.Line)
				b.path = b.path[:len(b.path)-1]
			}
			if seen != nil {
				seen[k.Value] = k
			}
			b.path = append(b.path, k.Value)
			if v := b.value(v); b.build {
				m[k.Value] = v
			}
			b.path = b.path[:len(b.path)-1]
		}
		if !b.build {
			return nil
		}
		return m
	case yaml.SequenceNode:
		var s []any
		if b.build {
			s = make([]any, len(n.Content))
		}
		for i, item := range n.Content {
			if item.Kind == yaml.ScalarNode && !b.build {
				continue // nothing to find in a list's scalar
			}
			b.path = append(b.path, strconv.Itoa(i))
			if v := b.value(item); b.build {
				s[i] = v
			}
			b.path = b.path[:len(b.path)-1]
		}
		if !b.build {
			return nil
		}
		return s
	case yaml.AliasNode:
		b.problem(n, b.pointer(), "aliases (*%s) are not supported in packs: write the value out", n.Value)
		return nil
	case yaml.ScalarNode:
		if !b.build {
			return nil
		}
		return ScalarValue(n)
	}
	return nil
}

// findKey returns an earlier key node of mapping n equal to key, or nil.
// Small mappings are scanned; large ones use the seen index.
func findKey(n *yaml.Node, upto int, key string, seen map[string]*yaml.Node) *yaml.Node {
	if seen != nil {
		return seen[key]
	}
	for j := 0; j < upto; j += 2 {
		if k := n.Content[j]; k.Kind == yaml.ScalarNode && k.Value == key {
			return k
		}
	}
	return nil
}

// ScalarValue is the JSON value of a scalar node, by its resolved tag:
// a number (int64 or float64), a bool, nil, or a string for everything else.
func ScalarValue(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		v, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			return n.Value
		}
		return v
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if v, err := strconv.ParseInt(s, 0, 64); err == nil {
			return v
		}
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v
		}
		return n.Value
	case "!!float":
		switch strings.ToLower(n.Value) {
		case ".inf", "+.inf":
			return math.Inf(1)
		case "-.inf":
			return math.Inf(-1)
		case ".nan":
			return n.Value // NaN is no JSON number; the schema sees text
		}
		if v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return v
		}
		return n.Value
	}
	return n.Value
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}
