package anki

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
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
// reported by Close, and by Write once it is known. With two workers three
// pieces are in flight; the fourth waits for the first to be written, so
// the Write of four pieces has met the error by the time it returns.
func TestParallelDeflateStopsOnAWriteError(t *testing.T) {
	d, err := newParallelDeflater(failingWriter{}, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	_, werr := d.Write(make([]byte, 4*deflatePiece))
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

// TestParallelDeflateCountsWhatWasWritten: the CRC-32 and the length are
// those of every byte written, for the zip entry.
func TestParallelDeflateCountsWhatWasWritten(t *testing.T) {
	data := make([]byte, 2*deflatePiece+12345)
	for i := range data {
		data[i] = byte(i * 7 / 5)
	}
	d, err := newParallelDeflater(io.Discard, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	d.Write(data)
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if d.CRC32() != crc32.ChecksumIEEE(data) || d.Size() != int64(len(data)) {
		t.Fatalf("CRC %08x, size %d; want %08x, %d", d.CRC32(), d.Size(), crc32.ChecksumIEEE(data), len(data))
	}
}

func TestCRC32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 3, 7, 100, 16384, 65537, 1 << 20} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		a := []byte("page one, as the collection's first page would be")
		want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(n)); got != want {
			t.Errorf("%d bytes: combined %08x, want %08x", n, got, want)
		}
	}
}
