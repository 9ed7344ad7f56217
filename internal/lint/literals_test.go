package lint

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"
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
