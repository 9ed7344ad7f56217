package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// limitReaches collects until the soft memory limit is at least want, or
// gives up after two seconds.
func limitReaches(want int64) (int64, bool) {
	deadline := time.Now().Add(2 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // finalizers run on their own goroutine
		got := debug.SetMemoryLimit(-1)
		if got >= want || time.Now().After(deadline) {
			return got, got >= want
		}
	}
}

// TestLimitFollowsLiveHeap: a live heap past the soft limit raises the
// limit to twice the heap, and the limit comes back down to the base when
// the heap is gone.
func TestLimitFollowsLiveHeap(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	const base = 16 << 20
	debug.SetMemoryLimit(base)
	stop := followLiveHeap(base)
	defer stop()

	live := make([]byte, 64<<20)
	for i := range live {
		live[i] = byte(i)
	}
	if got, ok := limitReaches(2 * int64(len(live))); !ok {
		t.Fatalf("with %d MB live the limit stayed at %d MB", len(live)>>20, got>>20)
	}
	runtime.KeepAlive(live)
	live = nil
	deadline := time.Now().Add(2 * time.Second)
	for debug.SetMemoryLimit(-1) > 4*base && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got > 4*base || got < base {
		t.Errorf("with the heap gone the limit is %d MB, want it back near %d MB", got>>20, base>>20)
	}
}

// TestPauseGC: the collector is off until resume, which restores the
// setting once however often it is called; a GOGC from the environment
// is left alone.
func TestPauseGC(t *testing.T) {
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	before := debug.SetGCPercent(300)
	defer debug.SetGCPercent(before)
	resume := pauseGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC while paused = %d, want off (-1)", got)
	}
	resume()
	debug.SetGCPercent(250) // a change after resume...
	resume()                // ...is not undone by a second call
	if got := debug.SetGCPercent(300); got != 250 {
		t.Errorf("GOGC after resume = %d, want 250", got)
	}
	resume = pauseGC()
	resume()
	if got := debug.SetGCPercent(300); got != 300 {
		t.Errorf("GOGC after pause and resume = %d, want 300 restored", got)
	}

	t.Setenv("GOGC", "200")
	resume = pauseGC()
	if got := debug.SetGCPercent(300); got != 300 {
		t.Errorf("with GOGC set by the user, the collector was changed to %d", got)
	}
	resume()
}

// TestLowerSoftLimit: export's lower limit holds through collections (the
// live heap is small), a higher one is no change, and without tuneGC's
// limit (softBase zero, as in tests) nothing is set.
func TestLowerSoftLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	defer softBase.Store(softBase.Load())

	softBase.Store(0)
	debug.SetMemoryLimit(1 << 40)
	lowerSoftLimit(32 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Fatalf("untuned: the limit became %d MB", got>>20)
	}

	const base = 64 << 20
	debug.SetMemoryLimit(base)
	stop := followLiveHeap(base)
	defer stop()
	lowerSoftLimit(32 << 20)
	lowerSoftLimit(96 << 20) // no higher again
	for range 3 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer resets the limit
	}
	if got := debug.SetMemoryLimit(-1); got != 32<<20 {
		t.Errorf("after lowering to 32 MB and collecting, the limit is %d MB", got>>20)
	}
}
