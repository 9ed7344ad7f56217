package cli

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporters"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
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
	epoch, hasEpoch, err := sourceDateEpoch(o.IO.Getenv("SOURCE_DATE_EPOCH"))
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
	pathsOK := unreadable == 0
	// Only the rules that report errors run: they decide whether the
	// export goes ahead, and the others cost a fifth of its time. A
	// refusal counts the rest (countHidden).
	known := lint.WithTeam(all, cfg)
	linter, err := lint.New(known, cfg, lint.ErrorRules(known, cfg))
	if err != nil {
		return trouble("%v", err)
	}
	opt := export.Options{WordsPerMinute: wordsPerMinute(cfg), Bundle: o.Bundle}
	// Formats whose files for a pack need that pack alone (JSON) take each
	// pack as it is linted, into a staging directory inside --out; the
	// others are written in a second pass that reads the packs again, in
	// id order (export.Stream). Either way every file is moved into place
	// only once all formats succeeded.
	direct, streamed, staging, err := startDirect(chosen, opt, o.Out)
	if err != nil {
		return trouble("%v", err)
	}
	// undo drops what the direct formats wrote, and --out when this run
	// made it, for an export that stops before its second pass
	undo := func() {
		for _, r := range direct {
			r.Abort()
		}
		if staging != nil {
			staging.Undo()
		}
	}
	// First pass: lint every pack, keeping only its id and a hash of what
	// was linted, and giving it to the direct formats.
	inputs := make([]lint.Input, len(paths))
	linted := make([]*export.Planned, len(paths))
	read := make([]bool, len(paths)) // false: a read failure, already reported
	taken := make([]error, len(paths))
	var refused atomic.Bool // a pack has errors and there is no --force
	for i, p := range paths {
		inputs[i] = lint.Input{Path: p, Done: func(f *pack.File, c lint.Cached) {
			read[i] = true
			if f.Root == nil {
				return
			}
			linted[i] = &export.Planned{Path: p, ID: strings.Clone(f.Pack.ID), Sum: sha256.Sum256(f.Src)}
			if !o.Force && slices.ContainsFunc(c.Diags, func(d lint.Diagnostic) bool { return d.Severity == lint.Error }) {
				refused.Store(true)
			}
			if refused.Load() || export.CheckID(f.Pack.ID) != "" {
				return // the export will be refused; or skipped, and said so, below
			}
			src := &export.Source{Path: p, Pack: f.Pack, Ctx: o.Ctx}
			for _, r := range direct {
				if err := r.Take(src); err != nil && taken[i] == nil {
					taken[i] = err
				}
			}
		}}
	}
	res := linter.Run(inputs, lint.RunOptions{Context: o.Ctx})
	if o.Ctx != nil && o.Ctx.Err() != nil {
		undo()
		return interrupted("nothing exported")
	}
	// Report every failure, whether or not the walk failed too.
	ioOK := reportFailures(&checkOptions{IO: o.IO}, res.Failures) && pathsOK

	errorsByFile := map[string]int{}
	var errs []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Severity == lint.Error {
			errorsByFile[d.File]++
			errs = append(errs, d)
		}
	}
	if len(errs) > 0 && !o.Force {
		undo()
		run := report.Run{Files: res.Files, Diagnostics: errs, HiddenBecause: "starlint lint shows them"}
		run.HiddenWarnings, run.HiddenInfos = countHidden(o, known, cfg, paths) // said, not shown: lint shows them
		if err := report.Text(o.IO.Out, run, report.Options{Color: o.IO.Color}); err != nil {
			return trouble("writing the report: %v", err)
		}
		fmt.Fprintf(o.IO.ErrOut, "starlint: nothing exported: %d %s with errors (fix them, or use --force)\n", len(errorsByFile), plural(len(errorsByFile), "pack"))
		return findings()
	}
	// the first pack, in path order, that a direct format failed on
	if i := slices.IndexFunc(taken, func(err error) bool { return err != nil }); i >= 0 {
		undo()
		return trouble("%v; nothing was exported", taken[i])
	}

	if len(errorsByFile) > 0 {
		o.Log.Warn("exporting packs with errors (--force)", "packs", len(errorsByFile))
	}
	var planned []export.Planned
	var latest time.Time
	for i, p := range linted {
		if p == nil {
			if read[i] {
				fmt.Fprintf(o.IO.ErrOut, "starlint: %s: not a readable pack, skipped\n", safe(paths[i]))
			}
			continue
		}
		if why := export.CheckID(p.ID); why != "" {
			fmt.Fprintf(o.IO.ErrOut, "starlint: %s: %s: skipped\n", safe(p.Path), safe(why))
			ioOK = false
			continue
		}
		p.Modified = epoch
		if !hasEpoch && len(streamed) > 0 { // only the second pass reads the times
			st, err := os.Stat(p.Path)
			if err != nil {
				fmt.Fprintf(o.IO.ErrOut, "starlint: %s: %s\n", safe(p.Path), safe(ioMessage(err)))
				ioOK = false
				continue
			}
			p.Modified = st.ModTime().UTC().Truncate(time.Second)
		}
		if p.Modified.After(latest) {
			latest = p.Modified
		}
		planned = append(planned, *p)
	}
	export.SortPlanned(planned)
	opt.Time = latest

	// Second pass, for the formats that need the packs in order.
	if staging == nil {
		if staging, err = export.NewStaging(o.Out); err != nil {
			return trouble("%v", err)
		}
	}
	var streamedCounts []int
	if len(streamed) > 0 {
		streamedCounts, err = export.Stream(o.Ctx, streamed, planned, opt, staging)
	}
	if err == nil {
		for _, r := range direct {
			if err = r.Finish(); err != nil {
				break
			}
		}
	}
	if err != nil {
		for _, r := range direct {
			r.Abort()
		}
		staging.Discard()
		// an exporter that saw the interrupt first says "context
		// canceled": the interrupt is the news, not its error
		if errors.Is(err, export.ErrStopped) || errors.Is(err, context.Canceled) || (o.Ctx != nil && o.Ctx.Err() != nil) {
			return interrupted("nothing exported")
		}
		return trouble("%v; nothing was exported", err)
	}
	if o.Ctx != nil && o.Ctx.Err() != nil {
		staging.Discard()
		return interrupted("nothing exported")
	}
	n, err := staging.Commit(o.Ctx)
	if err != nil {
		if o.Ctx != nil && o.Ctx.Err() != nil {
			return interrupted("%d of %d %s written, each one complete", n, staging.Len(), plural(staging.Len(), "file"))
		}
		return trouble("%v", err)
	}
	counts := map[export.Exporter]int{}
	for i, e := range streamed {
		counts[e] = streamedCounts[i]
	}
	for _, r := range direct {
		counts[r.Exporter()] = r.Files()
	}
	var summary []string
	for _, e := range chosen {
		summary = append(summary, fmt.Sprintf("%s (%d %s)", e.Name(), counts[e], plural(counts[e], "file")))
	}
	fmt.Fprintf(o.IO.Out, "exported %d %s to %s: %s\n", len(planned), plural(len(planned), "pack"), o.Out, strings.Join(summary, ", "))
	if !ioOK {
		return silentTrouble()
	}
	return nil
}

// startDirect starts the chosen formats that can take packs as they are
// linted (export.Direct), into a staging directory made for them, and
// returns the others for the second pass. staging is nil when no format
// is direct: nothing is made before the packs are linted.
func startDirect(chosen []export.Exporter, opt export.Options, out string) (direct []*export.DirectRun, streamed []export.Exporter, staging *export.Staging, err error) {
	for _, e := range chosen {
		if !export.TakesDirect(e, opt) {
			streamed = append(streamed, e)
			continue
		}
		if staging == nil {
			if staging, err = export.NewStaging(out); err != nil {
				return nil, nil, nil, err
			}
		}
		r, err := export.StartDirect(e, opt, staging)
		if err != nil {
			for _, d := range direct {
				d.Abort()
			}
			staging.Undo()
			return nil, nil, nil, err
		}
		direct = append(direct, r)
	}
	return direct, streamed, staging, nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (seconds since 1970, the
// reproducible-builds convention).
func sourceDateEpoch(v string) (time.Time, bool, error) {
	if v == "" {
		return time.Time{}, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	// the year 9999 at most: later times overflow the millisecond ids the
	// Anki package derives from them
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970, up to the year 9999", v)
	}
	return time.Unix(n, 0).UTC(), true, nil
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
