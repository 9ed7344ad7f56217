package rules

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TypographyOptions configures typography.
type TypographyOptions struct {
	Style string `yaml:"style" doc:"quote style to enforce: majority (whichever the pack uses most), straight or curly"`
}

// Typography keeps quotes consistent and spacing clean.
var Typography = &lint.Rule{
	Name:    "typography",
	Summary: "one quote style per pack; no doubled or trailing spaces",
	Doc: `A pack that mixes straight (' ") and curly (‘ ’ “ ”) quotes and apostrophes looks
careless in exports. Each text that uses the minority style is reported, with a fix that
rewrites it to the pack's majority style (or the style option), keeping the YAML valid. Doubled
spaces inside a line and trailing spaces are reported too.`,
	Bad:     "title: Tell Me About a Time You Didn't Deliver\nscenario: It wasn’t my team's service.",
	Good:    "title: Tell Me About a Time You Didn't Deliver\nscenario: It wasn't my team's service.",
	Default: lint.Warning,
	Fixable: true,
	Options: func() any { return &TypographyOptions{Style: "majority"} },
	Run:     runTypography,
}

// Validate checks the style option.
func (o *TypographyOptions) Validate() error {
	switch o.Style {
	case "majority", "straight", "curly":
		return nil
	}
	return fmt.Errorf("%q is not a style: use majority, straight or curly", o.Style)
}

// scanText counts straight and curly quotes and sees whether the text has
// spacing to look at (hasSpacing). Every text of every pack passes through
// here, so it uses the vectorised string searches: quotes are rare, and a
// byte loop would stop at every space to look at the next byte.
func scanText(s string) (straight, curly int, spacing bool) {
	straight = strings.Count(s, "'") + strings.Count(s, `"`)
	curly = countCurly(s)
	return straight, curly, hasSpacing(s)
}

// countCurly counts the curly quotes of s: the 3-byte runes E2 80 98, 99,
// 9C and 9D.
func countCurly(s string) (n int) {
	for rest := s; ; {
		i := strings.Index(rest, "\xe2\x80")
		if i < 0 || i+2 >= len(rest) {
			return n
		}
		switch rest[i+2] {
		case 0x98, 0x99, 0x9C, 0x9D:
			n++
		}
		rest = rest[i+2:]
	}
}

// hasSpacing reports a doubled space, or a space or tab at a line's end.
// Every text of every pack passes through it, and space is in all of
// them: a substring search for "  " stops at every word. So it reads
// eight bytes at a time, marks the spaces and line breaks of each word
// and looks for a space marked before either. Tabs are rare: a text with
// one takes the plain searches.
func hasSpacing(s string) bool {
	if strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\t") {
		return true
	}
	carry := uint64(0) // not zero: the byte before this one (or these eight) was a space
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s[i : i+8])
		if bytesEqual(x, '\t') != 0 {
			return hasSpacingWithTab(s)
		}
		sp := bytesEqual(x, ' ')
		ends := sp | bytesEqual(x, '\n') // what a space must not come before
		if sp&(ends>>8) != 0 || carry&ends != 0 {
			return true
		}
		carry = sp >> 56 // the last byte's mark, where the next word's first byte has its own
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\t' {
			return hasSpacingWithTab(s)
		}
		if carry != 0 && (c == ' ' || c == '\n') {
			return true
		}
		carry = 0
		if c == ' ' {
			carry = 1
		}
	}
	return false
}

// bytesEqual sets the high bit of each byte of x that is c, and no other
// bit (the exact form: no borrow runs from one byte into the next).
func bytesEqual(x uint64, c byte) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	y := x ^ (0x0101010101010101 * uint64(c))
	return ^((y&low7 + low7) | y | low7)
}

// load64 reads eight bytes of s as one little-endian word (the compiler
// makes it a single load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasSpacingWithTab is hasSpacing for a text with a tab.
func hasSpacingWithTab(s string) bool {
	return strings.Contains(s, "  ") || spaceBeforeNewline(s) || strings.Contains(s, "\t ") || strings.Contains(s, "\t\n")
}

// mayHoldCurly reports whether some text of a file with this source could
// hold a curly quote: only an escape ("\u2019") spells one the source lacks.
func mayHoldCurly(src []byte) bool {
	if bytes.IndexByte(src, '\\') >= 0 {
		return true
	}
	for rest := src; ; {
		i := bytes.Index(rest, []byte("\xe2\x80"))
		if i < 0 || i+2 >= len(rest) {
			return false
		}
		switch rest[i+2] {
		case 0x98, 0x99, 0x9C, 0x9D:
			return true
		}
		rest = rest[i+2:]
	}
}

