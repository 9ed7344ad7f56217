package report

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// referenceSourceAndCaret is how the text report cut lines and drew carets
// before it wrote them straight into its buffer, kept to compare with.
func referenceSourceAndCaret(line string, col, width int) (string, string) {
	const maxWidth = 160
	runes := []rune(cleanLine(line))
	start := 0
	if col > maxWidth-20 {
		start = col - 40
	}
	if start > len(runes) {
		start = len(runes)
	}
	end := min(len(runes), start+maxWidth)
	shown := string(runes[start:end])
	if start > 0 {
		shown = "…" + shown
	}
	if end < len(runes) {
		shown += "…"
	}
	var caret strings.Builder
	if start > 0 {
		caret.WriteString(" ")
	}
	for i := start; i < col-1 && i < len(runes); i++ {
		if runes[i] == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	for i := col; i < col-1+width && i < end; i++ {
		caret.WriteByte('^')
	}
	return shown, caret.String()
}

// TestSourceAndCaretAgrees: the same cut line and carets as before for
// lines with tabs, control characters, invalid UTF-8, wide characters and
// lengths around the terminal width, at every kind of column.
func TestSourceAndCaretAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "word ", "\t", "é", "日本", "\x1b[31m", "\x00", "\x7f", "\xff", "\u2028", "\u0085", "  ", "🙂"}
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		for n := r.IntN(120); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		line := b.String()
		col, width := r.IntN(260), r.IntN(30)
		wantSrc, wantCaret := referenceSourceAndCaret(line, col, width)
		src, caret := appendSourceAndCaret([]byte("old"), []byte("old"), line, col, width)
		if string(src) != "old"+wantSrc || string(caret) != "old"+wantCaret {
			t.Fatalf("line %q col %d width %d:\ngot  %q %q\nwant %q %q", line, col, width, src[3:], caret[3:], wantSrc, wantCaret)
		}
	}
}

// TestTextMatchesSprintfLayout: a finding's lines, colours included, are
// what the report wrote with Sprintf.
func TestTextMatchesSprintfLayout(t *testing.T) {
	d := lint.Diagnostic{File: "packs/a\x1b.yaml", Pos: pack.Pos{Line: 12, Col: 5}, End: pack.Pos{Line: 12, Col: 9},
		Rule: "no-we", Severity: lint.Warning, Message: "uses \"we\"\x07", Source: "\tsay we did it"}
	for _, color := range []bool{false, true} {
		var b strings.Builder
		if err := Text(&b, Run{Files: 1, Diagnostics: []lint.Diagnostic{d}}, Options{Color: color}); err != nil {
			t.Fatal(err)
		}
		paint := func(code, s string) string {
			if !color {
				return s
			}
			return code + s + ansiReset
		}
		src, caret := referenceSourceAndCaret(d.Source, d.Pos.Col, 4)
		want := fmt.Sprintf("%s: %s: %s %s\n", paint(ansiBold, fmt.Sprintf("%s:%d:%d", EscapeControls(d.File), d.Pos.Line, d.Pos.Col)),
			paint(ansiYellow+ansiBold, "warning"), cleanLine(d.Message), paint(ansiDim, "[no-we]")) +
			fmt.Sprintf("    %s\n    %s\n", src, paint(ansiGreen, caret))
		if got := b.String(); !strings.HasPrefix(got, want) {
			t.Errorf("color %v:\ngot  %q\nwant %q", color, got, want)
		}
	}
}

// BenchmarkText writes the text report of 100,000 findings, as a run over
// a large set of packs that nobody has fixed yet gives.
func BenchmarkText(b *testing.B) {
	diags := make([]lint.Diagnostic, 100000)
	for i := range diags {
		diags[i] = lint.Diagnostic{File: fmt.Sprintf("packs/gen-%05d.yaml", i/10), Pos: pack.Pos{Line: 10 + i%10, Col: 5},
			End: pack.Pos{Line: 10 + i%10, Col: 17}, Rule: "item-ids", Severity: lint.Info,
			Message: "follow-up 1 has no id: add `id: fix-deployed`, so that exports keep its study history when its text changes",
			Source:  "  - question: How did you make sure the fix was deployed?"}
	}
	run := Run{Files: 10000, Diagnostics: diags}
	b.ReportAllocs()
	for b.Loop() {
		if err := Text(io.Discard, run, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
