package fastyaml

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// plain reads a plain scalar starting at offset i of line l. It may go on
// over more-indented lines, which fold into one text as yaml.v3 folds them.
func (p *parser) plain(l line, i, parent int) (*yaml.Node, bool) {
	if isIndicator(p.src[i]) {
		return nil, false
	}
	first, ended, ok := p.plainLine(l, i)
	if !ok {
		return nil, false
	}
	p.consume(l)
	value := first
	if !ended {
		var b *strings.Builder
		breaks := 0
		for pos, num := p.pos, p.line; pos < len(p.src); {
			end := strings.IndexByte(p.src[pos:], '\n') + pos
			j := pos
			for j < end && p.src[j] == ' ' {
				j++
			}
			if j == end { // a blank line: folds to a line break
				breaks++
				pos, num = end+1, num+1
				continue
			}
			if j-pos <= parent || p.src[j] == '#' {
				break // dedented, or a comment: the scalar ended
			}
			next := line{start: pos, end: end, indent: j - pos, num: num + 1}
			text, ended, ok := p.plainLine(next, j)
			if !ok {
				return nil, false
			}
			if b == nil {
				b = &strings.Builder{}
				b.WriteString(first)
			}
			if breaks == 0 {
				b.WriteByte(' ')
			}
			for ; breaks > 0; breaks-- {
				b.WriteByte('\n')
			}
			b.WriteString(text)
			p.consume(next)
			pos, num = p.pos, p.line
			if ended {
				break
			}
		}
		if b != nil {
			value = b.String()
		}
	}
	tag, ok := plainTag(value)
	if !ok {
		return nil, false
	}
	return p.node(yaml.ScalarNode, tag, value, l.num, asciiColumn(l, i)), true
}

// plainLine returns the text of a plain scalar on line l from offset i, with
// trailing spaces removed, and whether a comment ends the scalar there. It
// declines at ": " or a final ':' (yaml.v3 rejects a mapping value there).
func (p *parser) plainLine(l line, i int) (text string, ended, ok bool) {
	end := l.end
	for j := i; j < l.end; j++ {
		switch p.src[j] {
		case ':':
			if j+1 == l.end || p.src[j+1] == ' ' {
				return "", false, false
			}
		case '#':
			if j > i && p.src[j-1] == ' ' {
				end, ended = j, true
				j = l.end
			}
		}
	}
	for end > i && p.src[end-1] == ' ' {
		end--
	}
	return p.src[i:end], ended, true
}

// isIndicator reports whether a plain scalar may not start with c (or, for
// '-', '?' and ':', may only in forms this reader leaves to yaml.v3).
func isIndicator(c byte) bool {
	return strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", c) >= 0
}

// singleQuoted reads a single-quoted scalar that ends on its own line.
func (p *parser) singleQuoted(l line, i int) (*yaml.Node, bool) {
	value, end, ok := p.singleQuotedText(l, i)
	if !ok || !p.restIsComment(l, end) {
		return nil, false
	}
	p.consume(l)
	n := p.node(yaml.ScalarNode, "!!str", value, l.num, asciiColumn(l, i))
	n.Style = yaml.SingleQuotedStyle
	return n, true
}

// singleQuotedText reads the single-quoted text opening at offset i of
// line l (two quotes in a row are one quote) and returns it and the
// offset past its closing quote; it declines text that goes on to
// another line.
func (p *parser) singleQuotedText(l line, i int) (string, int, bool) {
	var b []byte
	j := i + 1
	start := j
	for {
		k := strings.IndexByte(p.src[j:l.end], '\'')
		if k < 0 {
			return "", 0, false
		}
		j += k
		if j+1 < l.end && p.src[j+1] == '\'' {
			b = append(b, p.src[start:j+1]...)
			j += 2
			start = j
			continue
		}
		break
	}
	value := p.src[start:j]
	if b != nil {
		value = string(append(b, value...))
	}
	return value, j + 1, true
}

