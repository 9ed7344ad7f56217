package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
)

func sampleRun() Run {
	return Run{
		Files: 2,
		Rules: rules.All(),
		Diagnostics: []lint.Diagnostic{
			{File: "packs/a b.yaml", Pos: pack.Pos{Line: 3, Col: 5}, Pointer: "/quiz/0/difficulty", Rule: "schema", Severity: lint.Error,
				Message: "quiz item 1: `difficulty` must be one of easy, medium, hard (got \"expert\")", Source: "    difficulty: expert"},
			{File: "packs/b.yaml", Pos: pack.Pos{Line: 7, Col: 3}, Pointer: "/star/task/example", Rule: "no-we", Severity: lint.Warning,
				Message: "uses \"we\": 100% of it,\nsay \"I\"", Source: "\texample: We did it"},
			{File: "packs/b.yaml", Pos: pack.Pos{Line: 9, Col: 1}, Rule: "quiz-mistakes", Severity: lint.Info, Message: "no mistakes"},
		},
		Version: "v1.2.3",
	}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sampleRun(), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "packs/a b.yaml:3:5: error: quiz item 1: `difficulty` must be one of easy, medium, hard (got \"expert\") [schema]\n" +
		"        difficulty: expert\n" +
		"        ^\n" +
		"packs/b.yaml:7:3: warning: uses \"we\": 100% of it,�say \"I\" [no-we]\n" +
		"    \texample: We did it\n" +
		"    \t ^\n" +
		"packs/b.yaml:9:1: info: no mistakes [quiz-mistakes]\n" +
		"2 files checked: 1 error, 1 warning, 1 info\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("colour without a terminal")
	}
	b.Reset()
	if err := Text(&b, sampleRun(), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[31m") {
		t.Error("no colour with Color set")
	}
}

func TestTextNoProblems(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, Run{Files: 1}, Options{}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "1 file checked: no problems\n" {
		t.Errorf("got %q", b.String())
	}
}

// A run that could not read some paths must not say "no problems".
func TestTextSummaryCountsUnreadable(t *testing.T) {
	for _, tc := range []struct {
		run  Run
		want string
	}{
		{Run{Files: 0, Unreadable: 1}, "0 files checked, 1 could not be read (see the errors above)\n"},
		{Run{Files: 2, Unreadable: 3, Diagnostics: []lint.Diagnostic{{File: "a.yaml", Pos: pack.Pos{Line: 1, Col: 1}, Severity: lint.Warning, Rule: "r", Message: "m"}}},
			"a.yaml:1:1: warning: m [r]\n2 files checked: 0 errors, 1 warning, 0 infos; 3 could not be read (see the errors above)\n"},
	} {
		var b bytes.Buffer
		if err := Text(&b, tc.run, Options{}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("got  %q\nwant %q", b.String(), tc.want)
		}
	}
}

func TestTextEscapesControlCharacters(t *testing.T) {
	var b bytes.Buffer
	run := Run{Files: 1, Diagnostics: []lint.Diagnostic{{File: "x.yaml", Pos: pack.Pos{Line: 1, Col: 1}, Rule: "r", Severity: lint.Error,
		Message: "bad \x1b[2J text", Source: "id: \x1b]0;title\x07"}}}
	if err := Text(&b, run, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07") {
		t.Errorf("escape sequences reach the terminal: %q", b.String())
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sampleRun()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Version     int `json:"version"`
		Files       int `json:"files"`
		Diagnostics []struct {
			File, Pointer, Rule, Severity, Message string
			Line, Column                           int
		} `json:"diagnostics"`
		Summary struct{ Errors, Warnings, Infos int } `json:"summary"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || got.Files != 2 || len(got.Diagnostics) != 3 {
		t.Fatalf("got %+v", got)
	}
	d := got.Diagnostics[0]
	if d.File != "packs/a b.yaml" || d.Line != 3 || d.Column != 5 || d.Pointer != "/quiz/0/difficulty" || d.Rule != "schema" || d.Severity != "error" {
		t.Errorf("diagnostic = %+v", d)
	}
	if got.Summary.Errors != 1 || got.Summary.Warnings != 1 || got.Summary.Infos != 1 {
		t.Errorf("summary = %+v", got.Summary)
	}
	b.Reset()
	if err := JSON(&b, Run{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"diagnostics": []`) {
		t.Errorf("no diagnostics must be an empty list, not null: %s", b.String())
	}
}

// TestSARIFIsValid checks the output against the official SARIF 2.1.0
// schema.
func TestSARIFIsValid(t *testing.T) {
	var b bytes.Buffer
	if err := SARIF(&b, sampleRun()); err != nil {
		t.Fatal(err)
	}
	schemaFile, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer schemaFile.Close()
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", schemaFile); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("SARIF output is not valid: %#v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(rules.All()) {
		t.Errorf("driver lists %d rules, want %d", len(run.Tool.Driver.Rules), len(rules.All()))
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s lacks descriptions or a level", r.ID)
		}
	}
	res := run.Results[0]
	if res.RuleID != "schema" || run.Tool.Driver.Rules[res.RuleIndex].ID != "schema" || res.Level != "error" {
		t.Errorf("result 0 = %+v", res)
	}
	loc := res.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "packs/a%20b.yaml" || loc.Region.StartLine != 3 || loc.Region.StartColumn != 5 {
		t.Errorf("location = %+v", loc)
	}
	if run.Results[2].Level != "note" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("info level = %q, columnKind = %q", run.Results[2].Level, run.ColumnKind)
	}
}

func TestGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := GitHub(&b, sampleRun()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"::error file=packs/a b.yaml,line=3,col=5,title=schema::quiz item 1: `difficulty` must be one of easy, medium, hard (got \"expert\")",
		"::warning file=packs/b.yaml,line=7,col=3,title=no-we::uses \"we\": 100%25 of it,%0Asay \"I\"",
		"::notice file=packs/b.yaml,line=9,col=1,title=quiz-mistakes::no mistakes",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %q", lines)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
	b.Reset()
	if err := GitHub(&b, Run{Diagnostics: []lint.Diagnostic{{File: "a,b:c.yaml", Rule: "r", Severity: lint.Error}}}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "::error file=a%2Cb%3Ac.yaml,") {
		t.Errorf("property not escaped: %s", b.String())
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "xml", Run{}, Options{}); err == nil {
		t.Error("no error for an unknown format")
	}
}

// TestFileNamesCannotInject: a pack named to forge a workflow command and
// colour the terminal (the review's file name) stays on its own line in
// the text and GitHub formats, with no raw control character.
func TestFileNamesCannotInject(t *testing.T) {
	evil := "evil\n::error file=README.md,line=1::forged\n\x1b[31mred.yaml"
	run := Run{Files: 1, Diagnostics: []lint.Diagnostic{{File: evil, Pos: pack.Pos{Line: 1, Col: 1}, End: pack.Pos{Line: 1, Col: 2},
		Rule: "no-we", Severity: lint.Warning, Message: "uses \"we\"\x1b]0;title\x07 here", Source: "we\x1b[2J"}}}
	for _, format := range []string{"text", "github"} {
		var b strings.Builder
		if err := Write(&b, format, run, Options{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%s: a raw control character reached the output:\n%q", format, out)
		}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if strings.HasPrefix(line, "::error file=README.md") {
				t.Errorf("%s: a forged workflow command: %q", format, line)
			}
		}
		if !strings.Contains(out, `evil\n::error`) && !strings.Contains(out, `evil\n%3A%3Aerror`) {
			t.Errorf("%s: the file name is not shown escaped:\n%s", format, out)
		}
	}
}
