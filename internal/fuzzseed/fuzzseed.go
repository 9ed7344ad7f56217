// Package fuzzseed gathers the pack files the fuzz targets start from: the
// example packs, every test fixture and a few generated packs.
package fuzzseed

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/starlint-dev/starlint/internal/corpus"
)

// Packs returns the seed inputs.
func Packs() [][]byte {
	var out [][]byte
	for _, s := range Named() {
		out = append(out, s.Src)
	}
	return out
}

// Seed is one seed input and where it came from.
type Seed struct {
	Name string // the file, relative to the repository, or gen-N
	Src  []byte
}

// Named returns the seed inputs with their names, so that a test can derive
// each case's randomness from its seed's name: adding a fixture then adds
// cases, and changes none of the others.
func Named() []Seed {
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	var out []Seed
	for _, glob := range []string{
		"internal/testdata/packs/*.yaml",
		"internal/lint/rules/testdata/*/*.yaml",
		"internal/lint/rules/testdata/config/*/*.yaml",
		"internal/format/testdata/*.yaml",
		"internal/export/testdata/*.yaml",
	} {
		paths, _ := filepath.Glob(filepath.Join(root, glob))
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				rel, _ := filepath.Rel(root, p)
				out = append(out, Seed{filepath.ToSlash(rel), src})
			}
		}
	}
	for i, p := range corpus.Generate(4, 11) {
		out = append(out, Seed{"gen-" + strconv.Itoa(i), p.Src})
	}
	return out
}
