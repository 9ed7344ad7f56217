package anki

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// deflatePiece is how much each compressor takes at a time. Pieces are
// compressed apart, each without the one before as its dictionary: at
// 2 MB the package of 10,000 packs is under 1% larger.
const deflatePiece = 2 << 20

// parallelDeflater is a deflate compressor that uses several cores, in
// the manner of pigz: what is written is cut into pieces, a round of
// pieces (one a core) is compressed at once, each by its own compressor
// and ended with a sync flush (an empty stored block, so that the pieces
// join into one stream), and Close closes the last piece. Compressors and
// buffers are made when first needed (a small entry gets one of each) and
// reused from round to round: no garbage beyond one round's pieces, in
// and out.
type parallelDeflater struct {
	dst   io.Writer
	level int
	slots []*deflateSlot
	cur   int // the slot being filled
	err   error
}

type deflateSlot struct {
	in  []byte
	out bytes.Buffer
	fw  *flate.Writer
	err error
}

func newParallelDeflater(dst io.Writer, level, workers int) (*parallelDeflater, error) {
	if _, err := flate.NewWriter(nil, level); err != nil {
		return nil, err // a bad level, said now rather than at the first round
	}
	d := &parallelDeflater{dst: dst, level: level, slots: make([]*deflateSlot, max(workers, 1))}
	for i := range d.slots {
		d.slots[i] = &deflateSlot{}
	}
	return d, nil
}

func (d *parallelDeflater) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 && d.err == nil {
		s := d.slots[d.cur]
		k := min(len(p), deflatePiece-len(s.in))
		s.in = append(s.in, p[:k]...)
		p, written = p[k:], written+k
		if len(s.in) == deflatePiece {
			if d.cur++; d.cur == len(d.slots) {
				d.err = d.round(len(d.slots), false)
				d.cur = 0
			}
		}
	}
	return written, d.err
}

// Close compresses what is left, the last piece closing the stream.
func (d *parallelDeflater) Close() error {
	if d.err != nil {
		return d.err
	}
	d.err = d.round(d.cur+1, true)
	return d.err
}

// round compresses the first n slots at once and writes them in order.
func (d *parallelDeflater) round(n int, final bool) error {
	var wg sync.WaitGroup
	for i, s := range d.slots[:n] {
		last := final && i == n-1
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.out.Reset()
			if s.fw == nil {
				s.fw, _ = flate.NewWriter(&s.out, d.level) // the level was checked
			} else {
				s.fw.Reset(&s.out)
			}
			if _, s.err = s.fw.Write(s.in); s.err != nil {
				return
			}
			if last {
				s.err = s.fw.Close()
			} else {
				s.err = s.fw.Flush()
			}
		}()
	}
	wg.Wait()
	for _, s := range d.slots[:n] {
		if s.err != nil {
			return s.err
		}
		if _, err := d.dst.Write(s.out.Bytes()); err != nil {
			return err
		}
		s.in = s.in[:0]
	}
	return nil
}
