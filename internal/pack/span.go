package pack

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Span is a half-open byte range [Start, End) of a file's source.
type Span struct{ Start, End int }

// Range is a span as positions: End is the position just past the text, as
// in LSP and SARIF.
type Range struct{ Start, End Pos }

// Range converts a span of Src to positions.
func (f *File) Range(s Span) Range { return Range{f.PosOf(s.Start), f.PosOf(s.End)} }

// NodeStart returns the byte offset where node n begins in Src.
func (f *File) NodeStart(n *yaml.Node) int {
	return f.lines.Offset(Pos{Line: n.Line, Col: n.Column})
}

// TextSpan returns where bytes [from, to) of scalar n's value lie in the
// source. See TextMap; a caller mapping many spans of one scalar should
// keep its TextMap.
func (f *File) TextSpan(n *yaml.Node, from, to int) Span {
	return f.TextMap(n).Span(from, to)
}

// TextMap maps the bytes of one scalar's value back to the source,
// following the scalar's style: quotes and escapes (” and \"), folded line
// breaks and indentation, block scalars' headers, CRLF.
type TextMap struct {
	f     *File
	n     *yaml.Node
	offs  []int // source offset of each value byte; nil if not mapped
	start int
}

// TextMap builds the map of scalar n. Building costs one pass over the
// scalar's source; every Span after that is constant time.
func (f *File) TextMap(n *yaml.Node) *TextMap {
	m := &TextMap{f: f, n: n}
	if n == nil {
		return m
	}
	m.start = f.NodeStart(n)
	m.offs = scalarOffsets(f.Src, m.start, n)
	return m
}

// Span returns where bytes [from, to) of the value lie in the source. When
// the value could not be mapped with certainty (an indentation indicator,
// a value the source does not give back) the span is the node's first line.
func (m *TextMap) Span(from, to int) Span {
	if m.n == nil {
		return Span{}
	}
	if m.offs == nil {
		return m.f.firstLine(m.start)
	}
	v := m.n.Value
	from = max(0, min(from, len(v)))
	to = max(from, min(to, len(v)))
	if to == from {
		if from == len(v) {
			if from == 0 {
				return Span{m.start, m.start}
			}
			end := m.byteEnd(from - 1)
			return Span{end, end}
		}
		return Span{m.offs[from], m.offs[from]}
	}
	// The end is just past the last byte of the range, not the start of
	// whatever follows it (a folded line break maps to the next line).
	return Span{m.offs[from], m.byteEnd(to - 1)}
}

// byteEnd is the source offset just past value byte i's source.
func (m *TextMap) byteEnd(i int) int {
	src := m.f.Src
	last := m.offs[i]
	if i+1 < len(m.offs) && m.offs[i+1] == last {
		return last // several value bytes from one source byte (an escape)
	}
	switch {
	case m.n.Style&yaml.DoubleQuotedStyle != 0 && src[last] == '\\':
		return last + escapeLen(src[last:], m.n.Style)
	case m.n.Style&yaml.SingleQuotedStyle != 0 && src[last] == '\'' && last+1 < len(src) && src[last+1] == '\'':
		return last + 2
	}
	return last + 1
}

// NodeSpan returns the span of node n's text: a scalar's value without
// surrounding blank space, or for a collection its first token (a whole
// mapping would cover the file).
func (f *File) NodeSpan(n *yaml.Node) Span {
	if n == nil {
		return Span{}
	}
	if n.Kind == yaml.ScalarNode {
		return f.TextMap(n).Whole()
	}
	start := f.NodeStart(n)
	if n.Style&yaml.FlowStyle != 0 && start < len(f.Src) && (f.Src[start] == '[' || f.Src[start] == '{') {
		return Span{start, flowEnd(f.Src, start)}
	}
	// a block mapping or list: its first line, without a comment
	end := f.firstLine(start).End
	if c := bytes.Index(f.Src[start:end], []byte(" #")); c >= 0 {
		end = start + c
	}
	for end > start && (f.Src[end-1] == ' ' || f.Src[end-1] == '\t') {
		end--
	}
	return Span{start, end}
}

// flowEnd finds the end of the flow collection opening at src[start]: just
// past its closing bracket, or the end of the line when it spans lines.
func flowEnd(src []byte, start int) int {
	depth := 0
	var quote byte
	for i := start; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n' || c == '\r':
			return i
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return len(src)
}

