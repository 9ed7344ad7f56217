package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// naiveMatchPhrase is the search the phrase set replaced: each phrasing in
// list order, each of its places in text order.
func naiveMatchPhrase(folded string, phrases []foldedPhrase) (foldedPhrase, int, int) {
	for _, ph := range phrases {
		for from := 0; ; {
			i := strings.Index(folded[from:], ph.folded)
			if i < 0 {
				break
			}
			i += from
			if e, ok := phraseEnd(folded, ph, i); ok {
				return ph, i, e
			}
			from = i + 1
		}
	}
	return foldedPhrase{}, -1, -1
}

// TestPhraseSetFindsWhatTheLoopFinds: one automaton over the phrasings
// picks the phrasing, start and end that trying them one by one does, on
// reflections made of the phrasings' own words.
func TestPhraseSetFindsWhatTheLoopFinds(t *testing.T) {
	var vocab []string
	for _, ph := range builtinGeneric.phrases {
		vocab = append(vocab, strings.Fields(ph.folded)...)
		vocab = append(vocab, strings.Fields(ph.after)...)
	}
	vocab = append(vocab, "webhook", "retry", "race", "i", "my", "the")
	r := rand.New(rand.NewPCG(11, 12))
	found := 0
	for n := 0; n < 3000; n++ {
		words := make([]string, r.IntN(14)+1)
		for i := range words {
			words[i] = vocab[r.IntN(len(vocab))]
		}
		if r.IntN(2) == 0 { // splice in a phrasing, its * filled with 0 to 5 words
			ph := builtinGeneric.phrases[r.IntN(len(builtinGeneric.phrases))]
			spliced := strings.Fields(ph.folded)
			if ph.after != "" {
				for k := r.IntN(6); k > 0; k-- {
					spliced = append(spliced, vocab[r.IntN(len(vocab))])
				}
				spliced = append(spliced, strings.Fields(ph.after)...)
			}
			at := r.IntN(len(words) + 1)
			words = append(words[:at], append(spliced, words[at:]...)...)
		}
		folded := " " + strings.Join(words, " ") + " "
		gp, ga, ge := matchPhrase(folded, builtinGeneric)
		wp, wa, we := naiveMatchPhrase(folded, builtinGeneric.phrases)
		if gp.text != wp.text || ga != wa || ge != we {
			t.Fatalf("%q: set %q %d-%d, loop %q %d-%d", folded, gp.text, ga, ge, wp.text, wa, we)
		}
		if wa >= 0 {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d of the random reflections matched a phrasing: the test says little", found)
	}
}
