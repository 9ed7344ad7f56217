package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/stats"
)

func newStatsCmd(io *IO, g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "stats [PATH...]",
		Short: "Show words and speaking time per STAR step, and section sizes",
		Long: `For each pack, a table of words and estimated speaking time per STAR step against the
step's target (marking steps over it), the total against each level's duration, and the
counts of follow-ups, angles, reflections and quiz items per difficulty. Speaking time
uses target-time's words-per-minute (150 unless the config says otherwise).`,
		Example: "  starlint stats packs/failed-to-deliver.yaml\n  starlint stats --format json",
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return trouble("--format %q: use text or json", format)
			}
			lg := g.logger(io)
			cfg, err := loadConfig(g.config, rules.All(), lg)
			if err != nil {
				return err
			}
			paths, unreadable, err := findPacks(io, args, cfg)
			if err != nil {
				return err
			}
			ok := unreadable == 0
			all := []stats.Pack{}
			broken := false
			for _, path := range paths {
				f, err := pack.ReadFile(path)
				if err != nil {
					fmt.Fprintf(io.ErrOut, "starlint: %s: %s\n", safe(path), safe(err))
					ok = false
					continue
				}
				if f.Root == nil {
					fmt.Fprintf(io.ErrOut, "starlint: %s:%d:%d: %s (run starlint lint)\n", safe(path), f.Problems[0].Pos.Line, f.Problems[0].Pos.Col, safe(f.Problems[0].Message))
					broken = true
					continue
				}
				all = append(all, stats.Compute(path, f.Pack, wordsPerMinute(cfg)))
			}
			if format == "json" {
				enc := json.NewEncoder(io.Out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(all); err != nil {
					return trouble("%v", err)
				}
			} else if err := stats.Text(io.Out, all); err != nil {
				return trouble("%v", err)
			}
			switch {
			case !ok:
				return silentTrouble()
			case broken:
				return findings()
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}
