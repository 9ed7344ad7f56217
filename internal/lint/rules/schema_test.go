package rules_test

import (
	"os"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestSchemaPositions pins the pointer, line and column of each class of
// schema violation: the value for a wrong value, the key for an unknown
// key, the mapping's key for a missing key.
func TestSchemaPositions(t *testing.T) {
	src, err := os.ReadFile("testdata/schema/violations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New([]*lint.Rule{rules.Schema}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	diags, _ := l.LintFile(pack.Load("violations.yaml", src))
	type at struct{ line, col int }
	want := map[string]at{
		"/starlint":              {1, 11}, // const: the value
		"/id":                    {2, 5},  // pattern
		"/title":                 {3, 8},  // type
		"/star/situation/target": {8, 23},
		"/star/result":           {11, 3},  // missing key: the mapping's key
		"/star/result/exmple":    {13, 5},  // unknown key: the key
		"/reflections":           {17, 14}, // minItems
		"/quiz/0/difficulty":     {23, 17}, // enum
		"/quiz/0/options":        {24, 14},
		"/quiz/0/answer":         {25, 13},
		"/quiz/0/solution":       {26, 15},
		"/quiz/0/hnit":           {27, 5},
		"/quiz/1":                {28, 5}, // missing key in a list item: the item
		"/quiz/1/hint":           {31, 5}, // no value: the key
	}
	seen := map[string]bool{}
	for _, d := range diags {
		if d.Rule != "schema" || d.Severity != lint.Error {
			t.Errorf("diagnostic %+v: want rule schema at error", d)
		}
		w, ok := want[d.Pointer]
		if !ok {
			continue
		}
		seen[d.Pointer] = true
		if d.Pos.Line != w.line || d.Pos.Col != w.col {
			t.Errorf("%s at %d:%d, want %d:%d (%s)", d.Pointer, d.Pos.Line, d.Pos.Col, w.line, w.col, d.Message)
		}
	}
	for ptr := range want {
		if !seen[ptr] {
			t.Errorf("no diagnostic for %s", ptr)
		}
	}
}
