package html

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/export/jsonexport"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestModesAreScriptOnly: the four mode controls, the progress line and
// the Practice, Test and Rehearse panels are hidden in the HTML and shown
// by the script; Learn is not, so without script the page is the
// walkthrough.
func TestModesAreScriptOnly(t *testing.T) {
	page := string(buildSite(t).Files["failed-to-deliver.html"])
	for _, want := range []string{
		`<nav class="modes needs-js" aria-label="Preparation mode" hidden>`,
		`<a href="#learn" data-mode="learn">Learn</a>`, `<a href="#practice" data-mode="practice">Practice</a>`,
		`<a href="#test" data-mode="test">Test</a>`, `<a href="#rehearse" data-mode="rehearse">Rehearse</a>`,
		`<div class="progress-bar needs-js" hidden>`,
		`<div id="learn" class="mode learn" data-mode="learn">`,
		`<section id="practice" class="mode" data-mode="practice" aria-labelledby="practice-title" tabindex="-1" hidden>`,
		`<section id="test" class="mode" data-mode="test" aria-labelledby="test-title" tabindex="-1" hidden>`,
		`<section id="rehearse" class="mode" data-mode="rehearse" aria-labelledby="rehearse-title" tabindex="-1" hidden>`,
		`<div class="card rehearse-step" data-step="action" data-seconds="90">`,
		`<span class="timer" role="timer" aria-label="Action time left">1:30</span>`,
		`<li data-min="120" data-max="120">SDE 1: 2 minutes <span class="verdict"></span></li>`,
		`<li data-min="150" data-max="180">Senior SDE: 2 min 30 s to 3 minutes <span class="verdict"></span></li>`,
		`<h2 id="answer-key">Answer key</h2>`,
		`<span class="answer-letter">D</span>. Manager-assigned investigation -- no self-initiation</li>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	index := string(buildSite(t).Files["index.html"])
	for _, want := range []string{`<div class="filter needs-js" hidden>`, `<section id="test" class="index-test needs-js" aria-labelledby="test-title" hidden>`} {
		if !strings.Contains(index, want) {
			t.Errorf("index lacks %s", want)
		}
	}
}

// TestStudyDataKeysTheAnswer: the data the script reads names the right
// option by its index as written, for every quiz item.
func TestStudyDataKeysTheAnswer(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml")
	out := exporttest.Run(t, Exporter{}, packs, export.Options{})
	for _, src := range packs {
		var d studyData
		readStudy(t, out.Files[src.Pack.ID+".html"], &d)
		if d.Pack != src.Pack.ID || len(d.Quiz) != len(src.Pack.Quiz) {
			t.Fatalf("%s: study data for %q with %d questions", src.Pack.ID, d.Pack, len(d.Quiz))
		}
		for i, q := range src.Pack.Quiz {
			got := d.Quiz[i]
			if got.Options[got.Answer] != q.Options[q.AnswerIndex()] || got.Key != pack.ItemKey(q.ID, q.Question) || got.Hint != q.Hint {
				t.Errorf("%s quiz %d: %+v", src.Pack.ID, i, got)
			}
		}
	}
}

func readStudy(t *testing.T, page []byte, v any) {
	t.Helper()
	m := dataBlock.FindSubmatch(page)
	if m == nil {
		t.Fatal("no study data")
	}
	if err := json.Unmarshal(m[1], v); err != nil {
		t.Fatal(err)
	}
}

// TestSameTitleIsToldApart: two packs with one title both show their id
// on the index; a title of its own shows none.
func TestSameTitleIsToldApart(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml")
	twin := *packs[1].Pack
	twin.ID = "failed-to-deliver-v2"
	packs = append(packs, &export.Source{Path: "twin.yaml", Pack: &twin, Modified: exporttest.Epoch})
	index := string(exporttest.Run(t, Exporter{}, packs, export.Options{}).Files["index.html"])
	for _, want := range []string{
		`<a href="failed-to-deliver.html">Tell Me About a Time You Failed to Deliver on a Commitment <span class="which">(failed-to-deliver)</span></a>`,
		`<a href="failed-to-deliver-v2.html">Tell Me About a Time You Failed to Deliver on a Commitment <span class="which">(failed-to-deliver-v2)</span></a>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index lacks %s", want)
		}
	}
	if strings.Contains(index, `(disagreed-with-manager)`) {
		t.Error("a pack whose title is its own shows its id")
	}
}

// TestIndexPoolIsASampleIndependentOfOrder: the index keeps at most five
// questions per category and difficulty, the same five whatever order the
// packs come in, so the index stays small at 10,000 packs.
func TestIndexPoolIsASampleIndependentOfOrder(t *testing.T) {
	var packs []*pack.Pack
	for i := 0; i < 40; i++ {
		p := &pack.Pack{ID: fmt.Sprintf("p%02d", i), Title: "T", Category: []string{"A", "B"}[i%2]}
		for _, d := range []string{"easy", "medium", "hard"} {
			p.Quiz = append(p.Quiz, pack.QuizItem{ID: d, Question: "Q " + d, Difficulty: d, Options: []string{"x", "y"}, Answer: "B"})
		}
		packs = append(packs, p)
	}
	build := func(order []*pack.Pack) *indexPool {
		var b poolBuilder
		for _, p := range order {
			b.add(p.Category, studyFor(jsonexport.Convert(p, 150)))
		}
		return b.build()
	}
	forward := build(packs)
	reversed := make([]*pack.Pack, len(packs))
	for i, p := range packs {
		reversed[len(packs)-1-i] = p
	}
	backward := build(reversed)
	if len(forward.Quiz) != 2*3*perDifficulty || strings.Join(forward.Categories, ",") != "A,B" {
		t.Fatalf("pool: %d questions, categories %v", len(forward.Quiz), forward.Categories)
	}
	for i := range forward.Quiz {
		f, b := forward.Quiz[i], backward.Quiz[i]
		if f.Pack != b.Pack || f.Key != b.Key {
			t.Fatalf("question %d: %s/%s one way, %s/%s the other", i, f.Pack, f.Key, b.Pack, b.Key)
		}
		if f.Answer != 1 || f.PackTitle != "T" || f.Category == "" {
			t.Errorf("question %d: %+v", i, f)
		}
	}
}

func TestSpokenDuration(t *testing.T) {
	for _, c := range []struct {
		lo, hi int
		want   string
	}{{120, 120, "2 minutes"}, {0, 60, "1 minute"}, {45, 45, "45 seconds"}, {120, 180, "2 to 3 minutes"},
		{150, 180, "2 min 30 s to 3 minutes"}, {90, 150, "1 min 30 s to 2 min 30 s"}, {30, 90, "30 seconds to 1 min 30 s"}} {
		if got := spokenDuration(c.lo, c.hi); got != c.want {
			t.Errorf("spokenDuration(%d, %d) = %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}
