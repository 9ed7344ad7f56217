package lint

import (
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
)

// Text is one string value of a pack: its JSON pointer, its node (which
// knows where it came from) and its value.
type Text struct {
	Ptr   string
	Node  *yaml.Node
	Value string
}

// Text returns the string at ptr, if the pack has one there.
func (p *Pass) Text(ptr string) (Text, bool) {
	_, n, ok := pack.Lookup(p.File.Root, ptr) // a walk: cheaper than indexing every pointer of the file
	if !ok || n.Kind != yaml.ScalarNode || !isText(n) {
		return Text{}, false
	}
	return Text{Ptr: ptr, Node: n, Value: n.Value}, true
}

// EachText calls fn for every string of the file whose pointer matches
// pattern, in document order. A pattern is a JSON pointer whose segments
// may be * (any one segment) or ** (any number of segments, none
// included): "/star/*/example", "/followups/*/strong/answer", "/**". The
// texts are what every rule reads, with their spans, so rules never build
// pointers by hand. Rules call it as Pass.Each, which reads the file's
// text index; the drivers and exporters walk the tree here.
func EachText(f *pack.File, pattern string, fn func(Text)) {
	if f.Root == nil {
		return
	}
	pat := compilePattern(pattern)
	if !pat.wild {
		_, n, ok := pack.Lookup(f.Root, pattern)
		if ok && n.Kind == yaml.ScalarNode && isText(n) {
			fn(Text{Ptr: pattern, Node: n, Value: n.Value})
		}
		return
	}
	segs := pat.segs
	var path []string
	var seen map[*yaml.Node]bool
	if pat.doubleStars > 1 {
		seen = map[*yaml.Node]bool{} // two ** can reach a node twice
	}
	var walk func(n *yaml.Node, si int)
	walk = func(n *yaml.Node, si int) {
		if n == nil {
			return
		}
		if si < len(segs) && segs[si] == "**" {
			walk(n, si+1)
			eachChild(n, func(seg string, c *yaml.Node) {
				path = append(path, seg)
				walk(c, si)
				path = path[:len(path)-1]
			})
			return
		}
		if si == len(segs) {
			if n.Kind == yaml.ScalarNode && isText(n) && (seen == nil || !seen[n]) {
				if seen != nil {
					seen[n] = true
				}
				fn(Text{Ptr: pack.JoinPointer(path...), Node: n, Value: n.Value})
			}
			return
		}
		eachChild(n, func(seg string, c *yaml.Node) {
			if segs[si] == "*" || segs[si] == seg {
				path = append(path, seg)
				walk(c, si+1)
				path = path[:len(path)-1]
			}
		})
	}
	walk(f.Root, 0)
}

// WalkStrings calls fn for every string of the tree under root, in
// document order, with the path of keys and list indexes to it. path is
// reused between calls: copy it to keep it.
func WalkStrings(root *yaml.Node, fn func(path []string, n *yaml.Node)) {
	var path []string
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
			for i, c := range n.Content {
				path = append(path, strconv.Itoa(i))
				walk(c)
				path = path[:len(path)-1]
			}
		case yaml.ScalarNode:
			if isText(n) {
				fn(path, n)
			}
		}
	}
	if root != nil {
		walk(root)
	}
}

// pattern is a compiled text pattern; patterns are few and reused for
// every file, so each is split once.
type pattern struct {
	segs        []string
	wild        bool
	doubleStars int
}

var patterns sync.Map // string → *pattern

func compilePattern(s string) *pattern {
	if p, ok := patterns.Load(s); ok {
		return p.(*pattern)
	}
	p := &pattern{segs: pack.SplitPointer(s), wild: strings.Contains(s, "*"), doubleStars: strings.Count(s, "**")}
	patterns.Store(s, p)
	return p
}

func eachChild(n *yaml.Node, fn func(seg string, c *yaml.Node)) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			fn(n.Content[i].Value, n.Content[i+1])
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			fn(strconv.Itoa(i), c)
		}
	}
}

// isText reports whether a scalar is a string (not a number, bool or null).
func isText(n *yaml.Node) bool { return n.Tag == "!!str" || n.Tag == "" }
