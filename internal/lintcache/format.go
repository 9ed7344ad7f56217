package lintcache

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"sync"

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

// checkSize is the length of the check that ends the file: a CRC-32C of
// everything between the magic line and it. It is there to catch a torn
// or damaged file, not a forged one (anyone who can write the cache can
// compute any sum, and Open checks every length it reads anyway), and
// CRC-32C runs in hardware: SHA-256 of a 50,000-pack cache was a tenth of
// a warm run's CPU.
const checkSize = 4

// castagnoli is made on first use: made at init, its table cost every
// starlint command 0.2 ms at start-up.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// hashSize is how much of a file's SHA-256 the cache keeps: 128 bits
// tell a changed file from an unchanged one as surely as 256 (a forger
// would need 2^64 tries for one match), in half the bytes of 50,000
// records.
const hashSize = 16

// contentHash is what the cache keeps of a file's content.
func contentHash(src []byte) (h [hashSize]byte) {
	sum := sha256.Sum256(src)
	copy(h[:], sum[:])
	return h
}

// appendCheck appends the check of body to b.
func appendCheck(b, body []byte) []byte {
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(body, castagnoli()))
}

// encoder appends to a byte slice.
type encoder struct{ b []byte }

func (e *encoder) uint(v uint64)           { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)             { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) string(v string)         { e.uint(uint64(len(v))); e.b = append(e.b, v...) }
func (e *encoder) pos(p pack.Pos)          { e.int(int64(p.Line)); e.int(int64(p.Col)) }
func (e *encoder) span(s pack.Span)        { e.int(int64(s.Start)); e.int(int64(s.End)) }
func (e *encoder) fixed(v *[hashSize]byte) { e.b = append(e.b, v[:]...) }

// decoder reads what encoder wrote, from a string: the strings it returns
// are cut from that string, not copied (a warm run over packs with half a
// million findings once spent most of its time collecting copies). The
// first problem sticks in err and every later read returns zero values.
type decoder struct {
	s   string
	err error
}

func (d *decoder) fail() { d.err, d.s = errCorrupt, "" }

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := uvarint(d.s)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.s = d.s[n:]
	return v
}

func (d *decoder) int() int64 {
	u := d.uint()
	v := int64(u >> 1) // zig-zag, as binary.AppendVarint writes it
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// uvarint is binary.Uvarint over a string: the value and the bytes read,
// 0 when s ends first and less than 0 when the value overflows 64 bits.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s); i++ {
		if i == binary.MaxVarintLen64 {
			return 0, -(i + 1)
		}
		b := s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -(i + 1)
			}
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
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
	if v > uint64(len(d.s)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	return v
}

func (d *decoder) fixed(v *[hashSize]byte) {
	if d.err != nil || len(d.s) < len(v) {
		d.fail()
		return
	}
	copy(v[:], d.s)
	d.s = d.s[len(v):]
}

func (d *decoder) pos() pack.Pos   { return pack.Pos{Line: d.small(), Col: d.small()} }
func (d *decoder) span() pack.Span { return pack.Span{Start: d.small(), End: d.small()} }

// encodeResult writes a file's results (without the file name, which the
// cache sets at lookup). A pack id that is the file's stem, as
// id-matches-filename wants it, is not written again: stem is the stem of
// the file the results are for.
func encodeResult(e *encoder, r lint.Cached, stem string) {
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
		e.uint(refNone)
		return
	}
	if r.Ref.ID == stem {
		e.uint(refStemID)
	} else {
		e.uint(refOwnID)
		e.string(r.Ref.ID)
	}
	e.pos(r.Ref.Pos)
	e.pos(r.Ref.End)
	e.string(r.Ref.Answers)
	e.string(r.Ref.Options)
	e.pos(r.Ref.QuizPos)
	e.pos(r.Ref.QuizEnd)
}

// The kinds of pack ref a result holds.
const (
	refNone   = 0
	refOwnID  = 1 // an id of its own follows
	refStemID = 2 // the id is the file's stem
)

// decodeResult reads what encodeResult wrote, for the file at path, whose
// stem is stem; the pack ref, if any, is written to ref (nil: a new one).
func decodeResult(b, path, stem string, ref *lint.PackRef) (lint.Cached, error) {
	d := &decoder{s: b}
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
	switch kind := d.uint(); kind {
	case refNone:
	case refOwnID, refStemID:
		if ref == nil {
			ref = new(lint.PackRef)
		}
		id := stem
		if kind == refOwnID {
			id = d.string()
		}
		r.Ref = ref
		*r.Ref = lint.PackRef{File: path, ID: id, Pos: d.pos(), End: d.pos(), Answers: d.string(), Options: d.string(),
			QuizPos: d.pos(), QuizEnd: d.pos()}
	default:
		d.fail()
	}
	if d.err == nil && len(d.s) != 0 {
		d.fail()
	}
	return r, d.err
}
