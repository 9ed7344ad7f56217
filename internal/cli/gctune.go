package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// softLimit is the memory the collector aims to stay under while the live
// heap is small.
const softLimit = 128 << 20

// exportSoftLimit is softLimit for export, whose formats take the packs
// while they are linted: the lint's packs and the formats' own state are
// live at once, and at GOGC=800 the heap would fill the whole softLimit.
// Under this one an Anki export of 10,000 packs peaks at 128 MB instead of
// 156, in the same time (docs/performance.md).
const exportSoftLimit = 100 << 20

// softBase is the soft limit followLiveHeap comes back down to; zero until
// tuneGC sets the collector (tests run commands without it).
var softBase atomic.Int64

// tuneGC sets the collector for linting: loading allocates about 100 KB per
// pack that dies at once, and at the default GOGC=100 the collector runs
// all the time beside the workers. GOGC=800 under a 128 MiB soft memory
// limit measured fastest for its memory (docs/performance.md: about 75 MB at
// 10,000 packs; higher settings only reach the limit); the environment's
// GOGC and GOMEMLIMIT still win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softLimit)
		followLiveHeap(softLimit)
	}
}

// lowerSoftLimit sets the soft limit to limit for the rest of the run,
// when tuneGC set it (the environment's GOMEMLIMIT still wins).
func lowerSoftLimit(limit int64) {
	if old := softBase.Load(); old > limit && softBase.CompareAndSwap(old, limit) {
		debug.SetMemoryLimit(limit) // the next collection raises it again if the live heap needs
	}
}

// followLiveHeap keeps the soft limit at least twice the live heap, checked
// after every collection. A run that must hold more than the limit (half a
// million findings are 200 MB) would otherwise collect without pause and
// spend half the CPU on it: 28 s instead of 9 for 50,000 such packs.
// It returns a function that stops following (for tests).
func followLiveHeap(base int64) (stop func()) {
	softBase.Store(base)
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		// a finalizer runs once per collection that finds the sentinel
		// unreachable; it sets the next one up
		runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
			if stopped.Load() {
				return
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				debug.SetMemoryLimit(max(softBase.Load(), 2*int64(sample[0].Value.Uint64())))
			}
			arm()
		})
	}
	arm()
	return func() { stopped.Store(true) }
}

// gcSentinel is large enough and holds a pointer, so that it is never
// batched with other tiny objects, whose finalizers may never run.
type gcSentinel struct {
	_ *int
	_ [16]byte
}

// pauseGC turns the collector off, under the soft memory limit still, and
// returns the function that turns it back on (safe to call twice). It is
// for work whose allocations all stay live to the end: a warm cache's
// results, where the one collection of a 50,000-pack run freed 5 of 32 MB
// and slowed the run's copying with its write barriers. The environment's
// GOGC still wins.
func pauseGC() (resume func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(-1)
	var once sync.Once
	return func() { once.Do(func() { debug.SetGCPercent(old) }) }
}
