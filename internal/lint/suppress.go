package lint

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
)

// directive is one `# starlint-disable` or `# starlint-disable-file` comment.
type directive struct {
	pos   pack.Pos // of the '#'
	file  bool     // -file: the whole file
	scope string   // pointer of the node it covers; "" with file
	found bool     // a node was found for a line directive
	rules []directiveRule
}

type directiveRule struct {
	name string
	col  int // column of the name, for unused-disable
	used bool
}

// directiveRE matches a directive; its rule list ends at the line's end or
// at another comment.
var directiveRE = regexp.MustCompile(`#\s*starlint-disable(-file)?(?:[ \t]+([^\r\n#]*)|[ \t]*(?:#|$))`)

var directiveMarker = []byte("starlint-disable")

// hasDirective reports whether src may hold a directive: a '#' followed,
// after spaces, by the marker. Packs have few '#', so this visits a few
// places where a search for the marker, whose first letter is on every
// line of prose, cost 12 µs a pack (4% of a batch lint).
func hasDirective(src []byte) bool {
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '#')
		if j < 0 {
			return false
		}
		rest := bytes.TrimLeft(src[i+j+1:], " \t\v\f\r\n")
		if bytes.HasPrefix(rest, directiveMarker) {
			return true
		}
		i += j + 1
	}
	return false
}

// parseDirectives finds the suppression comments of a file. Scanning lines
// (as analysistest does for non-Go files) is steadier than yaml.v3's comment
// attachment; lines inside block and quoted scalars are text, not comments,
// and are skipped.
func parseDirectives(f *pack.File) []*directive {
	if !hasDirective(f.Src) {
		return nil
	}
	inside := scalarLines(f)
	quoted := quotedRanges(f)
	starts := nodeStarts(f.Root)
	var out []*directive
	for line := 1; line <= f.NumLines(); line++ {
		text := f.Line(line)
		if !strings.Contains(text, "starlint-disable") || inside[line] {
			continue
		}
		loc := directiveRE.FindStringSubmatchIndex(text)
		if loc == nil || !isCommentStart(text, loc[0]) || quoted.contains(f.Offset(pack.Pos{Line: line, Col: 1})+loc[0]) {
			continue
		}
		d := &directive{pos: pack.Pos{Line: line, Col: runeCol(text, loc[0])}, file: loc[2] >= 0}
		if loc[4] >= 0 {
			names := text[loc[4]:loc[5]]
			if i := strings.Index(names, "--"); i >= 0 {
				names = names[:i] // what follows -- is the writer's reason
			}
			off := loc[4]
			for _, field := range strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
				i := strings.Index(text[off:], field) + off
				d.rules = append(d.rules, directiveRule{name: field, col: runeCol(text, i)})
				off = i + len(field)
			}
		}
		if !d.file {
			target := line
			if strings.TrimSpace(text[:loc[0]]) == "" {
				target = nextContentLine(f, line)
			}
			d.scope, d.found = starts[target]
		}
		out = append(out, d)
	}
	return out
}

// covers reports whether the directive silences rule at pointer ptr, and
// marks the rule used if so.
func (d *directive) covers(rule, ptr string) bool {
	if !d.file {
		if !d.found || !(ptr == d.scope || strings.HasPrefix(ptr, d.scope+"/")) {
			return false
		}
	}
	for i := range d.rules {
		if d.rules[i].name == rule {
			d.rules[i].used = true
			return true
		}
	}
	return false
}

// isCommentStart reports whether a '#' at line[i] can start a comment:
// YAML wants it at the line's start or after a space. (Whether it is inside
// a quoted scalar is the nodes' to say: quotedRanges.)
func isCommentStart(line string, i int) bool {
	return i == 0 || line[i-1] == ' ' || line[i-1] == '\t'
}

// spans are byte ranges of the source, sorted by start, not overlapping.
type spans [][2]int

func (s spans) contains(off int) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i][1] > off })
	return i < len(s) && s[i][0] <= off
}

// quotedRanges returns where the file's quoted scalars lie, from opening to
// closing quote: a '#' there is text, whatever quotes or apostrophes stand
// before it on the line ("It's what we did # starlint-disable no-we" is a
// plain scalar and a comment).
func quotedRanges(f *pack.File) spans {
	var out spans
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			start := f.Offset(pack.Pos{Line: n.Line, Col: n.Column})
			out = append(out, [2]int{start, quotedEnd(f.Src, start) + 1})
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	if f.Root != nil {
		walk(f.Root)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func runeCol(s string, byteIdx int) int { return len([]rune(s[:byteIdx])) + 1 }

func nextContentLine(f *pack.File, line int) int {
	for l := line + 1; l <= f.NumLines(); l++ {
		t := strings.TrimSpace(f.Line(l))
		if t != "" && !strings.HasPrefix(t, "#") {
			return l
		}
	}
	return 0
}

// nodeStarts maps each line to the pointer of the outermost node that starts
// on it: a mapping entry by its key, a list item by itself.
func nodeStarts(root *yaml.Node) map[int]string {
	starts := map[int]string{}
	var walk func(n *yaml.Node, ptr string)
	walk = func(n *yaml.Node, ptr string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				p := ptr + "/" + escapePointer(k.Value)
				if _, ok := starts[k.Line]; !ok {
					starts[k.Line] = p
				}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				p := ptr + "/" + strconv.Itoa(i)
				if _, ok := starts[item.Line]; !ok {
					starts[item.Line] = p
				}
				walk(item, p)
			}
		}
	}
	if root != nil {
		walk(root, "")
	}
	return starts
}

func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// scalarLines marks the lines that belong to the text of a block scalar
// (| or >) or of a quoted scalar spanning several lines.
func scalarLines(f *pack.File) map[int]bool {
	inside := map[int]bool{}
	if f.Root == nil {
		return inside
	}
	var lines []int // start line of every node, in document order
	var scalars []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		lines = append(lines, n.Line)
		if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			scalars = append(scalars, n)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(f.Root)
	sort.Ints(lines)
	for _, s := range scalars {
		end := f.NumLines() + 1
		if i := sort.SearchInts(lines, s.Line+1); i < len(lines) {
			end = lines[i] // the next node after the scalar's line
		}
		if s.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
			for l := s.Line + 1; l <= quotedEndLine(f, s); l++ {
				inside[l] = true
			}
			continue
		}
		indent := -1
		for l := s.Line + 1; l < end; l++ {
			t := f.Line(l)
			if strings.TrimSpace(t) == "" {
				continue
			}
			ind := len(t) - len(strings.TrimLeft(t, " "))
			if indent < 0 {
				indent = ind
			}
			if ind < indent {
				break // a less indented line ends the block scalar
			}
			inside[l] = true
		}
	}
	return inside
}

// quotedEndLine returns the line of the closing quote of a quoted scalar.
func quotedEndLine(f *pack.File, n *yaml.Node) int {
	start := f.Offset(pack.Pos{Line: n.Line, Col: n.Column})
	if start >= len(f.Src) {
		return n.Line
	}
	return f.PosOf(quotedEnd(f.Src, start)).Line
}

// quotedEnd returns the offset of the quote that closes the quoted scalar
// opening at src[start] (or the last byte, when it is not closed).
func quotedEnd(src []byte, start int) int {
	if start >= len(src) {
		return len(src) - 1
	}
	q := src[start]
	for i := start + 1; i < len(src); i++ {
		switch {
		case q == '"' && src[i] == '\\':
			i++
		case src[i] == q && q == '\'' && i+1 < len(src) && src[i+1] == '\'':
			i++
		case src[i] == q:
			return i
		}
	}
	return len(src) - 1
}
