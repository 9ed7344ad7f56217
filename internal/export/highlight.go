package export

import (
	"html"
	"strings"
	"unicode"
)

// Highlight escapes text and wraps each place a key phrase occurs (ignoring
// case and quote style) in <mark>. Only escaped text and the <mark> tags
// reach the page.
func Highlight(text string, phrases []string) string {
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
			if equalRunes(folded[i:i+len(needle)], needle) {
				for j := i; j < i+len(needle); j++ {
					marked[j] = true
				}
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && marked[j] == marked[i] {
			j++
		}
		seg := html.EscapeString(string(runes[i:j]))
		if marked[i] {
			b.WriteString("<mark>" + seg + "</mark>")
		} else {
			b.WriteString(seg)
		}
		i = j
	}
	return b.String()
}

func foldRune(r rune) rune {
	switch r {
	case '’', '‘':
		return '\''
	case '“', '”':
		return '"'
	}
	return unicode.ToLower(r)
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
