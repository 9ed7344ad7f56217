package pack

import (
	"bytes"
	"sort"
	"sync"
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
	long   *longLines
}

// longLines keeps, for lines longer than a few blocks, checkpoints of
// (byte offset, characters before it) every lineBlock bytes, so that
// converting between columns and offsets costs one block's scan whatever
// the line's length: a pack whose prose is one huge line would otherwise
// make every lookup linear, and a lookup per diagnostic quadratic. Built on
// first use, per line, under a lock: a File is shared between goroutines.
type longLines struct {
	mu     sync.Mutex
	blocks map[int][]checkpoint
}

type checkpoint struct{ off, chars int }

const lineBlock = 256

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
	return lineTable{src: src, starts: starts, long: &longLines{}}
}

// checkpoints returns line n's checkpoints (n 0-based), nil for a short line.
func (t lineTable) checkpoints(n, start, end int) []checkpoint {
	if end-start <= 4*lineBlock || t.long == nil {
		return nil
	}
	t.long.mu.Lock()
	defer t.long.mu.Unlock()
	if c, ok := t.long.blocks[n]; ok {
		return c
	}
	cps := []checkpoint{{start, 0}}
	for b, chars := start, 0; ; {
		next := min(b+lineBlock, end)
		for next < end && !utf8.RuneStart(t.src[next]) {
			next++
		}
		if next >= end {
			break
		}
		chars += utf8.RuneCount(t.src[b:next])
		cps = append(cps, checkpoint{next, chars})
		b = next
	}
	if t.long.blocks == nil {
		t.long.blocks = map[int][]checkpoint{}
	}
	t.long.blocks[n] = cps
	return cps
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
	col := 1
	if cps := t.checkpoints(pos.Line-1, off, end); cps != nil {
		i := sort.Search(len(cps), func(i int) bool { return cps[i].chars+1 > pos.Col }) - 1
		if i > 0 {
			off, col = cps[i].off, cps[i].chars+1
		}
	}
	for ; col < pos.Col && off < end; col++ {
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
	start := t.starts[lo]
	off = min(off, len(t.src))
	if off < start {
		return Pos{Line: lo + 1, Col: 1}
	}
	chars := 0
	if cps := t.checkpoints(lo, start, t.lineEnd(lo+1)); cps != nil {
		i := sort.Search(len(cps), func(i int) bool { return cps[i].off > off }) - 1
		if i > 0 {
			start, chars = cps[i].off, cps[i].chars
		}
	}
	return Pos{Line: lo + 1, Col: chars + utf8.RuneCount(t.src[start:off]) + 1}
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
