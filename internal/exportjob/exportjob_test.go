package exportjob_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporters"
	"github.com/starlint-dev/starlint/internal/exportjob"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
)

// workspace copies the test packs into a fresh directory, with extra
// files added, and returns their paths in order.
func workspace(t *testing.T, extra map[string]string) (dir string, paths []string) {
	t.Helper()
	dir = t.TempDir()
	for _, name := range []string{"disagreed-with-manager.yaml", "failed-to-deliver.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "packs", name))
		if err != nil {
			t.Fatal(err)
		}
		extra[name] = string(data)
	}
	for name, text := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Join(dir, name))
	}
	slices.Sort(paths)
	return dir, paths
}

// job is an export of paths to JSON in dir/out with the rules that
// report errors, as `starlint export` runs it.
func job(t *testing.T, dir string, paths []string) exportjob.Job {
	t.Helper()
	all := rules.All()
	linter, err := lint.New(all, nil, lint.ErrorRules(all, nil))
	if err != nil {
		t.Fatal(err)
	}
	jsonFormat, _ := exporters.Lookup("json")
	return exportjob.Job{Ctx: context.Background(), Linter: linter, Paths: paths, Formats: []export.Exporter{jsonFormat},
		Out: filepath.Join(dir, "out"), Options: export.Options{WordsPerMinute: 150}}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestExportWritesEveryPack(t *testing.T) {
	dir, paths := workspace(t, map[string]string{})
	res, err := exportjob.Run(job(t, dir, paths))
	if err != nil {
		t.Fatal(err)
	}
	if res.Refused || res.Packs != 2 || len(res.Files) != 1 || res.Files[0] != 3 {
		t.Errorf("result %+v, want 2 packs in 3 JSON files", res)
	}
	want := []string{"disagreed-with-manager.json", "failed-to-deliver.json", "packs.json"}
	if got := names(t, filepath.Join(dir, "out")); !slices.Equal(got, want) {
		t.Errorf("out holds %q, want %q", got, want)
	}
}

func TestErrorsRefuseTheExport(t *testing.T) {
	broken := "starlint: 1\nid: broken\ntitle: TODO write the title\n"
	dir, paths := workspace(t, map[string]string{"broken.yaml": broken})
	res, err := exportjob.Run(job(t, dir, paths))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Refused || res.ErrorPacks != 1 || len(res.Errors) == 0 || res.Packs != 0 {
		t.Errorf("result %+v, want a refusal over one pack", res)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused export left --out behind: %v", err)
	}

	// with Force the packs with errors are written too
	j := job(t, dir, paths)
	j.Force = true
	if res, err = exportjob.Run(j); err != nil {
		t.Fatal(err)
	}
	if res.Refused || res.ErrorPacks != 1 || res.Packs != 3 {
		t.Errorf("forced result %+v, want 3 packs written, one with errors", res)
	}
}

func TestPacksThatCannotBeExportedAreSkipped(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "packs", "failed-to-deliver.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// an id that would overwrite the index, and a file that is no pack
	reserved := bytes.Replace(data, []byte("id: failed-to-deliver"), []byte("id: packs"), 1)
	dir, paths := workspace(t, map[string]string{"a-reserved.yaml": string(reserved), "b-empty.yaml": ""})
	j := job(t, dir, paths)
	j.Force = true // the id rule reports the reserved id
	res, err := exportjob.Run(j)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 2 || res.Skipped[0].Path != paths[0] || !res.Skipped[0].Trouble ||
		!strings.HasSuffix(res.Skipped[0].Why, ": skipped") {
		t.Fatalf("skipped %+v, want the reserved id first, as trouble", res.Skipped)
	}
	if res.Packs != 2 {
		t.Errorf("%d packs exported, want the 2 good ones", res.Packs)
	}
}

func TestAnInterruptedExportWritesNothing(t *testing.T) {
	dir, paths := workspace(t, map[string]string{})
	j := job(t, dir, paths)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	j.Ctx = ctx
	_, err := exportjob.Run(j)
	var stopped *exportjob.Interrupted
	if !errors.As(err, &stopped) || stopped.Written != 0 || err.Error() != "nothing exported" {
		t.Fatalf("error %v, want an interruption with nothing exported", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted export left --out behind: %v", err)
	}
}

// Time stands for every pack file's last change (SOURCE_DATE_EPOCH): the
// Anki package, which records times, is then the same bytes however the
// files' times change.
func TestTimeIsEveryPacksTime(t *testing.T) {
	dir, paths := workspace(t, map[string]string{})
	anki, _ := exporters.Lookup("anki")
	exportAt := func(out string, at time.Time) []byte {
		j := job(t, dir, paths)
		j.Formats, j.Out, j.Time = []export.Exporter{anki}, filepath.Join(dir, out), at
		if _, err := exportjob.Run(j); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, out, "starlint.apkg"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	touch := func(at time.Time) {
		for _, p := range paths {
			if err := os.Chtimes(p, at, at); err != nil {
				t.Fatal(err)
			}
		}
	}
	epoch := time.Unix(1700000000, 0).UTC()
	touch(time.Unix(1600000000, 0))
	before, files1 := exportAt("a", epoch), exportAt("files1", time.Time{})
	touch(time.Unix(1650000000, 0))
	after, files2 := exportAt("b", epoch), exportAt("files2", time.Time{})
	if !bytes.Equal(before, after) {
		t.Error("with Time set, the package changed with the files' times")
	}
	if bytes.Equal(files1, files2) {
		t.Error("without Time, the package ignored the files' times")
	}
}

func TestInterruptedSaysWhatWasWritten(t *testing.T) {
	for _, tc := range []struct {
		e    exportjob.Interrupted
		want string
	}{
		{exportjob.Interrupted{}, "nothing exported"},
		{exportjob.Interrupted{Written: 1, Staged: 1}, "1 of 1 file written, each one complete"},
		{exportjob.Interrupted{Written: 3, Staged: 8}, "3 of 8 files written, each one complete"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%+v says %q, want %q", tc.e, got, tc.want)
		}
	}
}
