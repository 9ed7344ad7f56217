package lint_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/linttest"
	"github.com/starlint-dev/starlint/internal/lint/rules"
)

// TestTeamRuleFixtures runs each kind of team rule, defined in
// testdata/team/KIND.config.yaml, over the fixtures in testdata/team/KIND/:
// every finding at its words, and a fixture where the rule stays silent.
func TestTeamRuleFixtures(t *testing.T) {
	for _, kind := range []string{"existence", "substitution", "occurrence", "length", "capitalization", "pattern"} {
		t.Run(kind, func(t *testing.T) {
			cfg, err := lint.LoadConfig(filepath.Join("testdata", "team", kind+".config.yaml"), rules.All())
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.TeamRules()) == 0 {
				t.Fatal("the config defines no team rule")
			}
			results := linttest.RunWithConfig(t, filepath.Join("testdata", "team", kind), cfg)
			fired, clean := false, false
			for _, res := range results {
				fired = fired || res.Wants > 0
				clean = clean || len(res.Diagnostics) == 0
			}
			if !fired || !clean {
				t.Errorf("kind %s needs a fixture where it fires (%v) and one where it does not (%v)", kind, fired, clean)
			}
		})
	}
}

// TestTeamRuleErrors: each kind of broken definition is a config error at
// its file:line:col that says what to do.
func TestTeamRuleErrors(t *testing.T) {
	tests := []struct {
		name, config string
		line, col    int
		want         string
	}{
		{"unknown kind", "rules:\n  house/x:\n    kind: existance\n    tokens: [a]\n", 3, 11, `unknown kind "existance" (did you mean "existence"?)`},
		{"missing field", "rules:\n  house/x:\n    kind: substitution\n", 3, 5, "needs `swap`"},
		{"missing one of", "rules:\n  house/x:\n    kind: length\n    scope: [/title]\n", 3, 5, "needs `min-words` or `max-words` or `max-seconds`"},
		{"bad regexp", "rules:\n  house/x:\n    kind: pattern\n    pattern: '(\\$\\d'\n", 4, 15, "at character 1 of the pattern: missing closing )"},
		{"bad regexp inside", "rules:\n  house/x:\n    kind: pattern\n    pattern: ab[c\n", 4, 16, "at character 3 of the pattern: missing closing ]"},
		{"scope never matches", "rules:\n  house/x:\n    kind: existence\n    tokens: [a]\n    scope: [/star/*/exmple]\n", 5, 13, `scope pattern "/star/*/exmple" can never match a pack`},
		{"scope not a pointer", "rules:\n  house/x:\n    kind: existence\n    tokens: [a]\n    scope: [star]\n", 5, 13, "must be a JSON pointer starting with /"},
		{"shadows a built-in", "rules:\n  no-we/x:\n    kind: existence\n    tokens: [a]\n", 2, 3, `its namespace "no-we" is a built-in rule's name`},
		{"no namespace", "rules:\n  jargon:\n    kind: existence\n    tokens: [a]\n", 2, 3, `team rule "jargon" needs a namespace, such as house/jargon`},
		{"unknown setting", "rules:\n  house/x:\n    kind: existence\n    tokens: [a]\n    tokenz: [b]\n", 5, 5, `"tokenz" is not a setting of kind existence (did you mean "tokens"?)`},
		{"token without words", "rules:\n  house/x:\n    kind: existence\n    tokens: ['!!']\n", 4, 14, `"!!" has no words to match: set ` + "`nonword: true`"},
		{"severity of an undefined rule", "rules:\n  house/x: error\n", 2, 3, "team rule house/x is not defined"},
		{"bad match", "rules:\n  house/x:\n    kind: capitalization\n    match: camel\n", 4, 12, "`match` must be title, sentence, lower or upper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lint.ParseConfig("conf/.starlint.yaml", []byte(tt.config), rules.All())
			ce, ok := err.(*lint.ConfigError)
			if !ok {
				t.Fatalf("error %v (%T), want a ConfigError", err, err)
			}
			if ce.Line != tt.line || ce.Col != tt.col || !strings.Contains(ce.Msg, tt.want) {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", ce.Line, ce.Col, ce.Msg, tt.line, tt.col, tt.want)
			}
		})
	}
}

