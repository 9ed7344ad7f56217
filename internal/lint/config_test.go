package lint_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
)

func TestParseConfig(t *testing.T) {
	src := `rules:
  no-we: off
  quiz-mistakes: error
  target-time:
    severity: error
    words-per-minute: 120
  reflection-not-generic:
    generic-phrases: ["synergy", "move fast"]
ignore:
  - drafts/**
cache: true
`
	cfg, err := lint.ParseConfig("/repo/.starlint.yaml", []byte(src), rules.All())
	if err != nil {
		t.Fatal(err)
	}
	if s := cfg.Setting(rules.NoWe); s.Severity != lint.Off {
		t.Errorf("no-we = %v", s.Severity)
	}
	if s := cfg.Setting(rules.QuizMistakes); s.Severity != lint.Error {
		t.Errorf("quiz-mistakes = %v", s.Severity)
	}
	tt := cfg.Setting(rules.TargetTime)
	if tt.Severity != lint.Error || tt.Options.(*rules.TargetTimeOptions).WordsPerMinute != 120 {
		t.Errorf("target-time = %v %+v", tt.Severity, tt.Options)
	}
	rg := cfg.Setting(rules.ReflectionNotGeneric)
	if rg.Severity != lint.Error || len(rg.Options.(*rules.ReflectionOptions).GenericPhrases) != 2 {
		t.Errorf("reflection-not-generic = %v %+v", rg.Severity, rg.Options)
	}
	if s := cfg.Setting(rules.Typography); s.Severity != lint.Warning || s.Options.(*rules.TypographyOptions).Style != "majority" {
		t.Errorf("typography defaults = %v %+v", s.Severity, s.Options)
	}
	if !cfg.Cache {
		t.Error("cache: true not read")
	}
	for path, want := range map[string]bool{
		"/repo/drafts/a.yaml":     true,
		"/repo/drafts/x/b.yaml":   true,
		"/repo/packs/a.yaml":      false,
		"/elsewhere/drafts/a.yml": false,
	} {
		if got := cfg.Ignored(path); got != want {
			t.Errorf("Ignored(%s) = %v, want %v", path, got, want)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"rules:\n  no-wee: off\n", `2:3: unknown rule "no-wee" (did you mean "no-we"?)`},
		{"rules:\n  no-we: sometimes\n", `2:10: rule no-we: unknown severity "sometimes"`},
		{"rules:\n  target-time:\n    wpm: 100\n", `3:5: rule target-time has no option "wpm"; its options are words-per-minute`},
		{"rules:\n  target-time:\n    words-per-minute: fast\n", "3:23: rule target-time option words-per-minute must be a whole number"},
		{"rules:\n  no-we:\n    style: x\n", `3:5: rule no-we has no options (only ` + "`severity`" + `)`},
		{"rules:\n  typography:\n    style: fancy\n", `3:12: rule typography option style: "fancy" is not a style`},
		{"rules:\n  target-time:\n    words-per-minute: 0\n", "3:23: rule target-time option words-per-minute: 0 is not a speaking speed"},
		{"rules:\n  answer-position-balance:\n    max-share: 2\n", "3:16: rule answer-position-balance option max-share: 2 is not a share of the answers"},
		{"rules:\n  answer-position-balance:\n    min-items: 1\n", "3:16: rule answer-position-balance option min-items: 1 is too few"},
		{"rulez: {}\n", `1:1: unknown key "rulez" (did you mean "rules"?)`},
		{"ignore: drafts\n", "1:9: `ignore` must be a list"},
		{"- a\n", "1:1: the config must be a mapping"},
		{"rules: [\n", "not valid YAML"},
	}
	for _, tt := range tests {
		_, err := lint.ParseConfig(".starlint.yaml", []byte(tt.src), rules.All())
		var ce *lint.ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%q: err = %v, want a ConfigError", tt.src, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), ".starlint.yaml:") {
			t.Errorf("%q:\n got %v\nwant it to contain %q", tt.src, err, tt.want)
		}
	}
}

func TestEmptyConfigMeansDefaults(t *testing.T) {
	cfg, err := lint.ParseConfig(".starlint.yaml", []byte("# nothing yet\n"), rules.All())
	if err != nil {
		t.Fatal(err)
	}
	if s := cfg.Setting(rules.NoWe); s.Severity != lint.Warning {
		t.Errorf("no-we = %v", s.Severity)
	}
}

func TestFindConfigWalksUp(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := lint.FindConfig(deep); got != "" && strings.HasPrefix(got, root) {
		t.Errorf("FindConfig found %s before one exists", got)
	}
	cfgPath := filepath.Join(root, ".starlint.yaml")
	if err := os.WriteFile(cfgPath, []byte("rules: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := lint.FindConfig(deep); got != cfgPath {
		t.Errorf("FindConfig = %q, want %q", got, cfgPath)
	}
}

// TestErrorRules names the rules at error under the config, the YAML
// check always, and no others.
func TestErrorRules(t *testing.T) {
	cfg, err := lint.ParseConfig("/repo/.starlint.yaml", []byte("rules:\n  no-we: error\n  schema: warning\n  quiz-hint: off\n"), rules.All())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, name := range lint.ErrorRules(rules.All(), cfg) {
		got[name] = true
	}
	for _, r := range rules.All() {
		want := r.Name == lint.RuleYAML || r.Name == "no-we" ||
			(r.Default == lint.Error && r.Name != "schema" && r.Name != "quiz-hint")
		if got[r.Name] != want {
			t.Errorf("%s: in ErrorRules = %v, want %v", r.Name, got[r.Name], want)
		}
	}
	if names := lint.ErrorRules(nil, nil); len(names) != 1 || names[0] != lint.RuleYAML {
		t.Errorf("no rules: %v, want the YAML check alone", names)
	}
}
