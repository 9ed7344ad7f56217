package lint

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
)

// TestLiteralSetFindsWhatIndexFinds checks the automaton against the plain
// search it replaces: every occurrence of every literal, in any case,
// overlapping ones included, on random texts over a small alphabet (so
// that literals overlap and share prefixes and suffixes).
func TestLiteralSetFindsWhatIndexFinds(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abAB c!é"[r.IntN(8)]
		}
		return string(b)
	}
	for round := 0; round < 300; round++ {
		var pats []string
		for k := r.IntN(8) + 1; k > 0; k-- {
			pats = append(pats, strings.ToLower(strings.ReplaceAll(word(r.IntN(4)+1), "é", "e")))
		}
		ls := newLiteralSet(pats)
		text := word(r.IntN(60))
		var got, want []string
		ls.scan(text, func(id int32, end int) { got = append(got, pats[id]+"@"+strconv.Itoa(end)) })
		for _, p := range pats {
			for i := 0; p != "" && i+len(p) <= len(text); i++ {
				if asciiEqualFold(text[i:i+len(p)], p) {
					want = append(want, p+"@"+strconv.Itoa(i+len(p)))
				}
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("literals %q in %q:\n got %v\nwant %v", pats, text, got, want)
		}
	}
}

// asciiEqualFold compares byte by byte, folding ASCII letters only.
func asciiEqualFold(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// TestScanAllIsScanOfEachText: reading a buffer of texts in four lanes
// finds what scanning each text alone finds, in the same order.
func TestScanAllIsScanOfEachText(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for round := 0; round < 200; round++ {
		pats := []string{"ab", "b", "bab", "c!", "aa"}[:r.IntN(5)+1]
		ls := newLiteralSet(pats)
		var buf []byte
		var want []hit
		for n := r.IntN(12); n > 0; n-- {
			start := len(buf)
			text := make([]byte, r.IntN(20))
			for i := range text {
				text[i] = "abABc! "[r.IntN(7)]
			}
			buf = append(buf, text...)
			ls.scan(string(text), func(id int32, end int) { want = append(want, hit{id, int32(start + end)}) })
			buf = append(buf, 0)
		}
		var lane [lanes][]hit
		got := ls.scanAll(buf, nil, &lane)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("literals %q in %q:\n got %v\nwant %v", pats, buf, got, want)
		}
	}
}

// BenchmarkLiteralScan compares one pass per text with the four-lane pass
// over the joined texts, on the literals of the fifty-rule bench config
// and the texts of the example packs.
func BenchmarkLiteralScan(b *testing.B) {
	cfg, err := LoadConfig("testdata/bench/fifty.yaml", nil)
	if err != nil {
		b.Fatal(err)
	}
	sc := cfg.Team[0].Options().(*TeamDef).scan
	var texts []string
	var joined []byte
	for _, p := range []string{"../testdata/packs/failed-to-deliver.yaml", "../testdata/packs/disagreed-with-manager.yaml"} {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		f := pack.Load(p, src)
		WalkStrings(f.Root, func(_ []string, n *yaml.Node) {
			texts = append(texts, n.Value)
			joined = append(append(joined, n.Value...), 0)
		})
	}
	b.Run("per-text", func(b *testing.B) {
		b.SetBytes(int64(len(joined)))
		for b.Loop() {
			for _, s := range texts {
				sc.set.scan(s, func(int32, int) {})
			}
		}
	})
	b.Run("lanes", func(b *testing.B) {
		b.SetBytes(int64(len(joined)))
		var hits []hit
		var lane [lanes][]hit
		for b.Loop() {
			hits = sc.set.scanAll(joined, hits[:0], &lane)
		}
	})
}
