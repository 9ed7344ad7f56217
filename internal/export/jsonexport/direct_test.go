package jsonexport

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
)

// TestDirectMatchesInOrder: packs taken in any order, at once, give the
// files an in-order export writes, byte for byte.
func TestDirectMatchesInOrder(t *testing.T) { exporttest.DirectMatchesInOrder(t, Exporter{}) }

// TestDirectNamesTheSecondPackOfAnID: two packs of one id fail as the
// in-order export fails, naming the second in path order.
func TestDirectNamesTheSecondPackOfAnID(t *testing.T) {
	exporttest.DirectNamesTheSecondPackOfAnID(t, Exporter{}, "b/failed-to-deliver.yaml: export wrote failed-to-deliver.json twice")
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
