package export

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/starlint-dev/starlint/internal/pack"
)

// Planned is a pack to export, known from linting it: where it is, its id
// (for the order) and a hash of the content that was linted.
type Planned struct {
	Path     string
	ID       string
	Modified time.Time
	Sum      [sha256.Size]byte
}

// ReservedIDs name the export's own files (index.html, packs.json,
// bundle.json): a pack with one of them would overwrite them.
var ReservedIDs = []string{"index", "packs", "bundle"}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// CheckID says why an id cannot name a pack's export files, or "". With
// --force a pack with errors is exported, but its id still must be one
// the schema allows: an id such as "sub/pwn", ".hidden" or "" never becomes
// a path.
func CheckID(id string) string {
	if !idRE.MatchString(id) {
		return fmt.Sprintf("id %q is not a pack id (lower-case words joined by hyphens), so it cannot name export files", id)
	}
	for _, r := range ReservedIDs {
		if id == r {
			return fmt.Sprintf("id %q is reserved: the export writes %s.html or %s.json of its own", id, r, r)
		}
	}
	return ""
}

// SortPlanned orders packs by id, then path, as SortByID does.
func SortPlanned(packs []Planned) {
	SortByIDPath(packs, func(p Planned) (string, string) { return p.ID, p.Path })
}

// ChangedError is a pack whose file changed between linting and export.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s changed while it was being exported: run the export again", e.Path)
}

// Stream starts every exporter, reads the planned packs again one at a
// time in order and gives each to every exporter, so memory holds a few
// packs whatever the count. A file whose content is not what was linted
// stops the export with a *ChangedError; a cancelled ctx with ErrStopped.
// An exporter's error names it. Stream returns how many files each
// exporter wrote.
func Stream(ctx context.Context, exporters []Exporter, planned []Planned, opt Options, out Output) ([]int, error) {
	run, err := StartStream(exporters, opt, out)
	if err != nil {
		return nil, err
	}
	type loaded struct {
		src *Source
		err error
	}
	// Read and parse ahead of the writers, on another core.
	next := make(chan loaded, 8)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(next)
		for _, p := range planned {
			var l loaded
			f, err := pack.ReadFile(p.Path)
			switch {
			case err != nil:
				l.err = err
			case sha256.Sum256(f.Src) != p.Sum || f.Root == nil:
				l.err = &ChangedError{Path: p.Path}
			default:
				l.src = &Source{Path: p.Path, Pack: f.Pack, Modified: p.Modified, Ctx: ctx}
			}
			select {
			case next <- l:
			case <-stop:
				return
			}
			if l.err != nil {
				return
			}
		}
	}()
	for l := range next {
		var stopErr error
		switch {
		case ctx != nil && ctx.Err() != nil:
			stopErr = ErrStopped
		case l.err != nil:
			stopErr = l.err
		}
		if stopErr != nil {
			run.Abort()
			return nil, stopErr
		}
		if !run.Feed(l.src) {
			break
		}
	}
	return run.Finish()
}

// StreamRun is an in-order export under way: each exporter's writer on a
// goroutine of its own, fed the packs in order (the formats are
// independent, so they share the cores).
type StreamRun struct {
	exporters []Exporter
	writers   []Writer
	counted   []atomic.Int64
	feeds     []chan *Source
	addErrs   []error
	failed    chan struct{} // closed at the first writer's error
	failOnce  sync.Once
	wg        sync.WaitGroup
	closed    bool
}

// StartStream starts every exporter into out.
func StartStream(exporters []Exporter, opt Options, out Output) (*StreamRun, error) {
	r := &StreamRun{exporters: exporters, counted: make([]atomic.Int64, len(exporters)),
		addErrs: make([]error, len(exporters)), failed: make(chan struct{})}
	for i, e := range exporters {
		w, err := e.Start(opt, &countingOutput{Output: out, n: &r.counted[i]})
		if err != nil {
			for _, w := range r.writers {
				w.Abort()
			}
			return nil, fmt.Errorf("export --to %s: %w", e.Name(), err)
		}
		r.writers = append(r.writers, w)
	}
	for i, w := range r.writers {
		feed := make(chan *Source, 4)
		r.feeds = append(r.feeds, feed)
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			addInOrder(w, feed, func(src *Source, err error) {
				if r.addErrs[i] == nil {
					r.addErrs[i] = fmt.Errorf("export --to %s: %s: %w", exporters[i].Name(), src.Path, err)
					r.failOnce.Do(func() { close(r.failed) })
				}
			})
		}()
	}
	return r, nil
}

