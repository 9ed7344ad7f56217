package jsonexport

import (
	"fmt"
	"sync"

	"github.com/starlint-dev/starlint/internal/export"
)

// TakesDirect implements export.Direct: a pack's file depends on the
// pack alone, so packs are converted as they are linted. The bundle is
// one file written in order: it goes through Start instead.
func (Exporter) TakesDirect(opt export.Options) bool { return !opt.Bundle }

// StartDirect implements export.Direct.
func (Exporter) StartDirect(opt export.Options, out export.Output) (export.DirectWriter, error) {
	d := &directWriter{opt: opt, out: out, files: make(chan stagedFile, 16), written: make(chan struct{})}
	go d.write()
	return d, nil
}

// directWriter converts and encodes packs on the goroutines that call
// Take and writes their files from one goroutine: files created at once
// in one directory contend on its lock, and were slower than one at a
// time (docs/performance.md).
type directWriter struct {
	opt     export.Options
	out     export.Output
	files   chan stagedFile
	written chan struct{} // closed when write is done
	werr    error         // write's first error; read after written

	mu      sync.Mutex
	entries []takenEntry
	closed  bool
}

type stagedFile struct {
	path, name string
	data       []byte
}

// takenEntry is a pack's index entry and its file, for the order and for
// telling two packs of one id apart.
type takenEntry struct {
	IndexEntry
	path string
}

func (d *directWriter) Take(src *export.Source) error {
	entry, data, err := packFile(src.Pack, Convert(src.Pack, d.opt.WordsPerMinute))
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.entries = append(d.entries, takenEntry{entry, src.Path})
	d.mu.Unlock()
	d.files <- stagedFile{path: src.Path, name: entry.File, data: data}
	return nil
}

// write writes the packs' files as they come. A second pack with an id
// already written is left to Finish, which names it the way the
// in-order export does; anything else that fails stops the writing.
func (d *directWriter) write() {
	defer close(d.written)
	seen := map[string]bool{}
	for f := range d.files {
		if d.werr != nil || seen[f.name] {
			continue // drained, so Take never blocks
		}
		seen[f.name] = true
		if err := d.out.WriteFile(f.name, f.data); err != nil {
			d.werr = fmt.Errorf("%s: %w", f.path, err)
		}
	}
}

func (d *directWriter) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.closed {
		d.closed = true
		close(d.files)
	}
}

// Finish writes packs.json, its entries in the order of an in-order
// export (by id, then path). Two packs of one id fail as there: the
// second one's file was written twice.
func (d *directWriter) Finish() error {
	d.stop()
	<-d.written
	if d.werr != nil {
		return d.werr
	}
	export.SortByIDPath(d.entries, func(e takenEntry) (string, string) { return e.ID, e.path })
	index := Index{ExportVersion: Version, Packs: make([]IndexEntry, len(d.entries))}
	for i, e := range d.entries {
		if i > 0 && e.ID == d.entries[i-1].ID {
			return fmt.Errorf("%s: export wrote %s twice", e.path, e.File)
		}
		index.Packs[i] = e.IndexEntry
	}
	data, err := encode(index)
	if err != nil {
		return err
	}
	return d.out.WriteFile("packs.json", data)
}

func (d *directWriter) Abort() {
	d.stop()
	<-d.written
}