// spaceBeforeNewline reports whether s has " \n".
func spaceBeforeNewline(s string) bool {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return false
		}
		if i+j > 0 && s[i+j-1] == ' ' {
			return true
		}
		i += j + 1
	}
}

func isCurly(r rune) bool    { return r == '‘' || r == '’' || r == '“' || r == '”' }
func isStraight(r rune) bool { return r == '\'' || r == '"' }

type stringNode struct {
	ptr  string
	node *yaml.Node
}

func runTypography(p *lint.Pass) {
	style := "majority"
	if o, ok := p.Options.(*TypographyOptions); ok && o.Style != "" {
		style = o.Style
	}
	if style != "curly" && !mayHoldCurly(p.File.Src) {
		// Most packs: no curly quote anywhere, so the quotes cannot be
		// mixed or in the wrong style, and only spacing is left to check.
		p.EachString(func(n *yaml.Node, ptr func() string) {
			if hasSpacing(n.Value) {
				checkSpacing(p, stringNode{ptr(), n})
			}
		})
		return
	}
	var nodes []stringNode // texts with quotes or spacing to look at
	straight, curly := 0, 0
	p.EachString(func(n *yaml.Node, ptr func() string) {
		s, c, spacing := scanText(n.Value)
		straight += s
		curly += c
		if c > 0 || spacing {
			nodes = append(nodes, stringNode{ptr(), n})
		} else if s > 0 {
			nodes = append(nodes, stringNode{"", n}) // pointer built if reported
		}
	})
	wantCurly := style == "curly" || (style == "majority" && curly > straight)
	mixed := (straight > 0 && curly > 0) || (style == "straight" && curly > 0) || (style == "curly" && straight > 0)
	var spans *scalarSpans
	for _, sn := range nodes {
		if mixed {
			wrong := 0
			for _, r := range sn.node.Value {
				if (wantCurly && isStraight(r)) || (!wantCurly && isCurly(r)) {
					wrong++
				}
			}
			if wrong > 0 {
				if spans == nil {
					spans = newScalarSpans(p.File)
				}
				if sn.ptr == "" {
					sn.ptr = nodePointer(p.File.Root, sn.node)
				}
				reportQuotes(p, sn, wantCurly, spans)
			}
		}
		if sn.ptr != "" {
			checkSpacing(p, sn)
		}
	}
}

