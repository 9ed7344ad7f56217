package schema

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestPrecheckAgrees checks the fast precheck against the full validator on
// real packs, generated packs with defects, the schema fixtures and
// thousands of random mutations of them: Valid must be true exactly when
// Validate finds nothing.
func TestPrecheckAgrees(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var sources [][]byte
	for _, glob := range []string{"../testdata/packs/*.yaml", "../lint/rules/testdata/schema/*.yaml"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			sources = append(sources, src)
		}
	}
	for _, p := range corpus.Generate(16, 3) {
		sources = append(sources, p.Src)
	}
	r := rand.New(rand.NewPCG(1, 2))
	checked, invalid := 0, 0
	check := func(name string, f *pack.File) {
		if f.Root == nil {
			return
		}
		fast := v.Valid(f.Root)
		full := v.Validate(f.Value())
		// With duplicate keys or aliases (loader problems) the precheck
		// defers to the validator; otherwise the two must agree exactly.
		disagree := fast && len(full) > 0
		if len(f.Problems) == 0 {
			disagree = fast != (len(full) == 0)
		}
		if disagree {
			out, _ := yaml.Marshal(f.Root)
			t.Fatalf("%s: precheck says valid=%v, validator found %v\n%s", name, fast, full, out)
		}
		checked++
		if !fast {
			invalid++
		}
	}
	for i, src := range sources {
		check("source", pack.Load("p.yaml", src))
		for m := 0; m < 40; m++ {
			f := pack.Load("p.yaml", src)
			if f.Root == nil {
				break
			}
			mutate(r, f.Root)
			f2 := pack.Load("p.yaml", mustMarshal(t, f.Root))
			check("mutation of source "+string(rune('0'+i%10)), f2)
		}
	}
	if checked < 500 || invalid < checked/4 || invalid == checked {
		t.Errorf("checked %d documents, %d invalid: the mutations do not exercise both answers", checked, invalid)
	}
}

func mustMarshal(t *testing.T, n *yaml.Node) []byte {
	out, err := yaml.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mutate makes one random change somewhere in the tree: drop a key, rename
// a key, change a scalar's type or value, empty a list, or swap in a list or
// mapping for a scalar.
func mutate(r *rand.Rand, root *yaml.Node) {
	var nodes []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		nodes = append(nodes, n)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	n := nodes[r.IntN(len(nodes))]
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) >= 2 {
			i := r.IntN(len(n.Content)/2) * 2
			switch r.IntN(3) {
			case 0:
				n.Content = append(n.Content[:i], n.Content[i+2:]...)
			case 1:
				n.Content[i].Value += "x"
			case 2:
				n.Content[i].Value = []string{"id", "hint", "answer", "target", "options", "level"}[r.IntN(6)]
			}
		}
	case yaml.SequenceNode:
		switch r.IntN(3) {
		case 0:
			n.Content = nil
		case 1:
			if len(n.Content) > 0 {
				n.Content = n.Content[:1]
			}
		case 2:
			n.Content = append(n.Content, n.Content...)
		}
	case yaml.ScalarNode:
		values := []struct{ tag, value string }{
			{"!!int", "2"}, {"!!int", "1"}, {"!!bool", "true"}, {"!!null", ""}, {"!!str", ""},
			{"!!str", "expert"}, {"!!str", "hard"}, {"!!str", "G"}, {"!!str", "B"}, {"!!str", "30 seconds"},
			{"!!str", "1m30s"}, {"!!str", "Not_A_Slug"}, {"!!float", "1.5"}, {"!!float", "1.0"},
		}
		v := values[r.IntN(len(values))]
		n.Tag, n.Value, n.Style = v.tag, v.value, 0
		if v.tag == "!!str" {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
}

// TestPatternMemory: remembering matched strings changes no answer, past
// its bound too.
func TestPatternMemory(t *testing.T) {
	p := &precheck{pattern: regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`), matched: &matchCache{}}
	for round := 0; round < 2; round++ {
		for i := 0; i < 2*maxMatched; i++ {
			good, bad := fmt.Sprintf("id-%d", i), fmt.Sprintf("Id %d", i)
			if !p.matches(good) || p.matches(bad) {
				t.Fatalf("round %d: %q or %q answered wrong", round, good, bad)
			}
		}
	}
	if n := p.matched.n.Load(); n < maxMatched {
		t.Errorf("remembered %d", n)
	}
}
