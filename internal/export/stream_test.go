package export_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/anki"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/export/html"
	"github.com/starlint-dev/starlint/internal/export/jsonexport"
	"github.com/starlint-dev/starlint/internal/pack"
)

var allExporters = []export.Exporter{jsonexport.Exporter{}, anki.Exporter{}, anki.TextExporter{}, html.Exporter{}}

// plan writes n generated packs into a directory and plans their export,
// sorted by id, as the export command does after linting them.
func plan(t testing.TB, n int) []export.Planned {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.WriteDir(dir, n, 1, "block"); err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	var planned []export.Planned
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := pack.Load(p, src)
		if f.Root == nil {
			continue
		}
		planned = append(planned, export.Planned{Path: p, ID: f.Pack.ID, Modified: exporttest.Epoch, Sum: sha256.Sum256(src)})
	}
	export.SortPlanned(planned)
	return planned
}

// heapProbe is an exporter that records the live heap as packs go by.
type heapProbe struct {
	seen   int
	at     map[int]uint64 // live heap after this many packs
	onPack func(n int)
}

func (p *heapProbe) Name() string                                               { return "probe" }
func (p *heapProbe) Start(export.Options, export.Output) (export.Writer, error) { return p, nil }
func (p *heapProbe) Add(*export.Source) error {
	p.seen++
	if p.onPack != nil {
		p.onPack(p.seen)
	}
	if _, ok := p.at[p.seen]; ok {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC() // a second cycle settles what the first freed late
		runtime.ReadMemStats(&ms)
		p.at[p.seen] = ms.HeapAlloc
	}
	return nil
}
func (p *heapProbe) Finish() error { return nil }
func (p *heapProbe) Abort()        {}

// TestStreamKeepsMemoryFlat: what every exporter keeps per pack must be a
// small index entry, never the pack. A pack's strings share its file's
// text (about 13 KB here), so keeping any one of them keeps the whole file:
// 1,500 more packs would then add about 20 MB. What the exporters keep on
// purpose (index entries, deck and note ids) measures 1.5 to 2.5 KB a pack
// from run to run, so the bound sits between that noise and the 13 KB of a
// leak.
func TestStreamKeepsMemoryFlat(t *testing.T) {
	planned := plan(t, 2000)
	probe := &heapProbe{at: map[int]uint64{400: 0, 1900: 0}}
	exporters := append(append([]export.Exporter(nil), allExporters...), probe)
	if _, err := export.Stream(context.Background(), exporters, planned, export.Options{Time: exporttest.Epoch}, sinkOutput{}); err != nil {
		t.Fatal(err)
	}
	grew := int64(probe.at[1900]) - int64(probe.at[400])
	perPack := grew / 1500
	t.Logf("live heap %d KB after 400 packs, %d KB after 1,900: %d bytes a pack", probe.at[400]>>10, probe.at[1900]>>10, perPack)
	if perPack > 6000 {
		t.Errorf("the export keeps %d bytes a pack: something holds on to packs", perPack)
	}
}

// TestDirectKeepsMemoryFlat is TestStreamKeepsMemoryFlat for the
// formats that take packs as they are linted: a pack's id kept as a map
// key kept its whole file.
func TestDirectKeepsMemoryFlat(t *testing.T) {
	planned := plan(t, 2000)
	for _, e := range allExporters {
		if !export.TakesDirect(e, export.Options{}) {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			run, err := export.StartDirect(e, export.Options{WordsPerMinute: 150}, sinkOutput{})
			if err != nil {
				t.Fatal(err)
			}
			live := map[int]uint64{}
			for i, p := range planned {
				src, err := os.ReadFile(p.Path)
				if err != nil {
					t.Fatal(err)
				}
				if err := run.Take(&export.Source{Path: p.Path, Pack: pack.Load(p.Path, src).Pack}); err != nil {
					t.Fatal(err)
				}
				if n := i + 1; n == 400 || n == 1900 {
					var ms runtime.MemStats
					runtime.GC()
					runtime.GC()
					runtime.ReadMemStats(&ms)
					live[n] = ms.HeapAlloc
				}
			}
			if err := run.Finish(); err != nil {
				t.Fatal(err)
			}
			perPack := (int64(live[1900]) - int64(live[400])) / 1500
			t.Logf("%d bytes a pack", perPack)
			if perPack > 6000 {
				t.Errorf("the %s export keeps %d bytes a pack: something holds on to packs", e.Name(), perPack)
			}
		})
	}
}

// sinkOutput accepts files and keeps nothing, so the heap shows only what
// the exporters keep.
type sinkOutput struct{}

