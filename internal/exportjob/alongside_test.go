package exportjob_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporters"
	"github.com/starlint-dev/starlint/internal/exportjob"
)

// formats looks formats up by name.
func formats(t *testing.T, names ...string) []export.Exporter {
	t.Helper()
	var formats []export.Exporter
	for _, name := range names {
		e, ok := exporters.Lookup(name)
		if !ok {
			t.Fatalf("no format %s", name)
		}
		formats = append(formats, e)
	}
	return formats
}

// writePacks writes 40 generated packs into a new directory, each in the
// file name(k) gives the k-th in id order, all changed at the same time;
// it returns their paths in path order.
func writePacks(t *testing.T, name func(k int, generated string) string) (dir string, paths []string) {
	t.Helper()
	dir = t.TempDir()
	at := time.Unix(1700000000, 0)
	for k, p := range corpus.Generate(40, 3) {
		path := filepath.Join(dir, "packs", name(k, p.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, p.Src, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	slices.Sort(paths)
	return dir, paths
}

// exportAll exports paths (with --force: the corpus plants errors) to
// the formats named, by default anki-text, which takes the packs in id
// order, and JSON, which takes them as they come; it returns what each
// file holds.
func exportAll(t *testing.T, dir string, paths []string, stamp time.Time, formatNames ...string) (exportjob.Result, map[string]string) {
	t.Helper()
	j := job(t, dir, paths)
	if len(formatNames) == 0 {
		formatNames = []string{"anki-text", "json"}
	}
	j.Formats, j.Force, j.Time = formats(t, formatNames...), true, stamp
	res, err := exportjob.Run(j)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, name := range names(t, j.Out) {
		data, err := os.ReadFile(filepath.Join(j.Out, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(data)
	}
	return res, files
}

// TestInOrderFormatsReadPacksOnce: when the file names are the ids, the
// in-order formats take each pack during the lint; when the packs turn
// out not to come in id order, or the names say they will not, the
// export gives up on that and reads them again. All three write the same
// bytes.
func TestInOrderFormatsReadPacksOnce(t *testing.T) {
	stamp := time.Unix(1750000000, 0).UTC()
	dir, paths := writePacks(t, func(_ int, generated string) string { return generated })
	once, want := exportAll(t, dir, paths, stamp)
	if once.SecondPass || once.Packs != 40 {
		t.Errorf("packs named by id: %d packs, second pass %v; want 40 read once", once.Packs, once.SecondPass)
	}
	for _, tc := range []struct {
		name string
		file func(k int, generated string) string
	}{
		// in order by name, but the ids run backwards: found out at the
		// second pack, after the first was fed
		{"ids against the names", func(k int, _ string) string { return fmt.Sprintf("f%03d.yaml", 39-k) }},
		// the names are out of order: never tried
		{"names out of order", func(k int, generated string) string {
			return fmt.Sprintf("d%d/%s", k%2, generated) // d0 holds 0, 2, ...; d1 1, 3, ...
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, paths := writePacks(t, tc.file)
			res, got := exportAll(t, dir, paths, stamp)
			if !res.SecondPass || res.Packs != 40 {
				t.Errorf("%d packs, second pass %v; want 40 read twice", res.Packs, res.SecondPass)
			}
			if len(got) != len(want) {
				t.Errorf("files %v, want %v", keys(got), keys(want))
			}
			sameFiles(t, got, want, "the one-pass export")
		})
	}
}

// TestAnkiReadsPacksOnce: Anki, whose inserts are an export's slowest
// part, takes the packs during the lint too, beside anki-text and JSON,
// and its package is the one the second pass builds.
func TestAnkiReadsPacksOnce(t *testing.T) {
	dir, paths := writePacks(t, func(_ int, generated string) string { return generated })
	res, want := exportAll(t, dir, paths, time.Time{}, "anki", "anki-text", "json")
	if res.SecondPass || want["starlint.apkg"] == "" {
		t.Fatalf("packs named by id: second pass %v, files %v; want them read once, and a package", res.SecondPass, keys(want))
	}

	// the ids against the names: the package from the second pass is
	// byte for byte the one from the lint's
	dirBack, pathsBack := writePacks(t, func(k int, _ string) string { return fmt.Sprintf("f%03d.yaml", 39-k) })
	res, back := exportAll(t, dirBack, pathsBack, time.Time{}, "anki")
	if !res.SecondPass {
		t.Errorf("ids against the names: no second pass")
	}
	if back["starlint.apkg"] != want["starlint.apkg"] {
		t.Errorf("the package from the second pass differs from the one made during the lint")
	}
}

// TestInOrderFormatsWaitForTheExportTime: the export's time is the
// newest pack's change, guessed before the lint as the newest input's. A
// newer file that is not a pack makes the guess wrong: the second pass
// runs, and the files are those of the export without it.
func TestInOrderFormatsWaitForTheExportTime(t *testing.T) {
	dir, paths := writePacks(t, func(_ int, generated string) string { return generated })
	_, want := exportAll(t, dir, paths, time.Time{})
	notes := filepath.Join(dir, "packs", "zz-notes.yaml")
	if err := os.WriteFile(notes, []byte("notes: not a pack\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, got := exportAll(t, dir, append(paths, notes), time.Time{})
	if !res.SecondPass || len(res.Skipped) != 1 {
		t.Errorf("second pass %v, skipped %v; want a second pass, the notes skipped", res.SecondPass, res.Skipped)
	}
	sameFiles(t, got, want, "the export without the newer file")
}

// sameFiles fails unless got holds every file of want, with the same
// bytes (it may hold more).
func sameFiles(t *testing.T, got, want map[string]string, what string) {
	t.Helper()
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s differs from %s (files %v, want %v)", name, what, keys(got), keys(want))
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// panicky is a direct format that panics on one pack.
type panicky struct{ on string }

func (panicky) Name() string                                               { return "panicky" }
func (panicky) Start(export.Options, export.Output) (export.Writer, error) { return nil, nil }
func (panicky) TakesDirect(export.Options) bool                            { return true }
func (p panicky) StartDirect(export.Options, export.Output) (export.DirectWriter, error) {
	return p, nil
}
func (p panicky) Take(src *export.Source) error {
	if src.Pack.ID == p.on {
		panic("a bug in a format")
	}
	return nil
}
func (panicky) Finish() error { return nil }
func (panicky) Abort()        {}

// TestAFormatsPanicDoesNotHangTheExport: the lint recovers from a panic
// in a format's Take; the in-order formats, waiting for that pack's turn,
// still hear of it, and the export ends.
func TestAFormatsPanicDoesNotHangTheExport(t *testing.T) {
	dir, paths := writePacks(t, func(_ int, generated string) string { return generated })
	j := job(t, dir, paths)
	first := strings.TrimSuffix(filepath.Base(paths[0]), ".yaml")
	j.Formats, j.Force = append(formats(t, "anki-text"), panicky{on: first}), true
	done := make(chan error, 1)
	go func() {
		_, err := exportjob.Run(j)
		done <- err
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the export hung after a format panicked")
	}
}
