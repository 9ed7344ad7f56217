package lsp

import (
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/ruledoc"
)

// toProtocol converts one finding: its span becomes the range, its rule the
// code, with a link to the rule's documentation (a team rule's own link).
func toProtocol(m *mapper, d lint.Diagnostic, rule *lint.Rule) Diagnostic {
	out := Diagnostic{
		Range:    m.rangeOf(d.Span.Start, d.Span.End),
		Severity: severity(d.Severity),
		Code:     d.Rule,
		Source:   "starlint",
		Message:  d.Message,
	}
	switch {
	case rule == nil:
	case rule.Kind != "" && rule.Link != "":
		out.CodeDescription = &CodeDescription{Href: rule.Link}
	case rule.Kind == "":
		out.CodeDescription = &CodeDescription{Href: ruledoc.DocsURL(rule)}
	}
	return out
}

func severity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return SeverityError
	case lint.Warning:
		return SeverityWarning
	}
	return SeverityInformation
}

// overlaps reports whether two ranges share a position; an empty range
// (a cursor) overlaps the ranges it touches.
func overlaps(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(a, b Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

func contains(r Range, p Position) bool {
	return !before(p, r.Start) && !before(r.End, p)
}
