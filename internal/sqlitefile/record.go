package sqlitefile

import (
	"encoding/binary"
	"math"
)

// Record builds one row in SQLite's record format: a header of serial
// types, then the values. Reset it and reuse it, row after row.
type Record struct {
	hdr, body []byte
}

// Reset empties the record for the next row.
func (r *Record) Reset() { r.hdr, r.body = r.hdr[:0], r.body[:0] }

// Null adds a NULL, which is also what an INTEGER PRIMARY KEY column
// holds in the record: its value is the rowid.
func (r *Record) Null() { r.hdr = append(r.hdr, 0) }

// Int adds an integer in the fewest bytes, as SQLite writes it (schema
// format 4, where 0 and 1 take none).
func (r *Record) Int(v int64) {
	u := uint64(v)
	if v < 0 {
		u = ^u
	}
	switch {
	case v == 0:
		r.hdr = append(r.hdr, 8)
	case v == 1:
		r.hdr = append(r.hdr, 9)
	case u <= 0x7f:
		r.hdr = append(r.hdr, 1)
		r.body = append(r.body, byte(v))
	case u <= 0x7fff:
		r.hdr = append(r.hdr, 2)
		r.body = binary.BigEndian.AppendUint16(r.body, uint16(v))
	case u <= 0x7fffff:
		r.hdr = append(r.hdr, 3)
		r.body = append(r.body, byte(v>>16), byte(v>>8), byte(v))
	case u <= 0x7fffffff:
		r.hdr = append(r.hdr, 4)
		r.body = binary.BigEndian.AppendUint32(r.body, uint32(v))
	case u <= 0x7fffffffffff:
		r.hdr = append(r.hdr, 5)
		r.body = append(r.body, byte(v>>40), byte(v>>32), byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	default:
		r.hdr = append(r.hdr, 6)
		r.body = binary.BigEndian.AppendUint64(r.body, uint64(v))
	}
}

// Real adds a floating-point value.
func (r *Record) Real(f float64) {
	r.hdr = append(r.hdr, 7)
	r.body = binary.BigEndian.AppendUint64(r.body, math.Float64bits(f))
}

// Text adds a UTF-8 string.
func (r *Record) Text(s string) {
	r.hdr = appendVarint(r.hdr, uint64(len(s))*2+13)
	r.body = append(r.body, s...)
}

// TextAs adds s to a column of INTEGER affinity the way an INSERT stores
// it: as an integer or a real when it reads as a number, else as text.
func (r *Record) TextAs(s string) {
	switch v, f, kind := integerAffinity(s); kind {
	case storedInt:
		r.Int(v)
	case storedReal:
		r.Real(f)
	default:
		r.Text(s)
	}
}

// AppendTo appends the finished record to dst.
func (r *Record) AppendTo(dst []byte) []byte {
	// The header's size counts the varint that gives it.
	size := len(r.hdr) + 1
	for varintLen(uint64(size))+len(r.hdr) != size {
		size++
	}
	dst = appendVarint(dst, uint64(size))
	dst = append(dst, r.hdr...)
	return append(dst, r.body...)
}

// appendVarint writes SQLite's varint: big-endian groups of seven bits,
// the high bit set on all but the last, and a ninth byte of eight bits.
func appendVarint(dst []byte, v uint64) []byte {
	if v <= 0x7f {
		return append(dst, byte(v))
	}
	if v > 0x00ffffffffffffff {
		var b [9]byte
		b[8] = byte(v)
		v >>= 8
		for i := 7; i >= 0; i-- {
			b[i] = byte(v&0x7f) | 0x80
			v >>= 7
		}
		return append(dst, b[:]...)
	}
	var b [8]byte
	i := len(b) - 1
	b[i] = byte(v & 0x7f)
	for v >>= 7; v > 0; v >>= 7 {
		i--
		b[i] = byte(v&0x7f) | 0x80
	}
	return append(dst, b[i:]...)
}

func varintLen(v uint64) int {
	if v > 0x00ffffffffffffff {
		return 9
	}
	n := 1
	for v >>= 7; v > 0; v >>= 7 {
		n++
	}
	return n
}