// Whole returns the span of the whole value without surrounding blank
// space; an empty value spans its token ("", ” or nothing).
func (m *TextMap) Whole() Span {
	if m.n == nil {
		return Span{}
	}
	v := m.n.Value
	lo, hi := 0, len(v)
	for lo < hi && isBlank(v[lo]) {
		lo++
	}
	for hi > lo && isBlank(v[hi-1]) {
		hi--
	}
	if hi > lo {
		return m.Span(lo, hi)
	}
	return Span{m.start, m.start + tokenLen(m.f.Src[m.start:])}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// tokenLen is the length of the token at the start of src: up to a space,
// line break or flow indicator, at least one character.
func tokenLen(src []byte) int {
	i := 0
	for i < len(src) {
		switch src[i] {
		case ' ', '\t', '\n', '\r', ',', ']', '}':
			if i == 0 {
				return 0
			}
			return i
		case ':':
			// a key's colon ends it
			if i > 0 && (i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n' || src[i+1] == '\r') {
				return i
			}
		}
		i++
	}
	return i
}

func (f *File) firstLine(start int) Span {
	end := start
	for end < len(f.Src) && f.Src[end] != '\n' && f.Src[end] != '\r' {
		end++
	}
	return Span{start, end}
}

// escapeLen is the length in the source of the escape at src[0].
func escapeLen(src []byte, style yaml.Style) int {
	if style&yaml.SingleQuotedStyle != 0 {
		return 2 // ''
	}
	if len(src) < 2 {
		return 1
	}
	switch src[1] {
	case 'x':
		return 4
	case 'u':
		return 6
	case 'U':
		return 10
	}
	_, size := utf8.DecodeRune(src[1:])
	return 1 + size
}

// scalarOffsets maps each byte of n's value to the offset of the source
// byte it came from; the slice has one entry per value byte. It decodes the
// scalar again from the source, guided by the value yaml.v3 produced, and
// returns nil as soon as the two disagree: a wrong position is worse than a
// coarse one.
func scalarOffsets(src []byte, start int, n *yaml.Node) []int {
	if n.Kind != yaml.ScalarNode || start >= len(src) {
		return nil
	}
	start = skipProperties(src, start)
	m := &scalarMapper{src: src, v: n.Value, offs: make([]int, 0, len(n.Value))}
	var ok bool
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		ok = m.block(start, false)
	case n.Style&yaml.FoldedStyle != 0:
		ok = m.block(start, true)
	case n.Style&yaml.SingleQuotedStyle != 0:
		ok = start < len(src) && src[start] == '\'' && m.flow(start+1, '\'')
	case n.Style&yaml.DoubleQuotedStyle != 0:
		ok = start < len(src) && src[start] == '"' && m.flow(start+1, '"')
	default:
		ok = m.flow(start, 0)
	}
	if !ok || len(m.offs) != len(n.Value) {
		return nil
	}
	return m.offs
}

// skipProperties steps over a tag (!!str) or anchor (&a) before a scalar.
func skipProperties(src []byte, i int) int {
	for i < len(src) && (src[i] == '!' || src[i] == '&') {
		for i < len(src) && src[i] != ' ' && src[i] != '\n' {
			i++
		}
		for i < len(src) && src[i] == ' ' {
			i++
		}
	}
	return i
}

type scalarMapper struct {
	src  []byte
	v    string
	offs []int
}

// take consumes value bytes equal to src[i:i+k], mapping them to i.
func (m *scalarMapper) take(i, k int) bool {
	vi := len(m.offs)
	if vi+k > len(m.v) || i+k > len(m.src) || m.v[vi:vi+k] != string(m.src[i:i+k]) {
		return false
	}
	for j := 0; j < k; j++ {
		m.offs = append(m.offs, i+j)
	}
	return true
}

// emit maps the next k value bytes, which must be want, to source offset i.
func (m *scalarMapper) emit(i int, want string) bool {
	vi := len(m.offs)
	if vi+len(want) > len(m.v) || m.v[vi:vi+len(want)] != want {
		return false
	}
	for j := 0; j < len(want); j++ {
		m.offs = append(m.offs, i)
	}
	return true
}

func (m *scalarMapper) done() bool { return len(m.offs) == len(m.v) }

// flow maps a plain (quote 0), single- or double-quoted scalar starting at
// i: characters map one to one except escapes and folded line breaks.
func (m *scalarMapper) flow(i int, quote byte) bool {
	src := m.src
	for !m.done() {
		if i >= len(src) {
			return false
		}
		c := src[i]
		switch {
		case quote == '\'' && c == '\'':
			if i+1 < len(src) && src[i+1] == '\'' && m.emit(i, "'") {
				i += 2
				continue
			}
			return false
		case quote == '"' && c == '\\':
			next, ok := m.escape(i)
			if !ok {
				return false
			}
			i = next
			continue
		case quote == '"' && c == '"':
			return false
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if j < len(src) && (src[j] == '\n' || src[j] == '\r') {
				// A line break folds, with the blanks around it, into a
				// space, or into n-1 newlines for n breaks.
				breaks, k := 0, j
				for k < len(src) {
					if src[k] == '\r' {
						k++
						continue
					}
					if src[k] != '\n' {
						break
					}
					breaks++
					k++
					for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
						k++
					}
				}
				if breaks == 1 {
					if !m.emit(i, " ") {
						return false
					}
				} else {
					for b := 1; b < breaks; b++ {
						if !m.emit(i, "\n") {
							return false
						}
					}
				}
				i = k
				continue
			}
			if !m.take(i, 1) {
				return false
			}
			i++
		default:
			if !m.take(i, 1) {
				return false
			}
			i++
		}
	}
	return true
}

