// Package stats computes what a writer needs to balance a story: words and
// speaking time per STAR step against its target, the total against each
// level's duration, and the size of every section.
package stats

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
	"github.com/starlint-dev/starlint/internal/report"
)

// Pack is the statistics of one pack.
type Pack struct {
	File           string         `json:"file"`
	ID             string         `json:"id"`
	Title          string         `json:"title"`
	Steps          []Step         `json:"steps"`
	Words          int            `json:"words"`
	Seconds        int            `json:"seconds"`
	TargetSeconds  int            `json:"targetSeconds"`
	Levels         []Level        `json:"levels"`
	Followups      int            `json:"followups"`
	Angles         int            `json:"angles"`
	Reflections    int            `json:"reflections"`
	Quiz           int            `json:"quiz"`
	QuizDifficulty map[string]int `json:"quizByDifficulty"`
}

// Step is one STAR step's length.
type Step struct {
	Step          string `json:"step"`
	Words         int    `json:"words"`
	Seconds       int    `json:"seconds"`
	Target        string `json:"target"`
	TargetSeconds int    `json:"targetSeconds"`
	Over          bool   `json:"over"`
}

// Level compares the story's total speaking time with a level's duration.
type Level struct {
	Level      string `json:"level"`
	Duration   string `json:"duration,omitempty"`
	MinSeconds int    `json:"minSeconds,omitempty"`
	MaxSeconds int    `json:"maxSeconds,omitempty"`
	// Verdict is "fits", "short" or "over" (or "" without a duration).
	Verdict string `json:"verdict,omitempty"`
	// By is how many seconds short or over.
	By int `json:"by,omitempty"`
}

// Compute returns a pack's statistics at wpm words per minute.
func Compute(file string, p *pack.Pack, wpm int) Pack {
	// Statistics outlive their pack (a run prints them all at the end), so
	// they hold copies: the model's strings share the whole file's text.
	// Map keys too, as assigning to an existing key stores the new string.
	s := Pack{File: file, ID: strings.Clone(p.ID), Title: strings.Clone(p.Title), Followups: len(p.Followups), Angles: len(p.Angles),
		Reflections: len(p.Reflections), Quiz: len(p.Quiz), QuizDifficulty: map[string]int{"easy": 0, "medium": 0, "hard": 0}}
	for _, name := range pack.StepNames {
		st := p.Star.Step(name)
		t := export.Timing(st, wpm)
		s.Steps = append(s.Steps, Step{Step: name, Words: t.Words, Seconds: t.SpeakingSeconds, Target: strings.Clone(st.Target), TargetSeconds: t.TargetSeconds, Over: t.Over})
		s.Words += t.Words
		s.Seconds += t.SpeakingSeconds
		s.TargetSeconds += t.TargetSeconds
	}
	for _, l := range p.Levels {
		lv := Level{Level: strings.Clone(l.Level), Duration: strings.Clone(l.Duration)}
		if lo, hi, ok := prose.ParseDurationRange(l.Duration); ok {
			lv.MinSeconds, lv.MaxSeconds = lo, hi
			switch {
			case s.Seconds > hi:
				lv.Verdict, lv.By = "over", s.Seconds-hi
			case s.Seconds < lo:
				lv.Verdict, lv.By = "short", lo-s.Seconds
			default:
				lv.Verdict = "fits"
			}
		}
		s.Levels = append(s.Levels, lv)
	}
	for _, q := range p.Quiz {
		s.QuizDifficulty[strings.Clone(q.Difficulty)]++
	}
	return s
}

// Text writes the statistics as a table per pack. The file name and the
// pack's own words (title, targets, levels) are written escaped
// (report.EscapeControls): a terminal shows them, never obeys them.
func Text(w io.Writer, packs []Pack) error {
	esc := report.EscapeControls
	for i, s := range packs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s: %s\n", esc(s.File), esc(s.Title))
		var table bytes.Buffer
		tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  step\twords\tsays\ttarget\t\t")
		for _, st := range s.Steps {
			words, says := fmt.Sprint(st.Words), prose.FormatSeconds(st.Seconds)
			if st.Words == 0 {
				words, says = "-", "-"
			}
			over := ""
			if st.Over {
				over = fmt.Sprintf("OVER by %s", prose.FormatSeconds(st.Seconds-st.TargetSeconds))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t\n", esc(st.Step), words, says, esc(st.Target), over)
		}
		fmt.Fprintf(tw, "  total\t%d\t%s\t%s\t\t\n", s.Words, prose.FormatSeconds(s.Seconds), prose.FormatSeconds(s.TargetSeconds))
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, l := range strings.SplitAfter(table.String(), "\n") {
			if l != "" {
				fmt.Fprintln(w, strings.TrimRight(l, " \n"))
			}
		}
		var levels []string
		for _, l := range s.Levels {
			switch l.Verdict {
			case "":
				levels = append(levels, esc(l.Level)+" (no duration)")
			case "fits":
				levels = append(levels, fmt.Sprintf("%s %s: fits", esc(l.Level), esc(l.Duration)))
			default:
				levels = append(levels, fmt.Sprintf("%s %s: %s by %s", esc(l.Level), esc(l.Duration), l.Verdict, prose.FormatSeconds(l.By)))
			}
		}
		if len(levels) > 0 {
			fmt.Fprintf(w, "  levels: %s\n", strings.Join(levels, "; "))
		}
		fmt.Fprintf(w, "  follow-ups %d · angles %d · reflections %d · quiz %d (easy %d, medium %d, hard %d)\n",
			s.Followups, s.Angles, s.Reflections, s.Quiz, s.QuizDifficulty["easy"], s.QuizDifficulty["medium"], s.QuizDifficulty["hard"])
	}
	return nil
}
