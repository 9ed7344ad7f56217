package fastyaml

import (
	"bytes"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/corpus"
)

// The two benchmarks parse the same 100 generated packs, so their ratio is
// fastyaml's speed-up over yaml.v3 on pack-shaped input.
func benchPacks(b *testing.B) [][]byte {
	var srcs [][]byte
	size := 0
	for _, p := range corpus.Generate(100, 1) {
		srcs = append(srcs, p.Src)
		size += len(p.Src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	return srcs
}

func BenchmarkParse(b *testing.B) {
	srcs := benchPacks(b)
	for b.Loop() {
		for _, src := range srcs {
			if _, ok := Parse(src); !ok {
				b.Fatal("declined a generated pack")
			}
		}
	}
}

func BenchmarkYAMLv3(b *testing.B) {
	srcs := benchPacks(b)
	for b.Loop() {
		for _, src := range srcs {
			var n yaml.Node
			if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&n); err != nil {
				b.Fatal(err)
			}
		}
	}
}
