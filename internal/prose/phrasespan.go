package prose

import (
	"sort"
	"strings"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// PhraseIndex is a text's words as key-phrase matching compares them,
// read once so that each of a step's phrases is found without reading the
// text again.
type PhraseIndex struct {
	text         string
	starts, ends []int
	at           map[string][]int // term -> its positions in starts/ends
}

// NewPhraseIndex reads text's words (PhraseTerms: a hyphenated word gives
// a term per part, each with the whole word's span).
func NewPhraseIndex(text string) *PhraseIndex {
	x := &PhraseIndex{text: text, at: map[string][]int{}}
	EachWord(text, func(w string, start int) bool {
		EachPhraseTerm(w, func(t string) {
			x.at[t] = append(x.at[t], len(x.starts))
			x.starts = append(x.starts, start)
			x.ends = append(x.ends, start+len(w))
		})
		return true
	})
	return x
}

// PhraseSpans finds a key phrase in text: see PhraseIndex.Spans.
func PhraseSpans(text, phrase string) []Span { return NewPhraseIndex(text).Spans(phrase) }

// Spans finds a key phrase the way key-phrase matching compares it (case,
// quote style, separators and hyphens ignored, any word order) and returns
// where it is: the shortest run of words that holds every term of the
// phrase, repeats counted, or, when that run is much longer than the
// phrase (its words are scattered through the text), each of those words
// on its own. It returns nil when a term is missing, which is what
// phrase-in-example reports.
func (x *PhraseIndex) Spans(phrase string) []Span {
	want := map[string]int{}
	n := 0
	for _, t := range PhraseTerms(phrase) {
		want[t]++
		n++
	}
	if n == 0 {
		return nil
	}
	// only the positions of wanted terms matter, in text order
	var pos []int
	for t, c := range want {
		if len(x.at[t]) < c {
			return nil
		}
		pos = append(pos, x.at[t]...)
	}
	sort.Ints(pos)
	term := make(map[int]string, len(pos))
	for t := range want {
		for _, i := range x.at[t] {
			term[i] = t
		}
	}
	// the shortest window of positions covering want (a multiset)
	have := map[string]int{}
	missing := n
	best, bestLo, bestHi := -1, 0, 0
	lo := 0
	for hi := range pos {
		t := term[pos[hi]]
		if have[t] < want[t] {
			missing--
		}
		have[t]++
		for missing == 0 {
			// the narrowest window; of two as narrow, the one in the
			// phrase's own word order ("not my team", not "team - not my")
			width := pos[hi] - pos[lo]
			if best < 0 || width < best || width == best && !x.inOrder(bestLo, bestHi, phrase) && x.inOrder(pos[lo], pos[hi], phrase) {
				best, bestLo, bestHi = width, pos[lo], pos[hi]
			}
			lt := term[pos[lo]]
			have[lt]--
			if have[lt] < want[lt] {
				missing++
			}
			lo++
		}
	}
	if best+1 <= 2*n+2 {
		return []Span{x.withEdges(Span{x.starts[bestLo], x.ends[bestHi]}, phrase)}
	}
	// scattered: the window's words that the phrase names, once each
	var out []Span
	left := map[string]int{}
	for t, c := range want {
		left[t] = c
	}
	for i := bestLo; i <= bestHi; i++ {
		t, ok := term[i]
		if !ok || left[t] == 0 {
			continue
		}
		left[t]--
		if k := len(out) - 1; k >= 0 && out[k].Start == x.starts[i] {
			continue // two terms of one hyphenated word
		}
		out = append(out, Span{x.starts[i], x.ends[i]})
	}
	return out
}

// withEdges widens a span over the symbols the phrase starts or ends with
// when the text has them there too: "$8,000 saved" marks the "$", and
// "<b>bold</b>" its brackets.
func (x *PhraseIndex) withEdges(s Span, phrase string) Span {
	phrase = strings.TrimSpace(phrase)
	lead, trail := len(phrase), 0
	EachWord(phrase, func(w string, start int) bool {
		lead = min(lead, start)
		trail = start + len(w)
		return true
	})
	if pre := phrase[:lead]; pre != "" && strings.HasSuffix(x.text[:s.Start], pre) {
		s.Start -= len(pre)
	}
	if post := phrase[trail:]; post != "" && strings.HasPrefix(x.text[s.End:], post) {
		s.End += len(post)
	}
	return s
}

// inOrder reports whether the terms at positions lo..hi are the phrase's
// terms in its order.
func (x *PhraseIndex) inOrder(lo, hi int, phrase string) bool {
	terms := PhraseTerms(phrase)
	if hi-lo+1 != len(terms) {
		return false
	}
	for i, t := range terms {
		if !slicesContains(x.at[t], lo+i) {
			return false
		}
	}
	return true
}

func slicesContains(s []int, v int) bool {
	i := sort.SearchInts(s, v)
	return i < len(s) && s[i] == v
}
