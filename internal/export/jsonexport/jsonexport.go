// Package jsonexport writes packs as JSON documents described by
// schemas/export.schema.json: one <id>.json per pack and a packs.json
// index, or a single bundle.json.
package jsonexport

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/anki"
	"github.com/starlint-dev/starlint/internal/jsonfmt"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

// Version is the exportVersion field: bumped only for a breaking change.
const Version = 1

// Exporter is the json format.
type Exporter struct{}

// Name implements export.Exporter.
func (Exporter) Name() string { return "json" }

// Pack is one exported pack. Key names mirror the pack format; computed
// fields (option letters, the answer's text, speaking times) are added.
type Pack struct {
	ExportVersion int          `json:"exportVersion"`
	ID            string       `json:"id"`
	Title         string       `json:"title"`
	Category      string       `json:"category"`
	Competency    string       `json:"competency"`
	Level         string       `json:"level,omitempty"`
	Tags          []string     `json:"tags"`
	Scenario      string       `json:"scenario"`
	Analysis      string       `json:"analysis,omitempty"`
	Takeaways     []string     `json:"takeaways"`
	Star          []Step       `json:"star"`
	Reflections   []Reflection `json:"reflections"`
	Followups     []Followup   `json:"followups"`
	WeakAnswer    *WeakAnswer  `json:"weak_answer,omitempty"`
	Angles        []Angle      `json:"angles"`
	Levels        []Level      `json:"levels"`
	Quiz          []QuizItem   `json:"quiz"`
	// SpeakingSeconds is the sum of the steps' estimates.
	SpeakingSeconds int `json:"speakingSeconds"`
}

// Step is one STAR step, in story order.
type Step struct {
	Step            string   `json:"step"`
	Title           string   `json:"title"`
	Target          string   `json:"target"`
	TargetSeconds   int      `json:"targetSeconds"`
	Example         string   `json:"example,omitempty"`
	Phrases         []string `json:"phrases"`
	Coaching        string   `json:"coaching"`
	Mistake         string   `json:"mistake"`
	Words           int      `json:"words"`
	SpeakingSeconds int      `json:"speakingSeconds"`
	// PhraseSpans is where each key phrase is in the example, found with
	// the lint's matching (for the reflection step: in each reflection).
	PhraseSpans []export.PhraseMark `json:"phraseSpans"`
	// AnkiGUID is the GUID of the step's note in the Anki export, and
	// AnkiClozeGUID that of its cloze note (when a phrase is marked).
	AnkiGUID      string `json:"ankiGuid"`
	AnkiClozeGUID string `json:"ankiClozeGuid,omitempty"`
}

// Key, on every item of a list, is its identity (pack.ItemKey): its id, or
// a hash of its own text; never its position. Platforms keep a learner's
// history on it.

type Reflection struct {
	ID    string `json:"id,omitempty"`
	Key   string `json:"key"`
	Level string `json:"level"`
	Text  string `json:"text"`
	// PhraseSpans is where the reflection step's key phrases are in it.
	PhraseSpans []export.PhraseMark `json:"phraseSpans"`
}

type Followup struct {
	ID       string `json:"id,omitempty"`
	Key      string `json:"key"`
	AnkiGUID string `json:"ankiGuid"`
	Question string `json:"question"`
	Probes   string `json:"probes"`
	Weak     struct {
		Answer   string `json:"answer"`
		Critique string `json:"critique"`
	} `json:"weak"`
	Strong struct {
		Answer string `json:"answer"`
		Quote  string `json:"quote"`
	} `json:"strong"`
}

type WeakAnswer struct {
	Text     string   `json:"text"`
	Problems []string `json:"problems"`
	Verdict  string   `json:"verdict"`
	Checks   []Check  `json:"checks"`
}

