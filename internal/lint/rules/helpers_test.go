package rules_test

import (
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// lintSnippet lints a pack snippet as packs/failed-to-deliver.yaml and
// returns the diagnostics of one rule.
func lintSnippet(l *lint.Linter, src, rule string) []lint.Diagnostic {
	f := pack.Load("packs/failed-to-deliver.yaml", []byte(src))
	diags, _ := l.LintFile(f)
	var out []lint.Diagnostic
	for _, d := range diags {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}