// doubleQuoted reads a double-quoted scalar that ends on its own line.
func (p *parser) doubleQuoted(l line, i int) (*yaml.Node, bool) {
	value, end, ok := p.unescape(l, i)
	if !ok || !p.restIsComment(l, end) {
		return nil, false
	}
	p.consume(l)
	n := p.node(yaml.ScalarNode, "!!str", value, l.num, asciiColumn(l, i))
	n.Style = yaml.DoubleQuotedStyle
	return n, true
}

// unescape decodes the double-quoted scalar at offset i of line l and
// returns it with the offset just past its closing quote.
func (p *parser) unescape(l line, i int) (string, int, bool) {
	j := i + 1
	k := strings.IndexAny(p.src[j:l.end], "\"\\")
	if k < 0 {
		return "", 0, false
	}
	if p.src[j+k] == '"' { // no escapes: share the source text
		return p.src[j : j+k], j + k + 1, true
	}
	var b []byte
	for j < l.end {
		c := p.src[j]
		switch {
		case c == '"':
			return string(b), j + 1, true
		case c != '\\':
			b = append(b, c)
			j++
			continue
		}
		if j+1 >= l.end {
			return "", 0, false // an escaped line break
		}
		e := p.src[j+1]
		j += 2
		if r, ok := simpleEscapes[e]; ok {
			b = utf8.AppendRune(b, r)
			continue
		}
		digits := hexDigits(e)
		if digits == 0 || j+digits > l.end {
			return "", 0, false
		}
		r, ok := hexRune(p.src[j : j+digits])
		if !ok {
			return "", 0, false
		}
		b = utf8.AppendRune(b, r)
		j += digits
	}
	return "", 0, false
}

// simpleEscapes are the one-character escapes yaml.v3 knows (not YAML
// 1.2's "\/") and what they stand for.
var simpleEscapes = map[byte]rune{
	'0': 0, 'a': '\a', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f',
	'r': '\r', 'e': 0x1B, ' ': ' ', '"': '"', '\'': '\'', '\\': '\\',
	'N': 0x85, '_': 0xA0, 'L': 0x2028, 'P': 0x2029,
}

// hexDigits is how many hexadecimal digits follow the escape \e, if any.
func hexDigits(e byte) int {
	switch e {
	case 'x':
		return 2
	case 'u':
		return 4
	case 'U':
		return 8
	}
	return 0
}

// hexRune decodes hexadecimal digits into a character, refusing surrogates
// and values past Unicode as yaml.v3 does.
func hexRune(s string) (rune, bool) {
	var v uint32 // eight digits overflow a rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | uint32(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | uint32(c-'a'+10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | uint32(c-'A'+10)
		default:
			return 0, false
		}
	}
	if (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF {
		return 0, false
	}
	return rune(v), true
}

// flowCollection reads a flow sequence or mapping that ends on its own
// line, such as "[ownership, conflict]" or "{target: 30s, example: I
// noticed the drops., phrases: [I noticed]}": scalars and nested flow
// collections, all on one line.
func (p *parser) flowCollection(l line, i int) (*yaml.Node, bool) {
	n, end, ok := p.flowNode(l, i)
	if !ok || !p.restIsComment(l, end) {
		return nil, false
	}
	p.consume(l)
	return n, true
}

// flowNode reads one flow node at offset i of line l: a collection or a
// scalar, returning it and the offset just past it.
func (p *parser) flowNode(l line, i int) (*yaml.Node, int, bool) {
	switch p.src[i] {
	case '[':
		return p.flowSequence(l, i)
	case '{':
		return p.flowMapping(l, i)
	}
	return p.flowItem(l, i)
}

// flowSequence reads "[a, b, ...]" from offset i of line l.
func (p *parser) flowSequence(l line, i int) (*yaml.Node, int, bool) {
	s := p.node(yaml.SequenceNode, "!!seq", "", l.num, p.column(l, i))
	s.Style = yaml.FlowStyle
	end, ok := p.flowEntries(l, i, s, ']', func(j int) (int, bool) {
		item, end, ok := p.flowNode(l, j)
		if ok {
			p.children = append(p.children, item)
		}
		return end, ok
	})
	return s, end, ok
}

