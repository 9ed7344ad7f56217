package report

import (
	"io"

	"github.com/starlint-dev/starlint/internal/jsonfmt"
	"github.com/starlint-dev/starlint/internal/lint"
)

// jsonReport is the documented, stable shape of `--format json`
// (docs/output.md). Fields are only ever added.
type jsonReport struct {
	Version     int              `json:"version"`
	Files       int              `json:"files"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     jsonSummary      `json:"summary"`
}

type jsonDiagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	EndLine  int      `json:"endLine"`
	EndCol   int      `json:"endColumn"`
	Pointer  string   `json:"pointer"`
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Fix      *jsonFix `json:"fix,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

type jsonSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// JSON writes the run as one JSON document.
func JSON(w io.Writer, run Run) error {
	out := jsonReport{Version: 1, Files: run.Files, Diagnostics: []jsonDiagnostic{}}
	for _, d := range run.Diagnostics {
		jd := jsonDiagnostic{File: d.File, Line: d.Pos.Line, Column: d.Pos.Col,
			EndLine: d.End.Line, EndCol: d.End.Col, Pointer: d.Pointer,
			Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message}
		if d.Fix != nil {
			jd.Fix = &jsonFix{Message: d.Fix.Message}
			for _, e := range d.Fix.Edits {
				jd.Fix.Edits = append(jd.Fix.Edits, jsonEdit{Start: e.Start, End: e.End, NewText: e.NewText})
			}
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	out.Summary.Errors, out.Summary.Warnings, out.Summary.Infos = lint.Count(run.Diagnostics)
	return jsonfmt.Encode(w, out, "", "  ", true)
}
