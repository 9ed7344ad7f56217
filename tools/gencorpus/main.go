// Command gencorpus writes a generated corpus of pattern packs, for timing
// starlint and its peers on the same files:
//
//	go run ./tools/gencorpus -n 1000 -seed 1 -out /tmp/corpus-1000
//	go run ./tools/gencorpus -n 1000 -style mixed -out /tmp/corpus-mixed
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/starlint-dev/starlint/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of packs")
	seed := flag.Uint64("seed", 1, "seed; the same seed gives the same packs")
	out := flag.String("out", "corpus", "directory to write into")
	style := flag.String("style", "block", "how the packs are written: "+strings.Join(corpus.Styles, ", "))
	flag.Parse()
	if err := corpus.WriteDir(*out, *n, *seed, *style); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
