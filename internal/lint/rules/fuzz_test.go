package rules_test

import (
	"testing"

	"github.com/starlint-dev/starlint/internal/fuzzseed"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
)

// FuzzRules runs every rule on arbitrary packs: no panic (the driver would
// report one as a failure), positions inside the file, and fixes that keep
// the YAML valid.
func FuzzRules(f *testing.F) {
	for _, src := range fuzzseed.Packs() {
		f.Add(src)
	}
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file := pack.Load("fuzz.yaml", src)
		diags, _ := l.LintFile(file)
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Col < 1 || d.Message == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
			if d.Fix == nil {
				continue
			}
			for _, e := range d.Fix.Edits {
				if e.Start < 0 || e.End > len(src) || e.Start > e.End {
					t.Fatalf("edit %+v outside the file", e)
				}
			}
		}
		fixed, n := lint.ApplyFixes(src, diags)
		if n == 0 {
			return
		}
		after := pack.Load("fuzz.yaml", fixed)
		if after.Root == nil || len(after.Problems) > len(file.Problems) {
			t.Fatalf("fixes broke the YAML: %v\n%s", after.Problems, fixed)
		}
	})
}
