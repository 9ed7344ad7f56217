package scaffold

import (
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/format"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/schema"
)

func TestNewValidatesAndFlagsPlaceholders(t *testing.T) {
	src, err := New(Options{ID: "missed-deadline", Competency: "Failure and Resilience", SchemaRef: "../schemas/pack.schema.json"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(src), "# yaml-language-server: $schema=../schemas/pack.schema.json\n") {
		t.Errorf("no schema comment first:\n%s", src)
	}
	f := pack.Load("packs/missed-deadline.yaml", src)
	v, err := schema.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Problems) > 0 || len(v.Validate(f.Value())) > 0 {
		t.Fatalf("the skeleton is not a valid pack: %v %v", f.Problems, v.Validate(f.Value()))
	}
	if f.Pack.Category != "General Behavioral" || f.Pack.Competency != "Failure and Resilience" || f.Pack.ID != "missed-deadline" {
		t.Errorf("pack = %+v", f.Pack)
	}
	// every section is there
	p := f.Pack
	if len(p.Reflections) == 0 || len(p.Followups) == 0 || p.WeakAnswer == nil || len(p.Angles) == 0 || len(p.Levels) == 0 || len(p.Quiz) < 3 {
		t.Errorf("a section is missing: %+v", p)
	}
	// no-placeholder flags the placeholders
	l, err := lint.New(rules.All(), nil, []string{"no-placeholder"})
	if err != nil {
		t.Fatal(err)
	}
	diags, _ := l.LintFile(f)
	if len(diags) < 40 {
		t.Errorf("no-placeholder found %d placeholders, want one per text", len(diags))
	}
	// already formatted
	again, err := format.Source("x.yaml", src)
	if err != nil || string(again) != string(src) {
		t.Errorf("the skeleton is not in canonical format: %v", err)
	}
}

func TestNewRejectsBadIDs(t *testing.T) {
	for _, id := range []string{"", "Bad_ID", "-x", "x-", "a--b", "../escape"} {
		if _, err := New(Options{ID: id}); err == nil {
			t.Errorf("id %q accepted", id)
		}
	}
}
