package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/linttest"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/schema"
)

func TestRegistryIsValid(t *testing.T) {
	if err := lint.Validate(rules.All()); err != nil {
		t.Fatal(err)
	}
	all := rules.All()
	for i := 1; i < len(all); i++ {
		if all[i-1].Name >= all[i].Name {
			t.Errorf("All() is not sorted: %s before %s", all[i-1].Name, all[i].Name)
		}
	}
}

// TestFixtures runs every rule over testdata/<rule>/ and checks that the
// fixtures show it both firing and not firing.
func TestFixtures(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.Name, func(t *testing.T) {
			dir := filepath.Join("testdata", r.Name)
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("rule %s has no fixtures in %s", r.Name, dir)
			}
			ruleSet := []*lint.Rule{r}
			if r == rules.UnusedDisable {
				// directives need rules to silence
				ruleSet = append(ruleSet, rules.NoWe, rules.ResultHasMetric)
			}
			results := linttest.Run(t, dir, ruleSet...)
			fired, clean := false, false
			for _, res := range results {
				fired = fired || res.Wants > 0
				clean = clean || len(res.Diagnostics) == 0
			}
			if !fired || !clean {
				t.Errorf("rule %s needs a fixture where it fires (has one: %v) and one where it does not (has one: %v)", r.Name, fired, clean)
			}
		})
	}
}

func config(t *testing.T, yaml string) *lint.Config {
	t.Helper()
	cfg, err := lint.ParseConfig("test/.starlint.yaml", []byte(yaml), rules.All())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestOptions(t *testing.T) {
	tests := []struct {
		rule      *lint.Rule
		config    string
		workspace bool // the fixtures are linted together (a cross-pack rule)
	}{
		{rules.ReflectionNotGeneric, "rules:\n  reflection-not-generic:\n    generic-phrases: [synergy]\n", false},
		{rules.TargetTime, "rules:\n  target-time:\n    words-per-minute: 60\n", false},
		{rules.Typography, "rules:\n  typography:\n    style: curly\n", false},
		{rules.AnswerPositionBalance, "rules:\n  answer-position-balance:\n    min-answers: 6\n    max-share: 0.5\n    min-items: 5\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.rule.Name, func(t *testing.T) {
			dir := filepath.Join("testdata", "config", tt.rule.Name)
			if tt.workspace {
				linttest.RunWorkspace(t, dir, config(t, tt.config), tt.rule)
				return
			}
			linttest.RunWithConfig(t, dir, config(t, tt.config), tt.rule)
		})
	}
}

// TestDocExamples runs each rule on its own Bad example (it must report)
// and Good example (it must not), so the docs cannot drift from the code.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		if r.Bad == "" || r.Good == "" {
			t.Errorf("rule %s: Bad and Good examples are required", r.Name)
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			l, err := lint.New(rules.All(), nil, []string{r.Name})
			if err != nil {
				t.Fatal(err)
			}
			for _, ex := range []struct {
				name, src string
				want      bool
			}{{"Bad", r.Bad, true}, {"Good", r.Good, false}} {
				got := lintSnippet(l, ex.src, r.Name)
				if (len(got) > 0) != ex.want {
					t.Errorf("%s example: got %d diagnostics %v, want any: %v", ex.name, len(got), got, ex.want)
				}
			}
		})
	}
}

// TestTextPatternsMatchSchema: every pattern the rules read texts through
// names a place the pack schema allows, and the check itself rejects
// patterns that cannot match.
func TestTextPatternsMatchSchema(t *testing.T) {
	for _, p := range rules.TextPatterns {
		if !schema.PatternMatches(p) {
			t.Errorf("pattern %s matches nothing in the pack schema", p)
		}
	}
	for _, bad := range []string{"/star/*/exmple", "/followups/*/strong/answer/x", "/quiz/first/question", "/nope"} {
		if schema.PatternMatches(bad) {
			t.Errorf("pattern %s should match nothing", bad)
		}
	}
	for _, good := range []string{"/**", "/**/answer", "/quiz/*/options/*", "/quiz/3/hint"} {
		if !schema.PatternMatches(good) {
			t.Errorf("pattern %s should match", good)
		}
	}
}

// TestPrecedence lints testdata/precedence with every rule: a value that
// the schema rejects, a placeholder, or a file that is not a pack gets its
// one finding, not also the other rules' echoes of it.
func TestPrecedence(t *testing.T) {
	linttest.Run(t, filepath.Join("testdata", "precedence"), rules.All()...)
}

// An options struct may keep what it builds from the options (the
// reflection rule's phrase set) in untagged fields: they are not options.
func TestOptionDocsListOnlyOptions(t *testing.T) {
	var names []string
	for _, o := range rules.ReflectionNotGeneric.OptionDocs() {
		names = append(names, o.Name)
	}
	if len(names) != 1 || names[0] != "generic-phrases" {
		t.Errorf("reflection-not-generic options = %q, want [generic-phrases]", names)
	}
	_, err := lint.ParseConfig("c.yaml", []byte("rules:\n  reflection-not-generic:\n    phrases: [x]\n"), rules.All())
	if err == nil || !strings.HasSuffix(err.Error(), "its options are generic-phrases") {
		t.Errorf("unknown option error = %v, want it to list generic-phrases alone", err)
	}
}
