package cli

import (
	"context"
	"fmt"
	stdio "io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/log"

	"github.com/starlint-dev/starlint/internal/files"
	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/lintcache"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/report"
	"github.com/starlint-dev/starlint/internal/textdiff"
)

// checkOptions is what validate and lint need; the flags fill it in.
type checkOptions struct {
	Ctx         context.Context // cancelled by Ctrl-C; nil means never
	IO          *IO
	Log         *log.Logger
	ConfigPath  string // --config; "" to search
	Rules       []*lint.Rule
	Only        []string // --rule
	Paths       []string
	Format      string
	MaxWarnings int // -1: no limit
	Quiet       bool
	Fix         bool
	DryRun      bool
	Jobs        int
	Watch       bool
	Team        bool   // run the config's team rules (lint, not validate)
	StdinName   string // --stdin-filename, for the path -
	Cache       bool   // --cache
	CacheFile   string // --cache-file
}

// loadConfig finds and parses the config: the --config file, or the nearest
// .starlint.yaml above the working directory, or none.
func loadConfig(path string, all []*lint.Rule, lg *log.Logger) (*lint.Config, error) {
	if path == "" {
		path = lint.FindConfig(".")
		if path == "" {
			lg.Debug("no config file found; using defaults")
			return nil, nil
		}
	}
	lg.Debug("config", "path", path)
	cfg, err := lint.LoadConfig(path, all)
	if err != nil {
		return nil, &exitError{code: ExitTrouble, err: err}
	}
	return cfg, nil
}

// findPacks expands the paths (default packs/) into pack files, printing
// and counting the paths that cannot be read. Finding no pack at all is an
// error (exit 2).
func findPacks(io *IO, paths []string, cfg *lint.Config) (found []string, unreadable int, err error) {
	if len(paths) == 0 {
		paths = []string{"packs"}
	}
	found, errs := files.Expand(paths, cfg.Ignored)
	for _, e := range errs {
		fmt.Fprintf(io.ErrOut, "starlint: %s\n", safe(e))
	}
	switch {
	case len(found) > 0:
		return found, len(errs), nil
	case len(errs) == 0:
		return nil, 0, trouble("no pack files (*.yaml, *.yml) in %s", safe(strings.Join(paths, ", ")))
	}
	return nil, len(errs), silentTrouble()
}

// validate checks the numbers the flags give.
func (o *checkOptions) validate() error {
	switch {
	case o.MaxWarnings < -1:
		return trouble("--max-warnings %d: give the number of warnings allowed, 0 or more (or -1 for no limit)", o.MaxWarnings)
	case o.Jobs < 0:
		return trouble("--jobs %d: give how many files to lint at once, 1 or more (0: one per CPU)", o.Jobs)
	}
	return nil
}