// Check is a quick question about the weak answer.
type Check struct {
	ID          string   `json:"id,omitempty"`
	Key         string   `json:"key"`
	AnkiGUID    string   `json:"ankiGuid"`
	Question    string   `json:"question"`
	Options     []Option `json:"options"`
	Answer      string   `json:"answer"`
	AnswerText  string   `json:"answerText"`
	Explanation string   `json:"explanation"`
}

type Angle struct {
	ID        string `json:"id,omitempty"`
	Key       string `json:"key"`
	Principle string `json:"principle"`
	Lead      string `json:"lead"`
	Emphasize string `json:"emphasize"`
	Downplay  string `json:"downplay"`
}

type Level struct {
	ID                 string `json:"id,omitempty"`
	Key                string `json:"key"`
	Level              string `json:"level"`
	Guidance           string `json:"guidance"`
	Reflection         string `json:"reflection,omitempty"`
	Bar                string `json:"bar,omitempty"`
	Duration           string `json:"duration,omitempty"`
	DurationMinSeconds int    `json:"durationMinSeconds,omitempty"`
	DurationMaxSeconds int    `json:"durationMaxSeconds,omitempty"`
}

type Option struct {
	Letter string `json:"letter"`
	Text   string `json:"text"`
}

type QuizItem struct {
	ID         string   `json:"id,omitempty"`
	Key        string   `json:"key"`
	AnkiGUID   string   `json:"ankiGuid"`
	Question   string   `json:"question"`
	Difficulty string   `json:"difficulty"`
	Options    []Option `json:"options"`
	Answer     string   `json:"answer"`
	AnswerText string   `json:"answerText"`
	Solution   []string `json:"solution"`
	Hint       string   `json:"hint,omitempty"`
	Mistakes   []string `json:"mistakes"`
}

// IndexEntry describes one pack in packs.json.
type IndexEntry struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Category   string `json:"category"`
	Competency string `json:"competency"`
	File       string `json:"file,omitempty"`
	Counts     Counts `json:"counts"`
}

// Counts are the sizes of a pack's sections.
type Counts struct {
	Reflections int            `json:"reflections"`
	Followups   int            `json:"followups"`
	Angles      int            `json:"angles"`
	Levels      int            `json:"levels"`
	Quiz        int            `json:"quiz"`
	ByDiff      map[string]int `json:"quizByDifficulty"`
}

// Index is packs.json.
type Index struct {
	ExportVersion int          `json:"exportVersion"`
	Packs         []IndexEntry `json:"packs"`
}

// Bundle is bundle.json: every pack in one file.
type Bundle struct {
	ExportVersion int     `json:"exportVersion"`
	Packs         []*Pack `json:"packs"`
}

// Start implements export.Exporter. Each pack's file is written as the
// pack arrives; the index (or the bundle's closing bracket) at Finish.
func (Exporter) Start(opt export.Options, out export.Output) (export.Writer, error) {
	w := &writer{opt: opt, out: out, index: Index{ExportVersion: Version, Packs: []IndexEntry{}}}
	if opt.Bundle {
		f, err := out.Create("bundle.json")
		if err != nil {
			return nil, err
		}
		w.bundle = bufio.NewWriter(f)
		w.bundleFile = f
		fmt.Fprintf(w.bundle, "{\n  \"exportVersion\": %d,\n  \"packs\": [", Version)
	}
	return w, nil
}

type writer struct {
	opt        export.Options
	out        export.Output
	index      Index
	bundle     *bufio.Writer // bundle.json, written pack by pack
	bundleFile io.Closer
	bundled    int
}

// prepared is one pack, converted and encoded (Prepare runs on several
// packs at once; Add writes them in order).
type prepared struct {
	entry IndexEntry
	data  []byte
}

// Prepare implements export.Preparer: the conversion and the encoding.
func (w *writer) Prepare(src *export.Source) (any, error) {
	p := Convert(src.Pack, w.opt.WordsPerMinute)
	if w.opt.Bundle {
		// The same bytes encode(Bundle{...}) would give, one pack at a time.
		data, err := encodeIndented(p, "    ")
		return &prepared{data: data}, err
	}
	entry, data, err := packFile(src.Pack, p)
	return &prepared{entry: entry, data: data}, err
}

