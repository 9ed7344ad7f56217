// Package prose holds the English-text helpers the rules share: a sentence
// splitter, word tokenizing, quantity detection and speaking-time estimates.
package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a text, with its byte offset in the text.
type Sentence struct {
	Text  string
	Start int
}

// abbreviations end with a period that does not end a sentence. Compared
// lower-case, without the final period.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "vs": true, "etc": true, "cf": true, "al": true,
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "sr": true,
	"jr": true, "st": true, "u.s": true, "u.k": true, "e.u": true, "u.n": true,
	"a.m": true, "p.m": true, "approx": true, "incl": true, "inc": true,
	"ltd": true, "co": true, "corp": true, "no": true, "fig": true, "est": true,
	"dept": true, "min": true, "max": true, "avg": true, "ca": true, "viz": true,
}

// beforeNumber are abbreviations that end no sentence when a number follows:
// "Jan. 5", "No. 3", "p. 12". Before a word they may end one ("in Jan. I").
var beforeNumber = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "p": true, "pp": true,
	"vol": true, "ch": true, "sec": true, "v": true, "ver": true,
}

// Split breaks English prose into sentences. It does not break on decimals
// (0.3%), money ($8,000), abbreviations (e.g., i.e., vs., U.S., Dr.),
// initials (J. R. Smith), ellipses followed by a lower-case word, or inside
// quotes; a list-like text (lines starting with "- ", "* ", "1." ...) gives
// each item its own sentences, as do blank-line paragraphs.
func Split(text string) []Sentence {
	var out []Sentence
	for _, block := range blocks(text) {
		out = splitBlock(text, block[0], block[1], out)
	}
	return out
}

// blocks returns the [start, end) byte ranges that sentences cannot cross:
// paragraphs, and list items when the text is a list.
func blocks(text string) [][2]int {
	var out [][2]int
	start := 0
	lineStart := 0
	for lineStart <= len(text) {
		end := strings.IndexByte(text[lineStart:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += lineStart
		}
		line := text[lineStart:end]
		if lineStart > start && (strings.TrimSpace(line) == "" || isListItem(line)) {
			out = append(out, [2]int{start, lineStart})
			start = lineStart
		}
		if end == len(text) {
			break
		}
		lineStart = end + 1
	}
	return append(out, [2]int{start, len(text)})
}

func isListItem(line string) bool {
	t := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "• ") {
		return true
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i < len(t)-1 && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

// listMarker returns the length of a list marker at the start of s.
func listMarker(s string) int {
	if !isListItem(s) {
		return 0
	}
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return i + 1
	}
	return 0
}

func splitBlock(text string, from, to int, out []Sentence) []Sentence {
	// where the last closing quote or bracket of the block is: an opening one
	// holds sentences together only if one closes after it (found once, so
	// a text full of openers costs linear time)
	block := text[from:to]
	lastCurly, lastStraight := strings.LastIndex(block, "”")+from, strings.LastIndexByte(block, '"')+from
	lastParen, lastBracket := strings.LastIndexByte(block, ')')+from, strings.LastIndexByte(block, ']')+from
	closesAfter := func(open rune, i int) bool {
		switch open {
		case '“':
			return lastCurly > i || lastStraight > i
		case '(':
			return lastParen > i
		case '[':
			return lastBracket > i
		}
		return lastStraight > i
	}
	i := skipSpace(text, from, to)
	if m := listMarker(text[i:to]); m > 0 {
		i = skipSpace(text, i+m, to)
	}
	start := i
	depth := 0 // open double quotes or brackets
	for i < to {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch r {
		case '“', '(', '[':
			if closesAfter(r, i) {
				depth++
			}
		case '”', ')', ']':
			if depth > 0 {
				depth--
			}
		case '"':
			if depth > 0 && !opensQuote(text, i) {
				depth--
			} else if opensQuote(text, i) && closesAfter('"', i) {
				depth++
			}
		case '.', '!', '?', '…':
			end := i + size
			for end < to && strings.ContainsRune(".!?…", rune(text[end])) {
				end++
			}
			// closing quotes and brackets belong to the sentence
			for end < to {
				c, csize := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune(`"'”’)]`, c) {
					break
				}
				if c == '"' || c == '”' {
					depth = max(0, depth-1)
				}
				end += csize
			}
			if isBoundary(text, start, i, end, to, r) && depth == 0 {
				out = appendSentence(out, text, start, end)
				start = skipSpace(text, end, to)
				i = start
				continue
			}
			i = end
			continue
		}
		i += size
	}
	return appendSentence(out, text, start, to)
}

func appendSentence(out []Sentence, text string, start, end int) []Sentence {
	s := strings.TrimSpace(text[start:end])
	if s == "" {
		return out
	}
	return append(out, Sentence{Text: s, Start: start})
}

func skipSpace(text string, i, to int) int {
	for i < to {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func opensQuote(text string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–-", prev)
}

// isBoundary decides whether the punctuation at text[p] (ending the run at
// end) ends the sentence that began at start.
func isBoundary(text string, start, p, end, to int, punct rune) bool {
	if end >= to {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[end:])
	if !unicode.IsSpace(next) {
		return false // 0.3, $8.5M, U.S.-based, "e.g.," ...
	}
	after := skipSpace(text, end, to)
	if after >= to {
		return true
	}
	first, _ := utf8.DecodeRuneInString(text[after:])
	lowerNext := unicode.IsLower(first)
	if punct != '.' {
		// "?" and "!" end a sentence unless the next word is lower-case
		// ("Why? because..." is rare; an ellipsis before a lower-case word
		// continues the sentence)
		return !lowerNext
	}
	if strings.Trim(text[p:end], ".") != "" && lowerNext {
		return false // `"Roll it back." before the rollout`: a quotation inside a sentence
	}
	if end-p > 1 || text[p:end] == "..." {
		return !lowerNext // an ellipsis
	}
	word := lastWord(text[start:p])
	lw := strings.ToLower(word)
	if beforeNumber[lw] && unicode.IsDigit(first) {
		return false // "Jan. 5", "No. 3"
	}
	if abbreviations[lw] && !isAcronym(word) {
		// "etc." and the like end a sentence when a capital follows and the
		// abbreviation is not one that always precedes a name
		if (lw == "etc" || lw == "al") && !lowerNext {
			return true
		}
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return false // an initial: "J. Smith"
	}
	if isDottedAcronym(word) {
		return false // "the U.S. market"; an acronym rarely ends a sentence
	}
	return true
}

// lastWord returns the word just before a period, dots inside it included
// ("U.S", "e.g").
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			break
		}
		i -= size
	}
	return strings.TrimLeft(s[i:], ".")
}

// isDottedAcronym reports words like "U.S" or "a.m" (letters joined by dots).
func isDottedAcronym(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

// isAcronym reports a word in capitals, such as a time zone ("5 p.m. EST.")
// or a company: unlike "est." or "Inc.", it can end a sentence.
func isAcronym(w string) bool {
	if utf8.RuneCountInString(w) < 3 || strings.Contains(w, ".") {
		return false
	}
	return w == strings.ToUpper(w) && w != strings.ToLower(w)
}
