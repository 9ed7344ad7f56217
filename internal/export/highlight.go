package export

import (
	"context"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Highlight escapes text and wraps each place a key phrase occurs (ignoring
// case and quote style) in <mark>. Only escaped text and the <mark> tags
// reach the page.
//
// It takes time linear in the text for each phrase (a substring search on
// the folded text, and the marks as a difference array), so a huge example
// with hundreds of long phrases cannot stall an export.
func Highlight(text string, phrases []string) string {
	out, _ := HighlightContext(nil, text, phrases)
	return out
}

// HighlightContext is Highlight that stops, between phrases, once ctx is
// done.
func HighlightContext(ctx context.Context, text string, phrases []string) (string, error) {
	runes := []rune(text)
	// the folded text as a string, and the rune each of its bytes is in
	var folded strings.Builder
	runeOf := make([]int32, 0, len(text)+1)
	for i, r := range runes {
		f := foldRune(r)
		n, _ := folded.WriteRune(f)
		for k := 0; k < n; k++ {
			runeOf = append(runeOf, int32(i))
		}
	}
	hay := folded.String()
	runeOf = append(runeOf, int32(len(runes)))
	delta := make([]int32, len(runes)+1) // +1 where a mark starts, -1 where it ends
	for _, ph := range phrases {
		if ctx != nil && ctx.Err() != nil {
			return "", ctx.Err()
		}
		var nb strings.Builder
		for _, r := range strings.TrimSpace(ph) {
			nb.WriteRune(foldRune(r))
		}
		needle := nb.String()
		if needle == "" {
			continue
		}
		for off := 0; off+len(needle) <= len(hay); {
			i := strings.Index(hay[off:], needle)
			if i < 0 {
				break
			}
			i += off
			delta[runeOf[i]]++
			delta[runeOf[i+len(needle)]]--
			_, size := utf8.DecodeRuneInString(hay[i:])
			off = i + size // overlapping matches too: they widen the mark
		}
	}
	marked := make([]bool, len(runes))
	depth := int32(0)
	for i := range runes {
		depth += delta[i]
		marked[i] = depth > 0
	}
	return markedHTML(runes, marked), nil
}

// markedHTML escapes runes, wrapping each run of marked ones in <mark>.
func markedHTML(runes []rune, marked []bool) string {
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
