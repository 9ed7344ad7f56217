package rules_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
)

// BenchmarkWorkspace10000 is the editor's engine on a workspace of 10,000
// packs: opening it (every pack loaded and linted, files kept, two
// workers), and re-linting one pack after an edit that moves its quiz
// down a line and changes an answer (so the cross-pack rules run again
// over every pack's id and answers).
func BenchmarkWorkspace10000(b *testing.B) {
	packs := corpus.Generate(10000, 1)
	inputs := make([]lint.Input, len(packs))
	for i, p := range packs {
		inputs[i] = lint.Input{Path: p.Name, Load: func() (*pack.File, error) { return pack.Load(p.Name, p.Src), nil }}
	}
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			lint.NewEngine(l, true).Run(inputs, lint.RunOptions{Jobs: 2})
		}
	})
	b.Run("edit", func(b *testing.B) {
		e := lint.NewEngine(l, true)
		e.Run(inputs, lint.RunOptions{Jobs: 2})
		target := packs[5000]
		edits := [][]byte{
			bytes.Replace(target.Src, []byte("quiz:\n"), []byte("\nquiz:\n"), 1),
			bytes.Replace(target.Src, []byte("answer: A"), []byte("answer: B"), 1),
		}
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			e.Update(target.Name, edits[i%2])
		}
	})
}

// BenchmarkLintFiles1000 is the batch lint as the CLI runs it: 1,000 packs
// read from disk by the engine itself (which then reuses each file's node
// memory for the next), one goroutine. B/op over 1,000 is what a pack
// costs in allocations.
func BenchmarkLintFiles1000(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.WriteDir(dir, 1000, 1, "block"); err != nil {
		b.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) != 1000 {
		b.Fatalf("%d packs written: %v", len(paths), err)
	}
	inputs := make([]lint.Input, len(paths))
	for i, p := range paths {
		inputs[i] = lint.Input{Path: p}
	}
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		l.Run(inputs, lint.RunOptions{Jobs: 1})
	}
}
