package pack

import (
	"bytes"
	"unicode/utf8"
)

var newline = []byte{'\n'}

// Pos is a position in a pack file: 1-based line, and 1-based column counted
// in characters (Unicode code points), as yaml.v3 and SARIF's
// "unicodeCodePoints" column kind count them.
type Pos struct {
	Line int
	Col  int
}

// lineTable maps positions to byte offsets. Columns count characters, so a
// line full of curly quotes needs the source to find the byte.
type lineTable struct {
	src    []byte
	starts []int // byte offset where each line starts; starts[0] is line 1
}

func newLineTable(src []byte) lineTable {
	starts := make([]int, 1, bytes.Count(src, newline)+1)
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		starts[0] = 3 // yaml.v3 does not count a byte-order mark as a column
	}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return lineTable{src: src, starts: starts}
}

// Offset returns the byte offset of pos, clamped to the file.
func (t lineTable) Offset(pos Pos) int {
	if pos.Line < 1 {
		return 0
	}
	if pos.Line > len(t.starts) {
		return len(t.src)
	}
	off := t.starts[pos.Line-1]
	end := t.lineEnd(pos.Line)
	for col := 1; col < pos.Col && off < end; col++ {
		_, size := utf8.DecodeRune(t.src[off:end])
		off += size
	}
	return off
}

// Line returns the text of line n without its line break.
func (t lineTable) Line(n int) string {
	if n < 1 || n > len(t.starts) {
		return ""
	}
	return string(t.src[t.starts[n-1]:t.lineEnd(n)])
}

// LinePrefix returns at most max bytes of line n, cut at a character
// boundary.
func (t lineTable) LinePrefix(n, max int) string {
	if n < 1 || n > len(t.starts) {
		return ""
	}
	start, end := t.starts[n-1], t.lineEnd(n)
	if end-start > max {
		end = start + max
		for end > start && !utf8.RuneStart(t.src[end]) {
			end--
		}
	}
	return string(t.src[start:end])
}

// NumLines returns how many lines the file has.
func (t lineTable) NumLines() int { return len(t.starts) }

// PosOf returns the position of byte offset off.
func (t lineTable) PosOf(off int) Pos {
	lo, hi := 0, len(t.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := utf8.RuneCount(t.src[t.starts[lo]:min(off, len(t.src))]) + 1
	return Pos{Line: lo + 1, Col: col}
}

func (t lineTable) lineEnd(n int) int {
	end := len(t.src)
	if n < len(t.starts) {
		end = t.starts[n] - 1
	}
	if end > t.starts[n-1] && t.src[end-1] == '\r' {
		end--
	}
	return end
}
