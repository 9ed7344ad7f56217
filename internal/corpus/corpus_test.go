package corpus_test

import (
	"bytes"
	"testing"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
)

func TestDeterministic(t *testing.T) {
	a, b := corpus.Generate(20, 7), corpus.Generate(20, 7)
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Src, b[i].Src) {
			t.Fatalf("pack %d differs between two runs", i)
		}
	}
	if bytes.Equal(corpus.One(3, 7).Src, corpus.One(3, 8).Src) {
		t.Error("different seeds give the same pack")
	}
}

// TestDefectsAreCaught lints a generated corpus: clean packs have no errors
// or warnings, and every planted defect is reported by its rule.
func TestDefectsAreCaught(t *testing.T) {
	want := map[string]string{
		"we-in-action": "action-first-person", "vague-result": "result-has-metric",
		"generic-reflection": "reflection-not-generic", "missing-hint": "quiz-hint",
		"placeholder": "no-placeholder", "curly-quote": "typography",
		"bad-difficulty": "schema", "unknown-key": "schema",
	}
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	size := 0
	packs := corpus.Generate(400, 1)
	for _, p := range packs {
		size += len(p.Src)
		diags, _ := l.LintFile(pack.Load(p.Name, p.Src))
		rulesHit := map[string]bool{}
		for _, d := range diags {
			if d.Severity >= lint.Warning {
				rulesHit[d.Rule] = true
			}
		}
		if p.Defect == "" {
			if len(rulesHit) > 0 {
				t.Errorf("%s: clean pack has findings: %v", p.Name, diags)
			}
			continue
		}
		seen[p.Defect] = true
		if !rulesHit[want[p.Defect]] {
			t.Errorf("%s: defect %s not reported by %s: %v", p.Name, p.Defect, want[p.Defect], diags)
		}
	}
	for _, d := range corpus.Defects {
		if !seen[d] {
			t.Errorf("defect %s never generated in 400 packs", d)
		}
	}
	if avg := size / len(packs); avg < 12000 || avg > 16000 {
		t.Errorf("average pack size %d bytes, want about 13 KB like the example pack", avg)
	}
}
