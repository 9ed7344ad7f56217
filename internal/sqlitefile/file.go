// Package sqlitefile writes a new SQLite database file in one pass, the
// way a bulk loader would: rows go straight into b-tree pages in key
// order, with none of the per-row work of the SQL engine (parsing,
// binding, a b-tree search per insert). It writes what the Anki export
// needs — rowid tables, indexes of integers, overflow pages — and the
// file is an ordinary SQLite database (checked in the tests with SQLite's
// own integrity_check).
package sqlitefile

import (
	"encoding/binary"
	"fmt"
	"io"
)

// File is a database file being written. Make its tables (Table), add
// their rows, make its indexes (Index), then Close. Pages 2 on are
// written to the destination in order, as they fill, so the file can be
// compressed while it is made; page 1, which names the roots, comes from
// Close and goes in front of them.
type File struct {
	dst      io.Writer
	pageSize int
	pages    uint32 // pages written, page 1 included
	objects  []object
	ovf      []byte
	err      error
}

// object is a row of sqlite_schema.
type object struct {
	kind, name, table, sql string
	t                      *Table
	root                   uint32
}

// New starts a database whose pages from 2 on go to dst.
func New(dst io.Writer, pageSize int) (*File, error) {
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return nil, fmt.Errorf("sqlitefile: page size %d is not a power of two from 512 to 65536", pageSize)
	}
	// page 1 is made last, when the roots are known
	return &File{dst: dst, pageSize: pageSize, pages: 1, ovf: make([]byte, pageSize)}, nil
}

// Table makes a rowid table; sql is its CREATE TABLE statement.
func (f *File) Table(name, sql string) *Table {
	t := &Table{f: f, leaf: newPage(f.pageSize)}
	t.leaf.reset(leafTable, 0)
	f.objects = append(f.objects, object{kind: "table", name: name, table: name, sql: sql, t: t})
	return t
}

func (f *File) writePage(b []byte) uint32 {
	if f.err != nil {
		return 0
	}
	if _, err := f.dst.Write(b); err != nil {
		f.err = err
		return 0
	}
	f.pages++
	return f.pages
}

// writeOverflow writes the chain of overflow pages for the end of a
// payload and gives its first page. The chain's pages are consecutive.
func (f *File) writeOverflow(rest []byte) uint32 {
	first := f.pages + 1
	for len(rest) > 0 {
		clear(f.ovf)
		n := copy(f.ovf[4:], rest)
		rest = rest[n:]
		if len(rest) > 0 {
			binary.BigEndian.PutUint32(f.ovf, f.pages+2)
		}
		f.writePage(f.ovf)
	}
	return first
}

// Close writes the tables' last pages and gives page 1: the header and
// the schema. The file is page 1, then what went to the destination.
func (f *File) Close() ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	for i := range f.objects {
		if t := f.objects[i].t; t != nil {
			f.objects[i].root = t.finish()
		}
	}
	page1, err := f.firstPage()
	if err == nil {
		err = f.err
	}
	return page1, err
}

// firstPage is page 1: the file header, then the root of sqlite_schema,
// its one leaf or, when the schema outgrows the page, an interior page
// over leaves written after the rest.
func (f *File) firstPage() ([]byte, error) {
	var r Record
	records := make([][]byte, len(f.objects))
	for i, o := range f.objects {
		r.Reset()
		r.Text(o.kind)
		r.Text(o.name)
		r.Text(o.table)
		r.Int(int64(o.root))
		r.Text(o.sql)
		records[i] = r.AppendTo(nil)
	}
	p := newPage(f.pageSize)
	p.reset(leafTable, 100)
	var cell []byte
	right := uint32(0)
	for i, rec := range records {
		cell = appendVarint(cell[:0], uint64(len(rec)))
		cell = appendVarint(cell, uint64(i+1))
		cell = append(cell, rec...)
		if localPayload(len(rec), f.pageSize, true) < len(rec) || !p.fits(len(cell)) {
			p.reset(interiorTable, 100)
			right = f.schemaLeaves(p, records)
			if f.err != nil {
				return nil, f.err
			}
			if right == 0 {
				return nil, fmt.Errorf("sqlitefile: the schema's %d objects are too many for a %d-byte page", len(records), f.pageSize)
			}
			break
		}
		p.add(cell)
	}
	b := p.finish(right)
	copy(b, "SQLite format 3\x00")
	size := uint16(f.pageSize)
	if f.pageSize == 65536 {
		size = 1
	}
	binary.BigEndian.PutUint16(b[16:], size)
	b[18], b[19] = 1, 1                         // rollback journal, read and write
	b[21], b[22], b[23] = 64, 32, 32            // payload fractions, fixed by the format
	binary.BigEndian.PutUint32(b[24:], 1)       // change counter
	binary.BigEndian.PutUint32(b[28:], f.pages) // size in pages
	binary.BigEndian.PutUint32(b[40:], 1)       // schema cookie
	binary.BigEndian.PutUint32(b[44:], 4)       // schema format
	binary.BigEndian.PutUint32(b[56:], 1)       // UTF-8
	binary.BigEndian.PutUint32(b[92:], 1)       // the size is valid for change 1
	binary.BigEndian.PutUint32(b[96:], 3046000) // the SQLite version the format was written to
	return b, nil
}

// schemaLeaves writes sqlite_schema's rows as a table of their own and
// puts its leaves under the interior page p, giving the right-most leaf,
// or 0 when the leaves are too many for p.
func (f *File) schemaLeaves(p *page, records [][]byte) uint32 {
	t := &Table{f: f, leaf: newPage(f.pageSize)}
	t.leaf.reset(leafTable, 0)
	for i, rec := range records {
		// two leaves at least: an interior page with no cells is not
		// a state SQLite leaves a b-tree in
		if i == len(records)/2 && i > 0 && t.leaf.cells > 0 {
			t.flushLeaf()
			t.leaf.reset(leafTable, 0)
		}
		if t.Append(int64(i+1), rec) != nil {
			return 0
		}
	}
	t.flushLeaf()
	var cell []byte
	for _, c := range t.leaves[:len(t.leaves)-1] {
		cell = binary.BigEndian.AppendUint32(cell[:0], c.page)
		cell = appendVarint(cell, uint64(c.maxKey))
		if !p.fits(len(cell)) {
			return 0
		}
		p.add(cell)
	}
	return t.leaves[len(t.leaves)-1].page
}
