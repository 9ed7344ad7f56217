package sqlitefile

import "encoding/binary"

// Page kinds, the first byte of a b-tree page's header.
const (
	interiorIndex = 0x02
	interiorTable = 0x05
	leafIndex     = 0x0a
	leafTable     = 0x0d
)

// minCell is the least room SQLite assumes a cell takes (cellSizePtr):
// a shorter cell gets padding, or SQLite would read it as overlapping
// the next.
const minCell = 4

// page is one b-tree page being filled: the cell pointers grow from the
// header forwards, the cells from the end backwards, with no gaps, so
// there are no free blocks and no fragments to account for.
type page struct {
	b     []byte
	start int // 100 on page 1, after the file header; else 0
	kind  byte
	cells int
	top   int // where the cell content begins
}

func newPage(size int) *page { return &page{b: make([]byte, size)} }

func (p *page) reset(kind byte, start int) {
	clear(p.b)
	p.kind, p.start, p.cells, p.top = kind, start, 0, len(p.b)
}

func (p *page) headerSize() int {
	if p.kind == interiorIndex || p.kind == interiorTable {
		return 12
	}
	return 8
}

// room is how many bytes a cell (and its pointer) may still take.
func (p *page) room() int {
	return p.top - (p.start + p.headerSize() + 2*p.cells) - 2
}

// fits reports whether a cell of n bytes still goes in.
func (p *page) fits(n int) bool { return max(n, minCell) <= p.room() }

// add puts a cell in; the caller has checked that it fits. Cells are
// added in key order.
func (p *page) add(cell []byte) {
	p.top -= max(len(cell), minCell)
	copy(p.b[p.top:], cell)
	binary.BigEndian.PutUint16(p.b[p.start+p.headerSize()+2*p.cells:], uint16(p.top))
	p.cells++
}

// finish writes the header; right is the right-most child of an
// interior page.
func (p *page) finish(right uint32) []byte {
	h := p.b[p.start:]
	h[0] = p.kind
	binary.BigEndian.PutUint16(h[1:], 0) // no free blocks
	binary.BigEndian.PutUint16(h[3:], uint16(p.cells))
	binary.BigEndian.PutUint16(h[5:], uint16(p.top)) // 65536 would wrap to 0, as the format says
	h[7] = 0                                         // no fragments
	if p.headerSize() == 12 {
		binary.BigEndian.PutUint32(h[8:], right)
	}
	return p.b
}
