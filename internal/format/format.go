// Package format is starlint's canonical pack formatter, the gofmt of
// packs: canonical key order, two-space indentation, block lists, short
// text plain where YAML allows, long prose as folded block scalars wrapped
// at 80 columns, comments kept on their keys, one trailing newline.
//
// It prints the node tree itself rather than through yaml.v3's encoder,
// which cannot wrap folded text and can move line comments. Every result
// is checked before it is returned: the formatted file must parse to the
// same data and hold the same comments, or Source refuses with an error.
package format

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/fastyaml"
	"github.com/starlint-dev/starlint/internal/pack"
)

// Width is the column formatted prose wraps at.
const Width = 80

// ErrYAML is returned, wrapped, for a file that is not a valid pack
// document; it is left untouched and its problems are reported.
var ErrYAML = errors.New("the file has YAML errors")

// Source formats the pack file content src. The result ends in one newline,
// uses LF line breaks and has no byte-order mark.
func Source(path string, src []byte) ([]byte, error) {
	f := pack.Load(path, src)
	if f.Root == nil || len(f.Problems) > 0 {
		return nil, fmt.Errorf("%w", ErrYAML)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(bytes.TrimPrefix(src, []byte("\ufeff")), &doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrYAML, err)
	}
	out, err := fixpoint(&doc)
	if err != nil {
		return nil, fmt.Errorf("formatting %s: %v", path, err)
	}

	if len(out) > pack.MaxFileSize {
		return nil, fmt.Errorf("formatting %s would make it %d bytes, over starlint's limit of %d bytes for one pack: split it into several packs; it was left unchanged", path, len(out), pack.MaxFileSize)
	}
	// The safety net: same data, same comments, or no formatting at all.
	g := pack.Load(path, out)
	if g.Root == nil || len(g.Problems) > 0 || !reflect.DeepEqual(f.Value(), g.Value()) {
		return nil, fmt.Errorf("formatting %s would change its data; it was left unchanged (please report this)", path)
	}
	var outDoc yaml.Node
	if err := yaml.Unmarshal(out, &outDoc); err != nil || !sameComments(&doc, &outDoc) {
		return nil, fmt.Errorf("formatting %s would lose or move a comment; it was left unchanged (please report this)", path)
	}
	return out, nil
}

// fixpoint prints the tree, then re-reads and prints its own output until
// it no longer changes: yaml.v3 may attach a comment to a different node
// on the second reading, and formatting twice must equal formatting once.
func fixpoint(doc *yaml.Node) ([]byte, error) {
	p := &printer{}
	p.document(doc)
	out := p.bytes()
	for range 3 {
		var again yaml.Node
		if err := yaml.Unmarshal(out, &again); err != nil {
			return nil, err
		}
		q := &printer{}
		q.document(&again)
		next := q.bytes()
		if bytes.Equal(next, out) {
			return out, nil
		}
		out = next
	}
	return nil, errors.New("the formatting does not settle (please report this)")
}

type printer struct {
	b bytes.Buffer
}

func (p *printer) bytes() []byte {
	out := bytes.TrimRight(p.b.Bytes(), "\n")
	return append(out, '\n')
}

func (p *printer) line(indent int, s string) {
	p.b.WriteString(strings.Repeat(" ", indent))
	p.b.WriteString(s)
	p.b.WriteByte('\n')
}

// comments writes comment lines at an indent, keeping blank lines between
// groups.
func (p *printer) comments(indent int, text string) {
	if text == "" {
		return
	}
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			p.b.WriteByte('\n')
			continue
		}
		p.line(indent, l)
	}
}

func (p *printer) document(doc *yaml.Node) {
	p.comments(0, doc.HeadComment)
	if doc.HeadComment != "" {
		p.b.WriteByte('\n')
	}
	if len(doc.Content) > 0 {
		root := doc.Content[0]
		p.comments(0, root.HeadComment)
		if root.Kind == yaml.MappingNode {
			p.mapping(root, "pack", 0, false, root.LineComment)
		}
		p.comments(0, root.FootComment)
	}
	p.comments(0, doc.FootComment)
}

type pair struct{ k, v *yaml.Node }

// ordered returns a mapping's pairs in canonical order for its kind.
func ordered(n *yaml.Node, kind string) []pair {
	var pairs []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, pair{n.Content[i], n.Content[i+1]})
	}
	rank := map[string]int{}
	for i, k := range keyOrder[kind] {
		rank[k] = i
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		ri, iok := rank[pairs[i].k.Value]
		rj, jok := rank[pairs[j].k.Value]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok // known keys first
		}
		return false
	})
	return pairs
}

