package rules

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
)

var placeholderRE = regexp.MustCompile(`\b(TODO|TBD|FIXME|XXX)\b|(?i)\blorem ipsum\b|\?\?\?`)

// NoPlaceholder finds text left unwritten.
var NoPlaceholder = &lint.Rule{
	Name:    "no-placeholder",
	Summary: "no text is a placeholder (TODO, TBD, FIXME, XXX, lorem ipsum, ???, ...)",
	Doc: `A scaffold's placeholders must not reach learners. Any text that holds TODO, TBD, FIXME or
XXX (in capitals, as words), "lorem ipsum", "???", or that is only "..." is reported.
` + "`starlint new`" + ` writes its placeholders so that this rule flags them until they are replaced.`,
	Bad:     "scenario: TODO describe the situation",
	Good:    "scenario: While working as an SDE2, I noticed a persistent 0.3% webhook drop rate.",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		eachString(p.File, func(ptr string, n *yaml.Node) {
			if t := strings.TrimSpace(n.Value); t == "..." || t == "…" {
				p.Reportf(ptr, "placeholder \"...\": write the text")
				return
			}
			if m := placeholderRE.FindString(n.Value); m != "" {
				p.Reportf(ptr, "placeholder %q: write the text", m)
			}
		})
	},
}