// TestExtends: rule files merge in order, the config's own settings win,
// and loops are refused.
func TestExtends(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("styles/base.yaml", "rules:\n  house/jargon:\n    kind: existence\n    tokens: [synergy]\n    severity: info\n  no-we: error\n")
	write("styles/house.yaml", "extends: [base.yaml]\nrules:\n  house/email:\n    kind: substitution\n    swap: {e-mail: email}\n")
	write(".starlint.yaml", "extends: [styles/house.yaml]\nrules:\n  house/jargon: error\n")
	cfg, err := lint.LoadConfig(filepath.Join(dir, ".starlint.yaml"), rules.All())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range cfg.TeamRules() {
		names = append(names, r.Name)
	}
	if strings.Join(names, " ") != "house/jargon house/email" {
		t.Errorf("team rules %v", names)
	}
	if s := cfg.Setting(cfg.TeamRules()[0]); s.Severity != lint.Error {
		t.Errorf("house/jargon severity %v, want the config's error", s.Severity)
	}
	if s := cfg.Setting(rules.NoWe); s.Severity != lint.Error {
		t.Errorf("no-we from the base file: %v", s.Severity)
	}
	write("styles/base.yaml", "extends: [house.yaml]\n")
	_, err = lint.LoadConfig(filepath.Join(dir, ".starlint.yaml"), rules.All())
	if ce, ok := err.(*lint.ConfigError); !ok || !strings.Contains(ce.Msg, "loop") || !strings.HasSuffix(ce.Path, "base.yaml") || ce.Line != 1 {
		t.Errorf("a loop: %v", err)
	}
	write(".starlint.yaml", "extends: [styles/missing.yaml]\n")
	if _, err := lint.LoadConfig(filepath.Join(dir, ".starlint.yaml"), rules.All()); err == nil || !strings.Contains(err.Error(), "cannot read it") {
		t.Errorf("a missing file: %v", err)
	}
}

// TestWordLiteralMatchesRegexp: the fast path for \bword\b patterns finds
// exactly what Go's regexp finds, on texts made to stress it: case,
// boundaries, punctuation, non-ASCII letters and the two characters (?i)
// folds onto ASCII letters.
func TestWordLiteralMatchesRegexp(t *testing.T) {
	patterns := []string{`\bvery\b`, `(?i)\bvery\b`, `(?i)\bin order to\b`, `\bwe\b`, `(?i)\bask\b`, `(?i)\bokr\b`, `\b_x1\b`}
	alphabet := []string{"very", "Very", "VERY", "in order to", "In Order To", "we", "We", "ask", "aſk", "aK", "OKR", "oKr", "_x1", "x", " ", ".", "-", "é", "’", "_", "1", "\n", "kelvin", "vеry"}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(12); k >= 0; k-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		for _, p := range patterns {
			w := lint.ParseWordLiteralForTest(p)
			if w == nil {
				t.Fatalf("%s is not taken for a word pattern", p)
			}
			want := regexp.MustCompile(p).FindAllStringIndex(s, -1)
			if !w.Usable(s) {
				continue
			}
			if got := w.FindAll(s, -1); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Fatalf("%s on %q: fast %v, regexp %v", p, s, got, want)
			}
		}
	}
	for _, p := range []string{`very`, `\bvery`, `\b(very|much)\b`, `\bcafé\b`, `(?i)\b\d+\b`} {
		if lint.ParseWordLiteralForTest(p) != nil {
			t.Errorf("%s should go to the regexp", p)
		}
	}
}

// TestWholeNumberOptions: 1.5 words a minute is an error, not 1.
func TestWholeNumberOptions(t *testing.T) {
	_, err := lint.ParseConfig("c.yaml", []byte("rules:\n  target-time:\n    words-per-minute: 150.5\n"), rules.All())
	if ce, ok := err.(*lint.ConfigError); !ok || ce.Line != 3 || !strings.Contains(ce.Msg, "must be a whole number (got 150.5)") {
		t.Errorf("err = %v", err)
	}
}

// TestFindConfigStopsAtTheRepository: a config above the repository's root
// is not used, nor, outside a repository, one above the working directory
// that another user owns (the review's planted .starlint.yaml).
func TestFindConfigStopsAtTheRepository(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	os.MkdirAll(filepath.Join(repo, "packs"), 0o755)
	os.WriteFile(filepath.Join(top, ".starlint.yaml"), []byte("cache: /etc/passwd\n"), 0o644)
	if got := lint.FindConfig(filepath.Join(repo, "packs")); got != "" {
		t.Errorf("found %s above the repository", got)
	}
	os.WriteFile(filepath.Join(repo, ".starlint.yaml"), []byte("rules: {}\n"), 0o644)
	if got := lint.FindConfig(filepath.Join(repo, "packs")); got != filepath.Join(repo, ".starlint.yaml") {
		t.Errorf("the repository's own config: %q", got)
	}
	// Outside a repository: a config another user owns, above the
	// working directory, is not trusted; the user's own is.
	plain := filepath.Join(top, "plain", "work")
	os.MkdirAll(plain, 0o755)
	planted := filepath.Join(top, "plain", ".starlint.yaml")
	os.WriteFile(planted, []byte("cache: /etc/passwd\n"), 0o644)
	if got := lint.FindConfig(plain); got != planted {
		t.Errorf("the user's own config above: %q", got)
	}
	if os.Geteuid() == 0 {
		os.Chown(planted, 65534, 65534)
		if got := lint.FindConfig(plain); got == planted {
			t.Error("a config another user owns was trusted")
		}
	}
}
