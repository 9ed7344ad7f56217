package lintcache

import (
	"sync"
	"sync/atomic"

	"github.com/starlint-dev/starlint/internal/hugemem"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// ahead decodes the file's results in record order on a goroutine of its
// own, from Open until the first lookup. A warm run finds its files on one
// core meanwhile, and the other had nothing to do; decoding was then a
// sixth of the lookups' CPU. A lookup takes its record's result when it
// was decoded ahead and no other lookup took it, and decodes it itself
// otherwise.
type ahead struct {
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
	results []lint.Cached  // by record; File fields are set when taken
	refs    []lint.PackRef // their pack refs
	taken   []atomic.Bool  // by record: a lookup has its result
	upTo    int            // records below it are decoded; read once done is closed
}

// aheadChunk is how many records are decoded between checks for a stop.
const aheadChunk = 256

// decodeAhead starts decoding c's records.
func (c *Cache) decodeAhead() {
	n := len(c.records)
	a := &ahead{stop: make(chan struct{}), done: make(chan struct{}),
		results: hugemem.Slice[lint.Cached](n), refs: hugemem.Slice[lint.PackRef](n), taken: make([]atomic.Bool, n)}
	c.ahead = a
	go func() {
		defer close(a.done)
		for i, off := range c.records {
			if i%aheadChunk == 0 {
				select {
				case <-a.stop:
					return
				default:
				}
			}
			path, e := c.recordAt(off)
			r, err := decodeResult(e.result, "", pack.FileStem(path), &a.refs[i])
			if err != nil {
				return // a damaged record: its lookup finds out for itself
			}
			a.results[i] = r
			a.upTo = i + 1
		}
	}()
}

// stopAhead stops decoding ahead and waits for it; results below upTo are
// then there to take.
func (c *Cache) stopAhead() {
	if a := c.ahead; a != nil {
		a.once.Do(func() { close(a.stop) })
		<-a.done
	}
}

// takeAhead returns record i's result decoded ahead, for the file at path,
// or nil when it was not decoded or another lookup took it. The caller
// has called stopAhead.
func (c *Cache) takeAhead(i int, path string) *lint.Cached {
	a := c.ahead
	if a == nil || i < 0 || i >= a.upTo || !a.taken[i].CompareAndSwap(false, true) {
		return nil
	}
	r := &a.results[i]
	for k := range r.Diags {
		r.Diags[k].File = path
	}
	if r.Ref != nil {
		r.Ref.File = path
	}
	return r
}