// packFile is a pack's file without --bundle, from its conversion c: its
// index entry, which names the file, and its bytes.
func packFile(pk *pack.Pack, c *Pack) (IndexEntry, []byte, error) {
	data, err := encode(c)
	entry := entryFor(pk)
	entry.File = entry.ID + ".json"
	return entry, data, err
}

func (w *writer) Add(src *export.Source) error {
	pr, err := export.PreparedOf[*prepared](w, src)
	if err != nil {
		return err
	}
	if w.bundle != nil {
		if w.bundled > 0 {
			w.bundle.WriteByte(',')
		}
		w.bundle.WriteString("\n    ")
		w.bundle.Write(pr.data)
		w.bundled++
		return nil
	}
	if err := w.out.WriteFile(pr.entry.File, pr.data); err != nil {
		return err
	}
	w.index.Packs = append(w.index.Packs, pr.entry)
	return nil
}

func (w *writer) Abort() {
	if w.bundleFile != nil {
		w.bundleFile.Close()
	}
}

func (w *writer) Finish() error {
	if w.bundle != nil {
		if w.bundled > 0 {
			w.bundle.WriteString("\n  ")
		}
		w.bundle.WriteString("]\n}\n")
		err := w.bundle.Flush()
		if cerr := w.bundleFile.Close(); err == nil {
			err = cerr
		}
		return err
	}
	data, err := encode(w.index)
	if err != nil {
		return err
	}
	return w.out.WriteFile("packs.json", data)
}

// encode writes v as indented JSON with a final newline. HTML escaping is
// off: consumers get the text as written; HTML escaping is theirs to do.
func encode(v any) ([]byte, error) { return jsonfmt.Marshal(v, "", "  ", false) }

// encodeIndented is encode with every line after the first starting with
// prefix, and without the final newline (for a pack inside the bundle).
func encodeIndented(v any, prefix string) ([]byte, error) {
	b, err := jsonfmt.Marshal(v, prefix, "  ", false)
	return bytes.TrimSuffix(b, []byte("\n")), err
}

