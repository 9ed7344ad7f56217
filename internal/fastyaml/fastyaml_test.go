package fastyaml

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/fuzzseed"
)

// reference parses src with yaml.v3 the way the pack loader does and returns
// the document's root, or nil when yaml.v3 rejects src or finds no single
// document in it.
func reference(src []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	var next yaml.Node
	if dec.Decode(&next) == nil {
		return nil
	}
	return doc.Content[0]
}

// diff describes the first difference between two trees, comments aside, or
// returns "" when they agree.
func diff(got, want *yaml.Node, path string) string {
	if got.Kind != want.Kind || got.Style != want.Style || got.Tag != want.Tag ||
		got.Value != want.Value || got.Anchor != want.Anchor || got.Alias != nil ||
		got.Line != want.Line || got.Column != want.Column || len(got.Content) != len(want.Content) {
		return fmt.Sprintf("at %s:\n got  kind=%d style=%d tag=%s %d:%d %q (%d children)\n want kind=%d style=%d tag=%s %d:%d %q (%d children)",
			path, got.Kind, got.Style, got.Tag, got.Line, got.Column, got.Value, len(got.Content),
			want.Kind, want.Style, want.Tag, want.Line, want.Column, want.Value, len(want.Content))
	}
	for i := range got.Content {
		if d := diff(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// agree checks the package's promise on one input: when Parse accepts, its
// tree is yaml.v3's. It returns whether Parse accepted.
func agree(t *testing.T, src []byte) bool {
	t.Helper()
	got, ok := Parse(src)
	if !ok {
		return false
	}
	want := reference(src)
	if want == nil {
		t.Fatalf("Parse accepted what yaml.v3 rejects:\n%s", src)
	}
	if d := diff(got, want, ""); d != "" {
		t.Fatalf("Parse differs from yaml.v3 %s\nin:\n%s", d, src)
	}
	return true
}

func TestAgreesOnSnippets(t *testing.T) {
	for _, tc := range []struct {
		src    string
		accept bool // the fast path must take it, not just agree
	}{
		{"a: 1\nb: text\n", true},
		{"a:\nb: ~\nc: null\nd: true\ne: False\nf: yes\n", true},
		{"a:\n  b:\n    c: x\n  d: y\ne: z\n", true},
		{"a:\n  - x\n  -\n  -   # c\n  - y\n", true},
		{"a:\n- x\n- y\nb: 1\n", true},
		{"a:\n  - k: 1\n    j: [é, b]\n  - k: 2\n", true},
		{"a:\n  - k:\n      - x\n    j: |\n      text\n", true},
		{"a: x\n  y\n\n  z\n\n\n  w\nb: 1\n", true},
		{"a: hello # c\n  # more\nb: C# and F#\n", true},
		{"a: >-\n  x\n\n  y\n   z\n  w\n", true},
		{"a: >\n  x\n  \n   y\n\n  z\n      \n  w\n\n\nb: |+\n  q\n\n", true},
		{"a: |\n  x\n\n\nb: |-\n  y\n\n", true},
		{"a: |\n\n  x\n", true},
		{"a: |\n   \n  x\n", false},
		{"a: >\n  x\n    y\n  z\n", true},
		{"a: |\nb: 1\n", true},
		{"a: > # note\n  x\n", true},
		{"- a\n", false},
		{"a: 'it''s'\nb: \"tab\\there \\u00e9 \\\"q\\\"\"\nc: ''\n", true},
		{"a: [x, 'y', \"z\"]\nb: []\nc: [ 1 , true ]\n", true},
		// one-line flow mappings, nested flow collections, '' in flow text
		{"s: {target: 30s, example: I noticed the drops., coaching: Be brief.}\n", true},
		{"r:\n  - {level: SDE2, text: \"I learned, then I fixed it.\"}\n  - {level: Senior, text: 'it''s ours', n: 2}\n", true},
		{"a: {p: [x, 'y''s', \"z\"], q: {r: 1, s: [true, null]}, t: é}\nb: {}\n", true},
		{"a: ['didn''t', \"it's\", runbook's]\n", true},
		// columns counted on along a line, past characters of several bytes
		{"a: {x: [ü, 'ñ''s', y], b: {c: 日本, d: [e, f]}, g: h}\nb:\n  - {k: ü, l: [é, é], m: x}\n  - {k: 日, n: [本, o], p: q}\n", true},
		{"a: {x: 1 , y : 2}\n", false},
		{"a: {x: 1,}\n", false},
		{"a: {x: }\n", false},
		{"a: {x: 1\n  , y: 2}\n", false},
		{"a: {x: b: c}\n", false},
		{"a: {x: http://e}\n", false},
		{"a: {\"x\": 1}\n", false},
		{"a: {x: 1} # c\nb: 2\n", true},
		{"a: {x: 1} y\n", false},
		{"a: {x: [1, 2}\n", false},
		{"a: [{x: 1}, {y: 2}]\n", true},
		{"a: ééé: x\n", false},
		{"a: x:\n", false},
		{"a: 'multi\n  line'\n", false},
		{"a: \"multi\n  line\"\n", false},
		{"a: &x 1\nb: *x\n", false},
		{"a: !!str 1\n", false},
		{"---\na: 1\n", false},
		{"a: 1\n---\nb: 2\n", false},
		{"a: 1\n...\n", false},
		{"a:\tb\n", false},
		{"a: b\r\n", true},
		{"a: |\r\n  x  \r\n\r\n  y\r\nb: >+\r\n  z\r\n\r\n", true},
		{"a: x\r\n  y\r\nb:\r\n  - 'q'\r\n", true},
		{"a: b\rc: d\n", false},
		{"a: b\r", false},
		{"a: 'x\ry'\n", false},
		{"a: b\n\r\n", true},
		{"a: b", false},
		{"a: 1.5\nb: -3\nc: 0x1F\nd: 2024-01-01\ne: 012\n", false},
		{"a: {b: c}\n", false},
		{"a:\n  b: 1\n c: 2\n", false},
		{"a: 1\n  b: 2\n", false},
		{"a:\n  - x\n  y: 1\n", false},
		{"a: |2\n  x\n", false},
		{"a: |\n  x\n y\n", false},
		{"\"quoted key\": 1\n", false},
		{"a: [x, [y]]\n", false},
		{"a: [x,\n  y]\n", false},
		{"a: - x\n", false},
		{"? a\n: b\n", false},
		{"# only a comment\n", false},
		{"\n\n", false},
		{"a: x\n- y\n", false},
		{"a: 1\na: 2\n", true},
		{"a: 30s\nb: 3 teams\nc: 10\nh: <b>\ni: 1st\n", true},
		{"a: 2x\n", false},
		{"a: .hidden\n", false},
		{"a: +1\n", false},
		{"a: <<\n", false},
		{"a: 1e3\n", false},
		{"a: 0b101\n", false},
		{"a:\n  -\n    b: 1\n", true},
		{"a:\n  - - x\n", false},
		{"  a: 1\n  b: 2\n", true},
		{"a: 'x' y\n", false},
		{"a: \"\\q\"\n", false},
		{"a: \"\\ud800\"\n", false},
		{"a: \"\\x41\\U0001F600\\N\\_\"\n", true},
		{"a: x\n  - y\n", true},
		{"a:\n- k:\n  - x\n  j: 1\n", false},
		{"a:\n- k:\n  - x\n- j: 1\n", false},
		{"a: b\n  #c\n  d\n", false},
		// found by FuzzParse (kept in testdata/fuzz too)
		{"a: [x?y]\n", false},
		{"a: \"x\\/y\"\n", false},
		{"a: \"\\U85555505\"\n", false},
		{"a: \"it\\'s\"\n", true},
	} {
		accepted := agree(t, []byte(tc.src))
		if tc.accept && !accepted {
			t.Errorf("Parse declined input it should read:\n%s", tc.src)
		}
		if !tc.accept && accepted && reference([]byte(tc.src)) == nil {
			t.Errorf("Parse accepted broken input:\n%s", tc.src)
		}
	}
}

// TestReadsRealPacks keeps the fast path in use: the example packs and the
// generated corpus (the benchmarks' input) must be read by Parse itself,
// identically to yaml.v3. The test fixtures, which include CRLF files,
// anchors and flow mappings on purpose, must agree whenever Parse reads them.
func TestReadsRealPacks(t *testing.T) {
	examples, _ := filepath.Glob("../testdata/packs/*.yaml")
	if len(examples) == 0 {
		t.Fatal("no example packs found")
	}
	for _, path := range examples {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !agree(t, src) {
			t.Errorf("Parse declined the example pack %s", path)
		}
	}
	for _, p := range corpus.Generate(200, 3) {
		if !agree(t, p.Src) {
			t.Fatalf("Parse declined generated pack %s", p.Name)
		}
	}
	// the generated corpus in every style, as the benchmarks read it: no
	// file of it may fall back to yaml.v3
	for _, style := range corpus.Styles {
		for i, p := range corpus.Generate(40, 5) {
			src, err := corpus.Restyle(p.Src, style, i)
			if err != nil {
				t.Fatal(err)
			}
			if !agree(t, src) {
				t.Errorf("Parse declined generated pack %s written %s:\n%s", p.Name, style, src)
				break
			}
		}
	}
	// packs written in every style the fast path is for: flow mappings
	// and sequences, quoted, folded and literal text, CRLF
	wellWritten, _ := filepath.Glob("../testdata/well-written/*.yaml")
	if len(wellWritten) < 12 {
		t.Fatalf("only %d well-written packs", len(wellWritten))
	}
	for _, path := range wellWritten {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !agree(t, src) {
			t.Errorf("Parse declined the well-written pack %s", path)
		}
	}
	accepted, seeds := 0, fuzzseed.Packs()
	for _, src := range seeds {
		if agree(t, bytes.TrimPrefix(src, []byte("\ufeff"))) {
			accepted++
		}
	}
	t.Logf("fast path took %d of %d fixtures", accepted, len(seeds))
}

// TestAgreesOnMutations edits real packs at random, the way a writer's typo
// or a bad merge would, and checks every accepted result against yaml.v3.
func TestAgreesOnMutations(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	seeds := fuzzseed.Packs()
	inserts := []string{"\"", "'", "\\", "|", ">", "|-", ">+", "[", "]", ",", " ", "  ", "#", " #", ": ", ":", "- ", "-", "\n", "\n\n", "\n  ", "\n- ", "é", "~", "1", "0", "true", "x: ", "'", "''"}
	accepted, crlfAccepted := 0, 0
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for i := 0; i < n; i++ {
		src := append([]byte(nil), seeds[r.IntN(len(seeds))]...)
		for m := 0; m < 1+r.IntN(4) && len(src) > 0; m++ {
			j := r.IntN(len(src))
			switch r.IntN(3) {
			case 0:
				src = append(src[:j], src[min(len(src), j+1+r.IntN(8)):]...)
			case 1:
				src = append(src[:j], append([]byte(inserts[r.IntN(len(inserts))]), src[j:]...)...)
			case 2:
				k := r.IntN(len(src))
				src = append(src[:j], append(append([]byte(nil), src[min(j, k):min(max(j, k), min(j, k)+200)]...), src[j:]...)...)
			}
		}
		if agree(t, src) {
			accepted++
		}
		// The same edit in a file with Windows line ends, and with a stray
		// CR or CRLF dropped in.
		crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
		if agree(t, crlf) {
			crlfAccepted++
		}
		if len(crlf) > 0 {
			j := r.IntN(len(crlf))
			agree(t, append(crlf[:j:j], append([]byte([]string{"\r", "\r\n", "\n"}[r.IntN(3)]), crlf[j:]...)...))
		}
	}
	t.Logf("fast path took %d of %d mutated packs, %d with CRLF line ends", accepted, n, crlfAccepted)
}

func FuzzParse(f *testing.F) {
	for _, src := range fuzzseed.Packs() {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		agree(t, src)
	})
}

func TestPrintableASCII(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c >= 0x20 && c <= 0x7E
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			if got := printableASCII(binary.LittleEndian.Uint64(b)); got != want {
				t.Fatalf("printableASCII with byte 0x%02X at %d = %v, want %v", c, pos, got, want)
			}
		}
	}
}
