package anki

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"testing"
)

// TestParallelDeflateRoundTrips: what the parallel compressor writes is
// one deflate stream that inflates to exactly what was written, for every
// size around the piece and round boundaries, any number of workers and
// writes of any length.
func TestParallelDeflateRoundTrips(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"situation ", "I fixed the retry race ", "0.3% ", "“curly” ", "\x00\xff", "\n"}
	var text bytes.Buffer
	for text.Len() < 3*deflatePiece+100 {
		text.WriteString(words[r.IntN(len(words))])
	}
	noise := make([]byte, deflatePiece+10)
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	sizes := []int{0, 1, 100, deflatePiece - 1, deflatePiece, deflatePiece + 1, 2 * deflatePiece, 2*deflatePiece + 7, 3*deflatePiece + 100}
	for _, workers := range []int{1, 2, 3} {
		for _, src := range [][]byte{text.Bytes(), noise} {
			for _, n := range sizes {
				if n > len(src) {
					continue
				}
				want := src[:n]
				var packed bytes.Buffer
				d, err := newParallelDeflater(&packed, 4, workers)
				if err != nil {
					t.Fatal(err)
				}
				for rest := want; len(rest) > 0; {
					k := min(len(rest), 1+r.IntN(70000))
					if m, err := d.Write(rest[:k]); err != nil || m != k {
						t.Fatalf("Write = %d, %v", m, err)
					}
					rest = rest[k:]
				}
				if err := d.Close(); err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(flate.NewReader(&packed))
				if err != nil {
					t.Fatalf("workers %d, %d bytes: %v", workers, n, err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("workers %d, %d bytes: inflated %d bytes that differ", workers, n, len(got))
				}
			}
		}
	}
}

// TestParallelDeflateStopsOnAWriteError: a failing destination is
// reported, by the Write that meets it or by Close.
func TestParallelDeflateStopsOnAWriteError(t *testing.T) {
	d, err := newParallelDeflater(failingWriter{}, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	_, werr := d.Write(make([]byte, 3*deflatePiece))
	cerr := d.Close()
	if werr == nil || cerr == nil {
		t.Fatalf("Write: %v, Close: %v; want the destination's error from both", werr, cerr)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestParallelDeflateRefusesABadLevel(t *testing.T) {
	if _, err := newParallelDeflater(io.Discard, 42, 2); err == nil {
		t.Fatal("level 42 accepted")
	}
}