// Feed gives src to every writer, after the packs fed before it. It is
// false once a writer has failed: the packs after are not wanted. When
// src has a Taken, it is called once every writer is done with the pack.
func (r *StreamRun) Feed(src *Source) bool {
	select {
	case <-r.failed:
		return false
	default:
	}
	if src.Taken != nil {
		src.pending = new(atomic.Int32)
		src.pending.Store(int32(len(r.feeds)))
	}
	for _, f := range r.feeds {
		f <- src
	}
	return true
}

// Finish waits for the writers to take every pack fed and finishes them.
// It returns how many files each wrote, or the first error; after an
// error every writer is aborted.
func (r *StreamRun) Finish() ([]int, error) {
	r.closeFeeds()
	if err := errors.Join(r.addErrs...); err != nil {
		r.abortWriters()
		return nil, err
	}
	finishErrs := make([]error, len(r.writers))
	var wg sync.WaitGroup
	for i, w := range r.writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Finish(); err != nil {
				finishErrs[i] = fmt.Errorf("export --to %s: %w", r.exporters[i].Name(), err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(finishErrs...); err != nil {
		return nil, err
	}
	counts := make([]int, len(r.exporters))
	for i := range r.counted {
		counts[i] = int(r.counted[i].Load())
	}
	return counts, nil
}

// Abort stops every writer without finishing it, once the packs fed are
// taken.
func (r *StreamRun) Abort() {
	r.closeFeeds()
	r.abortWriters()
}

func (r *StreamRun) closeFeeds() {
	if r.closed {
		return
	}
	r.closed = true
	for _, f := range r.feeds {
		close(f)
	}
	r.wg.Wait()
}

func (r *StreamRun) abortWriters() {
	for _, w := range r.writers {
		w.Abort()
	}
}

// countingOutput counts the files one exporter writes (each exporter has
// its own; a direct one writes from goroutines of its own).
type countingOutput struct {
	Output
	n *atomic.Int64
}

func (c *countingOutput) WriteFile(name string, data []byte) error {
	c.n.Add(1)
	return c.Output.WriteFile(name, data)
}

func (c *countingOutput) Create(name string) (io.WriteCloser, error) {
	c.n.Add(1)
	return c.Output.Create(name)
}

// addInOrder gives every pack from in to w, in order, calling fail for
// the first error and draining in after it, so the feeder never blocks.
// A Preparer's Prepare runs on one goroutine per CPU a few packs ahead;
// Add still sees the packs one at a time, in order.
func addInOrder(w Writer, in <-chan *Source, fail func(*Source, error)) {
	p, ok := w.(Preparer)
	if !ok {
		failed := false
		for src := range in {
			if !failed {
				if err := w.Add(src); err != nil {
					failed = true
					fail(src, err)
				}
			}
			src.taken()
		}
		return
	}
	type result struct {
		v   any
		err error
	}
	type job struct {
		src *Source
		out chan result
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job)
	order := make(chan job, 2*workers) // bounds the packs prepared ahead
	for k := 0; k < workers; k++ {
		go func() {
			for j := range jobs {
				v, err := p.Prepare(j.src)
				j.out <- result{v, err}
			}
		}()
	}
	go func() {
		for src := range in {
			j := job{src, make(chan result, 1)}
			order <- j
			jobs <- j
		}
		close(jobs)
		close(order)
	}()
	failed := false
	for j := range order {
		r := <-j.out
		if !failed {
			err := r.err
			if err == nil {
				s := *j.src
				s.Prepared = r.v
				err = w.Add(&s)
			}
			if err != nil {
				failed = true
				fail(j.src, err)
			}
		}
		j.src.taken()
	}
}
