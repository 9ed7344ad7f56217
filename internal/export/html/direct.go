package html

import (
	"fmt"
	"strings"
	"sync"

	"github.com/starlint-dev/starlint/internal/export"
)

// TakesDirect implements export.Direct: a pack's page depends on that
// pack alone (only the index says how many packs there are), so pages
// are rendered and written as the packs are linted, each pack read once.
func (Exporter) TakesDirect(export.Options) bool { return true }

// StartDirect implements export.Direct.
func (Exporter) StartDirect(opt export.Options, out export.Output) (export.DirectWriter, error) {
	return &directWriter{w: newWriter(opt, out), ids: map[string]string{}}, nil
}

// directWriter renders and writes pages on the goroutines that call Take;
// the index, which Finish writes, is filed under a lock.
type directWriter struct {
	w *writer

	mu   sync.Mutex
	ids  map[string]string // page id -> the path of the pack written under it
	twin []takenTwin       // packs whose id was written already
}

// takenTwin is a second pack of an id, reported by Finish the way the
// in-order export reports it.
type takenTwin struct{ id, path string }

// pages are the page buffers of the goroutines that call Take: a page is
// 30 KB, and fresh memory is what a large export pays for most.
var pages = sync.Pool{New: func() any { return &pageOut{b: make([]byte, 0, 64<<10)} }}

func (d *directWriter) Take(src *export.Source) error {
	o := pages.Get().(*pageOut)
	defer func() { o.b = o.b[:0]; pages.Put(o) }()
	v, err := d.w.render(src, o)
	if err != nil {
		return err
	}
	d.mu.Lock()
	first, dup := d.ids[v.ID]
	// copies: the id is a piece of the pack's file, which must not stay
	// in memory for the rest of the export
	if !dup {
		d.ids[strings.Clone(v.ID)] = src.Path
		d.w.file(v, src.Path)
	} else {
		id := strings.Clone(v.ID)
		d.twin = append(d.twin, takenTwin{id, src.Path}, takenTwin{id, first})
	}
	d.mu.Unlock()
	if dup {
		return nil // Finish says so, naming the pack an in-order export would
	}
	return d.w.out.WriteFile(v.ID+".html", o.b)
}

// Finish writes the index. Two packs of one id fail as in an in-order
// export: the one later by path is the one written twice.
func (d *directWriter) Finish() error {
	if len(d.twin) > 0 {
		export.SortByIDPath(d.twin, func(t takenTwin) (string, string) { return t.id, t.path })
		for i := 1; i < len(d.twin); i++ {
			if d.twin[i].id == d.twin[i-1].id && d.twin[i].path != d.twin[i-1].path {
				return fmt.Errorf("%s: export wrote %s.html twice", d.twin[i].path, d.twin[i].id)
			}
		}
	}
	return d.w.Finish()
}

func (d *directWriter) Abort() {}