// mapping writes a block mapping at indent. With dash, the first key goes
// on the current line, after a "- " already written.
//
// extra is a line comment of the mapping itself (a flow mapping's, or a list
// item's), which goes on the first key's line.
func (p *printer) mapping(n *yaml.Node, kind string, indent int, dash bool, extra string) {
	if len(n.Content) == 0 {
		return
	}
	for i, e := range ordered(n, kind) {
		lc := joinComments(e.k.LineComment, lineCommentOf(e.v))
		if i == 0 {
			lc = joinComments(lc, extra)
		}
		if !(dash && i == 0) {
			p.comments(indent, e.k.HeadComment)
			if e.v.Kind == yaml.ScalarNode || e.v.Kind == yaml.AliasNode {
				p.comments(indent, e.v.HeadComment)
			}
			p.b.WriteString(strings.Repeat(" ", indent))
		}
		key := scalarText(e.k.Value, "!!str", true)
		p.value(e.v, childKind(kind, e.k.Value), indent, key+":", lc)
		p.comments(indent, e.k.FootComment)
		if e.v.Kind == yaml.ScalarNode {
			p.comments(indent, e.v.FootComment)
		}
	}
}

func lineCommentOf(n *yaml.Node) string { return n.LineComment }

func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// value writes a value after prefix ("key:" or "-") on the current line.
// The caller has written the indentation of the line.
func (p *printer) value(v *yaml.Node, kind string, indent int, prefix, lineComment string) {
	suffix := ""
	if lineComment != "" {
		suffix = " " + lineComment
	}
	switch v.Kind {
	case yaml.MappingNode:
		if len(v.Content) == 0 {
			p.b.WriteString(prefix + " {}" + suffix + "\n")
			return
		}
		p.b.WriteString(prefix + suffix + "\n")
		p.comments(indent+2, v.HeadComment)
		p.mapping(v, kind, indent+2, false, "")
		p.comments(indent+2, v.FootComment)
	case yaml.SequenceNode:
		if len(v.Content) == 0 {
			p.b.WriteString(prefix + " []" + suffix + "\n")
			return
		}
		p.b.WriteString(prefix + suffix + "\n")
		p.comments(indent+2, v.HeadComment)
		p.sequence(v, strings.TrimPrefix(kind, "[]"), indent+2)
		p.comments(indent+2, v.FootComment)
	default:
		p.scalar(v, indent, prefix, suffix)
	}
}

func (p *printer) sequence(n *yaml.Node, kind string, indent int) {
	for _, item := range n.Content {
		p.comments(indent, item.HeadComment)
		if item.Kind == yaml.MappingNode && len(item.Content) > 0 {
			first := ordered(item, kind)[0]
			p.comments(indent, first.k.HeadComment)
			if first.v.Kind == yaml.ScalarNode {
				p.comments(indent, first.v.HeadComment)
			}
			p.b.WriteString(strings.Repeat(" ", indent) + "- ")
			p.mapping(item, kind, indent+2, true, item.LineComment)
			p.comments(indent, item.FootComment)
			continue
		}
		p.b.WriteString(strings.Repeat(" ", indent))
		p.value(item, kind, indent, "-", lineCommentOf(item))
		if item.Kind == yaml.ScalarNode {
			p.comments(indent, item.FootComment)
		}
	}
}

