// Package linttest runs a rule over fixture packs and checks its
// diagnostics against expectations written in the fixtures, in the manner of
// golang.org/x/tools/go/analysis/analysistest:
//
//	# want `regexp`               a diagnostic on this line
//	# want +1 `regexp` `regexp`   two diagnostics on the next line
//
// Inside a block scalar a '#' is text, so the expectation goes above the key
// with +N. Both unexpected diagnostics and unmet expectations fail the test.
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
	line int
	re   *regexp.Regexp
	met  bool
}

var wantRE = regexp.MustCompile("#\\s*want(?:\\s+\\+(\\d+))?((?:\\s+(?:`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\"))+)\\s*$")
var patternRE = regexp.MustCompile("`([^`]*)`|\"((?:[^\"\\\\]|\\\\.)*)\"")

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
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	l, err := lint.New(rules, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	var results []Result
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f := pack.Load(path, src)
		diags, ref := l.LintFile(f)
		if ref != nil {
			diags = append(diags, l.RunSet([]lint.PackRef{*ref})...)
		}
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
			expr := p[1]
			if p[1] == "" && p[2] != "" {
				expr, _ = strconv.Unquote(`"` + p[2] + `"`)
			}
			re, err := regexp.Compile(expr)
			if err != nil {
				t.Fatalf("%s:%d: bad expectation %q: %v", path, i+1, expr, err)
			}
			wants = append(wants, &expectation{line: i + 1 + offset, re: re})
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
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected diagnostic [%s]: %s", path, d.Pos.Line, d.Pos.Col, d.Rule, d.Message)
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: no diagnostic matching %q", path, w.line, w.re)
		}
	}
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