func entryFor(p *pack.Pack) IndexEntry {
	c := Counts{Reflections: len(p.Reflections), Followups: len(p.Followups), Angles: len(p.Angles),
		Levels: len(p.Levels), Quiz: len(p.Quiz), ByDiff: map[string]int{"easy": 0, "medium": 0, "hard": 0}}
	// The index outlives the pack: copies, so it does not keep the pack's
	// whole file text alive (the model's strings share it). Even a map key
	// must be a copy: assigning to an existing string key stores the new one.
	for _, q := range p.Quiz {
		c.ByDiff[strings.Clone(q.Difficulty)]++
	}
	return IndexEntry{ID: strings.Clone(p.ID), Title: strings.Clone(p.Title), Category: strings.Clone(p.Category),
		Competency: strings.Clone(p.Competency), Counts: c}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Convert builds the export form of a pack.
func Convert(p *pack.Pack, wpm int) *Pack {
	out := &Pack{
		ExportVersion: Version, ID: p.ID, Title: p.Title, Category: p.Category, Competency: p.Competency,
		Level: p.Level, Tags: nonNil(p.Tags), Scenario: p.Scenario, Analysis: p.Analysis, Takeaways: nonNil(p.Takeaways),
		Star: []Step{}, Reflections: []Reflection{}, Followups: []Followup{}, Angles: []Angle{}, Levels: []Level{}, Quiz: []QuizItem{},
	}
	for _, name := range pack.StepNames {
		s := p.Star.Step(name)
		t := export.Timing(s, wpm)
		step := Step{Step: name, Title: export.StepTitles[name], Target: s.Target, TargetSeconds: t.TargetSeconds,
			Example: s.Example, Phrases: nonNil(s.Phrases), Coaching: s.Coaching, Mistake: s.Mistake, Words: t.Words, SpeakingSeconds: t.SpeakingSeconds,
			PhraseSpans: []export.PhraseMark{}, AnkiGUID: anki.ItemGUID(p.ID, anki.StepKey(name))}
		if name != "reflection" {
			step.PhraseSpans = export.PhraseMarks(s.Example, s.Phrases)
			if len(step.PhraseSpans) > 0 {
				step.AnkiClozeGUID = anki.ItemGUID(p.ID, anki.ClozeKey(name))
			}
		}
		out.Star = append(out.Star, step)
		out.SpeakingSeconds += t.SpeakingSeconds
	}
	for _, r := range p.Reflections {
		out.Reflections = append(out.Reflections, Reflection{ID: r.ID, Key: pack.ItemKey(r.ID, r.Level, r.Text), Level: r.Level, Text: r.Text,
			PhraseSpans: export.PhraseMarks(r.Text, p.Star.Reflection.Phrases)})
	}
	for _, f := range p.Followups {
		x := Followup{ID: f.ID, Key: pack.ItemKey(f.ID, f.Question), AnkiGUID: anki.ItemGUID(p.ID, anki.FollowupKey(&f))}
		x.Question, x.Probes = f.Question, f.Probes
		x.Weak.Answer, x.Weak.Critique = f.Weak.Answer, f.Weak.Critique
		x.Strong.Answer, x.Strong.Quote = f.Strong.Answer, f.Strong.Quote
		out.Followups = append(out.Followups, x)
	}
	if w := p.WeakAnswer; w != nil {
		out.WeakAnswer = &WeakAnswer{Text: w.Text, Problems: nonNil(w.Problems), Verdict: w.Verdict, Checks: []Check{}}
		for _, c := range w.Checks {
			x := Check{ID: c.ID, Key: pack.ItemKey(c.ID, c.Question), AnkiGUID: anki.ItemGUID(p.ID, anki.CheckKey(&c)), Question: c.Question, Options: []Option{}, Answer: c.Answer, Explanation: c.Explanation}
			for i, o := range c.Options {
				x.Options = append(x.Options, Option{Letter: pack.OptionLetter(i), Text: o})
			}
			if i := c.AnswerIndex(); i >= 0 {
				x.AnswerText = c.Options[i]
			}
			out.WeakAnswer.Checks = append(out.WeakAnswer.Checks, x)
		}
	}
	for _, a := range p.Angles {
		out.Angles = append(out.Angles, Angle{ID: a.ID, Key: pack.ItemKey(a.ID, a.Principle), Principle: a.Principle, Lead: a.Lead, Emphasize: a.Emphasize, Downplay: a.Downplay})
	}
	for _, l := range p.Levels {
		lo, hi, _ := prose.ParseDurationRange(l.Duration)
		out.Levels = append(out.Levels, Level{ID: l.ID, Key: pack.ItemKey(l.ID, l.Level), Level: l.Level, Guidance: l.Guidance, Reflection: l.Reflection, Bar: l.Bar,
			Duration: l.Duration, DurationMinSeconds: lo, DurationMaxSeconds: hi})
	}
	for _, q := range p.Quiz {
		item := QuizItem{ID: q.ID, Key: pack.ItemKey(q.ID, q.Question), AnkiGUID: anki.ItemGUID(p.ID, anki.QuizKey(&q)), Question: q.Question, Difficulty: q.Difficulty, Options: []Option{}, Answer: q.Answer,
			AnswerText: export.AnswerText(&q), Solution: nonNil(q.Solution), Hint: q.Hint, Mistakes: nonNil(q.Mistakes)}
		for i, o := range q.Options {
			item.Options = append(item.Options, Option{Letter: pack.OptionLetter(i), Text: o})
		}
		out.Quiz = append(out.Quiz, item)
	}
	return out
}