// scalar writes a scalar after prefix: plain when it fits and YAML reads it
// back unchanged, folded when it is long prose, literal when it holds line
// breaks, quoted otherwise.
func (p *printer) scalar(v *yaml.Node, indent int, prefix, suffix string) {
	if strings.HasPrefix(v.Tag, "!") && !strings.HasPrefix(v.Tag, "!!") {
		// a custom tag is the writer's (for another tool): kept as written
		text := v.Value
		if !plainOK(text) {
			text = quote(text)
		}
		p.b.WriteString(prefix + " " + v.Tag + " " + text + suffix + "\n")
		return
	}
	if v.Tag != "!!str" {
		if v.Tag == "!!null" && v.Value == "" {
			p.b.WriteString(prefix + suffix + "\n") // "key:" with nothing after it
			return
		}
		p.b.WriteString(prefix + " " + scalarText(v.Value, v.Tag, false) + suffix + "\n")
		return
	}
	s := v.Value
	col := indent + utf8.RuneCountInString(prefix) + 1
	switch {
	case strings.Contains(s, "\n") && literalOK(s) && chomp(s) != "+":
		p.b.WriteString(prefix + " |" + chomp(s) + suffix + "\n")
		body := strings.TrimRight(s, "\n")
		for _, l := range strings.Split(body, "\n") {
			if l == "" {
				p.b.WriteByte('\n')
			} else {
				p.line(indent+2, l)
			}
		}
	case !strings.Contains(s, "\n") && col+utf8.RuneCountInString(s) <= Width && plainOK(s):
		p.b.WriteString(prefix + " " + s + suffix + "\n")
	case foldOK(s) && col+utf8.RuneCountInString(s) > Width:
		p.b.WriteString(prefix + " >-" + suffix + "\n")
		for _, l := range wrap(s, Width-indent-2) {
			p.line(indent+2, l)
		}
	default:
		p.b.WriteString(prefix + " " + quote(s) + suffix + "\n")
	}
}

// scalarText is a key's or non-text scalar's representation.
func scalarText(s, tag string, isKey bool) string {
	if tag != "!!str" {
		return s // numbers, booleans and null as written
	}
	if plainOK(s) && !strings.Contains(s, "\n") {
		return s
	}
	return quote(s)
}

// plainOK reports whether s can be written as a plain scalar that YAML
// reads back as the same text: no indicator at the start, no ": " or " #",
// not a number, boolean, null or date. yaml.v3 itself is the judge.
func plainOK(s string) bool {
	if s == "" || strings.ContainsAny(s, "\n\r\t") || strings.TrimSpace(s) != s {
		return false
	}
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		return false // booleans to YAML 1.1 readers
	}
	// fastyaml builds yaml.v3's nodes whenever it accepts (tested
	// differentially), several times faster: this runs for every text of
	// the pack, twice per fixpoint round
	src := []byte("k: " + s + "\n")
	m, ok := fastyaml.Parse(src)
	if !ok {
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil || len(n.Content) == 0 {
			return false
		}
		m = n.Content[0]
	}
	if m.Kind != yaml.MappingNode || len(m.Content) != 2 {
		return false
	}
	v := m.Content[1]
	return v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s && v.Style == 0
}

// foldOK reports whether s can be a folded block scalar: one line of text
// with no leading or trailing whitespace and at least one place to break.
func foldOK(s string) bool {
	if s == "" || strings.ContainsAny(s, "\n\r") || strings.TrimSpace(s) != s {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' {
			return false
		}
	}
	return len(wrap(s, Width)) > 0
}

// literalOK reports whether s can be a literal block scalar: its first line
// does not start with whitespace (that would need an indentation
// indicator) and it has no carriage returns or control characters.
func literalOK(s string) bool {
	if s == "" || s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || strings.Contains(s, "\r") {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' {
			return false
		}
	}
	return true
}

// chomp is the chomping indicator that keeps s's trailing line breaks. Text
// that ends in blank lines ("+", keep) is quoted instead, so the file can
// still end in exactly one newline.
func chomp(s string) string {
	body := strings.TrimRight(s, "\n")
	switch len(s) - len(body) {
	case 0:
		return "-"
	case 1:
		return ""
	}
	return "+"
}

// wrap breaks s into lines of at most width characters where it can: only
// at single spaces between non-space characters, since a folded line break
// reads back as exactly one space.
func wrap(s string, width int) []string {
	var words []string
	start := 0
	for i := 1; i+1 < len(s); i++ {
		if s[i] == ' ' && s[i-1] != ' ' && s[i-1] != '\t' && s[i+1] != ' ' && s[i+1] != '\t' {
			words = append(words, s[start:i])
			start = i + 1
		}
	}
	words = append(words, s[start:])
	var lines []string
	cur := ""
	for _, w := range words {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	return append(lines, cur)
}

// quote writes s single-quoted, or double-quoted with escapes when it holds
// characters single quotes cannot carry.
func quote(s string) string {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\n' {
			return strconv.Quote(s)
		}
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// sameComments compares the comments of two trees as sets of lines: the
// formatter may move a comment between head and line positions of the same
// key, never drop one.
func sameComments(a, b *yaml.Node) bool {
	ca, cb := commentLines(a), commentLines(b)
	return reflect.DeepEqual(ca, cb)
}

func commentLines(n *yaml.Node) []string {
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, l := range strings.Split(c, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	sort.Strings(out)
	return out
}
