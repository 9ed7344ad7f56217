package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// slowPlaceholder is findPlaceholder as it was, a scan per placeholder:
// the reference for the one-pass scan.
func slowPlaceholder(s string) (string, int) {
	for _, w := range placeholderWords {
		for off := 0; ; {
			i := strings.Index(s[off:], w)
			if i < 0 {
				break
			}
			i += off
			if wordBoundary(s, i-1) && wordBoundary(s, i+len(w)) {
				return w, i
			}
			off = i + 1
		}
	}
	if i := strings.Index(s, "???"); i >= 0 {
		return "???", i
	}
	for i := 0; i+len("lorem ipsum") <= len(s); i++ {
		if strings.EqualFold(s[i:i+len("lorem ipsum")], "lorem ipsum") {
			return s[i : i+len("lorem ipsum")], i
		}
	}
	return "", -1
}

func TestPlaceholderScanMatchesReference(t *testing.T) {
	parts := []string{"TODO", "TBD", "FIXME", "XXX", "XXXX", "TO", "DO", "?", "??", "lorem", " ", "ipsum", "LOREM IPSUM", "Lorem ipsum",
		"a", "_", "-", "é", "x", "T", "F", "X", "1", ".", "ſ", "K"}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(12); k >= 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		gw, gi := findPlaceholder(s)
		ww, wi := slowPlaceholder(s)
		if gw != ww || gi != wi {
			t.Fatalf("findPlaceholder(%q) = %q at %d, reference %q at %d", s, gw, gi, ww, wi)
		}
	}
}
