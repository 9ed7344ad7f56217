package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/format"
	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/report"
	"github.com/starlint-dev/starlint/internal/textdiff"
)

type fmtOptions struct {
	Ctx        context.Context
	IO         *IO
	ConfigPath string
	Paths      []string
	Check      bool
	Diff       bool
	StdinName  string
}

func newFmtCmd(io *IO, g *globals) *cobra.Command {
	o := &fmtOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "fmt [PATH...]",
		Short: "Format packs canonically, like gofmt",
		Long: `Rewrite packs in the canonical format: keys in the documented order, two-space
indentation, block lists, short text plain where YAML allows it, long prose as folded
block scalars wrapped at 80 columns, comments kept on their keys, one trailing newline.
Formatting never changes a pack's data: each result is checked before it is written.

By default files are rewritten in place (atomically) and nothing is printed. --check
lists the files that are not formatted and exits 1; --diff prints unified diffs and
writes nothing. Files with YAML errors are reported and left untouched (exit 1).`,
		Example: "  starlint fmt\n  starlint fmt --check packs/\n  starlint fmt --diff packs/failed-to-deliver.yaml",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths, o.ConfigPath, o.Ctx = args, g.config, cmd.Context()
			if o.Check && o.Diff {
				return trouble("--check and --diff do not go together: pick one")
			}
			return runFmt(o, g)
		},
	}
	cmd.Flags().BoolVar(&o.Check, "check", false, "list files that are not formatted and exit 1; change nothing")
	cmd.Flags().StringVar(&o.StdinName, "stdin-filename", "", "with - as the path: the name to report the pack on standard input under")
	cmd.Flags().BoolVarP(&o.Diff, "diff", "d", false, "print unified diffs of the changes; change nothing")
	return cmd
}

func runFmt(o *fmtOptions, g *globals) error {
	lg := g.logger(o.IO)
	cfg, err := loadConfig(o.ConfigPath, rules.All(), lg)
	if err != nil {
		return err
	}
	if len(o.Paths) == 1 && o.Paths[0] == "-" {
		return fmtStdin(o)
	}
	paths, unreadable, err := findPacks(o.IO, o.Paths, cfg)
	if err != nil {
		return err
	}
	ok := unreadable == 0
	var yamlErrors []lint.Diagnostic
	unformatted, written := 0, 0
	for _, path := range paths {
		if o.Ctx != nil && o.Ctx.Err() != nil {
			return interrupted("%d %s formatted; every file is either formatted or unchanged", written, plural(written, "file"))
		}
		src, err := pack.ReadSource(path)
		if errors.Is(err, pack.ErrTooLarge) {
			fmt.Fprintf(o.IO.ErrOut, "starlint: %s: %s (not formatted)\n", safe(path), safe(fsutil.UnwrapPath(err)))
			ok = false
			continue
		}
		if err != nil {
			fmt.Fprintf(o.IO.ErrOut, "starlint: %s: %s\n", safe(path), safe(fsutil.UnwrapPath(err)))
			ok = false
			continue
		}
		out, err := format.Source(path, src)
		if errors.Is(err, format.ErrYAML) {
			f := pack.Load(path, src)
			for _, p := range f.Problems {
				yamlErrors = append(yamlErrors, lint.Diagnostic{File: path, Pos: p.Pos, Pointer: p.Pointer, Rule: lint.RuleYAML,
					Severity: lint.Error, Message: p.Message + " (not formatted)", Source: f.Line(p.Pos.Line)})
			}
			continue
		}
		if err != nil {
			fmt.Fprintf(o.IO.ErrOut, "starlint: %s\n", safe(err))
			ok = false
			continue
		}
		if string(out) == string(src) {
			continue
		}
		unformatted++
		switch {
		case o.Check:
			fmt.Fprintln(o.IO.Out, safe(path))
		case o.Diff:
			printDiff(o.IO, path, src, out)
		default:
			if err := fsutil.ReplaceFile(path, src, out); err != nil {
				fmt.Fprintf(o.IO.ErrOut, "starlint: %s\n", safe(err))
				ok = false
			} else {
				written++
			}
		}
	}
	if len(yamlErrors) > 0 {
		lint.SortDiagnostics(yamlErrors)
		if err := report.Text(o.IO.ErrOut, report.Run{Files: len(paths), Diagnostics: yamlErrors}, report.Options{Color: o.IO.ErrColor}); err != nil {
			return trouble("writing the report: %v", err)
		}
	}
	switch {
	case !ok:
		return silentTrouble()
	case len(yamlErrors) > 0, o.Check && unformatted > 0:
		return findings()
	}
	return nil
}

// fmtStdin formats the pack on standard input to standard output (an
// editor's or pre-commit's formatter); --check and --diff as for files.
// On YAML errors nothing is printed to standard output, so an editor
// keeps its buffer.
func fmtStdin(o *fmtOptions) error {
	src, err := readStdin(o.IO)
	if err != nil {
		return err
	}
	name := stdinName(o.StdinName)
	out, err := format.Source(name, src)
	if errors.Is(err, format.ErrYAML) {
		f := pack.Load(name, src)
		var diags []lint.Diagnostic
		for _, p := range f.Problems {
			diags = append(diags, lint.Diagnostic{File: name, Pos: p.Pos, End: p.End, Rule: lint.RuleYAML, Severity: lint.Error, Message: p.Message + " (not formatted)", Source: f.Line(p.Pos.Line)})
		}
		if err := report.Text(o.IO.ErrOut, report.Run{Files: 1, Diagnostics: diags}, report.Options{}); err != nil {
			return trouble("writing the report: %v", err)
		}
		return findings()
	}
	if err != nil {
		return trouble("%s", safe(err))
	}
	switch {
	case o.Check:
		if string(out) != string(src) {
			fmt.Fprintln(o.IO.Out, safe(name))
			return findings()
		}
	case o.Diff:
		if string(out) != string(src) {
			printDiff(o.IO, name, src, out)
		}
	default:
		o.IO.Out.Write(out)
	}
	return nil
}

// printDiff prints the unified diff of formatting the file at path. Piped,
// it is a patch, byte for byte. On a terminal, control characters in its
// lines (a pack's text, a file name) are escaped as lint escapes them, so
// that a pack cannot drive the terminal.
func printDiff(io *IO, path string, src, out []byte) {
	from, to := textdiff.FileLabels(path)
	diff := textdiff.Unified(from, to, string(src), string(out))
	if io.Terminal {
		lines := strings.SplitAfter(diff, "\n")
		for i, l := range lines {
			body, nl := strings.CutSuffix(l, "\n")
			lines[i] = report.EscapeControls(body)
			if nl {
				lines[i] += "\n"
			}
		}
		diff = strings.Join(lines, "")
	}
	fmt.Fprint(io.Out, diff)
}
