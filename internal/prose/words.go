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
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		i += size
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			if strings.ContainsRune("'’-.,", r) && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				joins := isWordRune(next)
				if r == '.' || r == ',' {
					joins = unicode.IsDigit(prev) && unicode.IsDigit(next)
				}
				if joins {
					i += size
					continue
				}
			}
			break
		}
		out = append(out, Word{Text: text[start:i], Start: start})
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// WordCount counts the words of text, as spoken: "$8,000" is one word.
func WordCount(text string) int { return len(Words(text)) }

// SpeakingSeconds estimates how long text takes to say at wpm words per
// minute, rounded up to a whole second.
func SpeakingSeconds(text string, wpm int) int {
	if wpm <= 0 {
		wpm = 150
	}
	n := WordCount(text)
	return (n*60 + wpm - 1) / wpm
}

// Normalize folds text for comparisons that should ignore case, quote
// style, dashes and spacing.
func Normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		case '“', '”':
			r = '"'
		case '–', '—':
			r = '-'
		}
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

// Terms returns the words of s folded for matching: lower-case, quote
// style unified, inner apostrophes and number separators dropped ("team's"
// and "teams" match, "$8,000" and "8000" match).
func Terms(s string) []string {
	words := Words(s)
	out := make([]string, 0, len(words))
	for _, w := range words {
		out = append(out, foldTerm(w.Text))
	}
	return out
}

func foldTerm(w string) string {
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
