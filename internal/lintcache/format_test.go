package lintcache

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestResultRoundTrip: every field of a diagnostic and a pack reference
// comes back as it went in. The field counts are pinned: a field added to
// either type must be added to the format (and the magic bumped).
func TestResultRoundTrip(t *testing.T) {
	if n := reflect.TypeOf(lint.Diagnostic{}).NumField(); n != 10 {
		t.Fatalf("lint.Diagnostic has %d fields: add the new one to encodeResult and decodeResult, and bump magic", n)
	}
	if n := reflect.TypeOf(lint.PackRef{}).NumField(); n != 8 {
		t.Fatalf("lint.PackRef has %d fields: add the new one to encodeResult and decodeResult, and bump magic", n)
	}
	in := lint.Cached{
		Diags: []lint.Diagnostic{
			{File: "p.yaml", Pos: pack.Pos{Line: 3, Col: 7}, End: pack.Pos{Line: 3, Col: 19}, Span: pack.Span{Start: 40, End: 52},
				Pointer: "/star/action/example", Rule: "no-we", Severity: lint.Warning, Message: "“we” — say I", Source: "  example: We fixed it",
				Fix: &lint.SuggestedFix{Message: "Replace", Edits: []lint.TextEdit{{Start: 40, End: 42, NewText: "I"}, {Start: 0, End: 0, NewText: ""}}}},
			{File: "p.yaml", Pos: pack.Pos{Line: 1, Col: 1}, Rule: "schema", Severity: lint.Error, Message: "x"},
		},
		Ref: &lint.PackRef{File: "p.yaml", ID: "p", Pos: pack.Pos{Line: 2, Col: 5}, End: pack.Pos{Line: 2, Col: 6}, Answers: "ACBD", Options: "4432",
			QuizPos: pack.Pos{Line: 40, Col: 1}, QuizEnd: pack.Pos{Line: 40, Col: 5}},
	}
	// the id as the file's stem (not written again) and as an id of its own
	enc := &encoder{}
	encodeResult(enc, in, "p")
	out, err := decodeResult(string(enc.b), "p.yaml", "p", nil)
	if err != nil || !reflect.DeepEqual(out, in) {
		t.Fatalf("round trip:\n got %+v, %v\nwant %+v", out, err, in)
	}
	own := &encoder{}
	encodeResult(own, in, "other")
	if len(own.b) != len(enc.b)+2 {
		t.Errorf("an id that is the stem took %d bytes, an id of its own %d", len(enc.b), len(own.b))
	}
	if out, err := decodeResult(string(own.b), "p.yaml", "other", nil); err != nil || !reflect.DeepEqual(out, in) {
		t.Fatalf("round trip of an id of its own:\n got %+v, %v\nwant %+v", out, err, in)
	}
	empty := &encoder{}
	encodeResult(empty, lint.Cached{}, "q")
	if out, err := decodeResult(string(empty.b), "q", "q", new(lint.PackRef)); err != nil || out.Diags != nil || out.Ref != nil {
		t.Errorf("empty result: %+v, %v", out, err)
	}
	// every cut and every flipped byte is refused or decodes to something,
	// never a panic or a huge allocation
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < len(enc.b); i++ {
		decodeResult(string(enc.b[:i]), "p", "p", new(lint.PackRef))
		b := append([]byte(nil), enc.b...)
		b[r.IntN(len(b))] ^= byte(1 + r.IntN(255))
		decodeResult(string(b), "p", "p", nil)
	}
}