func (sinkOutput) WriteFile(string, []byte) error        { return nil }
func (sinkOutput) Create(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// TestStreamMatchesRun: streaming packs from their files gives the same
// files as exporting the loaded packs.
func TestStreamMatchesRun(t *testing.T) {
	planned := plan(t, 30)
	var loaded []*export.Source
	for _, p := range planned {
		src, _ := os.ReadFile(p.Path)
		loaded = append(loaded, &export.Source{Path: p.Path, Pack: pack.Load(p.Path, src).Pack, Modified: p.Modified})
	}
	opt := export.Options{Time: exporttest.Epoch}
	streamed := &export.MemOutput{}
	counts, err := export.Stream(context.Background(), allExporters, planned, opt, streamed)
	if err != nil {
		t.Fatal(err)
	}
	want := &export.MemOutput{}
	for _, e := range allExporters {
		if err := export.Run(e, loaded, opt, want); err != nil {
			t.Fatal(err)
		}
	}
	if got, w := streamed.Names(), want.Names(); !slices.Equal(got, w) {
		t.Fatalf("files differ:\n got  %v\n want %v", got, w)
	}
	for _, name := range want.Names() {
		if name == anki.PackageName {
			continue // a SQLite file: compared by content in the anki tests
		}
		if !bytes.Equal(streamed.Files[name], want.Files[name]) {
			t.Errorf("%s differs", name)
		}
	}
	total := 0
	for _, c := range counts {
		total += c
	}
	if total != len(want.Files) {
		t.Errorf("counts %v add up to %d, want %d files", counts, total, len(want.Files))
	}
	// the bundle, written in the order packs reach Add, whatever order
	// their Prepare finished in
	opt.Bundle = true
	streamed, want = &export.MemOutput{}, &export.MemOutput{}
	if _, err := export.Stream(context.Background(), []export.Exporter{jsonexport.Exporter{}}, planned, opt, streamed); err != nil {
		t.Fatal(err)
	}
	if err := export.Run(jsonexport.Exporter{}, loaded, opt, want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(streamed.Files["bundle.json"], want.Files["bundle.json"]) || len(want.Files["bundle.json"]) == 0 {
		t.Error("bundle.json differs between Stream and Run")
	}
}

// TestStreamRefusesChangedFile: a pack edited between lint and export is
// not exported unlinted.
func TestStreamRefusesChangedFile(t *testing.T) {
	planned := plan(t, 5)
	victim := planned[3].Path
	if err := os.WriteFile(victim, []byte("id: changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	probe := &heapProbe{}
	_, err := export.Stream(context.Background(), []export.Exporter{probe}, planned, export.Options{}, &export.MemOutput{})
	var changed *export.ChangedError
	if !errors.As(err, &changed) || changed.Path != victim {
		t.Fatalf("got %v, want a ChangedError for %s", err, victim)
	}
	if probe.seen != 3 {
		t.Errorf("the writer saw %d packs, want the 3 before the changed one", probe.seen)
	}
}

// TestStreamStopsWhenCancelled: Ctrl-C between packs stops the export.
func TestStreamStopsWhenCancelled(t *testing.T) {
	planned := plan(t, 40)
	ctx, cancel := context.WithCancel(context.Background())
	probe := &heapProbe{onPack: func(n int) {
		if n == 5 {
			cancel()
		}
	}}
	_, err := export.Stream(ctx, []export.Exporter{probe}, planned, export.Options{}, &export.MemOutput{})
	if !errors.Is(err, export.ErrStopped) {
		t.Fatalf("got %v, want ErrStopped", err)
	}
	if probe.seen >= len(planned) {
		t.Errorf("every pack was exported after the cancel")
	}
}

// fullDiskOutput accepts a few files, then fails as a full disk does.
type fullDiskOutput struct {
	mu   sync.Mutex
	left int
}

func (o *fullDiskOutput) take() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.left == 0 {
		return syscall.ENOSPC
	}
	o.left--
	return nil
}

func (o *fullDiskOutput) WriteFile(string, []byte) error { return o.take() }
func (o *fullDiskOutput) Create(string) (io.WriteCloser, error) {
	if err := o.take(); err != nil {
		return nil, err
	}
	return nopCloser{io.Discard}, nil
}

// TestStreamReportsAFullDisk: the first write that fails stops the export
// with an error that names the format and the cause.
func TestStreamReportsAFullDisk(t *testing.T) {
	planned := plan(t, 20)
	_, err := export.Stream(context.Background(), allExporters, planned, export.Options{Time: exporttest.Epoch}, &fullDiskOutput{left: 10})
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "--to ") {
		t.Fatalf("got %v, want ENOSPC naming the format", err)
	}
}

// BenchmarkStream streams 1,000 packs from their files through the JSON
// exporter into an output that keeps nothing: the export's second pass
// without the disk's writes.
func BenchmarkStream(b *testing.B) {
	planned := plan(b, 1000)
	for b.Loop() {
		if _, err := export.Stream(context.Background(), []export.Exporter{jsonexport.Exporter{}}, planned, export.Options{Time: exporttest.Epoch}, sinkOutput{}); err != nil {
			b.Fatal(err)
		}
	}
}
