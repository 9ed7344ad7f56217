// Package report writes lint results in the formats starlint offers: text
// for people, JSON for programs, SARIF for code scanning and GitHub Actions
// workflow commands for pull-request annotations. Reporters only format:
// they never choose the exit code or touch os.Stdout.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
)

// Run is what a reporter formats.
type Run struct {
	Files       int
	Unreadable  int               // paths that could not be read, reported on stderr
	Diagnostics []lint.Diagnostic // sorted
	Rules       []*lint.Rule      // the registry, for SARIF rule descriptors
	Version     string            // starlint's version
	// HiddenWarnings and HiddenInfos count what --quiet left out, so the
	// summary does not say "no problems" when there are some.
	HiddenWarnings, HiddenInfos int
	HiddenBecause               string // why: "--quiet" by default
}

// Options tunes the text reporter.
type Options struct {
	Color bool
}

// Format is one output format: adding one is a file with its writer and a
// line in formats.
type Format struct {
	Name    string
	Summary string
	Write   func(w io.Writer, run Run, opt Options) error
}

// formats is the registry of output formats, in the order help lists them.
var formats = []Format{
	{"text", "file:line:col: severity: message [rule], the source line underlined", Text},
	{"json", "one JSON document (docs/output.md)", func(w io.Writer, run Run, _ Options) error { return JSON(w, run) }},
	{"sarif", "SARIF 2.1.0, for code scanning", func(w io.Writer, run Run, _ Options) error { return SARIF(w, run) }},
	{"github", "GitHub Actions workflow commands that annotate pull requests", func(w io.Writer, run Run, _ Options) error { return GitHub(w, run) }},
}

// Formats lists the output formats by name.
var Formats = func() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}()

// Lookup finds a format by name.
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// UnknownFormat is the error for a format name that is not registered.
func UnknownFormat(name string) error {
	return fmt.Errorf("unknown format %q: use one of %s", name, strings.Join(Formats, ", "))
}

// Write formats run in the named format.
func Write(w io.Writer, format string, run Run, opt Options) error {
	f, ok := Lookup(format)
	if !ok {
		return UnknownFormat(format)
	}
	return f.Write(w, run, opt)
}

// sortedRules returns the rules sorted by name.
func sortedRules(rules []*lint.Rule) []*lint.Rule {
	out := append([]*lint.Rule(nil), rules...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
