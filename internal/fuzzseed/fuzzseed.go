// Package fuzzseed gathers the pack files the fuzz targets start from: the
// example packs, every test fixture and a few generated packs.
package fuzzseed

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/starlint-dev/starlint/internal/corpus"
)

// Packs returns the seed inputs.
func Packs() [][]byte {
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	var out [][]byte
	for _, glob := range []string{
		"packs/*.yaml",
		"internal/lint/rules/testdata/*/*.yaml",
		"internal/lint/rules/testdata/config/*/*.yaml",
		"internal/format/testdata/*.yaml",
		"internal/export/testdata/*.yaml",
	} {
		paths, _ := filepath.Glob(filepath.Join(root, glob))
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				out = append(out, src)
			}
		}
	}
	for _, p := range corpus.Generate(4, 11) {
		out = append(out, p.Src)
	}
	return out
}
