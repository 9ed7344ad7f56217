package cli

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/suggest"
	"github.com/starlint-dev/starlint/schemas"
)

func newSchemaCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the pack JSON Schema",
		Long:  "Print schemas/pack.schema.json, the JSON Schema of a pattern pack, as embedded in this binary.",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := io.Out.Write(schemas.Pack)
			return err
		},
	}
}

// version returns the module version and VCS revision this binary was
// built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" && !strings.Contains(v, rev[:min(12, len(rev))]) {
		v += " " + rev[:min(12, len(rev))] + modified
	}
	return v
}

func newVersionCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print starlint's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(io.Out, "starlint %s\n", version())
			return err
		},
	}
}

type ruleInfo struct {
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Fixable  bool   `json:"fixable"`
	Summary  string `json:"summary"`
}

// knownRules is every built-in rule and the config's team rules.
func knownRules(io *IO, g *globals) ([]*lint.Rule, error) {
	cfg, err := loadConfig(g.config, rules.All(), g.logger(io))
	if err != nil {
		return nil, err
	}
	return lint.WithTeam(rules.All(), cfg), nil
}

func lookupRule(all []*lint.Rule, name string) *lint.Rule {
	for _, r := range all {
		if r.Name == name {
			return r
		}
	}
	return nil
}

func newRulesCmd(io *IO, g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its default severity",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			all, err := knownRules(io, g)
			if err != nil {
				return err
			}
			var list []ruleInfo
			for _, r := range all {
				list = append(list, ruleInfo{r.Name, r.Default.String(), r.Fixable, r.Summary})
			}
			switch format {
			case "json":
				enc := json.NewEncoder(io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(list)
			case "text":
				tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "RULE\tSEVERITY\tFIXABLE\tSUMMARY")
				for _, r := range list {
					fix := ""
					if r.Fixable {
						fix = "yes"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Severity, fix, safe(r.Summary)) // a team's words
				}
				return tw.Flush()
			}
			return trouble("--format %q: use text or json", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

func newExplainCmd(io *IO, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule, with a bad and a good example and its options",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var names []string
			for _, r := range rules.All() {
				names = append(names, r.Name)
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			all, err := knownRules(io, g)
			if err != nil {
				return err
			}
			r := lookupRule(all, args[0])
			if r == nil {
				var names []string
				for _, r := range all {
					names = append(names, r.Name)
				}
				return trouble("unknown rule %q%s; `starlint rules` lists them", args[0], suggestion(args[0], names))
			}
			_, err = fmt.Fprint(io.Out, ExplainText(r))
			return err
		},
	}
}

// escapeLines escapes the control characters of each line of s, keeping
// its line breaks.
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safe(l)
	}
	return strings.Join(lines, "\n")
}

// ExplainText is a rule's documentation as `starlint explain` prints it.
func ExplainText(r *lint.Rule) string {
	var b strings.Builder
	fixable := ""
	if r.Fixable {
		fixable = ", fixable"
	}
	// a team rule's texts come from its config: shown, never obeyed
	fmt.Fprintf(&b, "%s (default: %s%s)\n\n%s.\n\n%s\n", r.Name, r.Default, fixable, safe(upperFirst(r.Summary)), escapeLines(strings.TrimSpace(r.Doc)))
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nBad:\n\n%s\n\nGood:\n\n%s\n", escapeLines(indent(r.Bad)), escapeLines(indent(r.Good)))
	}
	if opts := r.OptionDocs(); len(opts) > 0 {
		b.WriteString("\nOptions (in .starlint.yaml under rules: " + r.Name + ":):\n\n")
		for _, o := range opts {
			fmt.Fprintf(&b, "  %s: %s (default: %v)\n      %s\n", o.Name, o.Type, showDefault(o.Default), o.Doc)
		}
	}
	return b.String()
}

func showDefault(v any) string {
	switch v := v.(type) {
	case []string:
		if len(v) == 0 {
			return "none"
		}
		return strings.Join(v, ", ")
	}
	return fmt.Sprint(v)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// suggestion is ` (did you mean "x"?)` for the nearest name, or "".
func suggestion(s string, names []string) string {
	if near := suggest.Closest(s, names); near != "" {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	return ""
}
