// Package fastyaml reads the plain, block-style YAML that pattern packs are
// written in into the very nodes yaml.v3 would build, several times faster.
//
// yaml.v3 is a port of libyaml: it scans byte by byte through a buffered
// reader, builds tokens, then events, then nodes, and on a 10,000-pack
// corpus it is more than half of starlint's time. Packs use a small part of
// YAML — block mappings with simple keys, block sequences, plain and quoted
// one-line scalars, block scalars, one-line flow sequences and mappings,
// comments — so a
// reader for just that part can work line by line on the source string.
// Files with CRLF line ends are read as if they had LF ones (the nodes are
// the same), at the cost of one copy.
//
// Parse declines (returns ok false) at the first thing outside that part,
// including every error, and the caller parses the file with yaml.v3 as
// before: messages for broken files are always yaml.v3's. Whenever Parse
// accepts, its tree equals yaml.v3's in kind, style, tag, value and position
// of every node; fastyaml_test.go checks that against yaml.v3 on the example
// packs, every fixture, generated corpora, mutations and a fuzz target.
// The one difference is comments: Parse skips them and leaves the comment
// fields empty.
package fastyaml

import (
	"bytes"
	"encoding/binary"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds nesting; deeper files go to yaml.v3, which reports depth
// itself. Packs are about five levels deep.
const maxDepth = 64

// maxKeyLen is below libyaml's 1024-character limit on implicit keys, so
// every key accepted here is one yaml.v3 accepts too.
const maxKeyLen = 512

// Parse reads src (without a byte-order mark) as one YAML document whose
// root is a block mapping and returns that mapping. ok is false when src is
// outside the subset described in the package comment.
func Parse(src []byte) (root *yaml.Node, ok bool) {
	root, _, ok = ParseSlab(src)
	return root, ok
}

// Slab is the memory of a parsed tree's nodes. A caller that knows when
// nothing reads the tree any more (a batch lint, once a file is linted)
// gives it back with Release, and the next parse reuses it: the nodes of a
// pack are most of what reading it allocates.
type Slab struct {
	nodes    []yaml.Node
	contents []*yaml.Node // the Content slices' memory
	children []*yaml.Node // the parser's stack
}

var slabs = sync.Pool{New: func() any { return new(Slab) }}

// Release gives the slab back for another parse. Nothing may read the
// tree it held afterwards.
func (s *Slab) Release() {
	if s != nil {
		slabs.Put(s)
	}
}

// ParseSlab is Parse, also returning the slab the tree's nodes live in
// (nil when it declines; the slab is then reused already).
func ParseSlab(src []byte) (root *yaml.Node, slab *Slab, ok bool) {
	return parseSlab(src, false)
}

// ParseOwned is ParseSlab for a buffer that nothing will ever change (a
// file just read, which only its File holds): the tree's strings then
// share its bytes instead of a copy of them, which saves the copy of every
// pack a batch lint reads.
func ParseOwned(src []byte) (root *yaml.Node, slab *Slab, ok bool) {
	return parseSlab(src, true)
}

func parseSlab(src []byte, owned bool) (root *yaml.Node, slab *Slab, ok bool) {
	slab = slabs.Get().(*Slab)
	root, ok = parseInto(src, slab, owned)
	if !ok {
		slab.Release()
		return nil, nil, false
	}
	return root, slab, true
}

func parseInto(src []byte, slab *Slab, owned bool) (root *yaml.Node, ok bool) {
	if !plainText(src) {
		// Windows line ends (git's core.autocrlf). To YAML a CRLF is one line
		// break, as LF is, and no column counts it, so the same text with LF
		// line ends has exactly the same nodes. A lone CR is a line break
		// too, which the reader does not model: plainText declines it. Only
		// files the plain check declined pay for the search and the copy.
		if bytes.IndexByte(src, '\r') < 0 {
			return nil, false
		}
		if src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")); !plainText(src) {
			return nil, false
		}
		owned = true // the copy is ours alone
	}
	var text string
	if owned && len(src) > 0 {
		text = unsafe.String(unsafe.SliceData(src), len(src)) // never changed: see ParseOwned
	} else {
		text = string(src)
	}
	p := &parser{src: text}
	// A pack has a node for about every 37 bytes; one slab then nearly
	// always suffices. A reused slab is not cleared: every node is written
	// whole when it is made.
	if need := len(src)/32 + 16; cap(slab.nodes) >= need {
		p.nodes = slab.nodes[:0]
	} else {
		p.nodes = make([]yaml.Node, 0, need)
	}
	slab.nodes = p.nodes // the first slab is the one kept for reuse
	// the Content slices and the stack likewise: the largest so far is kept
	p.contents, p.children = slab.contents[:0], slab.children[:0]
	defer func() {
		if cap(p.contents) > cap(slab.contents) {
			slab.contents = p.contents[:0]
		}
		if cap(p.children) > cap(slab.children) {
			slab.children = p.children[:0]
		}
	}()
	l, found := p.next()
	if !found {
		return nil, false
	}
	root, ok = p.mapping(l, l.start+l.indent)
	if !ok {
		return nil, false
	}
	if _, more := p.next(); more {
		return nil, false // a dedented line after the root: yaml.v3 explains it
	}
	return root, true
}

