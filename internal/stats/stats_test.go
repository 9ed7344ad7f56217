package stats

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/pack"
)

// A pack whose figures were counted by hand.
const counted = `starlint: 1
id: counted
title: Counted
category: C
competency: P
scenario: S
star:
  situation: {target: 5s, example: "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.", coaching: c, mistake: m}
  task: {target: 20s, example: "I owned the $8,000 fix.", coaching: c, mistake: m}
  action: {target: 1m30s, example: "I traced it. I fixed it.", coaching: c, mistake: m}
  result: {target: 20s, example: "Drops fell to 0.3%.", coaching: c, mistake: m}
  reflection: {target: 15s, coaching: c, mistake: m}
reflections:
  - {level: SDE2, text: t}
followups:
  - {question: q, probes: p, weak: {answer: a, critique: c}, strong: {answer: a, quote: q}}
levels:
  - {level: Short, guidance: g, duration: 10s}
  - {level: Fits, guidance: g, duration: 15s-1m}
  - {level: Long, guidance: g, duration: 2m-3m}
  - {level: Free, guidance: g}
quiz:
  - {question: a, difficulty: easy, options: [x, y], answer: A}
  - {question: b, difficulty: hard, options: [x, y], answer: A}
  - {question: c, difficulty: hard, options: [x, y], answer: A}
`

func TestComputeHandCounted(t *testing.T) {
	f := pack.Load("counted.yaml", []byte(counted))
	s := Compute("counted.yaml", f.Pack, 150)
	// words: 15, 5 ("I owned the $8,000 fix"), 6, 4 ("Drops fell to 0.3%"), 0
	// seconds at 150 wpm (2.5 words a second, rounded up): 6, 2, 3, 2
	want := []Step{
		{Step: "situation", Words: 15, Seconds: 6, Target: "5s", TargetSeconds: 5, Over: true},
		{Step: "task", Words: 5, Seconds: 2, Target: "20s", TargetSeconds: 20},
		{Step: "action", Words: 6, Seconds: 3, Target: "1m30s", TargetSeconds: 90},
		{Step: "result", Words: 4, Seconds: 2, Target: "20s", TargetSeconds: 20},
		{Step: "reflection", Words: 0, Seconds: 0, Target: "15s", TargetSeconds: 15},
	}
	for i, w := range want {
		if s.Steps[i] != w {
			t.Errorf("step %d = %+v, want %+v", i, s.Steps[i], w)
		}
	}
	if s.Words != 30 || s.Seconds != 13 || s.TargetSeconds != 150 {
		t.Errorf("totals = %d words, %ds, target %ds", s.Words, s.Seconds, s.TargetSeconds)
	}
	levels := []Level{
		{Level: "Short", Duration: "10s", MinSeconds: 10, MaxSeconds: 10, Verdict: "over", By: 3},
		{Level: "Fits", Duration: "15s-1m", MinSeconds: 15, MaxSeconds: 60, Verdict: "short", By: 2},
		{Level: "Long", Duration: "2m-3m", MinSeconds: 120, MaxSeconds: 180, Verdict: "short", By: 107},
		{Level: "Free"},
	}
	for i, w := range levels {
		if s.Levels[i] != w {
			t.Errorf("level %d = %+v, want %+v", i, s.Levels[i], w)
		}
	}
	if s.Quiz != 3 || s.QuizDifficulty["easy"] != 1 || s.QuizDifficulty["medium"] != 0 || s.QuizDifficulty["hard"] != 2 || s.Followups != 1 {
		t.Errorf("counts = %+v", s)
	}
}

func TestText(t *testing.T) {
	f := pack.Load("counted.yaml", []byte(counted))
	var b bytes.Buffer
	if err := Text(&b, []Pack{Compute("counted.yaml", f.Pack, 150)}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"counted.yaml: Counted\n",
		"situation   15     6s    5s      OVER by 1s\n",
		"reflection  -      -     15s\n",
		"total       30     13s   2m30s\n",
		"levels: Short 10s: over by 3s; Fits 15s-1m: short by 2s; Long 2m-3m: short by 1m47s; Free (no duration)",
		"follow-ups 1 · angles 0 · reflections 1 · quiz 3 (easy 1, medium 0, hard 2)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestTextEscapesPackText: a pack's words and its file's name reach the
// terminal escaped, never as escape sequences.
func TestTextEscapesPackText(t *testing.T) {
	src := strings.Replace(counted, "title: Counted", "title: \"Evil\\e[2J\"", 1)
	src = strings.Replace(src, "level: Short", "level: \"Sh\\e]0;x\\aort\"", 1)
	f := pack.Load("odd\x1b.yaml", []byte(src))
	if f.Root == nil {
		t.Fatalf("the pack does not load: %v", f.Problems)
	}
	var b bytes.Buffer
	if err := Text(&b, []Pack{Compute("odd\x1b.yaml", f.Pack, 150)}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\a") {
		t.Errorf("control characters reached the output:\n%q", out)
	}
	for _, want := range []string{`odd\x1b.yaml: Evil\x1b[2J`, `Sh\x1b]0;x\x07ort`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

// TestComputeKeepsNoPackText: a run keeps every pack's statistics until it
// prints them, so they must not hold on to the pack's strings, which share
// the whole file's text (about 13 KB a pack here).
func TestComputeKeepsNoPackText(t *testing.T) {
	heap := func() int64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return int64(ms.HeapAlloc)
	}
	var kept []Pack
	var at300 int64
	for i := range 1500 {
		if i == 300 {
			at300 = heap()
		}
		p := corpus.One(i, 1)
		f := pack.Load(p.Name, p.Src)
		if f.Root == nil {
			continue
		}
		kept = append(kept, Compute(p.Name, f.Pack, 150))
	}
	perPack := (heap() - at300) / 1200
	runtime.KeepAlive(kept)
	if perPack > 3000 {
		t.Errorf("statistics keep %d bytes a pack: they hold on to the pack's text", perPack)
	}
}
