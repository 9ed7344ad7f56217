// Package report writes lint results in the formats starlint offers: text
// for people, JSON for programs, SARIF for code scanning and GitHub Actions
// workflow commands for pull-request annotations. Reporters only format:
// they never choose the exit code or touch os.Stdout.
package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/starlint-dev/starlint/internal/lint"
)

// Run is what a reporter formats.
type Run struct {
	Files       int
	Unreadable  int               // paths that could not be read, reported on stderr
	Diagnostics []lint.Diagnostic // sorted
	Rules       []*lint.Rule      // the registry, for SARIF rule descriptors
	Version     string            // starlint's version
}

// Options tunes the text reporter.
type Options struct {
	Color bool
}

// Formats lists the output formats by name.
var Formats = []string{"text", "json", "sarif", "github"}

// Write formats run in the named format.
func Write(w io.Writer, format string, run Run, opt Options) error {
	switch format {
	case "text":
		return Text(w, run, opt)
	case "json":
		return JSON(w, run)
	case "sarif":
		return SARIF(w, run)
	case "github":
		return GitHub(w, run)
	}
	return fmt.Errorf("unknown format %q: use one of text, json, sarif, github", format)
}

// sortedRules returns the rules sorted by name.
func sortedRules(rules []*lint.Rule) []*lint.Rule {
	out := append([]*lint.Rule(nil), rules...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
