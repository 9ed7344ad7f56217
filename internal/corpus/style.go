package corpus

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Styles are the ways of writing a pack that Restyle knows: the
// generator's own block style, and the others writers use. Benchmarks and
// scripts/bench-peers.sh measure each, since the reader's fast path and
// the rules see different bytes in each.
var Styles = []string{"block", "flow", "quoted", "single", "literal", "folded", "crlf", "mixed"}

// Restyle rewrites a generated pack in another style, with the same
// content:
//
//	block    as generated: block collections, plain and folded text
//	flow     every STAR step, reflection, level and quiz item a one-line
//	         flow mapping, lists of text one-line flow sequences
//	quoted   every text double-quoted
//	single   every text single-quoted
//	literal  every text of more than a few words a literal block (|-)
//	folded   likewise, folded (>-)
//	crlf     block, with Windows line ends
//	mixed    one of the others, chosen by i
func Restyle(src []byte, style string, i int) ([]byte, error) {
	if style == "mixed" {
		style = Styles[i%(len(Styles)-1)]
	}
	switch style {
	case "block":
		return src, nil
	case "crlf":
		return bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")), nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	switch style {
	case "flow":
		flowItems(&doc, 0)
	case "quoted", "single", "literal", "folded":
		restyleText(&doc, style)
	default:
		return nil, fmt.Errorf("unknown style %q: use one of %s", style, strings.Join(Styles, ", "))
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// flowItems writes the small mappings of a pack (a STAR step, a
// reflection, a level, a quiz item, a follow-up's answers) and every list
// of text in flow style, as "situation: {target: 30s, example: ...}".
func flowItems(n *yaml.Node, depth int) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			flowItems(c, depth)
		}
		return
	case yaml.MappingNode:
		if depth >= 2 {
			n.Style = yaml.FlowStyle
		}
	case yaml.SequenceNode:
		scalars := true
		for _, c := range n.Content {
			scalars = scalars && c.Kind == yaml.ScalarNode
		}
		if scalars {
			n.Style = yaml.FlowStyle
		}
	case yaml.ScalarNode:
		if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			n.Style = 0 // no block text inside [ ] and { }
		}
		return
	}
	for _, c := range n.Content {
		flowItems(c, depth+1)
	}
}

// restyleText gives every text value (not keys, numbers or labels) the
// style.
func restyleText(n *yaml.Node, style string) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			restyleText(n.Content[i+1], style)
		}
		return
	}
	if n.Kind != yaml.ScalarNode {
		for _, c := range n.Content {
			restyleText(c, style)
		}
		return
	}
	if n.Tag != "!!str" && n.Tag != "" {
		return
	}
	switch style {
	case "quoted":
		n.Style = yaml.DoubleQuotedStyle
	case "single":
		n.Style = yaml.SingleQuotedStyle
	case "literal", "folded":
		if len(strings.Fields(n.Value)) > 4 {
			n.Style = yaml.LiteralStyle
			if style == "folded" {
				n.Style = yaml.FoldedStyle
			}
		}
	}
}
