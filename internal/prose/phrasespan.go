package prose

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// PhraseIndex is a text's words as key-phrase matching compares them,
// read once so that each of a step's phrases is found without reading the
// text again.
type PhraseIndex struct {
	text         string
	starts, ends []int   // per term position: the span of its word
	termAt       []int32 // per term position: its term's id (-1: not a wanted term)
	ids          map[string]int32
	at           [][]int // per term id: its positions, in order
}

// NewPhraseIndex reads text's words (PhraseTerms: a hyphenated word gives
// a term per part, each with the whole word's span).
func NewPhraseIndex(text string) *PhraseIndex { return newPhraseIndex(text, nil) }

// NewPhraseIndexFor is NewPhraseIndex that keeps only the terms of the
// given phrases, which is all their Spans need: the exports find a step's
// phrases in its example without a map entry per word of it.
func NewPhraseIndexFor(text string, phrases []string) *PhraseIndex {
	wanted := map[string]bool{}
	for _, ph := range phrases {
		for _, t := range PhraseTerms(ph) {
			wanted[t] = true
		}
	}
	return newPhraseIndex(text, wanted)
}

func newPhraseIndex(text string, wanted map[string]bool) *PhraseIndex {
	x := &PhraseIndex{text: text, ids: map[string]int32{}}
	var buf []byte
	EachWord(text, func(w string, start int) bool {
		buf = appendFolded(buf[:0], w)
		for part := range bytesSplitHyphens(buf) {
			id, ok := x.ids[string(part)] // no allocation for a lookup
			if !ok {
				if wanted != nil && !wanted[string(part)] {
					id = -1
				} else {
					id = int32(len(x.at))
					x.ids[string(part)] = id
					x.at = append(x.at, nil)
				}
			}
			if id >= 0 {
				x.at[id] = append(x.at[id], len(x.termAt))
			}
			x.termAt = append(x.termAt, id)
			x.starts = append(x.starts, start)
			x.ends = append(x.ends, start+len(w))
		}
		return true
	})
	return x
}

// plainTerm reports whether w is its own single term: folded already,
// with no hyphen to cut at. One look per byte: it sees every word of
// every example the phrases are counted in.
func plainTerm(w string) bool {
	for i := 0; i < len(w); i++ {
		if notInPlainTerm[w[i]] {
			return false
		}
	}
	return true
}

// notInPlainTerm marks the bytes isFolded refuses, and the hyphen.
var notInPlainTerm = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '-' || !isFolded(string(rune(c))) || c >= utf8.RuneSelf
	}
	return t
}()