func runCheck(o *checkOptions) error {
	if err := o.validate(); err != nil {
		return err
	}
	if _, ok := report.Lookup(o.Format); !ok {
		return trouble("--format: %v", report.UnknownFormat(o.Format))
	}
	stdinMode := len(o.Paths) == 1 && o.Paths[0] == "-"
	cfgPath := o.ConfigPath
	if stdinMode && cfgPath == "" && o.StdinName != "" {
		// the config of the file the editor says this is, as ESLint does
		cfgPath = lint.FindConfig(filepath.Dir(o.StdinName))
	}
	cfg, err := loadConfig(cfgPath, rules.All(), o.Log)
	if err != nil {
		return err
	}
	if stdinMode && (o.Fix || o.Cache || o.CacheFile != "") {
		return trouble("-: standard input is linted, not fixed or cached; use starlint fmt - for formatting")
	}
	if o.Team {
		o.Rules = lint.WithTeam(o.Rules, cfg)
	}
	linter, err := lint.New(o.Rules, cfg, o.Only)
	if err != nil {
		return trouble("%v", err)
	}
	// The cache file is read and checked while the walk finds the packs.
	opened := make(chan *lintcache.Cache, 1)
	go func() { opened <- openCache(o, cfg, linter) }()
	var paths []string
	var unreadable int
	var stdin []byte
	if stdinMode {
		if stdin, err = readStdin(o.IO); err != nil {
			return err
		}
		paths = []string{stdinName(o.StdinName)}
	} else if paths, unreadable, err = findPacks(o.IO, o.Paths, cfg); err != nil {
		return err
	}
	inputs := lint.InputsFor(paths)
	if stdin != nil {
		p := paths[0]
		inputs[0].Load = func() (*pack.File, error) { return pack.Load(p, stdin), nil }
	}
	cache := <-opened
	if cache != nil {
		// Cached results stay live to the report: collecting finds nothing
		// to free. Files to lint make garbage, so the collector comes back
		// for them.
		resume := pauseGC()
		defer resume()
		cache.Fill(inputs)
		if _, misses := cache.Stats(); misses > 0 {
			resume()
		}
	}
	o.Log.Debug("linting", "files", len(paths), "rules", len(o.Rules))
	res := linter.Run(inputs, lint.RunOptions{Jobs: o.Jobs, KeepSources: o.Fix, Context: o.Ctx})
	if o.Ctx != nil && o.Ctx.Err() != nil {
		return interrupted("stopped before every file was checked; no report")
	}
	if cache != nil {
		hits, misses := cache.Stats()
		o.Log.Debug("cache", "hits", hits, "misses", misses)
		if err := cache.Save(); err != nil {
			o.Log.Warn("the result cache was not saved", "err", err)
		}
	}
	// Report every failure, whether or not the walk failed too.
	ioOK := reportFailures(o, res.Failures) && unreadable == 0
	unreadable += len(res.Failures)

	if o.Fix {
		fixed, fixOK := applyFixes(o, res)
		ioOK = ioOK && fixOK
		if o.DryRun {
			if !ioOK {
				return silentTrouble()
			}
			return nil
		}
		if o.Ctx != nil && o.Ctx.Err() != nil {
			return interrupted("%d %s fixed; every file is either fixed or unchanged", fixed, plural(fixed, "fix"))
		}
		if fixed > 0 {
			res = linter.Run(inputs, lint.RunOptions{Jobs: o.Jobs})
		}
	}

	diags := res.Diagnostics
	run := report.Run{Files: res.Files, Unreadable: unreadable, Rules: o.Rules, Version: version()}
	if o.Quiet {
		var errs int
		errs, run.HiddenWarnings, run.HiddenInfos = lint.Count(res.Diagnostics)
		diags = make([]lint.Diagnostic, 0, errs) // the errors only, not a copy of every finding
		for _, d := range res.Diagnostics {
			if d.Severity == lint.Error {
				diags = append(diags, d)
			}
		}
	}
	run.Diagnostics = diags
	if err := report.Write(o.IO.Out, o.Format, run, report.Options{Color: o.IO.Color}); err != nil {
		return trouble("writing the report: %v", err)
	}
	errs, warns, _ := lint.Count(res.Diagnostics)
	switch {
	case !ioOK:
		return silentTrouble()
	case errs > 0:
		return findings()
	case o.MaxWarnings >= 0 && warns > o.MaxWarnings:
		fmt.Fprintf(o.IO.ErrOut, "starlint: %d %s, more than --max-warnings %d\n", warns, plural(warns, "warning"), o.MaxWarnings)
		return findings()
	}
	return nil
}

// openCache opens the result cache when --cache, --cache-file or the
// config's cache key asks for it (never with --fix, which needs sources).
func openCache(o *checkOptions, cfg *lint.Config, linter *lint.Linter) *lintcache.Cache {
	path := o.CacheFile
	if path == "" && cfg != nil && cfg.Cache {
		path = cfg.CachePath
	}
	enabled := o.Cache || o.CacheFile != "" || (cfg != nil && cfg.Cache)
	if !enabled || o.Fix {
		return nil
	}
	if path == "" {
		var err error
		if path, err = lintcache.DefaultPath(); err != nil {
			o.Log.Warn("no cache directory; running without the cache", "err", err)
			return nil
		}
	}
	key := version() + "\n" + lintcache.BinaryID() + "\n" + linter.Fingerprint()
	o.Log.Debug("cache", "path", path)
	return lintcache.Open(path, key)
}

