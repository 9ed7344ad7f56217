package jsonexport

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestDirectMatchesInOrder: packs taken in any order, at once, give the
// files an in-order export writes, byte for byte.
func TestDirectMatchesInOrder(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	for i, g := range corpus.Generate(40, 3) {
		src, err := corpus.Restyle(g.Src, corpus.Styles[i%len(corpus.Styles)], i)
		if err != nil {
			t.Fatal(err)
		}
		f := pack.Load(g.Name, src)
		if f.Root == nil {
			t.Fatalf("%s: %v", g.Name, f.Problems)
		}
		packs = append(packs, &export.Source{Path: g.Name, Pack: f.Pack})
	}
	export.SortByID(packs)
	opt := export.Options{WordsPerMinute: 150}
	want := exporttest.Run(t, Exporter{}, packs, opt)
	for seed := range uint64(5) {
		got := &export.MemOutput{}
		w, err := Exporter{}.StartDirect(opt, got)
		if err != nil {
			t.Fatal(err)
		}
		if err := exporttest.TakeAll(t, w, packs, seed); err != nil {
			t.Fatal(err)
		}
		if g, w := strings.Join(got.Names(), " "), strings.Join(want.Names(), " "); g != w {
			t.Fatalf("files %s, want %s", g, w)
		}
		for _, name := range want.Names() {
			if !bytes.Equal(got.Files[name], want.Files[name]) {
				t.Fatalf("seed %d: %s differs from the in-order export's", seed, name)
			}
		}
	}
}

// TestDirectNamesTheSecondPackOfAnID: two packs of one id fail as the
// in-order export fails, naming the second in path order, whichever was
// taken first.
func TestDirectNamesTheSecondPackOfAnID(t *testing.T) {
	one := exporttest.Load(t, "../../testdata/packs/failed-to-deliver.yaml")[0]
	a, b := *one, *one
	a.Path, b.Path = "a/failed-to-deliver.yaml", "b/failed-to-deliver.yaml"
	for seed := range uint64(4) {
		w, err := Exporter{}.StartDirect(export.Options{}, &export.MemOutput{})
		if err != nil {
			t.Fatal(err)
		}
		err = exporttest.TakeAll(t, w, []*export.Source{&a, &b}, seed)
		if err == nil || err.Error() != "b/failed-to-deliver.yaml: export wrote failed-to-deliver.json twice" {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

// TestDirectReportsAWriteError: a file that cannot be written fails the
// export at Finish, naming the pack, and Take never blocks after it.
func TestDirectReportsAWriteError(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	w, err := Exporter{}.StartDirect(export.Options{}, failingOutput{})
	if err != nil {
		t.Fatal(err)
	}
	err = exporttest.TakeAll(t, w, packs, 1)
	if err == nil || !strings.Contains(err.Error(), "no space left") || !strings.Contains(err.Error(), ".yaml: ") {
		t.Fatalf("got %v, want the pack and the disk's error", err)
	}
}

// TestDirectAbortStopsTheWriter: an export stopped before Finish writes
// no index.
func TestDirectAbortStopsTheWriter(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml")
	out := &export.MemOutput{}
	w, err := Exporter{}.StartDirect(export.Options{}, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packs {
		if err := w.Take(p); err != nil {
			t.Fatal(err)
		}
	}
	w.Abort()
	if _, ok := out.Files["packs.json"]; ok {
		t.Fatal("an aborted export wrote packs.json")
	}
}

func TestBundleIsNotDirect(t *testing.T) {
	if (Exporter{}).TakesDirect(export.Options{Bundle: true}) || !(Exporter{}).TakesDirect(export.Options{}) {
		t.Fatal("the bundle needs the packs in order; files per pack do not")
	}
}

type failingOutput struct{}

func (failingOutput) WriteFile(string, []byte) error { return errors.New("no space left on device") }
func (failingOutput) Create(string) (io.WriteCloser, error) {
	return nil, errors.New("no space left on device")
}
