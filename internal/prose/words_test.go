package prose

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// normalize is the folding SameNormalized compares by, built whole: how
// quiz-answer compared options before, kept to check it against. The
// punctuation table is shared (foldPunct); the lowering, the spacing and
// the pairing are what the check is about.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		r = foldPunct(r)
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestSameNormalizedAgrees: SameNormalized(a, b) is normalize(a) ==
// normalize(b) for random strings of spaces, quotes, dashes, capitals,
// non-ASCII letters and invalid bytes, and for each string against itself
// changed slightly.
func TestSameNormalizedAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"", " ", "  ", "\t", "\n", "\u00a0", "a", "A", "b", "’", "'", "‘", "`", "´", "“", "”", "\"", "–", "—", "-", "İ", "é", "É", "\xff", "\u2028", "Ω"}
	gen := func() string {
		var b strings.Builder
		for n := r.IntN(7); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	same := 0
	for k := 0; k < 200000; k++ {
		a := gen()
		b := gen()
		if k%2 == 0 { // a near copy, to meet equal pairs often
			b = strings.ToUpper(a)
			if r.IntN(2) == 0 {
				b = " " + strings.ReplaceAll(a, "'", "’") + "\t"
			}
		}
		want := normalize(a) == normalize(b)
		if got := SameNormalized(a, b); got != want {
			t.Fatalf("SameNormalized(%q, %q) = %v; normalize gives %q and %q", a, b, got, normalize(a), normalize(b))
		}
		if want {
			same++
		}
	}
	if same < 1000 {
		t.Errorf("only %d equal pairs: the test does not reach the equal case", same)
	}
}

// TermEqualsOrPlural is the two comparisons it saves, term and term+"s",
// in one pass without the plural's string.
func TestTermEqualsOrPlural(t *testing.T) {
	words := []string{"deadline", "Deadlines", "deadliness", "DEADLINE'S", "deadlin", "team’s", "teams", "Teams'",
		"8,000", "8000s", "Ärger", "ärgers", "s", "S", "", "ss", "API", "APIs", "APIss", "café", "cafés", "CAFÉS"}
	terms := []string{"deadline", "team", "8000", "ärger", "api", "café", "s", "a"}
	for _, w := range words {
		for _, term := range terms {
			want := TermEquals(w, term) || TermEquals(w, term+"s")
			if got := TermEqualsOrPlural(w, term); got != want {
				t.Errorf("TermEqualsOrPlural(%q, %q) = %v, want %v", w, term, got, want)
			}
		}
	}
}
