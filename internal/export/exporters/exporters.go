// Package exporters is the registry of export formats: adding one is a
// package implementing export.Exporter and a line in All.
package exporters

import (
	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/anki"
	"github.com/starlint-dev/starlint/internal/export/html"
	"github.com/starlint-dev/starlint/internal/export/jsonexport"
)

// All returns every exporter, in the order `--to` help lists them.
func All() []export.Exporter {
	return []export.Exporter{jsonexport.Exporter{}, anki.Exporter{}, anki.TextExporter{}, html.Exporter{}}
}

// Lookup finds an exporter by its --to name.
func Lookup(name string) (export.Exporter, bool) {
	for _, e := range All() {
		if e.Name() == name {
			return e, true
		}
	}
	return nil, false
}

// Names lists the exporters' names.
func Names() []string {
	var names []string
	for _, e := range All() {
		names = append(names, e.Name())
	}
	return names
}
