package export

import (
	"fmt"
	"sync/atomic"
)

// Direct is an Exporter that can also take packs as they are linted, in
// any order and from several goroutines: its files for a pack depend on
// that pack alone, not on the other packs, their order or number,
// Options.Time, nor Source.Modified. The export command then reads and
// parses each pack once, where Stream reads them all again.
type Direct interface {
	Exporter
	// TakesDirect is false when opt asks for something that needs the
	// order (the JSON bundle): the exporter then goes through Start and
	// Stream.
	TakesDirect(opt Options) bool
	// StartDirect is Start for packs in any order.
	StartDirect(opt Options, out Output) (DirectWriter, error)
}

// DirectWriter receives a direct export's packs, then Finish, or Abort
// when the export stops early.
type DirectWriter interface {
	// Take exports one pack. It is safe for concurrent use, and the
	// pack may be read only during the call.
	Take(src *Source) error
	// Finish writes what needs every pack (the index) once all are in.
	Finish() error
	Abort()
}

// DirectRun is a direct export under way: one exporter's writer, the
// files it wrote counted.
type DirectRun struct {
	e Exporter
	w DirectWriter
	n atomic.Int64
}

// TakesDirect reports whether e takes packs as they are linted, with opt.
func TakesDirect(e Exporter, opt Options) bool {
	d, ok := e.(Direct)
	return ok && d.TakesDirect(opt)
}

// StartDirect starts e, which TakesDirect, as a direct export into out.
func StartDirect(e Exporter, opt Options, out Output) (*DirectRun, error) {
	r := &DirectRun{e: e}
	w, err := e.(Direct).StartDirect(opt, &countingOutput{Output: out, n: &r.n})
	if err != nil {
		return nil, fmt.Errorf("export --to %s: %w", e.Name(), err)
	}
	r.w = w
	return r, nil
}

// Exporter is the format being written.
func (r *DirectRun) Exporter() Exporter { return r.e }

// Take exports one pack; errors name the format and the pack.
func (r *DirectRun) Take(src *Source) error {
	if err := r.w.Take(src); err != nil {
		return fmt.Errorf("export --to %s: %s: %w", r.e.Name(), src.Path, err)
	}
	return nil
}

// Finish writes the format's index; errors name the format.
func (r *DirectRun) Finish() error {
	if err := r.w.Finish(); err != nil {
		return fmt.Errorf("export --to %s: %w", r.e.Name(), err)
	}
	return nil
}

// Abort stops the export without finishing it.
func (r *DirectRun) Abort() { r.w.Abort() }

// Files is how many files the export wrote.
func (r *DirectRun) Files() int { return int(r.n.Load()) }
