package format

import (
	"testing"

	"github.com/starlint-dev/starlint/internal/fuzzseed"
	"github.com/starlint-dev/starlint/internal/pack"
)

// FuzzFormat: formatting either refuses or gives a file that parses to the
// same data (Source checks that) and formats to itself.
func FuzzFormat(f *testing.F) {
	for _, src := range fuzzseed.Packs() {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := Source("fuzz.yaml", src)
		if err != nil {
			return
		}
		if g := pack.Load("fuzz.yaml", out); g.Root == nil || len(g.Problems) > 0 {
			t.Fatalf("formatted output does not load: %v", g.Problems)
		}
		again, err := Source("fuzz.yaml", out)
		if err != nil {
			t.Fatalf("formatting the output failed: %v\n%s", err, out)
		}
		if string(again) != string(out) {
			t.Fatalf("not idempotent:\n%s\n---\n%s", out, again)
		}
	})
}
