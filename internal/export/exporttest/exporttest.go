// Package exporttest loads packs for exporter tests.
package exporttest

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/pack"
)

// Epoch is the fixed export time the tests use (2026-01-01).
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Load reads packs (globs relative to the test's directory) as export
// sources stamped with Epoch, sorted by id.
func Load(t *testing.T, globs ...string) []*export.Source {
	t.Helper()
	var out []*export.Source
	for _, g := range globs {
		paths, err := filepath.Glob(g)
		if err != nil || len(paths) == 0 {
			t.Fatalf("no packs match %s", g)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := pack.Load(p, src)
			if f.Root == nil {
				t.Fatalf("%s: %v", p, f.Problems)
			}
			out = append(out, &export.Source{Path: p, Pack: f.Pack, Modified: Epoch})
		}
	}
	export.SortByID(out)
	return out
}

// Run exports with e and returns the files.
func Run(t *testing.T, e export.Exporter, packs []*export.Source, opt export.Options) *export.MemOutput {
	t.Helper()
	if opt.Time.IsZero() {
		opt.Time = export.Latest(packs)
	}
	out := &export.MemOutput{}
	if err := export.Run(e, packs, opt, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TakeAll gives every pack to a direct export from several goroutines,
// in a shuffled order, as the export command's lint workers do.
func TakeAll(t *testing.T, w export.DirectWriter, packs []*export.Source, seed uint64) error {
	t.Helper()
	order := rand.New(rand.NewPCG(seed, 1)).Perm(len(packs))
	var wg sync.WaitGroup
	errs := make([]error, len(packs))
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := g; k < len(order); k += 3 {
				errs[k] = w.Take(packs[order[k]])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return w.Finish()
}
