// Package linttest runs a rule over fixture packs and checks its
// diagnostics against expectations written in the fixtures, in the manner of
// golang.org/x/tools/go/analysis/analysistest:
//
//	# want @5-9 `regexp`                 a diagnostic on this line, columns 5 to 9
//	# want +1 @3-5 `re` @12-+2:4 `re`    two on the next line; the second ends
//	                                     two lines further down, at column 4
//
// Every expectation pins the finding's span: its start column and its end
// column (just past the text, in characters), with +N: when the span ends
// N lines below its start. Inside a block scalar a '#' is text, so the
// expectation goes above the key with +N. Both unexpected diagnostics and unmet expectations fail the test.
// When fixture.yaml.golden exists, the rule's fixes applied to fixture.yaml
// must give exactly that file.
package linttest

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

var update = flag.Bool("update", false, "rewrite .golden files with the fixed output")

type expectation struct {
	line    int
	col     int // 0 when the expectation gives no span (an error)
	endLine int
	endCol  int
	re      *regexp.Regexp
	met     bool
}

var wantRE = regexp.MustCompile("#\\s*want(?:\\s+\\+(\\d+))?((?:\\s+(?:@\\d+-(?:\\+\\d+:)?\\d+\\s+)?(?:`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\"))+)\\s*$")
var patternRE = regexp.MustCompile("(?:@(\\d+)-(?:\\+(\\d+):)?(\\d+)\\s+)?(?:`([^`]*)`|\"((?:[^\"\\\\]|\\\\.)*)\")")

// Result is what Run found in one fixture, for further checks.
type Result struct {
	File        string
	Diagnostics []lint.Diagnostic
	Wants       int
}

// Run lints every *.yaml file in dir with the given rules and checks the
// expectations. It returns one Result per file.
func Run(t *testing.T, dir string, rules ...*lint.Rule) []Result {
	t.Helper()
	return RunWithConfig(t, dir, nil, rules...)
}

// RunWithConfig is Run with a configuration (rule options, severities).
func RunWithConfig(t *testing.T, dir string, cfg *lint.Config, rules ...*lint.Rule) []Result {
	t.Helper()
	return runDir(t, dir, cfg, rules, false)
}

// RunWorkspace is RunWithConfig with every fixture of dir in one
// workspace, for rules that look across packs: each fixture's
// expectations include the findings the others cause in it.
func RunWorkspace(t *testing.T, dir string, cfg *lint.Config, rules ...*lint.Rule) []Result {
	t.Helper()
	return runDir(t, dir, cfg, rules, true)
}

func runDir(t *testing.T, dir string, cfg *lint.Config, rules []*lint.Rule, shared bool) []Result {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	l, err := lint.New(lint.WithTeam(rules, cfg), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return runFixtures(t, l, paths, shared)
}

func runFixtures(t *testing.T, l *lint.Linter, paths []string, shared bool) []Result {
	t.Helper()
	srcs := make([][]byte, len(paths))
	workspace := lint.NewEngine(l, false)
	for i, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		srcs[i] = src
		if shared {
			workspace.Update(path, src)
		}
	}
	var results []Result
	for i, path := range paths {
		src := srcs[i]
		engine := workspace
		if !shared {
			// Each fixture is a workspace of its own, as an editor sees
			// one open pack: the same engine every driver runs.
			engine = lint.NewEngine(l, false)
			engine.Update(path, src)
		}
		diags := engine.Diagnostics(path)
		wants := parseWants(t, path, src)
		check(t, path, diags, wants)
		checkGolden(t, path, src, diags)
		results = append(results, Result{File: path, Diagnostics: diags, Wants: len(wants)})
	}
	return results
}

func parseWants(t *testing.T, path string, src []byte) []*expectation {
	var wants []*expectation
	for i, line := range strings.Split(string(src), "\n") {
		m := wantRE.FindStringSubmatch(line)
		if m == nil {
			if strings.Contains(line, "# want") {
				t.Errorf("%s:%d: malformed expectation: %s", path, i+1, line)
			}
			continue
		}
		offset := 0
		if m[1] != "" {
			offset, _ = strconv.Atoi(m[1])
		}
		for _, p := range patternRE.FindAllStringSubmatch(m[2], -1) {
			expr := p[4]
			if p[4] == "" && p[5] != "" {
				expr, _ = strconv.Unquote(`"` + p[5] + `"`)
			}
			re, err := regexp.Compile(expr)
			if err != nil {
				t.Fatalf("%s:%d: bad expectation %q: %v", path, i+1, expr, err)
			}
			w := &expectation{line: i + 1 + offset, re: re}
			if p[1] == "" {
				t.Errorf("%s:%d: expectation %q gives no span: write @COL-ENDCOL before it", path, i+1, expr)
			} else {
				w.col, _ = strconv.Atoi(p[1])
				w.endCol, _ = strconv.Atoi(p[3])
				down, _ := strconv.Atoi(p[2])
				w.endLine = w.line + down
			}
			wants = append(wants, w)
		}
	}
	return wants
}

func check(t *testing.T, path string, diags []lint.Diagnostic, wants []*expectation) {
	t.Helper()
	for _, d := range diags {
		matched := false
		for _, w := range wants {
			if !w.met && w.line == d.Pos.Line && w.re.MatchString(d.Message) {
				w.met, matched = true, true
				if w.col != 0 && (w.col != d.Pos.Col || w.endLine != d.End.Line || w.endCol != d.End.Col) {
					t.Errorf("%s:%d: diagnostic %q spans %s, want %s", path, w.line, d.Message, spanText(d.Pos, d.End), spanText(pack.Pos{Line: w.line, Col: w.col}, pack.Pos{Line: w.endLine, Col: w.endCol}))
				}
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected diagnostic [%s] %s: %s", path, d.Pos.Line, d.Pos.Col, d.Rule, spanText(d.Pos, d.End), d.Message)
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: no diagnostic matching %q", path, w.line, w.re)
		}
	}
}

// spanText writes a span as an expectation does: @COL-ENDCOL, or
// @COL-+N:ENDCOL when it ends N lines further down.
func spanText(start, end pack.Pos) string {
	if end.Line == start.Line {
		return "@" + strconv.Itoa(start.Col) + "-" + strconv.Itoa(end.Col)
	}
	return "@" + strconv.Itoa(start.Col) + "-+" + strconv.Itoa(end.Line-start.Line) + ":" + strconv.Itoa(end.Col)
}

func checkGolden(t *testing.T, path string, src []byte, diags []lint.Diagnostic) {
	t.Helper()
	golden := path + ".golden"
	fixed, _ := lint.ApplyFixes(src, diags)
	if *update {
		hasFix := false
		for _, d := range diags {
			hasFix = hasFix || d.Fix != nil
		}
		if hasFix {
			if err := os.WriteFile(golden, fixed, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want, err := os.ReadFile(golden)
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(fixed) != string(want) {
		t.Errorf("%s: fixed output differs from %s:\n got:\n%s\nwant:\n%s", path, golden, fixed, want)
	}
}
