package ruledoc

import (
	"flag"
	"os"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md and the README's rule table")

// TestDocsMatchRegistry fails when docs/rules.md or the README's rule table
// drift from the registry.
func TestDocsMatchRegistry(t *testing.T) {
	all := rules.All()
	docs := []struct {
		path     string
		generate func(current string) (string, error)
	}{
		{"../../docs/rules.md", func(string) (string, error) { return Reference(all), nil }},
		{"../../README.md", func(cur string) (string, error) { return Replace(cur, TableStart, TableEnd, Table(all)) }},
		{"../../docs/config.md", func(cur string) (string, error) {
			return Replace(cur, OptionsStart, OptionsEnd, OptionsTable(all))
		}},
	}
	for _, d := range docs {
		current, err := os.ReadFile(d.path)
		if err != nil && !(*update && os.IsNotExist(err)) {
			t.Fatal(err)
		}
		want, err := d.generate(string(current))
		if err != nil {
			t.Fatalf("%s: %v", d.path, err)
		}
		if *update {
			if err := os.WriteFile(d.path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if string(current) != want {
			t.Errorf("%s is out of date with the rule registry: run go test ./internal/ruledoc -update", d.path)
		}
	}
}
