package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/scaffold"
)

func newNewCmd(io *IO) *cobra.Command {
	o := scaffold.Options{}
	dir := "packs"
	cmd := &cobra.Command{
		Use:   "new ID",
		Short: "Start a new pack from a skeleton",
		Long: `Write DIR/ID.yaml: a skeleton with every section, the schema comment for editors, and
placeholder text that lint reports (no-placeholder) until it is replaced. It never
overwrites a file.`,
		Example: "  starlint new missed-deadline --competency \"Failure and Resilience\"",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ID = args[0]
			path := filepath.Join(dir, o.ID+".yaml")
			o.SchemaRef = schemaRef(dir)
			src, err := scaffold.New(o)
			if err != nil {
				return trouble("%v", err)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return trouble("cannot create %s: %v", dir, err)
			}
			if err := fsutil.CreateExclusive(path, src, 0o644); err != nil {
				if errors.Is(err, fsutil.ErrExists) {
					return trouble("%s already exists: starlint new never overwrites a pack", path)
				}
				return trouble("%v", err)
			}
			fmt.Fprintf(io.Out, "created %s: replace every TODO, then run starlint lint %s\n", safe(path), safe(path))
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Category, "category", "", "the pack's category (default \"General Behavioral\")")
	cmd.Flags().StringVar(&o.Competency, "competency", "", "what the story demonstrates, such as \"Ownership\"")
	cmd.Flags().StringVar(&dir, "dir", "packs", "directory to write the pack into")
	return cmd
}

// schemaRef points editors at the pack schema: a relative path when the
// repository's schemas/ is found above dir, else the published URL.
func schemaRef(dir string) string {
	abs, err := filepath.Abs(dir)
	if err == nil {
		for d := abs; ; d = filepath.Dir(d) {
			candidate := filepath.Join(d, "schemas", "pack.schema.json")
			if _, err := os.Stat(candidate); err == nil {
				if rel, err := filepath.Rel(abs, candidate); err == nil {
					return filepath.ToSlash(rel)
				}
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "https://raw.githubusercontent.com/starlint-dev/starlint/main/schemas/pack.schema.json"
}
