package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is a token of prose with its byte offset.
type Word struct {
	Text  string
	Start int
}

// Words splits text into words: runs of letters and digits, with inner
// apostrophes, hyphens and number separators kept ("team's", "US-East",
// "8,000", "0.3").
func Words(text string) []Word {
	var out []Word
	EachWord(text, func(w string, start int) bool {
		out = append(out, Word{Text: w, Start: start})
		return true
	})
	return out
}

// EachWord calls fn for each word of text (as Words splits them) with its
// byte offset, until fn returns false. It allocates nothing: every rule
// that reads words goes through it, so its inner loops are one table
// lookup per ASCII byte, and runes are decoded only past ASCII.
func EachWord(text string, fn func(w string, start int) bool) {
	for i := 0; i < len(text); {
		for i < len(text) && byteKind[text[i]]&startsNothing != 0 {
			i++ // spaces and punctuation: most of what is not a word
		}
		if i == len(text) {
			return
		}
		start := i
		if byteKind[text[i]] == wordByte {
			i++
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if !isWordRune(r) {
				continue
			}
		}
		i = wordEnd(text, i)
		if !fn(text[start:i], start) {
			return
		}
	}
}

// wordEnd returns where the word that reaches i ends: at the first byte
// that neither is a letter or digit nor joins two of them.
func wordEnd(text string, i int) int {
	for {
		for i < len(text) && byteKind[text[i]] == wordByte {
			i++
		}
		if i == len(text) {
			return i
		}
		c := text[i]
		size := 1
		r := rune(c)
		switch byteKind[c] {
		case otherByte:
			return i
		case multiByte:
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			if r != '’' {
				return i
			}
		}
		// a joiner: ' ’ - . or ,
		if i+size >= len(text) {
			return i
		}
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if !joinsAround(r, prev, next) {
			return i
		}
		i += size
	}
}

// Byte kinds for EachWord: an ASCII letter or digit, an ASCII joiner, any
// other ASCII byte, or the first byte of a longer rune.
const (
	otherByte  uint8 = 1 << iota // ASCII, neither letter, digit nor joiner
	joinerByte                   // ' - . or ,
	wordByte
	multiByte

	startsNothing = otherByte | joinerByte // a word cannot start at these
)

var byteKind = func() (k [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			k[c] = multiByte
		case isASCIIWord(byte(c)):
			k[c] = wordByte
		case isJoiner(rune(c)):
			k[c] = joinerByte
		default:
			k[c] = otherByte
		}
	}
	return k
}()

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isJoiner reports the characters that may join two runs of a word:
// "team's", "US-East", "8,000", "0.3".
func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '.' || r == ',' }

// joinsAround reports whether the joiner r between prev and next keeps
// them in one word: apostrophes and hyphens between letters or digits,
// points and commas between digits.
func joinsAround(r, prev, next rune) bool {
	if !isWordRune(prev) {
		return false
	}
	if r == '.' || r == ',' {
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return isWordRune(next)
}

// IsWord reports whether text[start:end] is one whole word as EachWord
// splits the text: it neither continues the word before it nor runs on
// into more word. It lets a search that found a word's bytes another way
// (the team rules' scan) keep EachWord's idea of a word.
func IsWord(text string, start, end int) bool {
	if start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if isWordRune(r) {
			return false
		}
		if isJoiner(r) && start-size > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:start-size])
			first, _ := utf8.DecodeRuneInString(text[start:])
			if joinsAround(r, prev, first) {
				return false
			}
		}
	}
	if end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if isWordRune(r) {
			return false
		}
		if isJoiner(r) && end+size < len(text) {
			last, _ := utf8.DecodeLastRuneInString(text[:end])
			next, _ := utf8.DecodeRuneInString(text[end+size:])
			if joinsAround(r, last, next) {
				return false
			}
		}
	}
	return true
}

// WordCount counts the words of text, as spoken: "$8,000" is one word.
func WordCount(text string) int {
	n := 0
	EachWord(text, func(string, int) bool { n++; return true })
	return n
}

// SpeakingSeconds estimates how long text takes to say at wpm words per
// minute, rounded up to a whole second.
func SpeakingSeconds(text string, wpm int) int { return SecondsFor(WordCount(text), wpm) }

// SecondsFor is how long n words take to say at wpm words per minute,
// rounded up to a whole second.
func SecondsFor(n, wpm int) int {
	if wpm <= 0 {
		wpm = 150
	}
	return (n*60 + wpm - 1) / wpm
}