// plainText reports whether src avoids what the line-based reader does not
// model: tabs, carriage returns (left after CRLF line ends are read as LF)
// and other control characters, invalid
// UTF-8, the Unicode line breaks YAML also honours (NEL, LS, PS), a
// byte-order mark inside the text, directives and document markers, and a
// last line without a line break.
func plainText(src []byte) bool {
	if len(src) == 0 || src[len(src)-1] != '\n' {
		return false
	}
	if src[0] == '%' || startsMarker(src) {
		return false
	}
	for i := 0; i < len(src); {
		if i+8 <= len(src) && printableASCII(binary.LittleEndian.Uint64(src[i:])) {
			i += 8 // the common case, eight ordinary characters at once
			continue
		}
		c := src[i]
		switch {
		case c == '\n':
			if startsMarker(src[i+1:]) {
				return false
			}
		case c < 0x20 || c == 0x7F: // tabs, carriage returns, control characters
			return false
		case c >= 0x80:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError || (r >= 0x80 && r <= 0x9F) || r == 0x2028 || r == 0x2029 ||
				r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
				return false
			}
			i += size
			continue
		}
		i++
	}
	return true
}

// printableASCII reports whether all eight bytes of x are between 0x20 and
// 0x7E. With the high bits clear, adding 0x60 to a byte carries into its
// high bit exactly when the byte is at least 0x20, and adding 0x01 exactly
// when it is 0x7F; no addition carries into the next byte.
func printableASCII(x uint64) bool {
	const high = 0x8080808080808080
	return x&high == 0 && (x+0x6060606060606060)&high == high && (x+0x0101010101010101)&high == 0
}

// startsMarker reports whether b starts with a document marker, --- or ...
// (checked loosely: any line starting with three dashes or dots declines).
func startsMarker(b []byte) bool {
	return len(b) >= 3 && (b[0] == '-' && b[1] == '-' && b[2] == '-' || b[0] == '.' && b[1] == '.' && b[2] == '.')
}

type parser struct {
	src   string // the whole file; one-line scalar values are substrings of it
	pos   int    // offset of the first line not yet consumed
	line  int    // 0-based number of the line at pos
	depth int

	nodes    []yaml.Node  // slab the nodes are carved from
	children []*yaml.Node // children of the collections being read, as a stack
	contents []*yaml.Node // slab the finished Content slices are carved from
	scratch  []byte       // reused buffer for block scalar text

	// the last column counted (column): the nodes of a one-line flow
	// collection come left to right, so each is counted on from the one
	// before instead of from the line's start
	colLine, colOff, colVal int
}

// line is one source line: [start, end) excludes the line break.
type line struct {
	start, end int
	indent     int // leading spaces
	num        int // 1-based
}

// next returns the next line at or after pos that holds a node, skipping
// blank lines and comment lines, without consuming it.
func (p *parser) next() (line, bool) {
	pos, num := p.pos, p.line
	for pos < len(p.src) {
		end := strings.IndexByte(p.src[pos:], '\n') + pos // the text ends with '\n'
		indent := 0
		for pos+indent < end && p.src[pos+indent] == ' ' {
			indent++
		}
		if pos+indent < end && p.src[pos+indent] != '#' {
			return line{start: pos, end: end, indent: indent, num: num + 1}, true
		}
		pos, num = end+1, num+1
	}
	return line{}, false
}

// consume moves pos past line l.
func (p *parser) consume(l line) { p.pos, p.line = l.end+1, l.num }

func (p *parser) node(kind yaml.Kind, tag, value string, num, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, max(64, 2*cap(p.nodes)))
	}
	p.nodes = append(p.nodes, yaml.Node{Kind: kind, Tag: tag, Value: value, Line: num, Column: col})
	return &p.nodes[len(p.nodes)-1]
}

// finish gives n the children pushed since mark, as one exact-size slice.
func (p *parser) finish(n *yaml.Node, mark int) {
	kids := p.children[mark:]
	if len(p.contents)+len(kids) > cap(p.contents) {
		p.contents = make([]*yaml.Node, 0, max(256, 2*cap(p.contents), len(kids)))
	}
	start := len(p.contents)
	p.contents = append(p.contents, kids...)
	n.Content = p.contents[start:len(p.contents):len(p.contents)]
	clear(kids)
	p.children = p.children[:mark]
}

// column is the 1-based column of offset off on line l, in characters as
// yaml.v3 counts them.
func (p *parser) column(l line, off int) int {
	from, col := l.start, 1
	if p.colVal > 0 && p.colLine == l.start && p.colOff <= off {
		from, col = p.colOff, p.colVal
	}
	col += utf8.RuneCountInString(p.src[from:off])
	p.colLine, p.colOff, p.colVal = l.start, off, col
	return col
}