// escape maps the double-quoted escape at src[i] ('\\') and returns the
// offset after it.
func (m *scalarMapper) escape(i int) (int, bool) {
	src := m.src
	if i+1 >= len(src) {
		return 0, false
	}
	e := src[i+1]
	if e == '\n' || e == '\r' {
		// an escaped line break joins the lines with nothing between
		k := i + 1
		if src[k] == '\r' {
			k++
		}
		if k < len(src) && src[k] == '\n' {
			k++
		}
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		return k, true
	}
	var r rune
	size := 2
	switch e {
	case '0':
		r = 0
	case 'a':
		r = '\a'
	case 'b':
		r = '\b'
	case 't', '\t':
		r = '\t'
	case 'n':
		r = '\n'
	case 'v':
		r = '\v'
	case 'f':
		r = '\f'
	case 'r':
		r = '\r'
	case 'e':
		r = 0x1b
	case ' ', '"', '/', '\\':
		r = rune(e)
	case 'N':
		r = 0x85
	case '_':
		r = 0xA0
	case 'L':
		r = 0x2028
	case 'P':
		r = 0x2029
	case 'x', 'u', 'U':
		digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
		if i+2+digits > len(src) {
			return 0, false
		}
		v, err := strconv.ParseUint(string(src[i+2:i+2+digits]), 16, 32)
		if err != nil {
			return 0, false
		}
		r, size = rune(v), 2+digits
	default:
		return 0, false
	}
	var buf [utf8.UTFMax]byte
	k := utf8.EncodeRune(buf[:], r)
	if r < utf8.RuneSelf {
		k = 1
		buf[0] = byte(r)
	}
	if !m.emit(i, string(buf[:k])) {
		return 0, false
	}
	return i + size, true
}

// block maps a literal (|) or folded (>) scalar whose indicator is at
// start: each content line loses its indentation; line breaks are kept
// (literal) or folded into spaces (folded), guided by the value.
func (m *scalarMapper) block(start int, folded bool) bool {
	src := m.src
	i := start
	for i < len(src) && src[i] != '\n' {
		if c := src[i]; c >= '1' && c <= '9' {
			return false // an explicit indentation indicator: not mapped
		}
		i++
	}
	i++ // past the header's line break
	// the indentation is that of the first line with text
	indent := -1
	for j := i; j < len(src) && indent < 0; {
		k := j
		for k < len(src) && src[k] == ' ' {
			k++
		}
		if k < len(src) && src[k] != '\n' && src[k] != '\r' {
			indent = k - j
			break
		}
		for k < len(src) && src[k] != '\n' {
			k++
		}
		j = k + 1
	}
	if indent < 0 {
		return m.done()
	}
	for !m.done() {
		if i >= len(src) {
			return false
		}
		for sp := 0; sp < indent && i < len(src) && src[i] == ' '; sp++ {
			i++
		}
		e := i
		for e < len(src) && src[e] != '\n' {
			e++
		}
		ce := e
		if ce > i && src[ce-1] == '\r' {
			ce--
		}
		for k := i; k < ce && !m.done(); k++ {
			if !m.take(k, 1) {
				return false
			}
		}
		if m.done() {
			return true
		}
		if e >= len(src) {
			return false
		}
		// the line break: kept as "\n", folded to " ", or dropped
		next := m.v[len(m.offs)]
		switch {
		case next == '\n':
			m.emit(ce, "\n")
		case folded && next == ' ':
			m.emit(ce, " ")
		case !folded:
			return false
		}
		i = e + 1
	}
	return true
}

// SpanAt returns the span of the token at pos: up to the next space, line
// break or flow indicator, and at least one character unless the line ends
// there. Positions known only as a point (a YAML problem) get this span.
func (f *File) SpanAt(pos Pos) Span {
	start := f.lines.Offset(pos)
	n := tokenLen(f.Src[start:])
	if n == 0 && start < len(f.Src) && f.Src[start] != '\n' && f.Src[start] != '\r' {
		_, n = utf8.DecodeRune(f.Src[start:])
	}
	return Span{start, start + n}
}

// Locate fills in a diagnostic-like triple: positions from a span, or a span
// from a start position when only that is known.
func (f *File) Locate(span Span, pos Pos) (Span, Pos, Pos) {
	if span == (Span{}) {
		if pos == (Pos{}) {
			pos = Pos{1, 1}
		}
		span = f.SpanAt(pos)
	}
	span.Start = max(0, min(span.Start, len(f.Src)))
	span.End = max(span.Start, min(span.End, len(f.Src)))
	return span, f.PosOf(span.Start), f.PosOf(span.End)
}
