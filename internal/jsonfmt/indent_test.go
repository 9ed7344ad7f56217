package jsonfmt

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/fuzzseed"
)

// reference is what encoding/json writes for v.
func reference(t testing.TB, v any, prefix, indent string, escapeHTML bool) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, indent)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// randomValue builds nested values with the strings JSON escapes: quotes,
// backslashes, control characters, HTML characters, U+2028, and escapes
// right before a closing quote.
func randomValue(r *rand.Rand, depth int) any {
	pieces := []string{"", "a", `"`, `\`, `\"`, "\n", "\t", "\x01", "<", ">", "&", "\u2028", "é", "{", "}", "[", "]", ",", ":", " ", "null", "-1.5e3"}
	str := func() string {
		var s strings.Builder
		for range r.IntN(6) {
			s.WriteString(pieces[r.IntN(len(pieces))])
		}
		return s.String()
	}
	switch k := r.IntN(8); {
	case depth > 4 || k < 3:
		switch r.IntN(6) {
		case 0:
			return str()
		case 1:
			return r.Float64()*2000 - 1000
		case 2:
			return r.IntN(100000) - 50000
		case 3:
			return r.IntN(2) == 0
		case 4:
			return nil
		default:
			return str()
		}
	case k < 6:
		n := r.IntN(4)
		m := make(map[string]any, n)
		for range n {
			m[str()] = randomValue(r, depth+1)
		}
		return m
	default:
		n := r.IntN(4)
		s := make([]any, n)
		for i := range s {
			s[i] = randomValue(r, depth+1)
		}
		return s
	}
}

// TestIndentMatchesEncoding: byte for byte what json.Encoder writes, for
// random values and for every seed pack, with and without a prefix and
// HTML escaping.
func TestIndentMatchesEncoding(t *testing.T) {
	var values []any
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		values = append(values, randomValue(r, 0))
	}
	values = append(values, map[string]any{}, []any{}, []any{[]any{}, map[string]any{}}, map[string]any{"a": []any{}}, "", 0, nil)
	seeds := fuzzseed.Packs() // the example packs, every fixture, generated packs
	if len(seeds) < 30 {
		t.Fatalf("only %d packs", len(seeds))
	}
	for _, src := range seeds {
		var v any
		if yaml.Unmarshal(src, &v) == nil {
			values = append(values, v)
		}
	}
	for i, v := range values {
		for _, prefix := range []string{"", "  "} {
			for _, html := range []bool{false, true} {
				want := reference(t, v, prefix, "  ", html)
				got, err := Marshal(v, prefix, "  ", html)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("value %d (prefix %q, escapeHTML %v):\ngot  %s\nwant %s", i, prefix, html, got, want)
				}
			}
		}
	}
}

func TestEncodeWrites(t *testing.T) {
	var b bytes.Buffer
	if err := Encode(&b, map[string]any{"k": []int{1, 2}}, "", "\t", true); err != nil {
		t.Fatal(err)
	}
	if want := "{\n\t\"k\": [\n\t\t1,\n\t\t2\n\t]\n}\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	if err := Encode(&b, func() {}, "", " ", true); err == nil {
		t.Error("a value JSON cannot hold gave no error")
	}
}

func BenchmarkIndent(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	var vs []any
	for range 200 {
		vs = append(vs, randomValue(r, 0))
	}
	src, _ := json.Marshal(vs)
	b.Run("jsonfmt", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var dst []byte
		for b.Loop() {
			dst = Indent(dst[:0], src, "", "  ")
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var dst bytes.Buffer
		for b.Loop() {
			dst.Reset()
			json.Indent(&dst, src, "", "  ")
		}
	})
}
