package lintcache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/files"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// BenchmarkWarmRun is a warm `--cache` run's own work over 20,000
// unchanged packs: the walk beside opening the cache, then looking every
// file up.
// Its B/op matters as much as its time: on a machine where fresh memory is
// slow (the 2-core VM of docs/performance.md), a warm run's time follows
// the memory it touches.
func BenchmarkWarmRun(b *testing.B) {
	dir := b.TempDir()
	b.Chdir(dir)
	os.Mkdir("packs", 0o755)
	cachePath := filepath.Join(dir, "cache")
	c := Open(cachePath, "k")
	for i := 0; i < 20000; i++ {
		p := filepath.Join("packs", fmt.Sprintf("gen-%05d-failed-to-deliver.yaml", i))
		src := []byte(fmt.Sprintf("id: gen-%05d\n", i))
		os.WriteFile(p, src, 0o644)
		r := lint.Cached{Ref: &lint.PackRef{File: p, ID: fmt.Sprintf("gen-%05d", i), Pos: pack.Pos{Line: 1, Col: 5}, Answers: "ABCDA", Options: "44444"}}
		if i%7 == 0 {
			r.Diags = []lint.Diagnostic{{File: p, Pos: pack.Pos{Line: 30, Col: 11}, Rule: "result-has-metric", Severity: lint.Warning,
				Message: "the result has no number: say how much changed", Source: "    example: Things got better."}}
		}
		c.Put(p, src, r)
	}
	// written later than the racy window after the files' last change, as
	// in a real warm run, so that their metadata is trusted
	time.Sleep(racyWindow + 100*time.Millisecond)
	if err := c.Save(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		// as lint does: the cache opens (and decodes ahead) while the walk
		// finds the packs
		opened := make(chan *Cache, 1)
		go func() { opened <- Open(cachePath, "k") }()
		paths, errs := files.Expand([]string{"packs"}, nil)
		if len(errs) != 0 || len(paths) != 20000 {
			b.Fatal(len(paths), errs)
		}
		inputs := make([]lint.Input, len(paths))
		for i, p := range paths {
			inputs[i].Path = p
		}
		c := <-opened
		c.Fill(inputs)
		if hits, _ := c.Stats(); hits != len(paths) {
			b.Fatalf("%d hits of %d", hits, len(paths))
		}
	}
}
