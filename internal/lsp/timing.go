package lsp

import (
	"fmt"

	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/prose"
	"github.com/starlint-dev/starlint/internal/stats"
)

// stepTiming is the speaking time of one STAR step, placed at the end of
// the step's key line.
type stepTiming struct {
	at    Position
	label string
	over  bool
}

// timings computes "about 20s of 30s" for each STAR step that has an
// example and a target, at the configured words per minute.
func (s *Server) timings(uri string) []stepTiming {
	d := s.doc(uri)
	if d == nil || !d.pack {
		return nil
	}
	f := s.engine.File(d.path)
	if f == nil || f.Root == nil || string(f.Src) != string(d.text) {
		return nil
	}
	wpm := 150
	s.mu.Lock()
	if s.config != nil {
		if o, ok := s.config.Setting(rules.TargetTime).Options.(*rules.TargetTimeOptions); ok && o.WordsPerMinute > 0 {
			wpm = o.WordsPerMinute
		}
	}
	s.mu.Unlock()
	m := newMapper(d.text, s.utf8)
	st := stats.Compute(d.path, f.Pack, wpm)
	var out []stepTiming
	for _, step := range st.Steps {
		if step.Words == 0 || step.TargetSeconds == 0 {
			continue
		}
		key, _, ok := f.Node("/star/" + step.Step)
		if !ok || key == nil {
			continue
		}
		end := f.NodeStart(key)
		for end < len(f.Src) && f.Src[end] != '\n' && f.Src[end] != '\r' {
			end++
		}
		label := fmt.Sprintf("about %s of %s", prose.FormatSeconds(step.Seconds), prose.FormatSeconds(step.TargetSeconds))
		if step.Over {
			label += ": over the target"
		}
		out = append(out, stepTiming{at: m.position(end), label: label, over: step.Over})
	}
	return out
}

func (s *Server) inlayHints(uri string) []InlayHint {
	out := []InlayHint{}
	for _, t := range s.timings(uri) {
		out = append(out, InlayHint{Position: t.at, Label: t.label, PaddingLeft: true, Tooltip: "speaking time of this STAR step against its target"})
	}
	return out
}

// codeLenses carry the same speaking times for clients without inlay hints.
func (s *Server) codeLenses(uri string) []CodeLens {
	out := []CodeLens{}
	for _, t := range s.timings(uri) {
		line := Position{Line: t.at.Line}
		out = append(out, CodeLens{Range: Range{Start: line, End: line}, Command: &Command{Title: t.label, Command: ""}})
	}
	return out
}
