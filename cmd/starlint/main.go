// Command starlint validates, lints and exports STAR interview pattern packs.
package main

import (
	"os"

	"github.com/starlint-dev/starlint/internal/cli"
)

func main() { os.Exit(cli.Main()) }
