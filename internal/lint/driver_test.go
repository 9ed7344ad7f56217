package lint_test

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
)

func memInput(path, src string) lint.Input {
	return lint.Input{Path: path, Load: func() (*pack.File, error) { return pack.Load(path, []byte(src)), nil }}
}

func newLinter(t *testing.T, only ...string) *lint.Linter {
	t.Helper()
	l, err := lint.New(rules.All(), nil, only)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestExamplePackHasNoErrors(t *testing.T) {
	res := newLinter(t).Run([]lint.Input{{Path: "../testdata/packs/failed-to-deliver.yaml"}}, lint.RunOptions{})
	if len(res.Failures) > 0 {
		t.Fatal(res.Failures)
	}
	for _, d := range res.Diagnostics {
		if d.Severity == lint.Error {
			t.Errorf("%s:%d:%d: %s [%s]", d.File, d.Pos.Line, d.Pos.Col, d.Message, d.Rule)
		}
	}
}

// TestDeterministic lints the same set with 1 and 8 workers: the output
// must be identical whatever the scheduling.
func TestDeterministic(t *testing.T) {
	src, err := os.ReadFile("../testdata/packs/failed-to-deliver.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var inputs []lint.Input
	for i := 0; i < 40; i++ {
		s := strings.Replace(string(src), "id: failed-to-deliver", fmt.Sprintf("id: pack-%d", i%7), 1)
		if i%3 == 0 {
			s = strings.Replace(s, "I pulled the webhook", "We pulled the webhook", 1)
		}
		inputs = append(inputs, memInput(fmt.Sprintf("p/%02d.yaml", i), s))
	}
	l := newLinter(t)
	one := l.Run(inputs, lint.RunOptions{Jobs: 1})
	many := l.Run(inputs, lint.RunOptions{Jobs: 8})
	if !reflect.DeepEqual(one, many) {
		t.Error("results differ between 1 and 8 workers")
	}
	if one.Files != 40 {
		t.Errorf("Files = %d", one.Files)
	}
	for i := 1; i < len(one.Diagnostics); i++ {
		a, b := one.Diagnostics[i-1], one.Diagnostics[i]
		if a.File > b.File || (a.File == b.File && a.Pos.Line > b.Pos.Line) {
			t.Fatalf("not sorted: %v before %v", a, b)
		}
	}
}

func TestIDUniqueAcrossPacks(t *testing.T) {
	res := newLinter(t, "id-unique").Run([]lint.Input{
		memInput("a.yaml", "id: shared\n"),
		memInput("b.yaml", "id: shared\n"),
		memInput("c.yaml", "id: alone\n"),
	}, lint.RunOptions{})
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%s:%d:%d %s", d.File, d.Pos.Line, d.Pos.Col, d.Message))
	}
	want := []string{
		`a.yaml:1:5 id "shared" is also used by b.yaml: pack ids must be unique`,
		`b.yaml:1:5 id "shared" is also used by a.yaml: pack ids must be unique`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestFailuresDoNotStopTheRun(t *testing.T) {
	res := newLinter(t).Run([]lint.Input{
		{Path: "does/not/exist.yaml"},
		memInput("ok.yaml", "id: ok\n"),
	}, lint.RunOptions{})
	if len(res.Failures) != 1 || res.Failures[0].Path != "does/not/exist.yaml" {
		t.Errorf("failures = %v", res.Failures)
	}
	if res.Files != 1 || len(res.Diagnostics) == 0 {
		t.Errorf("the good file was not linted: %+v", res)
	}
}

func TestRulePanicIsContained(t *testing.T) {
	boom := &lint.Rule{Name: "boom", Summary: "s", Doc: "d", Default: lint.Error, Run: func(*lint.Pass) { panic("bug") }}
	l, err := lint.New([]*lint.Rule{boom}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := l.Run([]lint.Input{memInput("a.yaml", "id: a\n"), memInput("b.yaml", "id: b\n")}, lint.RunOptions{})
	if len(res.Failures) != 2 || !strings.Contains(res.Failures[0].Err.Error(), "internal error") {
		t.Errorf("failures = %v", res.Failures)
	}
}

func TestUnknownRuleFilter(t *testing.T) {
	if _, err := lint.New(rules.All(), nil, []string{"no-wee"}); err == nil || !strings.Contains(err.Error(), `did you mean "no-we"`) {
		t.Errorf("err = %v", err)
	}
}

func TestYAMLProblemsAlwaysReported(t *testing.T) {
	res := newLinter(t, "no-we").Run([]lint.Input{memInput("bad.yaml", "id: [\n")}, lint.RunOptions{})
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != "yaml" || res.Diagnostics[0].Severity != lint.Error {
		t.Errorf("diagnostics = %+v", res.Diagnostics)
	}
}

func TestDeepValueThroughEveryRule(t *testing.T) {
	src := "starlint: 1\nid: deep\ntags: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "\n"
	res := newLinter(t).Run([]lint.Input{memInput("deep.yaml", src)}, lint.RunOptions{})
	if len(res.Failures) > 0 {
		t.Fatal(res.Failures)
	}
	found := false
	for _, d := range res.Diagnostics {
		found = found || (d.Rule == "schema" && d.Pointer == "/tags/0")
	}
	if !found {
		t.Errorf("no schema diagnostic for the nested tag: %v", res.Diagnostics)
	}
}

func TestSuppression(t *testing.T) {
	src := `# starlint-disable-file quiz-mistakes
star:
  # starlint-disable no-we, result-has-metric -- quoting the team
  result:
    example: We were happier.
  task:
    example: We owned it.
quiz:
  - question: Which? # starlint-disable quiz-hint
    options: [a, b]
    answer: A
    solution: [a]
`
	res := newLinter(t, "no-we", "result-has-metric", "quiz-hint", "quiz-mistakes", "unused-disable").
		Run([]lint.Input{memInput("s.yaml", src)}, lint.RunOptions{})
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%d %s", d.Pos.Line, d.Rule))
	}
	want := []string{"7 no-we"} // the task is not under the directive
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestApplyFixes(t *testing.T) {
	src := []byte("abcdef")
	diags := []lint.Diagnostic{
		{Fix: &lint.SuggestedFix{Edits: []lint.TextEdit{{Start: 0, End: 1, NewText: "A"}, {Start: 4, End: 5, NewText: "E"}}}},
		{Fix: &lint.SuggestedFix{Edits: []lint.TextEdit{{Start: 4, End: 6, NewText: "XX"}}}}, // overlaps: skipped
		{Fix: &lint.SuggestedFix{Edits: []lint.TextEdit{{Start: 2, End: 2, NewText: "-"}}}},
		{Fix: &lint.SuggestedFix{Edits: []lint.TextEdit{{Start: 9, End: 10, NewText: "?"}}}}, // out of range
	}
	out, n := lint.ApplyFixes(src, diags)
	if string(out) != "Ab-cdEf" || n != 2 {
		t.Errorf("ApplyFixes = %q, %d", out, n)
	}
	if string(src) != "abcdef" {
		t.Error("ApplyFixes changed its input")
	}
}

// TestInputsFor: an input for each path, in order, whether built on one
// core or on several.
func TestInputsFor(t *testing.T) {
	for _, n := range []int{0, 1, 100, 8191, 8192, 50001} {
		paths := make([]string, n)
		for i := range paths {
			paths[i] = fmt.Sprintf("packs/p%06d.yaml", i)
		}
		inputs := lint.InputsFor(paths)
		if len(inputs) != n {
			t.Fatalf("%d paths, %d inputs", n, len(inputs))
		}
		for i, in := range inputs {
			if in.Path != paths[i] || in.Load != nil || in.Cached != nil || in.Done != nil {
				t.Fatalf("n=%d: input %d is %+v", n, i, in)
			}
		}
	}
}
