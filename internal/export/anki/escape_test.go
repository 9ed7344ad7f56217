package anki

import (
	"html"
	"strings"
	"testing"
)

// replacedSyntax is what fieldSyntax does, written as it was before it
// became one pass: the oracle for the tests below.
var replacedSyntax = strings.NewReplacer("\n", "<br>", "\t", " ", "[", "&#91;", "{{", "&#123;&#123;")

var fieldTexts = []string{
	"", "plain", "a\nb\tc", "[sound:x.mp3]", "{{c1::x}}", "{{{", "{{{{", "{", "x{", "{x{",
	`<b>"q" & 'a'</b>`, "[{{<\n>}}]", "ü {{日本}} [ñ]", "\xff{{\xfe", "tail\n",
}

func TestFieldSyntaxMatchesReplacers(t *testing.T) {
	for _, s := range fieldTexts {
		if got, want := esc(s), replacedSyntax.Replace(html.EscapeString(dropControls(s))); got != want {
			t.Errorf("esc(%q) = %q, want %q", s, got, want)
		}
		if got, want := fieldSyntax(s, false), replacedSyntax.Replace(s); got != want {
			t.Errorf("fieldSyntax(%q, false) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFieldSyntax(f *testing.F) {
	for _, s := range fieldTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := esc(s), replacedSyntax.Replace(html.EscapeString(dropControls(s))); got != want {
			t.Errorf("esc(%q) = %q, want %q", s, got, want)
		}
		if got, want := fieldSyntax(s, false), replacedSyntax.Replace(s); got != want {
			t.Errorf("fieldSyntax(%q, false) = %q, want %q", s, got, want)
		}
	})
}