// flowMapping reads "{key: value, ...}" from offset i of line l. Keys are
// simple words, as a pack's are; anything else goes to yaml.v3.
func (p *parser) flowMapping(l line, i int) (*yaml.Node, int, bool) {
	m := p.node(yaml.MappingNode, "!!map", "", l.num, p.column(l, i))
	m.Style = yaml.FlowStyle
	end, ok := p.flowEntries(l, i, m, '}', func(j int) (int, bool) {
		colon := p.keyEnd(l, j)
		if colon < 0 || colon+1 >= l.end {
			return 0, false // a key yaml.v3 may read otherwise, or no value
		}
		tag, ok := plainTag(p.src[j:colon])
		if !ok {
			return 0, false
		}
		key := p.node(yaml.ScalarNode, tag, p.src[j:colon], l.num, p.column(l, j))
		v := p.skipSpaces(l, colon+1)
		if v == l.end || p.src[v] == ',' || p.src[v] == '}' {
			return 0, false // an empty value: left to yaml.v3
		}
		value, end, ok := p.flowNode(l, v)
		if ok {
			p.children = append(p.children, key, value)
		}
		return end, ok
	})
	return m, end, ok
}

// flowEntries reads the entries of the flow collection n opened at offset
// i, each with entry, separated by commas up to close, all on line l, and
// gives n its children. It returns the offset past close.
func (p *parser) flowEntries(l line, i int, n *yaml.Node, close byte, entry func(j int) (int, bool)) (int, bool) {
	if p.depth++; p.depth > maxDepth {
		return 0, false
	}
	defer func() { p.depth-- }()
	mark := len(p.children)
	j := i + 1
	for first := true; ; first = false {
		if j = p.skipSpaces(l, j); j == l.end {
			return 0, false
		}
		if p.src[j] == close && first {
			break
		}
		end, ok := entry(j)
		if !ok {
			return 0, false
		}
		if j = p.skipSpaces(l, end); j == l.end {
			return 0, false
		}
		if p.src[j] == close {
			break
		}
		if p.src[j] != ',' {
			return 0, false
		}
		j++
	}
	p.finish(n, mark)
	return j + 1, true
}

func (p *parser) skipSpaces(l line, j int) int {
	for j < l.end && p.src[j] == ' ' {
		j++
	}
	return j
}

// flowPlain classes the bytes of a plain scalar in a flow collection: most
// go on; ',', ']' and '}' end it; the other flow indicators (and '#')
// decline the file.
var flowPlain = func() (t [256]uint8) {
	for _, c := range []byte(",]}") {
		t[c] = flowEnd
	}
	for _, c := range []byte(":#?[{") {
		t[c] = flowDecline
	}
	return t
}()

const (
	flowEnd = 1 + iota
	flowDecline
)

// flowItem reads one scalar of a flow collection at offset i, returning it
// and the offset just past it.
func (p *parser) flowItem(l line, i int) (*yaml.Node, int, bool) {
	col := p.column(l, i)
	switch p.src[i] {
	case '"':
		value, end, ok := p.unescape(l, i)
		if !ok {
			return nil, 0, false
		}
		n := p.node(yaml.ScalarNode, "!!str", value, l.num, col)
		n.Style = yaml.DoubleQuotedStyle
		return n, end, true
	case '\'':
		value, end, ok := p.singleQuotedText(l, i)
		if !ok {
			return nil, 0, false // goes on to another line: left to yaml.v3
		}
		n := p.node(yaml.ScalarNode, "!!str", value, l.num, col)
		n.Style = yaml.SingleQuotedStyle
		return n, end, true
	}
	if isIndicator(p.src[i]) {
		return nil, 0, false
	}
	j := i
	for ; j < l.end; j++ {
		if k := flowPlain[p.src[j]]; k == flowEnd {
			break
		} else if k == flowDecline {
			return nil, 0, false // a flow indicator: yaml.v3 stops or fails there
		}
	}
	end := j
	for end > i && p.src[end-1] == ' ' {
		end--
	}
	tag, ok := plainTag(p.src[i:end])
	if !ok {
		return nil, 0, false
	}
	return p.node(yaml.ScalarNode, tag, p.src[i:end], l.num, col), end, true
}
