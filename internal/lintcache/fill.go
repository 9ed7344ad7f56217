package lintcache

import (
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// Fill looks every input up at once: a hit sets the input's Cached, a miss
// sets its Done to record the file's results. A lookup is a stat (and a
// read, when the stat cannot be trusted), so several in flight keep both
// cores busy where one at a time waits on each.
func (c *Cache) Fill(inputs []lint.Input) {
	c.stopAhead()
	done := func(f *pack.File, r lint.Cached) { c.Put(f.Path, f.Src, r) }
	// Workers take runs of inputs: one hand-off per file cost about as
	// much as the stat it handed off.
	const run = 64
	var taken atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 4*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats := newDirStatter()
			defer stats.close()
			next := 0 // where the next input's record most likely is
			slots := &resultSlab{}
			for {
				end := int(taken.Add(run))
				if end-run >= len(inputs) {
					return
				}
				for i := end - run; i < min(end, len(inputs)); i++ {
					in := &inputs[i]
					if r, ok := c.lookup(in.Path, stats.stat, &next, slots); ok {
						in.Cached = r
					} else {
						in.Done = done
					}
				}
			}
		}()
	}
	wg.Wait()
}

// resultSlab hands out memory for results decoded on lookup (those not
// decoded ahead), in blocks: one allocation each was a tenth of a warm
// run's CPU. The nil slab allocates each on its own.
type resultSlab struct {
	results []lint.Cached
	refs    []lint.PackRef
}

func (s *resultSlab) next() (*lint.Cached, *lint.PackRef) {
	if s == nil {
		return new(lint.Cached), new(lint.PackRef)
	}
	if len(s.results) == 0 {
		s.results, s.refs = make([]lint.Cached, 64), make([]lint.PackRef, 64)
	}
	r, ref := &s.results[0], &s.refs[0]
	s.results, s.refs = s.results[1:], s.refs[1:]
	return r, ref
}

// abs is filepath.Abs against the working directory of Open.
func (c *Cache) abs(path string) (string, error) {
	if filepath.IsAbs(path) || c.cwd == "" {
		return filepath.Abs(path)
	}
	return filepath.Join(c.cwd, path), nil
}

// joinsCleanly reports whether the absolute form of path is the working
// directory, a separator and path as it is: a clean path inside the
// working directory, as a walk of a relative directory gives them. Such a
// path is looked up without building its absolute form.
func (c *Cache) joinsCleanly(path string) bool {
	if c.cwd == "" {
		return false
	}
	if filepath.Separator == '/' {
		return cleanLocalSlashed(path)
	}
	return filepath.IsLocal(path) && filepath.Clean(path) == path
}

// cleanLocalSlashed is filepath.IsLocal(path) && filepath.Clean(path) ==
// path where the separator is '/', in one pass: the two took a twentieth
// of a warm run's CPU. The path must be non-empty and relative, and no
// element of it empty, "." or ".." (so "." itself is refused, which they
// accept: its absolute form is the directory alone).
func cleanLocalSlashed(path string) bool {
	start := 0
	for i := 0; i <= len(path); i++ {
		if i < len(path) && path[i] != '/' {
			continue
		}
		switch path[start:i] {
		case "", ".", "..":
			return false
		}
		start = i + 1
	}
	return true
}

// compareJoined compares a+b with s, as strings.Compare(a+b, s) would,
// without the concatenation.
func compareJoined(a, b, s string) int {
	if len(s) < len(a) {
		if r := strings.Compare(a[:len(s)], s); r != 0 {
			return r
		}
		return 1 // s is a prefix of a
	}
	if r := strings.Compare(a, s[:len(a)]); r != 0 {
		return r
	}
	return strings.Compare(b, s[len(a):])
}
