// Package ruledoc renders the rule reference (docs/rules.md and the table in
// README.md) from the rule registry, so the docs cannot drift from the code.
package ruledoc

import (
	"fmt"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
)

// Table is the README's rule table.
func Table(rules []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("| rule | default | fixable | checks that |\n|---|---|---|---|\n")
	for _, r := range rules {
		fix := ""
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [`%s`](docs/rules.md#%s) | %s | %s | %s |\n", r.Name, r.Name, r.Default, fix, escapeCell(r.Summary))
	}
	return b.String()
}

// Reference is docs/rules.md.
func Reference(rules []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("# Rule reference\n\n")
	b.WriteString("Generated from the rule registry by `go test ./internal/ruledoc -update`; do not edit by hand.\n")
	b.WriteString("`starlint explain RULE` prints the same text. Rule names are stable public API.\n\n")
	b.WriteString("Severities: `error` fails `starlint lint`; `warning` is reported and fails only past\n`--max-warnings N`; `info` is reported; `off` disables. See [configuration](config.md).\n\n")
	b.WriteString("One finding per mistake: a value the schema rejects (`difficulty: Easy`) or a placeholder\n(`TODO`) gets its own finding only, not also the findings of rules that judge that value (the\nquiz's difficulty mix, a metric in a Result still to be written). A file that has none of a\npack's keys (a `docker-compose.yml` in a linted folder) gets one finding saying so.\n\n")
	for _, r := range rules {
		b.WriteString(Section(r, 2))
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// Section is one rule's documentation in Markdown, under a heading of the
// given level: docs/rules.md joins them, and the language server shows one
// on hover.
func Section(r *lint.Rule, level int) string {
	var b strings.Builder
	fix := ""
	if r.Fixable {
		fix = ", fixable with `starlint lint --fix`"
	}
	fmt.Fprintf(&b, "%s %s\n\nDefault severity: **%s**%s.\n\n%s.\n\n%s\n", strings.Repeat("#", level), r.Name, r.Default, fix, upperFirst(r.Summary), strings.TrimSpace(r.Doc))
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nBad:\n\n```yaml\n%s\n```\n\nGood:\n\n```yaml\n%s\n```\n", r.Bad, r.Good)
	}
	if opts := r.OptionDocs(); len(opts) > 0 {
		b.WriteString("\nOptions:\n\n| option | type | default | meaning |\n|---|---|---|---|\n")
		for _, o := range opts {
			fmt.Fprintf(&b, "| `%s` | %s | `%v` | %s |\n", o.Name, o.Type, showDefault(o.Default), escapeCell(o.Doc))
		}
	}
	return b.String()
}

// DocsURL is where a rule's documentation is published.
func DocsURL(r *lint.Rule) string {
	return "https://github.com/starlint-dev/starlint/blob/main/docs/rules.md#" + r.Name
}

func showDefault(v any) string {
	if s, ok := v.([]string); ok {
		if len(s) == 0 {
			return "[]"
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	return fmt.Sprint(v)
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// OptionsTable lists every rule option, for docs/config.md.
func OptionsTable(rules []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("| rule | option | type | default | meaning |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		for _, o := range r.OptionDocs() {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | `%s` | %s |\n", r.Name, o.Name, o.Type, showDefault(o.Default), escapeCell(o.Doc))
		}
	}
	return b.String()
}

// Markers delimit generated tables in hand-written documents.
const (
	TableStart   = "<!-- rules:start (generated from the registry; go test ./internal/ruledoc -update) -->"
	TableEnd     = "<!-- rules:end -->"
	OptionsStart = "<!-- options:start (generated from the registry; go test ./internal/ruledoc -update) -->"
	OptionsEnd   = "<!-- options:end -->"
)

// Replace puts generated text between the start and end markers of doc.
func Replace(doc, start, end, generated string) (string, error) {
	i := strings.Index(doc, start)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("markers %q and %q not found", start, end)
	}
	return doc[:i+len(start)] + "\n" + generated + doc[j:], nil
}
