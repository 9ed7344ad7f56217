package export_test

import (
	"testing"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/anki"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/export/html"
	"github.com/starlint-dev/starlint/internal/export/jsonexport"
	"github.com/starlint-dev/starlint/internal/pack"
)

// BenchmarkExport runs each exporter over 1,000 generated packs.
func BenchmarkExport(b *testing.B) {
	var packs []*export.Source
	for _, p := range corpus.Generate(1000, 1) {
		f := pack.Load(p.Name, p.Src)
		if f.Root != nil {
			packs = append(packs, &export.Source{Path: p.Name, Pack: f.Pack, Modified: exporttest.Epoch})
		}
	}
	export.SortByID(packs)
	opt := export.Options{Time: exporttest.Epoch}
	for _, e := range []export.Exporter{jsonexport.Exporter{}, anki.Exporter{}, anki.TextExporter{}, html.Exporter{}} {
		b.Run(e.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := export.Run(e, packs, opt, &export.MemOutput{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
