package rules

import "github.com/starlint-dev/starlint/internal/lint"

// YAML is implemented by the loader and the driver; this value carries its
// name and docs.
var YAML = &lint.Rule{
	Name:    lint.RuleYAML,
	Summary: "the file must be one valid YAML document of UTF-8 text",
	Doc: `A pack is one YAML document. starlint reports syntax errors, duplicate keys, a second
document after "---", a document that is not a mapping, aliases and merge keys (packs spell
their values out), text that is not UTF-8 or holds control characters, and files over the
2 MiB size limit. Nothing else is checked in a file with such a problem. This rule cannot be
turned off; its severity can be changed.`,
	Bad:     "title: Tell Me About a Time\ntitle: Tell Me About Another Time",
	Good:    "title: Tell Me About a Time",
	Default: lint.Error,
	Builtin: true,
}

// UnusedDisable is implemented by the driver's suppression handling.
var UnusedDisable = &lint.Rule{
	Name:    lint.RuleUnusedDisable,
	Summary: "a starlint-disable comment must silence something and name known rules",
	Doc: "`# starlint-disable a, b` on a key's line or the line above silences rules a and b for that\n" +
		"node and everything under it; `# starlint-disable-file a` silences rule a for the file.\n" +
		"Text after `--` is a reason, for the reader. A suppression that silences nothing, names an\n" +
		"unknown rule, or is not on or above a key is reported, so stale ones do not pile up.",
	Bad:     "star:\n  task:\n    # starlint-disable no-wee\n    example: We owned it.",
	Good:    "star:\n  task:\n    # starlint-disable no-we -- quoting the team's decision\n    example: We owned it.",
	Default: lint.Warning,
	Builtin: true,
}
