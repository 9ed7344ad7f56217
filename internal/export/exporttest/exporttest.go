// Package exporttest loads packs for exporter tests.
package exporttest

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/corpus"
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

// DirectMatchesInOrder checks that packs taken by e in any order, at
// once, as the export command's lint workers take them, give the files
// an in-order export writes, byte for byte: the example packs, the
// hostile ones and 40 generated packs of every style. Call it from a
// package directory under internal/export.
func DirectMatchesInOrder(t *testing.T, e export.Direct) {
	t.Helper()
	packs := Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	for i, g := range corpus.Generate(40, 3) {
		src, err := corpus.Restyle(g.Src, corpus.Styles[i%len(corpus.Styles)], i)
		if err != nil {
			t.Fatal(err)
		}
		f := pack.Load(g.Name, src)
		if f.Root == nil {
			t.Fatalf("%s: %v", g.Name, f.Problems)
		}
		packs = append(packs, &export.Source{Path: g.Name, Pack: f.Pack})
	}
	export.SortByID(packs)
	opt := export.Options{WordsPerMinute: 150}
	want := Run(t, e, packs, opt)
	for seed := range uint64(5) {
		got := &export.MemOutput{}
		w, err := e.StartDirect(opt, got)
		if err != nil {
			t.Fatal(err)
		}
		if err := TakeAll(t, w, packs, seed); err != nil {
			t.Fatal(err)
		}
		if g, w := strings.Join(got.Names(), " "), strings.Join(want.Names(), " "); g != w {
			t.Fatalf("files %s, want %s", g, w)
		}
		for _, name := range want.Names() {
			if !bytes.Equal(got.Files[name], want.Files[name]) {
				t.Fatalf("seed %d: %s differs from the in-order export's", seed, name)
			}
		}
	}
}

// DirectNamesTheSecondPackOfAnID checks that two packs of one id, at
// a/ and b/, fail e's direct export with the error want, which names the
// second in path order, whichever was taken first.
func DirectNamesTheSecondPackOfAnID(t *testing.T, e export.Direct, want string) {
	t.Helper()
	one := Load(t, "../../testdata/packs/failed-to-deliver.yaml")[0]
	a, b := *one, *one
	a.Path, b.Path = "a/failed-to-deliver.yaml", "b/failed-to-deliver.yaml"
	for seed := range uint64(4) {
		w, err := e.StartDirect(export.Options{}, &export.MemOutput{})
		if err != nil {
			t.Fatal(err)
		}
		if err := TakeAll(t, w, []*export.Source{&a, &b}, seed); err == nil || err.Error() != want {
			t.Fatalf("seed %d: %v, want %s", seed, err, want)
		}
	}
}
