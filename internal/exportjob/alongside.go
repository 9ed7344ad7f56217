package exportjob

import (
	"context"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/pack"
)

// alongside feeds the in-order formats (Anki, anki-text, the JSON bundle)
// during the lint, so that each pack is read and parsed once instead of
// again in a second pass. That needs two things known before the lint
// ends, and both are guessed: that the packs come, in path order, in the
// order the formats take them (by id, then path), as they do when file
// names are ids; and the export's time, which is the newest input's
// change. When a guess turns out wrong the formats are aborted and the
// second pass runs.
type alongside struct {
	run   *export.StreamRun
	out   *recording // what the formats stage, dropped when they give up
	ctx   context.Context
	time  time.Time   // the export time the formats were started with
	times []time.Time // each input's change; nil with SOURCE_DATE_EPOCH
	stamp time.Time   // SOURCE_DATE_EPOCH

	mu     sync.Mutex
	next   int                    // the input whose turn it is
	held   map[int]*export.Source // heard of before their turn; nil: nothing to feed
	lastID string
	fed    []string      // the paths fed, in order
	broken bool          // a guess was wrong or a format failed
	stop   chan struct{} // closed once broken
}

// inPathOrder guesses whether packs at paths come in id order: their file
// names, in path order, are in order.
func inPathOrder(paths []string) bool {
	last := ""
	for _, p := range paths {
		name := pack.FileStem(p)
		if name < last {
			return false
		}
		last = name
	}
	return true
}

// startAlongside starts the in-order formats for a lint of job.Paths,
// which inPathOrder.
func startAlongside(job Job, formats []export.Exporter, opt export.Options, staging *export.Staging) (*alongside, error) {
	a := &alongside{ctx: job.Ctx, time: opt.Time, stamp: job.Time, held: map[int]*export.Source{}, stop: make(chan struct{})}
	if job.Time.IsZero() {
		a.times = statAll(job.Paths)
		for _, t := range a.times {
			if t.After(a.time) {
				a.time = t
			}
		}
	} else if job.Time.After(a.time) {
		a.time = job.Time
	}
	opt.Time = a.time
	a.out = &recording{Staging: staging}
	run, err := export.StartStream(formats, opt, a.out)
	if err != nil {
		return nil, err
	}
	a.run = run
	return a, nil
}

// modified is input i's change, as plan gives it (zero without a).
func (a *alongside) modified(i int) time.Time {
	if a == nil {
		return time.Time{}
	}
	if a.times == nil {
		return a.stamp
	}
	return a.times[i]
}

// put hears of input i: src is its pack to export, or nil for none. Every
// input must be heard of once, in any order and from any goroutine. It
// returns once the formats are done with src, which is only read during
// the call (the lint recycles its memory after).
func (a *alongside) put(i int, src *export.Source) {
	if a == nil {
		return
	}
	var taken chan struct{}
	if src != nil {
		taken = make(chan struct{})
		src.Taken = func() { close(taken) }
	}
	a.mu.Lock()
	a.held[i] = src
	for !a.broken {
		s, ok := a.held[a.next]
		if !ok {
			break
		}
		delete(a.held, a.next)
		a.next++
		if s == nil {
			continue
		}
		// out of id order: finish would find it too, but giving up now
		// saves the formats the rest of the packs
		if s.Pack.ID < a.lastID || !a.run.Feed(s) {
			a.breakOff()
			break
		}
		a.lastID = s.Pack.ID
		a.fed = append(a.fed, s.Path)
	}
	a.mu.Unlock()
	if taken == nil {
		return
	}
	var cancelled <-chan struct{}
	if a.ctx != nil {
		cancelled = a.ctx.Done()
	}
	select {
	case <-taken:
	case <-a.stop:
	case <-cancelled:
	}
}

// breakOff gives up: the formats stop, and the second pass will run. The
// caller holds a.mu. The waiting lint workers go on only once the formats
// have stopped reading their packs.
func (a *alongside) breakOff() {
	a.broken = true
	a.run.Abort()
	a.out.Staging.Drop(a.out.names...)
	close(a.stop)
}

// recording is the staging directory, noting the names written to it.
type recording struct {
	*export.Staging
	mu    sync.Mutex
	names []string
}

func (r *recording) note(name string) {
	r.mu.Lock()
	r.names = append(r.names, name)
	r.mu.Unlock()
}

func (r *recording) WriteFile(name string, data []byte) error {
	r.note(name)
	return r.Staging.WriteFile(name, data)
}

func (r *recording) Create(name string) (io.WriteCloser, error) {
	r.note(name)
	return r.Staging.Create(name)
}

// abandon stops the formats for an export that will not be written.
func (a *alongside) abandon() {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.broken {
		a.breakOff()
	}
}

// finish finishes the formats when what they were fed is what the second
// pass would feed them (planned, from the export time at), and returns
// their file counts; ok is false when the second pass must run instead.
func (a *alongside) finish(planned []export.Planned, at time.Time) (counts []int, ok bool, err error) {
	if a == nil {
		return nil, false, nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	ok = !a.broken && a.time.Equal(at) && len(a.fed) == len(planned)
	for k := 0; ok && k < len(planned); k++ {
		ok = a.fed[k] == planned[k].Path
	}
	if !ok {
		if !a.broken {
			a.breakOff()
		}
		return nil, false, nil
	}
	counts, err = a.run.Finish()
	return counts, true, err
}

// statAll is each path's last change, as plan reads it, on every core;
// zero where the stat fails (plan says why).
func statAll(paths []string) []time.Time {
	times := make([]time.Time, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				if st, err := os.Stat(paths[i]); err == nil {
					times[i] = st.ModTime().UTC().Truncate(time.Second)
				}
			}
		}()
	}
	wg.Wait()
	return times
}
