package prose

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// phraseSpans finds one phrase in text.
func phraseSpans(text, phrase string) []Span { return NewPhraseIndex(text).Spans(phrase) }

func TestPhraseSpans(t *testing.T) {
	for _, c := range []struct {
		text, phrase string
		want         []string
	}{
		{"I called the customer the same day.", "called the customer", []string{"called the customer"}},
		{"The post-mortem estimated this recovered $8,000 per week.", "$8,000 per week recovered", []string{"recovered $8,000 per week"}},
		{"We shipped a one page plan.", "one-page plan", []string{"one page plan"}},
		{"I wrote the follow-up notes.", "follow up", []string{"follow-up"}},
		{"It’s the team’s call.", "team's call", []string{"team’s call"}},
		{"Ownership matters, and I took the ownership.", "took the ownership", []string{"took the ownership"}},
		// the shortest run wins over the first
		{"I fixed it, and later I fixed the build quickly.", "fixed the build", []string{"fixed the build"}},
		// scattered words are marked one by one
		{"Budget was tight at the start of a long and winding quarter with many surprises, so we cut scope.", "budget cut",
			[]string{"Budget", "cut"}},
		{"Nothing here matches.", "a missing phrase", nil},
		{"Twice: the word twice.", "twice twice", []string{"Twice: the word twice"}},
		{"Only once.", "once once", nil},
		{"Anything.", "", nil},
		// of two windows as narrow, the one in the phrase's order
		{"It belonged to the Platform team - not my team.", "not my team", []string{"not my team"}},
		// the phrase's own edge symbols, where the text has them
		{"We saved $8,000 a week.", "$8,000 a week", []string{"$8,000 a week"}},
		{"a <b>bold</b> move", "<b>bold</b>", []string{"<b>bold</b>"}},
		{"latency (p99) fell", "(p99)", []string{"(p99)"}},
		{"latency p99) fell", "(p99)", []string{"p99)"}},
	} {
		var got []string
		for _, s := range phraseSpans(c.text, c.phrase) {
			got = append(got, c.text[s.Start:s.End])
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("PhraseSpans(%q, %q) = %q, want %q", c.text, c.phrase, got, c.want)
		}
	}
}

// PhraseSpans finds a phrase exactly when phrase-in-example's term count
// does: every term of the phrase, repeats counted.
func TestPhraseSpansAgreesWithTermCounts(t *testing.T) {
	texts := []string{"I rolled back the deploy within 10 minutes and paged the on-call lead.",
		"Revenue grew 12% (from $1.2M to $1.35M) in Q3.", "We we we."}
	phrases := []string{"rolled back", "on call lead", "10 minutes", "paged the lead", "12%", "$1.35M", "Q4", "we we", "we we we we"}
	for _, text := range texts {
		have := map[string]int{}
		for _, t := range PhraseTerms(text) {
			have[t]++
		}
		for _, ph := range phrases {
			need := map[string]int{}
			ok := true
			for _, t := range PhraseTerms(ph) {
				need[t]++
				if need[t] > have[t] {
					ok = false
				}
			}
			if got := phraseSpans(text, ph) != nil; got != ok {
				t.Errorf("PhraseSpans(%q, %q) found=%v, term counts say %v", text, ph, got, ok)
			}
		}
	}
}

// TestPhraseIndexForAgrees: an index of only the phrases' terms finds
// exactly what the full index finds, and its folding is FoldTerm's.
func TestPhraseIndexForAgrees(t *testing.T) {
	texts := []string{"The post-mortem estimated this recovered $8,000 per week.", "It’s the TEAM’S call, Zoë's too; ÉCOLE-level work.",
		"I rolled back the deploy within 10 minutes and paged the on-call lead.", "We we we. Twice: the word twice."}
	phrases := []string{"$8,000 per week recovered", "team's call", "école level", "zoë's", "on call lead", "rolled back", "we we", "twice twice", "absent"}
	for _, text := range texts {
		full := NewPhraseIndex(text)
		only := NewPhraseIndexFor(text, phrases)
		for _, ph := range phrases {
			if a, b := full.Spans(ph), only.Spans(ph); !reflect.DeepEqual(a, b) {
				t.Errorf("%q in %q: full index %v, phrase index %v", ph, text, a, b)
			}
		}
	}
	for _, w := range []string{"Team’s", "8,000", "ÉCOLE", "K\u212aelvin", "ſtate", "a'b"} {
		if got := string(appendFolded(nil, w)); got != FoldTerm(w) {
			t.Errorf("appendFolded(%q) = %q, FoldTerm = %q", w, got, FoldTerm(w))
		}
	}
}

// TestPhraseTermSetCounts: the set counts a phrase's terms in a text as
// PhraseTerms would, whatever the words' case, hyphens and apostrophes.
func TestPhraseTermSetCounts(t *testing.T) {
	text := "The post-mortem said the on-call lead's fix, and the Post mortem's 8,000 users; ÉCOLE école team’s teams"
	phrases := []string{"post mortem", "on call", "lead's", "8000 users", "école", "team's", "teams", "the"}
	var set PhraseTermSet
	set.Reset()
	for _, ph := range phrases {
		set.AddPhrase(ph)
	}
	EachWord(text, func(w string, _ int) bool { set.CountWord(w); return true })
	want := map[string]int{}
	for _, term := range PhraseTerms(text) {
		want[term]++
	}
	for term, i := range set.index {
		if set.counts[i] != want[term] {
			t.Errorf("term %q counted %d, PhraseTerms has %d", term, set.counts[i], want[term])
		}
	}
	if m := set.Missing("post post post mortem"); len(m) != 1 || m[0] != `"post"` {
		t.Errorf("Missing = %v", m)
	}
}

// foldTermByLower is FoldTerm as it was: strings.ToLower, then the
// quotes and separators dropped.
func foldTermByLower(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		switch r {
		case '\'', '’', ',':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestFoldTermMatchesLower(t *testing.T) {
	parts := []string{"A", "z", "É", "é", "İ", "ẞ", "Σ", "ς", "K", "\u212a", "ſ", "'", "’", ",", "-", "0", "Ω", "ǅ", "\xff"}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(6); k >= 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		w := b.String()
		if got, want := FoldTerm(w), foldTermByLower(w); got != want {
			t.Fatalf("FoldTerm(%q) = %q, want %q", w, got, want)
		}
	}
}

// plainTerm is isFolded without a hyphen, for every string of one and two
// bytes.
func TestPlainTermIsFoldedWithoutHyphen(t *testing.T) {
	for a := 0; a < 256; a++ {
		for b := -1; b < 256; b++ {
			w := string([]byte{byte(a)})
			if b >= 0 {
				w += string([]byte{byte(b)})
			}
			if got, want := plainTerm(w), isFolded(w) && !strings.Contains(w, "-"); got != want {
				t.Fatalf("plainTerm(%q) = %v, want %v", w, got, want)
			}
		}
	}
}
