package export

import (
	"context"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/starlint-dev/starlint/internal/prose"
)

// PhraseMark is where one key phrase is in an example, in Unicode code
// points [Start, End) (characters, as most platforms index strings).
type PhraseMark struct {
	Phrase int `json:"phrase"` // index into the step's phrases
	Start  int `json:"start"`
	End    int `json:"end"`
}

// FindPhrases finds each phrase in text with the lint's own matching
// (prose.PhraseIndex), so that what phrase-in-example accepts is what the
// exports mark. A phrase that is not there has no mark. It stops, between
// phrases, once ctx is done (ctx may be nil).
func FindPhrases(ctx context.Context, text string, phrases []string) ([]prose.Span, []int, error) {
	if len(phrases) == 0 || text == "" {
		return nil, nil, nil
	}
	x := prose.NewPhraseIndexFor(text, phrases)
	var spans []prose.Span
	var owner []int
	for i, ph := range phrases {
		if ctx != nil && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		for _, s := range x.Spans(ph) {
			spans = append(spans, s)
			owner = append(owner, i)
		}
	}
	return spans, owner, nil
}

// PhraseMarks is FindPhrases in code points, for the JSON export.
func PhraseMarks(text string, phrases []string) []PhraseMark {
	spans, owner, _ := FindPhrases(nil, text, phrases)
	out := make([]PhraseMark, 0, len(spans))
	for i, s := range spans {
		start := utf8.RuneCountInString(text[:s.Start])
		out = append(out, PhraseMark{Phrase: owner[i], Start: start, End: start + utf8.RuneCountInString(text[s.Start:s.End])})
	}
	return out
}

// Highlight escapes text and wraps each key phrase found in it
// (FindPhrases) in <mark>. Only escaped text and the <mark> tags reach the
// page.
func Highlight(text string, phrases []string) string {
	out, _ := HighlightContext(nil, text, phrases)
	return out
}

// HighlightContext is Highlight that stops, between phrases, once ctx is
// done.
func HighlightContext(ctx context.Context, text string, phrases []string) (string, error) {
	spans, _, err := FindPhrases(ctx, text, phrases)
	if err != nil {
		return "", err
	}
	return MarkSpans(text, spans), nil
}

// HighlightMarks is Highlight for phrases already found (PhraseMarks, as
// the JSON export carries them), so a page does not find them again.
func HighlightMarks(text string, marks []PhraseMark) string {
	spans := make([]prose.Span, 0, len(marks))
	for _, m := range marks {
		spans = append(spans, prose.Span{Start: m.Start, End: m.End})
	}
	// code points to bytes, in one pass over the text
	at := map[int]int{}
	for _, s := range spans {
		at[s.Start], at[s.End] = -1, -1
	}
	n := 0
	for i := range text {
		if _, ok := at[n]; ok {
			at[n] = i
		}
		n++
	}
	if _, ok := at[n]; ok {
		at[n] = len(text)
	}
	for i := range spans {
		spans[i] = prose.Span{Start: at[spans[i].Start], End: at[spans[i].End]}
		if spans[i].Start < 0 || spans[i].End < spans[i].Start {
			return html.EscapeString(text) // marks that do not fit the text: none
		}
	}
	return MarkSpans(text, spans)
}

// markSpans escapes text with each span wrapped in <mark>.
func MarkSpans(text string, spans []prose.Span) string {
	if len(spans) == 0 {
		return html.EscapeString(text)
	}
	delta := make([]int32, len(text)+1) // +1 where a mark starts, -1 where it ends
	for _, s := range spans {
		delta[s.Start]++
		delta[s.End]--
	}
	var b strings.Builder
	depth, from := int32(0), 0
	for i := 0; i <= len(text); i++ {
		next := depth + delta[i]
		if (depth > 0) != (next > 0) || i == len(text) {
			seg := html.EscapeString(text[from:i])
			if depth > 0 {
				b.WriteString("<mark>" + seg + "</mark>")
			} else {
				b.WriteString(seg)
			}
			from = i
		}
		depth = next
	}
	return b.String()
}
