package export

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// naiveHighlight is the old quadratic marking, kept as the reference (the
// rendering of the marks is shared).
func naiveHighlight(text string, phrases []string) string {
	runes := []rune(text)
	folded := make([]rune, len(runes))
	for i, r := range runes {
		folded[i] = foldRune(r)
	}
	marked := make([]bool, len(runes))
	for _, ph := range phrases {
		needle := []rune(strings.TrimSpace(ph))
		for i := range needle {
			needle[i] = foldRune(needle[i])
		}
		if len(needle) == 0 {
			continue
		}
		for i := 0; i+len(needle) <= len(folded); i++ {
			if string(folded[i:i+len(needle)]) == string(needle) {
				for j := i; j < i+len(needle); j++ {
					marked[j] = true
				}
			}
		}
	}
	return markedHTML(runes, marked)
}

// TestHighlightAgrees: the linear Highlight marks exactly what the old one
// did, on random texts with overlapping, repeated, cased and curly-quoted
// phrases.
func TestHighlightAgrees(t *testing.T) {
	parts := []string{"a", "A", "aa", "b", " ", "’", "'", "“x”", "é", "É", "<", "&", "we ", "We"}
	r := rand.New(rand.NewPCG(8, 9))
	gen := func(n int) string {
		var b strings.Builder
		for k := r.IntN(n); k >= 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	for n := 0; n < 5000; n++ {
		text := gen(20)
		phrases := []string{gen(3), gen(2)}
		if got, want := Highlight(text, phrases), naiveHighlight(text, phrases); got != want {
			t.Fatalf("Highlight(%q, %q)\n got %q\nwant %q", text, phrases, got, want)
		}
	}
}

// BenchmarkHighlightHuge is the review's export that took minutes: 1 MB of
// example text and 900 long phrases.
func BenchmarkHighlightHuge(b *testing.B) {
	text := strings.Repeat("I traced the retry race in the payment service and fixed it. ", 17000)
	var phrases []string
	for i := 0; i < 900; i++ {
		phrases = append(phrases, strings.Repeat("payment service and fixed ", 4)+string(rune('a'+i%26)))
	}
	for b.Loop() {
		Highlight(text, phrases)
	}
}

// TestHighlightStopsWhenCancelled: an export stopped by Ctrl-C does not
// wait for a huge pack's highlighting to finish.
func TestHighlightStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := HighlightContext(ctx, strings.Repeat("word ", 1000), []string{"word"}); err == nil {
		t.Error("a cancelled highlight went on")
	}
	if out, err := HighlightContext(context.Background(), "a word", []string{"word"}); err != nil || out != "a <mark>word</mark>" {
		t.Errorf("got %q, %v", out, err)
	}
}
