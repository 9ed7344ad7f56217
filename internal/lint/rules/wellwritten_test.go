package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
)

// TestWellWrittenPacksAreClean lints internal/testdata/well-written, packs
// by different imagined authors in every style, with every rule at its
// default, as one workspace (so the cross-pack rules judge them too): a
// warning or an error there is a false alarm. It also checks that the
// corpus keeps covering the styles it is there for.
func TestWellWrittenPacksAreClean(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "well-written")
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) < 12 {
		t.Fatalf("want at least 12 well-written packs in %s, have %d", dir, len(paths))
	}
	styles := map[string]*regexp.Regexp{
		"folded":           regexp.MustCompile(`(?m): >-?$`),
		"literal":          regexp.MustCompile(`(?m): \|-?$`),
		"double-quoted":    regexp.MustCompile(`(?m)^\s+example: "`),
		"single-quoted":    regexp.MustCompile(`(?m)^\s+example: '`),
		"flow mapping":     regexp.MustCompile(`(?m)^\s+(situation|- ): ?\{|^\s+- \{`),
		"CRLF":             regexp.MustCompile("\r\n"),
		"curly quotes":     regexp.MustCompile("[’“”]"),
		"abbreviations":    regexp.MustCompile(`\b(e\.g\.|i\.e\.|p\.m\.|a\.m\.|Dr\.|U\.S\.)`),
		"non-ASCII":        regexp.MustCompile(`[ÀØøÅåÖöÄäÜüßéëè]`),
		"multi-line plain": regexp.MustCompile(`(?m)^\s+example: [^>|"'{\n].*\n\s{6,}[a-z]`),
	}
	var all [][]byte
	inputs := make([]lint.Input, len(paths))
	for i, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, src)
		inputs[i] = lint.Input{Path: p}
	}
	joined := bytes.Join(all, nil)
	for name, re := range styles {
		if !re.Match(joined) {
			t.Errorf("no well-written pack is written with %s", name)
		}
	}
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := l.Run(inputs, lint.RunOptions{})
	if res.Files != len(paths) || len(res.Failures) > 0 {
		t.Fatalf("linted %d of %d files, failures %v", res.Files, len(paths), res.Failures)
	}
	for _, d := range res.Diagnostics {
		if d.Severity >= lint.Warning {
			t.Errorf("false alarm: %s:%d:%d: %s: %s [%s]", filepath.Base(d.File), d.Pos.Line, d.Pos.Col, d.Severity, d.Message, d.Rule)
		}
	}
}
