package lsp

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// BenchmarkEditToDiagnostics measures what a writer waits for: from a
// didChange of a pack the size of the example to the publication of its
// diagnostics, through the whole protocol stack. It reports the p95 as
// p95-ms (the target is under 50 ms).
func BenchmarkEditToDiagnostics(b *testing.B) {
	dir := b.TempDir()
	c := newTestClient(b)
	c.initialize(dir, nil)
	uri := pathURI(filepath.Join(dir, "pack.yaml"))
	text := readPack(b)
	c.open(uri, text, 1)
	c.diagnostics(uri, 1)
	edits := []string{
		strings.Replace(text, "I pulled the webhook", "We pulled the webhook", 1),
		text,
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		version := i + 2
		start := time.Now()
		c.change(uri, edits[i%2], version)
		c.diagnostics(uri, version)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p95 := lat[min(len(lat)-1, len(lat)*95/100)]
	b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
}
