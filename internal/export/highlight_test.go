package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/pack"
)

// TestHighlightMarksWhatTheLintAccepts: every phrase phrase-in-example
// accepts is marked, whatever its word order, hyphens, quotes or case.
func TestHighlightMarksWhatTheLintAccepts(t *testing.T) {
	for _, c := range []struct{ text, phrase, want string }{
		{"The post-mortem estimated this recovered $8,000 per week.", "$8,000 per week recovered",
			"The post-mortem estimated this <mark>recovered $8,000 per week</mark>."},
		{"I wrote a one page plan.", "one-page plan", "I wrote a <mark>one page plan</mark>."},
		{"It was the team’s call.", "team's call", "It was the <mark>team’s call</mark>."},
		{"I said <no> & left.", "said no", "I <mark>said &lt;no</mark>&gt; &amp; left."},
	} {
		if got := Highlight(c.text, []string{c.phrase}); got != c.want {
			t.Errorf("Highlight(%q, %q)\n got %q\nwant %q", c.text, c.phrase, got, c.want)
		}
	}
}

// TestPhraseMarksCountCharacters: spans are in code points, for platforms
// that index strings by character.
func TestPhraseMarksCountCharacters(t *testing.T) {
	text := "Zoë asked Malmö’s team."
	marks := PhraseMarks(text, []string{"absent", "malmö's team"})
	if len(marks) != 1 || marks[0].Phrase != 1 {
		t.Fatalf("marks = %+v", marks)
	}
	r := []rune(text)
	if got := string(r[marks[0].Start:marks[0].End]); got != "Malmö’s team" {
		t.Errorf("mark covers %q", got)
	}
}

// BenchmarkHighlightHuge is the review's export that took minutes: 1 MB of
// example text and 900 long phrases.
func BenchmarkHighlightHuge(b *testing.B) {
	text := strings.Repeat("I traced the retry race in the payment service and fixed it. ", 17000)
	var phrases []string
	for i := 0; i < 900; i++ {
		phrases = append(phrases, strings.Repeat("payment service and fixed ", 4)+string(rune('a'+i%26)))
	}
	for b.Loop() {
		Highlight(text, phrases)
	}
}

// TestHighlightStopsWhenCancelled: an export stopped by Ctrl-C does not
// wait for a huge pack's highlighting to finish.
func TestHighlightStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := HighlightContext(ctx, strings.Repeat("word ", 1000), []string{"word"}); err == nil {
		t.Error("a cancelled highlight went on")
	}
	if out, err := HighlightContext(context.Background(), "a word", []string{"word"}); err != nil || out != "a <mark>word</mark>" {
		t.Errorf("got %q, %v", out, err)
	}
}

// TestEveryAcceptedPhraseIsMarked: in the seed pack and the well-written
// corpus (which the lint passes), every key phrase is marked in its
// example and every reflection phrase in some reflection. Before the
// marks used the lint's matching, 4 of the seed's 15 were not.
func TestEveryAcceptedPhraseIsMarked(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/well-written/*.yaml")
	paths = append(paths, "../testdata/packs/failed-to-deliver.yaml")
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p := pack.Load(path, src).Pack
		for _, name := range pack.StepNames {
			s := p.Star.Step(name)
			for i, ph := range s.Phrases {
				found := false
				if name == "reflection" {
					for _, r := range p.Reflections {
						found = found || len(PhraseMarks(r.Text, []string{ph})) > 0
					}
				} else {
					for _, m := range PhraseMarks(s.Example, s.Phrases) {
						found = found || m.Phrase == i
					}
				}
				if !found {
					t.Errorf("%s: %s phrase %q is not marked", filepath.Base(path), name, ph)
				}
			}
		}
	}
}

// TestHighlightMarksIsHighlight: marking the spans the JSON export carries
// gives what finding the phrases again gives.
func TestHighlightMarksIsHighlight(t *testing.T) {
	for _, c := range []struct {
		text    string
		phrases []string
	}{
		{"Zoë asked Malmö’s team; I noticed <b>it</b>.", []string{"malmö's team", "I noticed", "<b>it</b>", "absent"}},
		{"The post-mortem estimated this recovered $8,000 per week.", []string{"$8,000 per week recovered", "post mortem"}},
		{"", []string{"x"}},
		{"Budget was tight at the start of a long and winding quarter with many surprises, so we cut scope.", []string{"budget cut"}},
	} {
		if got, want := HighlightMarks(c.text, PhraseMarks(c.text, c.phrases)), Highlight(c.text, c.phrases); got != want {
			t.Errorf("%q: HighlightMarks %q, Highlight %q", c.text, got, want)
		}
	}
}
