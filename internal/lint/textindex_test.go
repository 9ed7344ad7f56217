package lint

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/fuzzseed"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestIndexAgreesWithTreeWalk checks that the text index rules read
// (Pass.Each, Pass.EachString) yields what walking the tree does: the same
// texts, pointers and order, for every seed pack and patterns of every
// shape, with the index's buffers reused from file to file as the driver
// reuses them.
func TestIndexAgreesWithTreeWalk(t *testing.T) {
	patterns := []string{
		"/star/*/example", "/followups/*/strong/answer", "/star/reflection/example",
		"/reflections/*/text", "/levels/*/reflection", "/star/*/phrases/*",
		"/**", "/*", "/quiz/*/options/*", "/**/text", "/**/answer", "/star/**",
		"/followups/*/**/answer", "/**/**/example", "/*/*/example", "/missing/*",
		"/tags/*", "/title",
	}
	seeds := fuzzseed.Named()
	for i, g := range corpus.Generate(2*len(corpus.Styles), 7) {
		// every style, "mixed" included (Restyle picks one per pack)
		src, err := corpus.Restyle(g.Src, corpus.Styles[i%len(corpus.Styles)], i)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, fuzzseed.Seed{Name: g.Name + " " + corpus.Styles[i%len(corpus.Styles)], Src: src})
	}
	compared := 0
	for _, seed := range seeds {
		f := pack.Load("x.yaml", seed.Src)
		if f.Root == nil {
			continue
		}
		memo := map[any]any{}
		p := &Pass{File: f, Pack: f.Pack, memo: memo}
		for _, pat := range patterns {
			var got, want []string
			p.Each(pat, func(tx Text) { got = append(got, describeText(tx.Ptr, tx.Node)) })
			EachText(f, pat, func(tx Text) { want = append(want, describeText(tx.Ptr, tx.Node)) })
			if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
				t.Fatalf("%s, %s: the index gives\n%s\nthe tree walk\n%s", seed.Name, pat, g, w)
			}
		}
		var got, want []string
		p.EachString(func(n *yaml.Node, ptr func() string) { got = append(got, describeText(ptr(), n)) })
		WalkStrings(f.Root, func(path []string, n *yaml.Node) { want = append(want, describeText(pack.JoinPointer(path...), n)) })
		if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
			t.Fatalf("%s: EachString gives\n%s\nWalkStrings\n%s", seed.Name, g, w)
		}
		for _, ft := range allTexts(p) {
			if ft.prose != isProse(lastKeyOf(ft.segs)) {
				t.Fatalf("%s: %s: prose is %v", seed.Name, ft.text().Ptr, ft.prose)
			}
		}
		for _, v := range memo {
			if r, ok := v.(interface{ release() }); ok {
				r.release() // the next file reuses the buffers, as in the driver
			}
		}
		compared++
	}
	if compared < 100 {
		t.Fatalf("compared only %d files", compared)
	}
}

func describeText(ptr string, n *yaml.Node) string {
	return fmt.Sprintf("%s %d:%d %q", ptr, n.Line, n.Column, n.Value)
}

// BenchmarkTextIndex is what reading a file's texts costs the rules: the
// index built and read as the built-in rules read it (eight patterns and
// two passes over every string), against the tree walks it replaced.
func BenchmarkTextIndex(b *testing.B) {
	var files []*pack.File
	for _, g := range corpus.Generate(1000, 1) {
		files = append(files, pack.Load(g.Name, g.Src))
	}
	patterns := []string{"/star/*/example", "/followups/*/strong/answer", "/reflections/*/text",
		"/levels/*/reflection", "/star/*/phrases/*", "/star/*/example", "/reflections/*/text", "/levels/*/reflection"}
	n := 0
	b.Run("index", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range files {
				memo := map[any]any{}
				p := &Pass{File: f, Pack: f.Pack, memo: memo}
				for _, pat := range patterns {
					p.Each(pat, func(Text) { n++ })
				}
				for range 2 {
					p.EachString(func(*yaml.Node, func() string) { n++ })
				}
				fileTexts(p).release()
			}
		}
	})
	b.Run("tree-walks", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range files {
				for _, pat := range patterns {
					EachText(f, pat, func(Text) { n++ })
				}
				for range 2 {
					WalkStrings(f.Root, func([]string, *yaml.Node) { n++ })
				}
			}
		}
	})
}
