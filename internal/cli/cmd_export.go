package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporters"
	"github.com/starlint-dev/starlint/internal/exportjob"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/report"
)

type exportOptions struct {
	Ctx        context.Context
	IO         *IO
	Log        *log.Logger
	ConfigPath string
	Paths      []string
	To         []string
	Out        string
	Force      bool
	Bundle     bool
}

func newExportCmd(io *IO, g *globals) *cobra.Command {
	o := &exportOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "export --to FORMAT --out DIR [PATH...]",
		Short: "Export packs to JSON, Anki and a static HTML site",
		Long: `Export packs for other platforms:

  json       one <id>.json per pack and a packs.json index (or bundle.json with --bundle),
             described by schemas/export.schema.json
  anki       starlint.apkg, an Anki package: a deck per pack, cloze cards for key phrases
  anki-text  Anki's text import files, one per note type (import the .apkg first)
  html       a static study site: index.html and a page per pack with Learn, Practice,
             Test and Rehearse modes

Packs are linted first; a pack with error-level diagnostics is not exported (the
diagnostics are printed, exit 1) unless --force. The same packs give byte-identical
files. Timestamps come from SOURCE_DATE_EPOCH when set, else from each pack file's last
change.`,
		Example: "  starlint export --to json --to anki --to anki-text --to html --out dist packs/",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths, o.Log, o.ConfigPath, o.Ctx = args, g.logger(io), g.config, cmd.Context()
			return runExport(o)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.To, "to", nil, "format to write: json, anki, anki-text or html (repeatable)")
	f.StringVarP(&o.Out, "out", "o", "", "directory to write into (created if missing)")
	f.BoolVar(&o.Force, "force", false, "export packs even when they have error-level diagnostics")
	f.BoolVar(&o.Bundle, "bundle", false, "with --to json: write one bundle.json instead of a file per pack")
	return cmd
}

func runExport(o *exportOptions) error {
	if len(o.To) == 0 {
		return trouble("--to is required: %s", strings.Join(exporters.Names(), ", "))
	}
	if o.Out == "" {
		return trouble("--out is required: the directory to write into")
	}
	lowerSoftLimit(exportSoftLimit)
	var chosen []export.Exporter
	for _, name := range o.To {
		e, ok := exporters.Lookup(name)
		if !ok {
			return trouble("--to %q: use %s", name, strings.Join(exporters.Names(), ", "))
		}
		if !slices.Contains(chosen, e) {
			chosen = append(chosen, e)
		}
	}
	epoch, err := sourceDateEpoch(o.IO.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return trouble("%v", err)
	}
	all := rules.All()
	cfg, err := loadConfig(o.ConfigPath, all, o.Log)
	if err != nil {
		return err
	}
	paths, unreadable, err := findPacks(o.IO, o.Paths, cfg)
	if err != nil {
		return err
	}
	// Only the rules that report errors run: they decide whether the
	// export goes ahead, and the others cost a fifth of its time. A
	// refusal counts the rest (countHidden).
	known := lint.WithTeam(all, cfg)
	linter, err := lint.New(known, cfg, lint.ErrorRules(known, cfg))
	if err != nil {
		return trouble("%v", err)
	}
	res, err := exportjob.Run(exportjob.Job{Ctx: o.Ctx, Linter: linter, Paths: paths, Formats: chosen, Out: o.Out,
		Options: export.Options{WordsPerMinute: wordsPerMinute(cfg), Bundle: o.Bundle}, Force: o.Force, Time: epoch})
	// Report every failure, whether or not the walk failed too.
	ok := reportFailures(&checkOptions{IO: o.IO}, res.Lint.Failures) && unreadable == 0
	var stopped *exportjob.Interrupted
	switch {
	case errors.As(err, &stopped):
		return interrupted("%s", stopped.Error())
	case res.Refused:
		run := report.Run{Files: res.Lint.Files, Diagnostics: res.Errors, HiddenBecause: "starlint lint shows them"}
		run.HiddenWarnings, run.HiddenInfos = countHidden(o, known, cfg, paths) // said, not shown: lint shows them
		if err := report.Text(o.IO.Out, run, report.Options{Color: o.IO.Color}); err != nil {
			return trouble("writing the report: %v", err)
		}
		fmt.Fprintf(o.IO.ErrOut, "starlint: nothing exported: %d %s with errors (fix them, or use --force)\n", res.ErrorPacks, plural(res.ErrorPacks, "pack"))
		return findings()
	}
	if res.ErrorPacks > 0 {
		o.Log.Warn("exporting packs with errors (--force)", "packs", res.ErrorPacks)
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(o.IO.ErrOut, "starlint: %s: %s\n", safe(s.Path), safe(s.Why))
		ok = ok && !s.Trouble
	}
	if err != nil {
		return trouble("%v", err)
	}
	var summary []string
	for i, e := range chosen {
		summary = append(summary, fmt.Sprintf("%s (%d %s)", e.Name(), res.Files[i], plural(res.Files[i], "file")))
	}
	fmt.Fprintf(o.IO.Out, "exported %d %s to %s: %s\n", res.Packs, plural(res.Packs, "pack"), safe(o.Out), strings.Join(summary, ", "))
	if !ok {
		return silentTrouble()
	}
	return nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (seconds since 1970, the
// reproducible-builds convention); unset, it is the zero time.
func sourceDateEpoch(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	// the year 9999 at most: later times overflow the millisecond ids the
	// Anki package derives from them
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970, up to the year 9999", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

// wordsPerMinute is the speaking speed the config gives target-time, so
// exports and lint agree on speaking times.
func wordsPerMinute(cfg *lint.Config) int {
	if o, ok := cfg.Setting(rules.TargetTime).Options.(*rules.TargetTimeOptions); ok && o.WordsPerMinute > 0 {
		return o.WordsPerMinute
	}
	return 150
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// countHidden is how many warnings and infos lint finds in the packs at
// paths: the export itself ran only the rules that report errors, and its
// refusal says how many more there are rather than "0 warnings".
func countHidden(o *exportOptions, rules []*lint.Rule, cfg *lint.Config, paths []string) (warnings, infos int) {
	full, err := lint.New(rules, cfg, nil)
	if err != nil {
		return 0, 0
	}
	inputs := make([]lint.Input, len(paths))
	for i, p := range paths {
		inputs[i].Path = p
	}
	_, warnings, infos = lint.Count(full.Run(inputs, lint.RunOptions{Context: o.Ctx}).Diagnostics)
	return warnings, infos
}
