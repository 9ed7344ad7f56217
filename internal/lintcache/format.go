package lintcache

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// The cache file's body is a table that opens without decoding results:
//
//	key, written, entry count, then per entry
//	  path, size, mtime, inode, ctime, hash, result length, result
//
// with lengths and numbers as varints. Open reads the table once; a
// result is decoded only when its file is looked up and its metadata
// still holds, so a warm run over 50,000 packs decodes what it reports
// and nothing twice. Every length is checked against what is left of the
// file before it is used: a hostile file can make Open give up, never
// make it allocate what it declares.

var errCorrupt = errors.New("corrupt cache")

// encoder appends to a byte slice.
type encoder struct{ b []byte }

func (e *encoder) uint(v uint64)     { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)       { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) bytes(v []byte)    { e.uint(uint64(len(v))); e.b = append(e.b, v...) }
func (e *encoder) string(v string)   { e.uint(uint64(len(v))); e.b = append(e.b, v...) }
func (e *encoder) pos(p pack.Pos)    { e.int(int64(p.Line)); e.int(int64(p.Col)) }
func (e *encoder) span(s pack.Span)  { e.int(int64(s.Start)); e.int(int64(s.End)) }
func (e *encoder) fixed(v *[32]byte) { e.b = append(e.b, v[:]...) }

// decoder reads what encoder wrote; the first problem sticks in err and
// every later read returns zero values.
type decoder struct {
	b   []byte
	err error
	// text, when set, is the whole input as one string: strings are then
	// cut from it (a result's strings cost one allocation, not one each:
	// a warm run over packs with half a million findings spent most of its
	// time collecting them)
	text  string
	start int // len(b) when text was set
}

func (d *decoder) fail() { d.err, d.b = errCorrupt, nil }

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// small is an int that must fit in an int32 (lines, columns, offsets).
func (d *decoder) small() int {
	v := d.int()
	if v < math.MinInt32 || v > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(v)
}

// count is a length or count, at most what is left of the input (every
// item takes at least a byte), so it never sizes a large allocation.
func (d *decoder) count() int {
	v := d.uint()
	if v > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) bytes() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	v := d.bytes()
	if d.text == "" || d.err != nil {
		return string(v)
	}
	end := d.start - len(d.b) // just past v
	return d.text[end-len(v) : end]
}

func (d *decoder) fixed(v *[32]byte) {
	if d.err != nil || len(d.b) < len(v) {
		d.fail()
		return
	}
	copy(v[:], d.b)
	d.b = d.b[len(v):]
}

func (d *decoder) pos() pack.Pos   { return pack.Pos{Line: d.small(), Col: d.small()} }
func (d *decoder) span() pack.Span { return pack.Span{Start: d.small(), End: d.small()} }

// encodeResult writes a file's results (without the file name, which the
// cache sets at lookup).
func encodeResult(e *encoder, r lint.Cached) {
	e.uint(uint64(len(r.Diags)))
	for _, d := range r.Diags {
		e.pos(d.Pos)
		e.pos(d.End)
		e.span(d.Span)
		e.string(d.Pointer)
		e.string(d.Rule)
		e.int(int64(d.Severity))
		e.string(d.Message)
		e.string(d.Source)
		if d.Fix == nil {
			e.uint(0)
		} else {
			e.uint(1)
			e.string(d.Fix.Message)
			e.uint(uint64(len(d.Fix.Edits)))
			for _, ed := range d.Fix.Edits {
				e.int(int64(ed.Start))
				e.int(int64(ed.End))
				e.string(ed.NewText)
			}
		}
	}
	if r.Ref == nil {
		e.uint(0)
		return
	}
	e.uint(1)
	e.string(r.Ref.ID)
	e.pos(r.Ref.Pos)
	e.pos(r.Ref.End)
	e.string(r.Ref.Answers)
	e.string(r.Ref.Options)
	e.pos(r.Ref.QuizPos)
	e.pos(r.Ref.QuizEnd)
}

// decodeResult reads what encodeResult wrote, for the file at path.
func decodeResult(b []byte, path string) (lint.Cached, error) {
	d := &decoder{b: b, text: string(b), start: len(b)}
	var r lint.Cached
	n := d.count()
	if n > 0 {
		r.Diags = make([]lint.Diagnostic, 0, n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		diag := lint.Diagnostic{File: path, Pos: d.pos(), End: d.pos(), Span: d.span(), Pointer: d.string(), Rule: d.string(),
			Severity: lint.Severity(d.small()), Message: d.string(), Source: d.string()}
		switch d.uint() {
		case 0:
		case 1:
			fix := &lint.SuggestedFix{Message: d.string()}
			edits := d.count()
			for k := 0; k < edits && d.err == nil; k++ {
				fix.Edits = append(fix.Edits, lint.TextEdit{Start: d.small(), End: d.small(), NewText: d.string()})
			}
			diag.Fix = fix
		default:
			d.fail()
		}
		r.Diags = append(r.Diags, diag)
	}
	switch d.uint() {
	case 0:
	case 1:
		r.Ref = &lint.PackRef{File: path, ID: d.string(), Pos: d.pos(), End: d.pos(), Answers: d.string(), Options: d.string(),
			QuizPos: d.pos(), QuizEnd: d.pos()}
	default:
		d.fail()
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	return r, d.err
}