func reportFailures(o *checkOptions, failures []lint.FileError) bool {
	for _, f := range failures {
		fmt.Fprintf(o.IO.ErrOut, "starlint: %s: %s\n", report.EscapeControls(f.Path), report.EscapeControls(ioMessage(f.Err)))
	}
	return len(failures) == 0
}

// ioMessage says what went wrong without repeating the path.
func ioMessage(err error) string { return fsutil.UnwrapPath(err).Error() }

// applyFixes writes (or, with --dry-run, prints as diffs) the suggested
// fixes. A fix that would break the file's YAML is not written.
func applyFixes(o *checkOptions, res lint.Result) (fixed int, ok bool) {
	ok = true
	byFile := map[string][]lint.Diagnostic{}
	for _, d := range res.Diagnostics {
		if d.Fix != nil {
			byFile[d.File] = append(byFile[d.File], d)
		}
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	slices.Sort(names)
	done := map[string]bool{} // by real path: a link and its target are one file
	for _, name := range names {
		if o.Ctx != nil && o.Ctx.Err() != nil {
			break // between files: each one is fixed completely or not at all
		}
		src, kept := res.Sources[name]
		if !kept {
			continue
		}
		real := name
		if r, err := filepath.EvalSymlinks(name); err == nil {
			real, _ = filepath.Abs(r)
		}
		if done[real] {
			continue
		}
		done[real] = true
		out, applied := lint.ApplyFixesDetail(src, byFile[name])
		n := len(applied)
		if n == 0 {
			continue
		}
		if after := pack.Load(name, out); after.Root == nil || len(after.Problems) > 0 {
			fmt.Fprintf(o.IO.ErrOut, "starlint: %s: the fixes would break the file's YAML, so it was left unchanged; please report this\n", safe(name))
			ok = false
			continue
		}
		if o.DryRun {
			from, to := textdiff.FileLabels(name)
			fmt.Fprint(o.IO.Out, textdiff.Unified(from, to, string(src), string(out)))
			continue
		}
		if err := fsutil.ReplaceFile(name, src, out); err != nil {
			fmt.Fprintf(o.IO.ErrOut, "starlint: %s\n", safe(err))
			ok = false
			continue
		}
		fmt.Fprintf(o.IO.ErrOut, "starlint: fixed %s: %s\n", safe(name), fixSummary(applied))
		fixed += n
	}
	return fixed, ok
}

// fixSummary says what --fix changed in a file: "3 fixes (typography 2,
// house/email 1)".
func fixSummary(applied []lint.Diagnostic) string {
	byRule := map[string]int{}
	var rules []string
	for _, d := range applied {
		if byRule[d.Rule] == 0 {
			rules = append(rules, d.Rule)
		}
		byRule[d.Rule]++
	}
	slices.Sort(rules)
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = fmt.Sprintf("%s %d", r, byRule[r])
	}
	word := "fixes"
	if len(applied) == 1 {
		word = "fix"
	}
	return fmt.Sprintf("%d %s (%s)", len(applied), word, strings.Join(parts, ", "))
}

// readStdin reads one pack from standard input, as ESLint and Prettier do
// for editors and pre-commit pipelines, with the same size limit as files.
func readStdin(io *IO) ([]byte, error) {
	if io.In == nil {
		return nil, trouble("-: no standard input")
	}
	src, err := stdio.ReadAll(stdio.LimitReader(io.In, pack.MaxFileSize+1))
	if err != nil {
		return nil, trouble("-: reading standard input: %v", err)
	}
	return src, nil
}

// stdinName is what the pack on standard input is reported as.
func stdinName(name string) string {
	if name == "" {
		return "<stdin>"
	}
	return name
}