func reportQuotes(p *lint.Pass, sn stringNode, wantCurly bool, spans *scalarSpans) {
	want, have := "straight", "curly"
	if wantCurly {
		want, have = "curly", "straight"
	}
	// One finding per wrong quote, at the quote, each with its own edit:
	// quoteEdits gives one edit per wrong quote, in order, or none.
	edits := quoteEdits(p.File, sn.node, wantCurly, spans)
	t := lint.Text{Ptr: sn.ptr, Node: sn.node, Value: sn.node.Value}
	k := 0
	for off, r := range t.Value {
		if !(wantCurly && isStraight(r)) && !(!wantCurly && isCurly(r)) {
			continue
		}
		d := lint.Diagnostic{
			Span:    p.Span(t, off, off+utf8.RuneLen(r)),
			Pointer: sn.ptr,
			Message: fmt.Sprintf("%s quote %s in a pack that uses %s quotes: make it %s", have, string(r), want, want),
		}
		if k < len(edits) {
			d.Fix = &lint.SuggestedFix{Message: "Rewrite the quote as " + want, Edits: edits[k : k+1]}
		}
		k++
		p.Report(d)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func checkSpacing(p *lint.Pass, sn stringNode) {
	t := lint.Text{Ptr: sn.ptr, Node: sn.node, Value: sn.node.Value}
	for lineStart := 0; lineStart <= len(t.Value); {
		end := strings.IndexByte(t.Value[lineStart:], '\n')
		if end < 0 {
			end = len(t.Value)
		} else {
			end += lineStart
		}
		line := t.Value[lineStart:end]
		body := strings.TrimRight(line, " \t")
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if i := strings.Index(body[min(indent, len(body)):], "  "); i >= 0 {
			at := lineStart + min(indent, len(body)) + i
			n := len(t.Value[at:]) - len(strings.TrimLeft(t.Value[at:], " "))
			p.ReportRange(t, at, at+n, "doubled space in %q: use one space", clip(strings.TrimSpace(line), 60))
			return
		}
		if len(body) < len(line) {
			p.ReportRange(t, lineStart+len(body), end, "trailing space after %q: remove it", clip(strings.TrimSpace(line), 60))
			return
		}
		lineStart = end + 1
	}
}

// quoteEdits maps the quote characters of a scalar's value back to its
// source text and rewrites the wrong ones. It returns nil, offering no fix,
// whenever the mapping is not certain (escapes, comments holding quotes, a
// plain scalar that would start with a quote).
func quoteEdits(f *pack.File, n *yaml.Node, wantCurly bool, spans *scalarSpans) []lint.TextEdit {
	start, end := spans.span(n)
	if start < 0 {
		return nil
	}
	src := f.Src
	type unit struct {
		r          rune
		start, end int
	}
	var units []unit
	i := start
	switch n.Style {
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		i++ // the opening quote
	}
	for i < end {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case n.Style == yaml.SingleQuotedStyle && r == '\'':
			if i+1 < end && src[i+1] == '\'' {
				units = append(units, unit{'\'', i, i + 2})
				i += 2
				continue
			}
			i = end // the closing quote
			continue
		case n.Style == yaml.DoubleQuotedStyle && r == '\\':
			if i+1 < end && src[i+1] == '"' {
				units = append(units, unit{'"', i, i + 2})
			} else if i+1 < end && src[i+1] == 'u' {
				return nil // an escaped character we do not map
			}
			i += 2
			continue
		case n.Style == yaml.DoubleQuotedStyle && r == '"':
			i = end
			continue
		case isStraight(r) || isCurly(r):
			units = append(units, unit{r, i, i + size})
		}
		i += size
	}
	var valueQuotes []int // rune offsets of quotes in the value
	value := []rune(n.Value)
	for k, r := range value {
		if isStraight(r) || isCurly(r) {
			valueQuotes = append(valueQuotes, k)
		}
	}
	if len(units) != len(valueQuotes) {
		return nil
	}
	var edits []lint.TextEdit
	for k, u := range units {
		if value[valueQuotes[k]] != u.r {
			return nil
		}
		var repl string
		switch {
		case wantCurly && isStraight(u.r):
			repl = curlyFor(value, valueQuotes[k])
		case !wantCurly && isCurly(u.r):
			repl = straightFor(u.r, n.Style)
			if n.Style == 0 && u.start == start {
				return nil // a plain scalar cannot start with a quote
			}
		default:
			continue
		}
		edits = append(edits, lint.TextEdit{Start: u.start, End: u.end, NewText: repl})
	}
	return edits
}

func straightFor(r rune, style yaml.Style) string {
	if r == '‘' || r == '’' {
		if style == yaml.SingleQuotedStyle {
			return "''"
		}
		return "'"
	}
	if style == yaml.DoubleQuotedStyle {
		return `\"`
	}
	return `"`
}

// curlyFor picks the opening or closing curly form for the straight quote
// at value[k]: opening after a space or bracket, closing otherwise.
func curlyFor(value []rune, k int) string {
	opening := k == 0 || unicode.IsSpace(value[k-1]) || strings.ContainsRune("([{—–", value[k-1])
	if value[k] == '"' {
		if opening {
			return "“"
		}
		return "”"
	}
	if opening && k+1 < len(value) && unicode.IsLetter(value[k+1]) {
		return "‘"
	}
	return "’"
}

// scalarSpans finds where each scalar's text lies in the source: from the
// node's start to the start of the next node in document order.
type scalarSpans struct {
	f      *pack.File
	starts []int // sorted byte offsets of every node start
}

func newScalarSpans(f *pack.File) *scalarSpans {
	s := &scalarSpans{f: f}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		s.starts = append(s.starts, f.Offset(pack.Pos{Line: n.Line, Col: n.Column}))
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(f.Root)
	sort.Ints(s.starts)
	return s
}

func (s *scalarSpans) span(n *yaml.Node) (int, int) {
	start := s.f.Offset(pack.Pos{Line: n.Line, Col: n.Column})
	end := len(s.f.Src)
	if i := sort.SearchInts(s.starts, start+1); i < len(s.starts) {
		end = s.starts[i]
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		// skip the indicator line: "|", ">-" and any comment after it
		nl := strings.IndexByte(string(s.f.Src[start:end]), '\n')
		if nl < 0 {
			return -1, -1
		}
		start += nl + 1
	}
	if n.Style == 0 {
		// a plain scalar cannot hold " #": that starts a comment
		if i := strings.Index(string(s.f.Src[start:end]), " #"); i >= 0 {
			end = start + i
		}
	}
	return start, end
}
