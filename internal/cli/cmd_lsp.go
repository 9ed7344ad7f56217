package cli

import (
	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/lsp"
)

func newLSPCmd(io *IO, g *globals) *cobra.Command {
	var noWatch bool
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server for editors (LSP over standard input and output)",
		Long: `Runs starlint as a language server (the Language Server Protocol 3.17 over
stdin and stdout) for editors: findings under the words as you type, quick fixes,
"disable RULE for this key", rule docs and schema descriptions on hover, key and
value completion from the schema, formatting, and each STAR step's speaking time.
The workspace's .starlint.yaml applies and is reloaded when it changes. Logs go to
stderr. See the README for Neovim, Emacs, Helix and VS Code set-up.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lg := g.logger(io)
			code := lsp.Serve(cmd.Context(), io.In, io.Out, lsp.Options{
				Rules:       rules.All(),
				Version:     version(),
				Logf:        func(format string, args ...any) { lg.Errorf(format, args...) },
				WatchConfig: !noWatch,
			})
			if code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&noWatch, "no-watch", false, "do not watch the config file for changes made outside the editor")
	cmd.Flags().Bool("stdio", true, "talk over standard input and output (the only transport; accepted for editors that pass it)")
	return cmd
}
