package sqlitefile

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Index writes an index whose columns are all integers: entries holds
// one entry after another, each its cols values, the last of them the
// row's rowid, in any order. (Text keys would need SQLite's collations,
// which no caller needs.)
func (f *File) Index(name, table, sql string, cols int, entries []int64) error {
	if f.err != nil {
		return f.err
	}
	if cols < 1 || len(entries)%cols != 0 {
		return fmt.Errorf("sqlitefile: index %s: %d values are not entries of %d", name, len(entries), cols)
	}
	order := make([]int32, len(entries)/cols)
	for i := range order {
		order[i] = int32(i)
	}
	entry := func(i int32) []int64 { return entries[int(i)*cols : int(i+1)*cols] }
	slices.SortFunc(order, func(a, b int32) int { return slices.Compare(entry(a), entry(b)) })
	arena := make([]byte, 0, len(entries)*5)
	ends := make([]int, 0, len(order))
	var r Record
	for i, o := range order {
		if i > 0 && slices.Equal(entry(order[i-1]), entry(o)) {
			return fmt.Errorf("sqlitefile: index %s: entry %v twice", name, entry(o))
		}
		r.Reset()
		for _, v := range entry(o) {
			r.Int(v)
		}
		arena = r.AppendTo(arena)
		ends = append(ends, len(arena))
	}
	keys := make([][]byte, len(ends))
	for i, end := range ends {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		keys[i] = arena[start:end:end]
	}
	root := f.writeIndexTree(keys)
	f.objects = append(f.objects, object{kind: "index", name: name, table: table, sql: sql, root: root})
	return f.err
}

// writeIndexTree writes a b-tree of sorted keys from the leaves up and
// gives its root. Each level's keys are shared out evenly over as few
// pages as hold them, the key between two pages going up a level, so
// that every page holds at least one key and every leaf is at the same
// depth. keys[i] lies between children[i] and children[i+1].
func (f *File) writeIndexTree(keys [][]byte) uint32 {
	p := newPage(f.pageSize)
	var children []uint32 // none on the leaf level
	var cell []byte
	for {
		kind, extra := byte(leafIndex), 0
		if children != nil {
			kind, extra = interiorIndex, 4
		}
		p.reset(kind, 0)
		largest := minCell
		for _, k := range keys {
			largest = max(largest, extra+varintLen(uint64(len(k)))+len(k))
		}
		perPage := (f.pageSize - p.headerSize()) / (largest + 2)
		pages := 1
		if len(keys) > perPage {
			pages = (len(keys) + 1 + perPage) / (perPage + 1)
		}
		held := len(keys) - (pages - 1)
		var upKeys [][]byte
		var upChildren []uint32
		pos := 0
		for j := 0; j < pages; j++ {
			n := held*(j+1)/pages - held*j/pages
			p.reset(kind, 0)
			for i := pos; i < pos+n; i++ {
				cell = cell[:0]
				if children != nil {
					cell = binary.BigEndian.AppendUint32(cell, children[i])
				}
				cell = appendVarint(cell, uint64(len(keys[i])))
				p.add(append(cell, keys[i]...))
			}
			var right uint32
			if children != nil {
				right = children[pos+n]
			}
			upChildren = append(upChildren, f.writePage(p.finish(right)))
			pos += n
			if j < pages-1 {
				upKeys = append(upKeys, keys[pos])
				pos++
			}
		}
		if pages == 1 {
			return upChildren[0]
		}
		keys, children = upKeys, upChildren
	}
}
