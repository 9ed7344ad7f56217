package cli

import (
	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/lint/rules"
)

func newValidateCmd(io *IO, g *globals, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{IO: io, MaxWarnings: -1}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check packs against the pack schema",
		Long: `Check that each pack is one valid YAML document that matches the pack schema
(schemas/pack.schema.json). Every problem is reported at once, at the line and column of
the node it is about. Directories are searched for *.yaml and *.yml; the default is packs.

Exit status: 0 when no error is found, 1 when errors are found, 2 for usage,
configuration or I/O errors.`,
		Example: "  starlint validate\n  starlint validate packs/failed-to-deliver.yaml --format json",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths, o.Log, o.ConfigPath = args, g.logger(io), g.config
			// validate runs the structural rules, but knows every rule, so
			// that a suppression comment naming a lint rule is not unknown
			o.Rules, o.Team, o.Only = rules.All(), true, structuralNames()
			if runF != nil {
				return runF(o)
			}
			o.Ctx = cmd.Context()
			return runCheck(o)
		},
	}
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format: text, json, sarif or github")
	cmd.Flags().StringVar(&o.StdinName, "stdin-filename", "", "with - as the path: the name to report the pack on standard input under")
	return cmd
}

func newLintCmd(io *IO, g *globals, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check packs against the schema and the editorial rules",
		Long: `Check packs in one pass: YAML, the pack schema, and every enabled rule of the
catalog (starlint rules lists them). Directories are searched for *.yaml and *.yml; the
default is packs. Rule severities and options come from .starlint.yaml.

Exit status: 0 when no error is found (and warnings are within --max-warnings), 1
otherwise, 2 for usage, configuration or I/O errors.`,
		Example: `  starlint lint
  starlint lint --fix packs/
  starlint lint --format sarif > starlint.sarif
  starlint lint --rule no-we --rule action-first-person packs/failed-to-deliver.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths, o.Log, o.ConfigPath, o.Rules, o.Team = args, g.logger(io), g.config, rules.All(), true
			if o.DryRun && !o.Fix {
				return trouble("--dry-run goes with --fix")
			}
			if runF != nil {
				return runF(o)
			}
			if o.Watch {
				if o.Fix || o.Format != "text" {
					return trouble("--watch works with the text format and without --fix")
				}
				return runWatch(cmd.Context(), o, nil)
			}
			o.Ctx = cmd.Context()
			return runCheck(o)
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&o.Watch, "watch", "w", false, "lint again whenever a pack or the config changes, until Ctrl-C")
	f.StringVarP(&o.Format, "format", "f", "text", "output format: text, json, sarif or github")
	f.StringVar(&o.StdinName, "stdin-filename", "", "with - as the path: the name to report the pack on standard input under (and to check against its id)")
	f.IntVar(&o.MaxWarnings, "max-warnings", -1, "exit 1 when there are more than N warnings (-1: no limit)")
	f.StringArrayVar(&o.Only, "rule", nil, "run only this rule (repeatable)")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "report errors only")
	f.BoolVar(&o.Fix, "fix", false, "apply suggested fixes to the files in place")
	f.BoolVar(&o.DryRun, "dry-run", false, "with --fix: print the fixes as a unified diff and change nothing")
	f.IntVarP(&o.Jobs, "jobs", "j", 0, "files to lint in parallel (default: one per CPU)")
	f.BoolVar(&o.Cache, "cache", false, "reuse the results of unchanged files from the last run (the config's cache: key does the same)")
	f.StringVar(&o.CacheFile, "cache-file", "", "where to keep the result cache (default: under the user's cache directory); implies --cache")
	return cmd
}

func structuralNames() []string {
	var names []string
	for _, r := range rules.Structural() {
		names = append(names, r.Name)
	}
	return names
}