// appendFolded appends w folded as FoldTerm folds it.
func appendFolded(buf []byte, w string) []byte {
	for _, r := range w {
		switch r {
		case '\'', '’', ',':
			continue
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
			continue
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// bytesSplitHyphens yields the non-empty parts of a folded word between
// its hyphens, as EachPhraseTerm cuts them.
func bytesSplitHyphens(w []byte) func(func([]byte) bool) {
	return func(yield func([]byte) bool) {
		for len(w) > 0 {
			i := bytes.IndexByte(w, '-')
			if i < 0 {
				yield(w)
				return
			}
			if i > 0 && !yield(w[:i]) {
				return
			}
			w = w[i+1:]
		}
	}
}

// Spans finds a key phrase the way key-phrase matching compares it (case,
// quote style, separators and hyphens ignored, any word order) and returns
// where it is: the shortest run of words that holds every term of the
// phrase, repeats counted, or, when that run is much longer than the
// phrase (its words are scattered through the text), each of those words
// on its own. It returns nil when a term is missing, which is what
// phrase-in-example reports.
//
// It takes time linear in the positions of the phrase's own terms (plus
// sorting them), never in the whole text.
func (x *PhraseIndex) Spans(phrase string) []Span {
	terms := PhraseTerms(phrase)
	if len(terms) == 0 {
		return nil
	}
	// the phrase's distinct terms, by slot, and how many of each it needs
	slotOf := map[int32]int{}
	var need []int
	var slots []int32
	for _, t := range terms {
		id, ok := x.ids[t]
		if !ok {
			return nil
		}
		s, seen := slotOf[id]
		if !seen {
			s = len(need)
			slotOf[id] = s
			need = append(need, 0)
			slots = append(slots, id)
		}
		need[s]++
	}
	size := 0
	for s, id := range slots {
		if len(x.at[id]) < need[s] {
			return nil
		}
		size += len(x.at[id])
	}
	pos := make([]int, 0, size)
	for _, id := range slots {
		pos = append(pos, x.at[id]...)
	}
	sort.Ints(pos)
	// the shortest window of positions covering need (a multiset)
	have := make([]int, len(need))
	missing := len(terms)
	best, bestLo, bestHi := -1, 0, 0
	lo := 0
	for hi := range pos {
		s := slotOf[x.termAt[pos[hi]]]
		if have[s] < need[s] {
			missing--
		}
		have[s]++
		for missing == 0 {
			// the narrowest window; of two as narrow, the one in the
			// phrase's own word order ("not my team", not "team - not my")
			width := pos[hi] - pos[lo]
			if best < 0 || width < best || width == best && !x.inOrder(bestLo, terms) && x.inOrder(pos[lo], terms) {
				best, bestLo, bestHi = width, pos[lo], pos[hi]
			}
			ls := slotOf[x.termAt[pos[lo]]]
			have[ls]--
			if have[ls] < need[ls] {
				missing++
			}
			lo++
		}
	}
	if best+1 <= 2*len(terms)+2 {
		return []Span{x.withEdges(Span{x.starts[bestLo], x.ends[bestHi]}, phrase)}
	}
	// scattered: the window's words that the phrase names, once each
	var out []Span
	left := append([]int(nil), need...)
	for i := bestLo; i <= bestHi; i++ {
		s, ok := slotOf[x.termAt[i]]
		if !ok || left[s] == 0 {
			continue
		}
		left[s]--
		if k := len(out) - 1; k >= 0 && out[k].Start == x.starts[i] {
			continue // two terms of one hyphenated word
		}
		out = append(out, Span{x.starts[i], x.ends[i]})
	}
	return out
}

// inOrder reports whether the text's terms from position lo are the
// phrase's terms in its order.
func (x *PhraseIndex) inOrder(lo int, terms []string) bool {
	if lo+len(terms) > len(x.termAt) {
		return false
	}
	for i, t := range terms {
		if x.ids[t] != x.termAt[lo+i] {
			return false
		}
	}
	return true
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

// PhraseTermSet counts, in texts, the terms of some key phrases and only
// those: phrase-in-example asks whether each phrase's terms are in its
// example, which needs no count of the example's other words. Counting
// allocates nothing.
type PhraseTermSet struct {
	index  map[string]int // term -> its slot in counts
	counts []int
	used   []int // Missing's count of each term in the phrase asked about
	buf    []byte
	// the first bytes and lengths (up to 63) of the terms: most words of
	// a text are no term, and are told so without hashing them
	firsts [4]uint64
	lens   uint64
}

func (s *PhraseTermSet) note(t string) {
	s.firsts[t[0]>>6] |= 1 << (t[0] & 63)
	s.lens |= 1 << min(len(t), 63)
}

// mayBe reports whether the folded word w could be one of the terms.
func (s *PhraseTermSet) mayBe(w string) bool {
	return s.firsts[w[0]>>6]&(1<<(w[0]&63)) != 0 && s.lens&(1<<min(len(w), 63)) != 0
}

// Reset empties the set for the next step's phrases.
func (s *PhraseTermSet) Reset() {
	if s.index == nil {
		s.index = map[string]int{}
	}
	clear(s.index)
	s.counts = s.counts[:0]
	s.firsts, s.lens = [4]uint64{}, 0
}

// AddPhrase adds a phrase's terms to those counted.
func (s *PhraseTermSet) AddPhrase(phrase string) {
	if s.index == nil {
		s.index = map[string]int{}
	}
	EachWord(phrase, func(w string, _ int) bool {
		EachPhraseTerm(w, func(t string) {
			if _, ok := s.index[t]; !ok {
				s.index[t] = len(s.counts)
				s.counts = append(s.counts, 0)
				s.note(t)
			}
		})
		return true
	})
}

// CountWord counts one word of a text (as EachWord gives it).
func (s *PhraseTermSet) CountWord(w string) {
	if plainTerm(w) { // most words: already a term, looked up as they are
		if w == "" || !s.mayBe(w) {
			return
		}
		if i, ok := s.index[w]; ok {
			s.counts[i]++
		}
		return
	}
	s.buf = appendFolded(s.buf[:0], w)
	for part := range bytesSplitHyphens(s.buf) {
		if i, ok := s.index[string(part)]; ok {
			s.counts[i]++
		}
	}
}

// Missing returns the phrase's terms (quoted) that the counted texts lack,
// repeats counted: "we we" needs two. It allocates only for what it
// returns.
func (s *PhraseTermSet) Missing(phrase string) []string {
	s.used = append(s.used[:0], make([]int, len(s.counts))...)
	var missing []string
	EachWord(phrase, func(w string, _ int) bool {
		EachPhraseTerm(w, func(t string) {
			if i, ok := s.index[t]; ok {
				if s.used[i]++; s.used[i] <= s.counts[i] {
					return
				}
			}
			missing = append(missing, strconv.Quote(t))
		})
		return true
	})
	return missing
}