// asciiColumn is column for an offset with only ASCII before it on its line:
// block nodes start after indentation, "- " and keys, which are all ASCII.
func asciiColumn(l line, off int) int { return off - l.start + 1 }

// mapping reads a block mapping whose first key starts at offset key of
// line l; its indentation is that key's column. Further keys must start at
// the same column on later lines.
func (p *parser) mapping(l line, key int) (*yaml.Node, bool) {
	if p.depth++; p.depth > maxDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	indent := key - l.start
	m := p.node(yaml.MappingNode, "!!map", "", l.num, indent+1)
	mark := len(p.children)
	for {
		end := p.keyEnd(l, key)
		if end < 0 {
			return nil, false
		}
		name := p.src[key:end]
		tag, ok := plainTag(name)
		if !ok {
			return nil, false
		}
		p.children = append(p.children, p.node(yaml.ScalarNode, tag, name, l.num, indent+1))
		v, ok := p.value(l, end+1, indent, true)
		if !ok {
			return nil, false
		}
		p.children = append(p.children, v)
		next, more := p.next()
		if !more || next.indent < indent {
			break
		}
		if next.indent > indent {
			return nil, false
		}
		l, key = next, next.start+next.indent
	}
	p.finish(m, mark)
	return m, true
}

// keyEnd returns the offset of the ':' ending the simple key at offset key
// of line l, or -1 when there is none: keys are ASCII words such as
// "situation" or "level_2", followed by ':' and a space or the line's end.
func (p *parser) keyEnd(l line, key int) int {
	i := key
	for i < l.end && i-key < maxKeyLen && isKeyByte(p.src[i], i == key) {
		i++
	}
	if i == key || i >= l.end || p.src[i] != ':' || (i+1 < l.end && p.src[i+1] != ' ') {
		return -1
	}
	return i
}

func isKeyByte(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		return true
	case c == '-' || c == '.' || c == '/':
		return !first
	}
	return false
}

// sequence reads a block sequence whose entries' dashes are at l.indent.
func (p *parser) sequence(l line) (*yaml.Node, bool) {
	if p.depth++; p.depth > maxDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	indent := l.indent
	s := p.node(yaml.SequenceNode, "!!seq", "", l.num, indent+1)
	mark := len(p.children)
	for {
		item, ok := p.value(l, l.start+indent+1, indent, false)
		if !ok {
			return nil, false
		}
		p.children = append(p.children, item)
		next, more := p.next()
		if !more || next.indent < indent {
			break
		}
		if next.indent > indent {
			return nil, false
		}
		if !p.isEntry(next) {
			break // the parent mapping's next key, at the same indentation
		}
		l = next
	}
	p.finish(s, mark)
	return s, true
}

// isEntry reports whether line l is a block sequence entry: a dash followed
// by a space or the line's end.
func (p *parser) isEntry(l line) bool {
	i := l.start + l.indent
	return p.src[i] == '-' && (i+1 == l.end || p.src[i+1] == ' ')
}

// value reads the node that follows a mapping key's ':' or a sequence
// entry's '-' at offset after on line l. parent is the indentation of the
// collection it belongs to; inMapping says which kind that is, since only a
// mapping value may be a sequence at its own indentation.
func (p *parser) value(l line, after, parent int, inMapping bool) (*yaml.Node, bool) {
	i := after
	for i < l.end && p.src[i] == ' ' {
		i++
	}
	if i == l.end || p.src[i] == '#' {
		// Nothing more on this line: the value is on the next lines, or null.
		p.consume(l)
		next, more := p.next()
		switch {
		case more && next.indent > parent && p.isEntry(next):
			return p.sequence(next)
		case more && next.indent > parent:
			return p.mapping(next, next.start+next.indent)
		case more && next.indent == parent && inMapping && p.isEntry(next):
			return p.sequence(next)
		}
		return p.node(yaml.ScalarNode, "!!null", "", l.num, asciiColumn(l, after)), true
	}
	if !inMapping && p.keyEnd(l, i) >= 0 {
		return p.mapping(l, i) // a compact mapping: "- key: value"
	}
	switch p.src[i] {
	case '|', '>':
		return p.blockScalar(l, i, parent)
	case '"':
		return p.doubleQuoted(l, i)
	case '\'':
		return p.singleQuoted(l, i)
	case '[', '{':
		return p.flowCollection(l, i)
	}
	return p.plain(l, i, parent)
}

// restIsComment reports whether line l holds only spaces and perhaps a
// comment from offset i on; a comment must follow a space.
func (p *parser) restIsComment(l line, i int) bool {
	j := i
	for j < l.end && p.src[j] == ' ' {
		j++
	}
	return j == l.end || (p.src[j] == '#' && j > i)
}
