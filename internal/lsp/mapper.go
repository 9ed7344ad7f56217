package lsp

import (
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// mapper converts between byte offsets of a document and LSP positions,
// whose characters are UTF-16 code units unless the client chose UTF-8.
// Every position the server sends or reads goes through one mapper, as in
// gopls's protocol.Mapper.
type mapper struct {
	text   []byte
	starts []int // byte offset of each line
	utf8   bool
}

func newMapper(text []byte, utf8Columns bool) *mapper {
	m := &mapper{text: text, starts: []int{0}, utf8: utf8Columns}
	for i, c := range text {
		if c == '\n' {
			m.starts = append(m.starts, i+1)
		}
	}
	return m
}

// position returns the LSP position of byte offset off.
func (m *mapper) position(off int) Position {
	off = max(0, min(off, len(m.text)))
	line := sort.Search(len(m.starts), func(i int) bool { return m.starts[i] > off }) - 1
	start := m.starts[line]
	if m.utf8 {
		return Position{Line: line, Character: off - start}
	}
	units := 0
	for i := start; i < off; {
		r, size := utf8.DecodeRune(m.text[i:])
		units += utf16.RuneLen(r) // an invalid byte decodes to U+FFFD: one unit
		i += size
	}
	return Position{Line: line, Character: units}
}

// offset returns the byte offset of an LSP position, clamped to its line.
func (m *mapper) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(m.starts) {
		return len(m.text)
	}
	start := m.starts[p.Line]
	end := len(m.text)
	if p.Line+1 < len(m.starts) {
		end = m.starts[p.Line+1] - 1 // the '\n'
	}
	if m.utf8 {
		return min(start+max(0, p.Character), end)
	}
	units := 0
	i := start
	for i < end && units < p.Character {
		r, size := utf8.DecodeRune(m.text[i:])
		units += utf16.RuneLen(r)
		i += size
	}
	return i
}

func (m *mapper) rangeOf(start, end int) Range {
	return Range{Start: m.position(start), End: m.position(end)}
}
