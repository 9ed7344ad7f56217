package prose

import (
	"strings"
	"testing"
)

// FuzzSplit: the splitter never panics, loses no words but list markers,
// and gives sentences
// that stand in the text where it says.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"I pulled the logs. We traced it to 0.3% of calls, e.g. the U.S. ones.",
		`I said "Stop. Now." Then I waited... and waited!`,
		"- I did it\n- We did it\n\n1. I wrote it",
		"Dr. J. R. Smith vs. the $8,000.50 bill… Really?",
		"", ".", "...", "“", "(", "\"", "a.b.c. d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words := 0
		for _, s := range Split(text) {
			if s.Text == "" || s.Start < 0 || s.Start > len(text) || !strings.HasPrefix(text[s.Start:], s.Text) {
				t.Fatalf("sentence %q at %d not in the text", s.Text, s.Start)
			}
			words += WordCount(s.Text)
		}
		// only list markers ("1.") may be dropped, at most one a line
		if all := WordCount(text); words > all || all-words > strings.Count(text, "\n")+1 {
			t.Fatalf("sentences hold %d words, the text %d", words, all)
		}
		Quantity(text)
		// each word against the one before as the term
		ws := Words(text)
		for i := 1; i < len(ws); i++ {
			term, w := FoldTerm(ws[i-1].Text), ws[i].Text
			if got, want := TermEqualsOrPlural(w, term), TermEquals(w, term) || TermEquals(w, term+"s"); got != want {
				t.Fatalf("TermEqualsOrPlural(%q, %q) = %v, want %v", w, term, got, want)
			}
		}
	})
}
