package pack_test

import (
	"testing"

	"github.com/starlint-dev/starlint/internal/fuzzseed"
	"github.com/starlint-dev/starlint/internal/pack"
)

// FuzzLoad: any bytes load without a panic; a loaded document has a value,
// and every position the file gives is inside it.
func FuzzLoad(f *testing.F) {
	for _, src := range fuzzseed.Packs() {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file := pack.Load("fuzz.yaml", src)
		if file.Pack == nil {
			t.Fatal("nil Pack")
		}
		for _, p := range file.Problems {
			if p.Message == "" || p.Pos.Line < 1 || p.Pos.Col < 1 {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if file.Root == nil {
			return
		}
		file.Value()
		pos := file.ValuePos("/star/action/example")
		if off := file.Offset(pos); off < 0 || off > len(src) {
			t.Fatalf("offset %d outside the file", off)
		}
	})
}