// TestHostileTable: a file with the right header and checksum whose table
// declares more entries or longer strings than it holds is ignored, and
// allocates nothing of what it declares.
func TestHostileTable(t *testing.T) {
	forge := func(build func(e *encoder)) string {
		e := &encoder{b: []byte(magic)}
		build(e)
		path := filepath.Join(t.TempDir(), "forged.cache")
		os.WriteFile(path, appendCheck(e.b, e.b[len(magic):]), 0o644)
		return path
	}
	for name, build := range map[string]func(e *encoder){
		"a billion entries": func(e *encoder) { e.string("k"); e.int(0); e.uint(1 << 30) },
		"a path longer than the file": func(e *encoder) {
			e.string("k")
			e.int(0)
			e.uint(1)
			e.uint(1 << 40)
		},
		"a result longer than the file": func(e *encoder) {
			e.string("k")
			e.int(0)
			e.uint(1)
			e.string("/a")
			e.int(1)
			e.int(1)
			e.uint(1)
			e.int(1)
			e.fixed(&[hashSize]byte{})
			e.uint(1 << 40)
		},
		"bytes after the table": func(e *encoder) { e.string("k"); e.int(0); e.uint(0); e.b = append(e.b, 7) },
	} {
		var before, after runtimeMem
		before.read()
		c := Open(forge(build), "k")
		after.read()
		if len(c.records) != 0 {
			t.Errorf("%s: %d entries trusted", name, len(c.records))
		}
		if grew := after.total - before.total; grew > 1<<20 {
			t.Errorf("%s: opening allocated %d bytes", name, grew)
		}
	}
}

// TestDamagedResultIsAMiss: an entry whose table is sound but whose result
// does not decode is linted again, not reported half-read.
func TestDamagedResultIsAMiss(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	os.WriteFile(p, []byte("id: a\n"), 0o644)
	aged(t, p)
	c := Open(filepath.Join(dir, "cache"), "k")
	c.Put(p, []byte("id: a\n"), result("a"))
	for _, e := range c.changed {
		e.result = "\x05" // five diagnostics, and nothing of them
	}
	if _, ok := c.Lookup(p); ok {
		t.Error("a damaged result was reported as a hit")
	}
}

type runtimeMem struct{ total uint64 }

func (m *runtimeMem) read() {
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	m.total = s.TotalAlloc
}

// TestUvarintMatchesBinary: the string decoder reads varints exactly as
// encoding/binary does, overflow and truncation included.
func TestUvarintMatchesBinary(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	inputs := [][]byte{{}, {0x80}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}}
	for i := 0; i < 5000; i++ {
		b := make([]byte, r.IntN(12))
		for k := range b {
			b[k] = byte(r.IntN(256))
			if r.IntN(3) == 0 {
				b[k] |= 0x80
			}
		}
		inputs = append(inputs, b, binary.AppendUvarint(nil, r.Uint64()>>r.IntN(64)))
	}
	for _, b := range inputs {
		wantV, wantN := binary.Uvarint(b)
		gotV, gotN := uvarint(string(b))
		if gotV != wantV || gotN != wantN {
			t.Fatalf("uvarint(% x) = %d, %d; binary.Uvarint gives %d, %d", b, gotV, gotN, wantV, wantN)
		}
		wantI, wantIN := binary.Varint(b)
		d := &decoder{s: string(b)}
		if gotI := d.int(); wantIN > 0 && (gotI != wantI || d.err != nil) || wantIN <= 0 && d.err == nil {
			t.Fatalf("int(% x) = %d, %v; binary.Varint gives %d, %d", b, gotI, d.err, wantI, wantIN)
		}
	}
}

// TestUnsortedTableIsIgnored: lookups search the table by path, so a
// table out of order (not one Save wrote) is not trusted.
func TestUnsortedTableIsIgnored(t *testing.T) {
	e := &encoder{b: []byte(magic)}
	e.string("k")
	e.int(0)
	e.uint(2)
	for _, p := range []string{"/b", "/a"} {
		e.string(p)
		e.int(1)
		e.int(1)
		e.uint(1)
		e.int(1)
		e.fixed(&[hashSize]byte{})
		enc := &encoder{}
		encodeResult(enc, lint.Cached{}, "")
		e.string(string(enc.b))
	}
	path := filepath.Join(t.TempDir(), "unsorted.cache")
	os.WriteFile(path, appendCheck(e.b, e.b[len(magic):]), 0o644)
	if c := Open(path, "k"); len(c.records) != 0 {
		t.Errorf("%d records of an unsorted table trusted", len(c.records))
	}
}
