// Package export turns loaded packs into files other platforms import: JSON
// (export/jsonexport), Anki packages and text (export/anki) and a static
// site (export/html). Exporters work from the pack model only, never from
// raw YAML, and write through an Output so that nothing is half-written.
package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/pack"
)

// Source is one pack to export, with the time it last changed: from
// SOURCE_DATE_EPOCH when set, otherwise the file's modification time.
type Source struct {
	Path     string
	Pack     *pack.Pack
	Modified time.Time
}

// Options are shared by every exporter.
type Options struct {
	// Time is the export's timestamp where a format needs one (the Anki
	// collection's modification time): the latest Source.Modified.
	Time time.Time
	// WordsPerMinute estimates speaking time (default 150).
	WordsPerMinute int
	// Bundle asks the JSON exporter for one file instead of one per pack.
	Bundle bool
	// Context, when cancelled (Ctrl-C), stops an export between packs.
	Context context.Context
}

// Stopped reports whether the export was cancelled; exporters check it
// between packs and return ErrStopped.
func (o Options) Stopped() bool { return o.Context != nil && o.Context.Err() != nil }

// ErrStopped is returned by an exporter whose context was cancelled.
var ErrStopped = errors.New("export stopped")

// Exporter writes one format.
type Exporter interface {
	// Name is the --to value: json, anki, anki-text or html.
	Name() string
	// Export writes the packs' files into out. Packs come sorted by id.
	Export(packs []*Source, opt Options, out Output) error
}

// Output receives an exporter's files, named relative to the output
// directory with forward slashes.
type Output interface {
	WriteFile(name string, data []byte) error
}

// MemOutput collects files in memory: exporters write there first, so a
// failing exporter leaves nothing behind, and tests read them back.
type MemOutput struct {
	Files map[string][]byte
}

// WriteFile records a file; writing the same name twice is an error.
func (m *MemOutput) WriteFile(name string, data []byte) error {
	if m.Files == nil {
		m.Files = map[string][]byte{}
	}
	if _, dup := m.Files[name]; dup {
		return fmt.Errorf("export wrote %s twice", name)
	}
	m.Files[name] = append([]byte(nil), data...)
	return nil
}

// Names returns the file names, sorted.
func (m *MemOutput) Names() []string {
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// WriteDir writes every file into dir, each one atomically (a temporary
// file renamed into place), creating directories as needed, and returns
// how many it wrote. It stops at the first error or when ctx is cancelled
// (nil means never); files written before that are complete.
func (m *MemOutput) WriteDir(ctx context.Context, dir string) (int, error) {
	n := 0
	for _, name := range m.Names() {
		if ctx != nil && ctx.Err() != nil {
			return n, ctx.Err()
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return n, fmt.Errorf("cannot create %s: %w", filepath.Dir(path), err)
		}
		if err := fsutil.WriteFileAtomic(path, m.Files[name], 0o644); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// SortByID orders packs by id, then path, so every export is in the same
// order whatever order the files were found in.
func SortByID(packs []*Source) {
	sort.SliceStable(packs, func(i, j int) bool {
		if packs[i].Pack.ID != packs[j].Pack.ID {
			return packs[i].Pack.ID < packs[j].Pack.ID
		}
		return packs[i].Path < packs[j].Path
	})
}

// Latest returns the latest modification time of the packs.
func Latest(packs []*Source) time.Time {
	var t time.Time
	for _, p := range packs {
		if p.Modified.After(t) {
			t = p.Modified
		}
	}
	return t.UTC()
}