// SameNormalized reports whether a and b are the same text once case,
// quote style, dashes and spacing are set aside: both lower-cased, curly
// quotes and backticks made straight, en and em dashes made hyphens, and
// runs of space made one (none at the ends). Nothing is built: the quiz's
// options are compared in pairs, and most differ at their first letter.
func SameNormalized(a, b string) bool {
	na, nb := normalized{s: a}, normalized{s: b}
	for {
		ra, oka := na.next()
		rb, okb := nb.next()
		if oka != okb || ra != rb {
			return false
		}
		if !oka {
			return true
		}
	}
}

// normalized gives the runes of s so folded, one at a time.
type normalized struct {
	s       string
	started bool // a rune was given: a later space counts
	space   bool // spaces were skipped since the last rune
}

func (n *normalized) next() (rune, bool) {
	for len(n.s) > 0 {
		r, size := utf8.DecodeRuneInString(n.s)
		if n.space && !unicode.IsSpace(unicode.ToLower(r)) {
			n.space = false
			return ' ', true // the space before r; r comes next
		}
		n.s = n.s[size:]
		r = foldPunct(unicode.ToLower(r))
		if unicode.IsSpace(r) {
			n.space = n.started
			continue
		}
		n.started = true
		return r, true
	}
	return 0, false
}

// foldPunct writes curly quotes, backticks, accents and dashes as their
// plain forms, for SameNormalized.
func foldPunct(r rune) rune {
	switch r {
	case '’', '‘', '`', '´':
		return '\''
	case '“', '”':
		return '"'
	case '–', '—':
		return '-'
	}
	return r
}

// Terms returns the words of s folded for matching: lower-case, quote
// style unified, inner apostrophes and number separators dropped ("team's"
// and "teams" match, "$8,000" and "8000" match).
func Terms(s string) []string {
	var out []string
	EachWord(s, func(w string, _ int) bool {
		out = append(out, FoldTerm(w))
		return true
	})
	return out
}

// FoldTerm folds one word as Terms does. A word that is already folded is
// returned as is, without allocating.
func FoldTerm(w string) string {
	if isFolded(w) {
		return w
	}
	return string(appendFolded(make([]byte, 0, len(w)), w)) // one copy, not ToLower's and a builder's
}

// isFolded reports whether FoldTerm leaves w as it is: lower-case ASCII
// with no apostrophe or comma.
func isFolded(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c == '\'' || c == ',' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// PhraseTerms returns the terms of s as key-phrase matching compares them:
// Terms, with hyphenated words split into their parts, so that "one-page"
// and "one page", or "follow-up" and "follow up", are the same words.
// Numbers stay whole ("$46,000" is the term "46000", "0.3" stays "0.3").
func PhraseTerms(s string) []string {
	var out []string
	EachWord(s, func(w string, _ int) bool {
		EachPhraseTerm(w, func(t string) { out = append(out, t) })
		return true
	})
	return out
}

// EachPhraseTerm calls fn with the phrase terms of one word (as Words
// splits them): the word folded, cut at its hyphens. It allocates only
// when the word needs folding.
func EachPhraseTerm(w string, fn func(string)) {
	t := FoldTerm(w)
	for {
		i := strings.IndexByte(t, '-')
		if i < 0 {
			break
		}
		if i > 0 {
			fn(t[:i])
		}
		t = t[i+1:]
	}
	if t != "" {
		fn(t)
	}
}

// TermEquals reports whether the word w, folded as FoldTerm folds it, is
// term (already folded), without allocating.
func TermEquals(w, term string) bool { return termMatches(w, term, false) }

// TermEqualsOrPlural is TermEquals that also accepts term followed by
// "s": one pass instead of a second comparison and the plural's string.
func TermEqualsOrPlural(w, term string) bool { return termMatches(w, term, true) }

func termMatches(w, term string, orPlural bool) bool {
	j, plural := 0, false
	for _, r := range w {
		switch r {
		case '\'', '’', ',':
			continue
		}
		if plural {
			return false // more after the "s"
		}
		r = unicode.ToLower(r)
		if j == len(term) {
			if !orPlural || r != 's' {
				return false
			}
			plural = true
			continue
		}
		if r < utf8.RuneSelf {
			if term[j] != byte(r) {
				return false
			}
			j++
			continue
		}
		t, size := utf8.DecodeRuneInString(term[j:])
		if t != r {
			return false
		}
		j += size
	}
	return j == len(term)
}
