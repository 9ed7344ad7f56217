// Package export turns loaded packs into files other platforms import: JSON
// (export/jsonexport), Anki packages and text (export/anki) and a static
// site (export/html). Exporters work from the pack model only, never from
// raw YAML, and write through an Output so that nothing is half-written.
package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
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
	// Ctx, when set, is the export's: an exporter with long work on one
	// pack checks it (Ctrl-C must not wait for a huge pack to finish).
	Ctx context.Context
	// Prepared is what the writer's Prepare returned for this pack, when
	// the writer is a Preparer.
	Prepared any
	// Taken, when set, is called once every writer of a StreamRun is done
	// with the pack (its Prepare and Add returned), so that whoever loaded
	// it may let its memory go.
	Taken   func()
	pending *atomic.Int32 // writers not yet done with the pack (Feed sets it)
}

// taken records that one writer is done with the pack.
func (s *Source) taken() {
	if s.pending != nil && s.pending.Add(-1) == 0 {
		s.Taken()
	}
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
}

// Exporter writes one format. Packs stream through it one at a time, so an
// export of any size needs memory for one pack plus the format's index.
type Exporter interface {
	// Name is the --to value: json, anki, anki-text or html.
	Name() string
	// Start begins an export into out.
	Start(opt Options, out Output) (Writer, error)
}

// Writer receives the packs of one export, sorted by id, then Finish, or
// Abort when the export stops early.
type Writer interface {
	Add(src *Source) error
	// Finish writes what needs every pack (indexes, packages) and releases
	// what Start opened.
	Finish() error
	// Abort releases what Start opened without finishing.
	Abort()
}

// Preparer is a Writer whose work on one pack (converting it, rendering
// its page) can run ahead of Add and on several packs at once: Prepare
// must read only the pack and what Start set up, never what Add changes.
// It may write the files that need its pack alone: every Output is safe
// for concurrent use. The exporters then use every core; Add, called in
// order with src.Prepared set, does what needs order (files, indexes).
type Preparer interface {
	Prepare(src *Source) (any, error)
}

// PreparedOf is what Prepare gave for src, or, for an Add called directly
// (without Run or Stream), what it gives now.
func PreparedOf[T any](p Preparer, src *Source) (T, error) {
	if v, ok := src.Prepared.(T); ok {
		return v, nil
	}
	v, err := p.Prepare(src)
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// addOne gives a pack to a writer: Prepare (when it is a Preparer), then
// Add with the result, on a copy of src (exporters share sources).
func addOne(w Writer, src *Source) error {
	p, ok := w.(Preparer)
	if !ok {
		return w.Add(src)
	}
	v, err := p.Prepare(src)
	if err != nil {
		return err
	}
	s := *src
	s.Prepared = v
	return w.Add(&s)
}

// Run exports packs already loaded (sorted by id) with e: Start, Add each,
// Finish. The export command streams from files with Stream instead.
func Run(e Exporter, packs []*Source, opt Options, out Output) error {
	w, err := e.Start(opt, out)
	if err != nil {
		return err
	}
	for _, src := range packs {
		if err := addOne(w, src); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Finish()
}

// ErrStopped is returned when an export's context was cancelled.
var ErrStopped = errors.New("export stopped")

// Output receives an exporter's files, named relative to the output
// directory with forward slashes. Each name may be written once.
// Its methods may be called from several goroutines at once.
type Output interface {
	// WriteFile writes a whole file; it keeps nothing of data once it
	// returns, so the caller may reuse the buffer.
	WriteFile(name string, data []byte) error
	// Create opens a file to write in pieces; it is complete once closed.
	Create(name string) (io.WriteCloser, error)
}

// MemOutput collects files in memory, for tests.
type MemOutput struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// WriteFile records a file; writing the same name twice is an error.
func (m *MemOutput) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = map[string][]byte{}
	}
	if _, dup := m.Files[name]; dup {
		return fmt.Errorf("export wrote %s twice", name)
	}
	m.Files[name] = append([]byte(nil), data...)
	return nil
}

// Create returns a writer whose content is recorded when it is closed.
func (m *MemOutput) Create(name string) (io.WriteCloser, error) {
	m.mu.Lock()
	_, dup := m.Files[name]
	m.mu.Unlock()
	if dup {
		return nil, fmt.Errorf("export wrote %s twice", name)
	}
	return &memFile{out: m, name: name}, nil
}

type memFile struct {
	bytes.Buffer
	out  *MemOutput
	name string
}

func (f *memFile) Close() error { return f.out.WriteFile(f.name, f.Bytes()) }

// Names returns the file names, sorted.
func (m *MemOutput) Names() []string {
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// WriteDir writes every file into dir, each one atomically, creating
// directories as needed, and returns how many it wrote.
func (m *MemOutput) WriteDir(dir string) (int, error) {
	n := 0
	for _, name := range m.Names() {
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
	SortByIDPath(packs, func(s *Source) (string, string) { return s.Pack.ID, s.Path })
}

// SortByIDPath orders anything that stands for packs as SortByID does:
// by id, then path (an exporter that takes packs in any order sorts its
// index with it).
func SortByIDPath[T any](s []T, key func(T) (id, path string)) {
	sort.SliceStable(s, func(i, j int) bool {
		idI, pathI := key(s[i])
		idJ, pathJ := key(s[j])
		if idI != idJ {
			return idI < idJ
		}
		return pathI < pathJ
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
