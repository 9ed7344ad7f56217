package sqlitefile

import (
	"encoding/binary"
	"fmt"
)

// child is a written page and the largest rowid under it.
type child struct {
	page   uint32
	maxKey int64
}

// Table is a rowid table being written: rows come in rising rowid order
// and fill leaves that are written as they fill; Close builds the
// interior pages over them.
type Table struct {
	f      *File
	leaf   *page
	leaves []child
	last   int64
	rows   int
	cell   []byte
}

// Append adds a row: rowid and its record (Record.AppendTo).
func (t *Table) Append(rowid int64, record []byte) error {
	if t.f.err != nil {
		return t.f.err
	}
	if t.rows > 0 && rowid <= t.last {
		return fmt.Errorf("sqlitefile: rowid %d after %d: rows must come in rising rowid order", rowid, t.last)
	}
	u := t.f.pageSize
	local := localPayload(len(record), u, true)
	t.cell = appendVarint(t.cell[:0], uint64(len(record)))
	t.cell = appendVarint(t.cell, uint64(rowid))
	t.cell = append(t.cell, record[:local]...)
	if local < len(record) {
		t.cell = binary.BigEndian.AppendUint32(t.cell, t.f.writeOverflow(record[local:]))
	}
	if !t.leaf.fits(len(t.cell)) {
		t.flushLeaf()
		t.leaf.reset(leafTable, 0)
	}
	t.leaf.add(t.cell)
	t.last = rowid
	t.rows++
	return t.f.err
}

func (t *Table) flushLeaf() {
	t.leaves = append(t.leaves, child{t.f.writePage(t.leaf.finish(0)), t.last})
}

// finish writes the last leaf and the interior levels, and gives the
// root page.
func (t *Table) finish() uint32 {
	if t.leaf.cells > 0 || len(t.leaves) == 0 {
		t.flushLeaf() // an empty table is one empty leaf
	}
	level := t.leaves
	p := newPage(t.f.pageSize)
	var cell []byte
	for len(level) > 1 {
		// Children per page: a cell is a page number and a rowid, and
		// one child is the page's right-most pointer. The children are
		// shared out evenly, so that no page is left with one child.
		perPage := (t.f.pageSize-12)/(2+4+9) + 1
		pages := (len(level) + perPage - 1) / perPage
		var next []child
		for i := 0; i < pages; i++ {
			group := level[len(level)*i/pages : len(level)*(i+1)/pages]
			p.reset(interiorTable, 0)
			for _, c := range group[:len(group)-1] {
				cell = binary.BigEndian.AppendUint32(cell[:0], c.page)
				cell = appendVarint(cell, uint64(c.maxKey))
				p.add(cell)
			}
			last := group[len(group)-1]
			next = append(next, child{t.f.writePage(p.finish(last.page)), last.maxKey})
		}
		level = next
	}
	return level[0].page
}

// localPayload is how much of a payload of p bytes stays on its b-tree
// page, the rest going to overflow pages (the file format's X, M and K).
func localPayload(p, usable int, table bool) int {
	x := (usable-12)*64/255 - 23
	if table {
		x = usable - 35
	}
	if p <= x {
		return p
	}
	m := (usable-12)*32/255 - 23
	if k := m + (p-m)%(usable-4); k <= x {
		return k
	}
	return m
}
