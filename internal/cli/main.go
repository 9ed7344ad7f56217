// Package cli is starlint's command tree. Commands are thin: cobra parses
// flags into an options struct and a library function does the work. Only
// this package reads flags or the environment, writes to the process's
// streams, or decides exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	stdio "io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	"github.com/charmbracelet/log"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"
)

// Main runs starlint with the process's arguments and streams and returns
// the exit code.
func Main() int {
	tuneGC()
	// Ctrl-C and SIGTERM cancel the context: commands stop between files,
	// so every file is either untouched or completely written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return RunContext(ctx, os.Args[1:], SystemIO())
}

// Run runs starlint with args and returns the exit code.
func Run(args []string, io *IO) int { return RunContext(context.Background(), args, io) }

// RunContext is Run with a context whose cancellation (an interrupt) stops
// the command between files, with exit code 130.
func RunContext(ctx context.Context, args []string, io *IO) int {
	if io.Getenv == nil {
		io.Getenv = func(string) string { return "" }
	}
	g := &globals{}
	root := newRootCmd(io, g)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	g.stopProfile() // also when the command failed
	code, err := exitCode(err)
	if err != nil {
		fmt.Fprintf(io.ErrOut, "starlint: %s\n", safe(strings.TrimSpace(err.Error())))
		if code == ExitTrouble && isUsageError(err) {
			fmt.Fprintln(io.ErrOut, "Run 'starlint --help' for usage.")
		}
	}
	return code
}

func isUsageError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "unknown flag") || strings.Contains(msg, "unknown command") ||
		strings.Contains(msg, "flag needs an argument") || strings.Contains(msg, "invalid argument") ||
		strings.Contains(msg, "accepts ")
}

// globals are the flags every command has.
type globals struct {
	logLevel   string
	config     string
	cpuProfile string
	memProfile string
	stopProf   func()
}

// NewRootCmd builds a fresh command tree: no package-level state, so tests
// can build as many as they like.
func NewRootCmd(io *IO) *cobra.Command {
	return newRootCmd(io, &globals{})
}

func newRootCmd(io *IO, g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "starlint",
		Short: "Validate, lint and export STAR interview pattern packs",
		Long: `starlint checks pattern packs (YAML files that teach one behavioral-interview
pattern with the STAR method) against the pack schema and an editorial rule catalog,
fixes what is mechanically fixable, and exports packs to JSON, Anki and HTML.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if _, err := log.ParseLevel(g.logLevel); err != nil {
				return trouble("--log-level %q: use debug, info, warn or error", g.logLevel)
			}
			return g.startProfile()
		},
		PersistentPostRun: func(cmd *cobra.Command, args []string) { g.stopProfile() },
	}
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "warn", "how much to log on stderr: debug, info, warn or error")
	root.PersistentFlags().StringVar(&g.config, "config", "", "config file (default: .starlint.yaml found by walking up from the working directory)")
	root.PersistentFlags().StringVar(&g.cpuProfile, "debug.cpuprofile", "", "write a CPU profile to this file (for performance work)")
	root.PersistentFlags().MarkHidden("debug.cpuprofile")
	root.PersistentFlags().StringVar(&g.memProfile, "debug.memprofile", "", "write an allocation profile to this file at exit (for performance work)")
	root.PersistentFlags().MarkHidden("debug.memprofile")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		// "strconv.ParseInt: parsing "abc": invalid syntax" says nothing
		// to a writer
		msg := strconvRE.ReplaceAllString(err.Error(), "not a whole number")
		return &exitError{code: ExitTrouble, err: errors.New(msg)}
	})
	root.AddCommand(
		newValidateCmd(io, g, nil),
		newLintCmd(io, g, nil),
		newExportCmd(io, g),
		newFmtCmd(io, g),
		newNewCmd(io),
		newStatsCmd(io, g),
		newSchemaCmd(io),
		newVersionCmd(io),
		newRulesCmd(io, g),
		newExplainCmd(io, g),
		newLSPCmd(io, g),
	)
	// An unknown shell (completion tcsh) is a usage error, not a help page
	// and exit 0.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = cobra.NoArgs
			c.RunE = func(cmd *cobra.Command, args []string) error {
				return trouble("completion: name a shell: bash, zsh, fish or powershell")
			}
		}
	}
	return root
}

var strconvRE = regexp.MustCompile(`strconv\.Parse\w+: parsing "[^"]*": (invalid syntax|value out of range)`)

// logger makes the run's logger: stderr only, never results. The logger's
// colour library would query a terminal for its colours and wait up to
// seconds for an answer that some terminals never send, printing the
// queries as it goes: it is given a plain writer, so it never sees a
// terminal, and the colour profile is set here from what the environment
// allows.
func (g *globals) logger(io *IO) *log.Logger {
	lvl, _ := log.ParseLevel(g.logLevel)
	l := log.NewWithOptions(plainWriter{io.ErrOut}, log.Options{Level: lvl, Prefix: "starlint"})
	if io.ErrColor {
		l.SetColorProfile(termenv.ANSI256)
	}
	return l
}

// plainWriter hides what a writer is (an *os.File on a terminal).
type plainWriter struct{ w stdio.Writer }

func (p plainWriter) Write(b []byte) (int, error) { return p.w.Write(b) }
