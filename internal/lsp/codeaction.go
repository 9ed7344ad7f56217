package lsp

import (
	"slices"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

const fixAllKind = "source.fixAll.starlint"

// codeActions offers, for the findings in the range: each suggested fix as
// a quickfix, "disable RULE for this key", and one fix-all action.
func (s *Server) codeActions(p CodeActionParams) []CodeAction {
	d := s.doc(p.TextDocument.URI)
	if d == nil || !d.pack {
		return []CodeAction{}
	}
	f := s.engine.File(d.path)
	if f == nil || string(f.Src) != string(d.text) {
		return []CodeAction{}
	}
	m := newMapper(d.text, s.utf8)
	diags := s.engine.Diagnostics(d.path)
	linter := s.engine.Linter()
	want := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		return slices.ContainsFunc(p.Context.Only, func(k string) bool { return kind == k || strings.HasPrefix(kind, k+".") })
	}
	actions := []CodeAction{}
	disabled := map[string]bool{}
	for _, ld := range diags {
		pd := toProtocol(m, ld, linter.Rule(ld.Rule))
		if !overlaps(pd.Range, p.Range) {
			continue
		}
		if ld.Fix != nil && want("quickfix") {
			actions = append(actions, CodeAction{
				Title:       ld.Fix.Message,
				Kind:        "quickfix",
				Diagnostics: []Diagnostic{pd},
				IsPreferred: true,
				Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: textEdits(m, ld.Fix.Edits)}},
			})
		}
		if ld.Pointer == "" || ld.Rule == lint.RuleYAML || disabled[ld.Rule+ld.Pointer] || !want("quickfix") {
			continue
		}
		if edit, ok := disableEdit(f, m, ld); ok {
			disabled[ld.Rule+ld.Pointer] = true
			actions = append(actions, CodeAction{
				Title:       "Disable " + ld.Rule + " for this key",
				Kind:        "quickfix",
				Diagnostics: []Diagnostic{pd},
				Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {edit}}},
			})
		}
	}
	if want(fixAllKind) {
		if edit, n := fixAll(d.text, diags, m); n > 0 {
			actions = append(actions, CodeAction{
				Title: "Fix all starlint problems",
				Kind:  fixAllKind,
				Edit:  &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {edit}}},
			})
		}
	}
	return actions
}

func textEdits(m *mapper, edits []lint.TextEdit) []TextEdit {
	out := make([]TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, TextEdit{Range: m.rangeOf(e.Start, e.End), NewText: e.NewText})
	}
	return out
}

// disableEdit inserts `# starlint-disable RULE` on its own line above the
// key the finding is about, at the key's indentation.
func disableEdit(f *pack.File, m *mapper, d lint.Diagnostic) (TextEdit, bool) {
	key, value, _ := pack.Lookup(f.Root, d.Pointer)
	n := key
	if n == nil {
		n = value
	}
	if n == nil || n == f.Root || n.Line < 1 {
		return TextEdit{}, false
	}
	line := n.Line - 1
	if line >= len(m.starts) {
		return TextEdit{}, false
	}
	start := m.starts[line]
	indent := start
	for indent < len(m.text) && m.text[indent] == ' ' {
		indent++
	}
	// at the key's indentation; on a list item's line, aligned with its dash
	pad := string(m.text[start:indent])
	pos := Position{Line: line, Character: 0}
	return TextEdit{Range: Range{Start: pos, End: pos}, NewText: pad + "# starlint-disable " + d.Rule + "\n"}, true
}

// fixAll applies every non-overlapping fix, as `starlint lint --fix` does,
// as one edit of the whole document.
func fixAll(text []byte, diags []lint.Diagnostic, m *mapper) (TextEdit, int) {
	out, n := lint.ApplyFixes(text, diags)
	if n == 0 {
		return TextEdit{}, 0
	}
	if after := pack.Load("fixed.yaml", out); after.Root == nil || len(after.Problems) > 0 {
		return TextEdit{}, 0 // never hand the editor a broken file
	}
	return TextEdit{Range: m.rangeOf(0, len(text)), NewText: string(out)}, n
}
