package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

func packWithID(id string) string {
	return "starlint: 1\nid: " + id + "\ntitle: T\n"
}

func rulesOf(diags []lint.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Rule)
	}
	return out
}

// TestEngineCrossPack: id-unique stays right as packs are edited and
// removed one at a time, and each update names every file it affected.
func TestEngineCrossPack(t *testing.T) {
	e := lint.NewEngine(newLinter(t, "id-unique"), true)
	e.Update("a.yaml", []byte(packWithID("same")))
	if changed := e.Update("b.yaml", []byte(packWithID("same"))); !reflect.DeepEqual(changed, []string{"a.yaml", "b.yaml"}) {
		t.Errorf("adding a duplicate changed %v, want both files", changed)
	}
	for _, p := range []string{"a.yaml", "b.yaml"} {
		if got := rulesOf(e.Diagnostics(p)); !reflect.DeepEqual(got, []string{"id-unique"}) {
			t.Errorf("%s: %v, want id-unique", p, got)
		}
	}
	d := e.Diagnostics("a.yaml")[0]
	if d.Pos != (pack.Pos{Line: 2, Col: 5}) || d.End != (pack.Pos{Line: 2, Col: 9}) {
		t.Errorf("id-unique spans %v-%v, want the id 2:5-2:9", d.Pos, d.End)
	}
	// Editing b's title leaves its id alone: only b is re-linted.
	if changed := e.Update("b.yaml", []byte(packWithID("same")+"scenario: x\n")); !reflect.DeepEqual(changed, []string{"b.yaml"}) {
		t.Errorf("an edit that keeps the id changed %v, want b.yaml only", changed)
	}
	if changed := e.Update("b.yaml", []byte(packWithID("other"))); !reflect.DeepEqual(changed, []string{"a.yaml", "b.yaml"}) {
		t.Errorf("renaming the id changed %v, want both", changed)
	}
	if got := e.Diagnostics("a.yaml"); len(got) != 0 {
		t.Errorf("a.yaml still has %v", got)
	}
	e.Update("b.yaml", []byte(packWithID("same")))
	if changed := e.Remove("b.yaml"); !reflect.DeepEqual(changed, []string{"a.yaml", "b.yaml"}) {
		t.Errorf("removing changed %v", changed)
	}
	if got := e.Diagnostics("a.yaml"); len(got) != 0 || e.Diagnostics("b.yaml") != nil {
		t.Errorf("after removal: a %v, b %v", got, e.Diagnostics("b.yaml"))
	}
	if e.File("a.yaml") == nil {
		t.Error("an engine that keeps files lost a.yaml")
	}
}

// TestEngineMatchesBatch: updating files one by one gives the same
// diagnostics as the batch run over the same files.
func TestEngineMatchesBatch(t *testing.T) {
	paths, _ := filepath.Glob("rules/testdata/*/*.yaml")
	if len(paths) < 30 {
		t.Fatalf("only %d fixtures", len(paths))
	}
	l := newLinter(t)
	var inputs []lint.Input
	incremental := lint.NewEngine(l, false)
	for _, p := range paths {
		inputs = append(inputs, lint.Input{Path: p})
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		incremental.Update(p, src)
	}
	batch := l.Run(inputs, lint.RunOptions{Jobs: 3})
	got := incremental.Result()
	if got.Files != batch.Files || len(got.Diagnostics) != len(batch.Diagnostics) {
		t.Fatalf("incremental: %d files %d diagnostics; batch: %d files %d diagnostics", got.Files, len(got.Diagnostics), batch.Files, len(batch.Diagnostics))
	}
	for i := range got.Diagnostics {
		a, b := got.Diagnostics[i], batch.Diagnostics[i]
		a.Fix, b.Fix = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("diagnostic %d differs:\n%+v\n%+v", i, a, b)
		}
	}
}

// TestEngineConcurrent runs updates, reads and position lookups on shared
// files from many goroutines; with -race it proves the engine and loaded
// files safe to share.
func TestEngineConcurrent(t *testing.T) {
	src, err := os.ReadFile("../../internal/lint/rules/testdata/schema/violations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := lint.NewEngine(newLinter(t), true)
	shared := pack.Load("shared.yaml", src)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := fmt.Sprintf("p%d.yaml", g%3)
			for i := 0; i < 30; i++ {
				e.Update(path, src)
				_ = e.Diagnostics(path)
				_ = shared.ValuePos("/quiz/0/answer") // past the index threshold
				_ = shared.Value()
				_ = shared.Range(shared.NodeSpan(shared.Root))
			}
			e.Put(shared)
		}()
	}
	wg.Wait()
	if paths := e.Paths(); !slices.Equal(paths, []string{"p0.yaml", "p1.yaml", "p2.yaml", "shared.yaml"}) {
		t.Errorf("paths %v", paths)
	}
	if len(e.Diagnostics("p1.yaml")) == 0 {
		t.Error("no diagnostics for a pack with violations")
	}
}

// TestEngineSetLinter: a new config re-lints every kept file.
func TestEngineSetLinter(t *testing.T) {
	e := lint.NewEngine(newLinter(t, "no-we"), true)
	e.Update("a.yaml", []byte("star:\n  task:\n    example: We did it.\n"))
	if len(e.Diagnostics("a.yaml")) != 1 {
		t.Fatalf("want one no-we finding, got %v", e.Diagnostics("a.yaml"))
	}
	e.SetLinter(newLinter(t, "result-has-metric"))
	if got := e.Diagnostics("a.yaml"); len(got) != 0 {
		t.Errorf("after the config change: %v", got)
	}
}

// TestResultIsSorted: Result builds its order file by file; it must be the
// order SortDiagnostics gives the whole, cross-pack findings included, and
// a cached input's findings come back as the cache gave them.
func TestResultIsSorted(t *testing.T) {
	paths, _ := filepath.Glob("rules/testdata/*/*.yaml")
	l := newLinter(t)
	var inputs []lint.Input
	for i, p := range paths {
		inputs = append(inputs, lint.Input{Path: p})
		if i%7 == 0 { // a duplicate id: id-unique findings on two files
			dup := fmt.Sprintf("dup%d.yaml", i)
			inputs = append(inputs, lint.Input{Path: dup, Load: func() (*pack.File, error) {
				src, err := os.ReadFile(p)
				return pack.Load(dup, src), err
			}})
		}
	}
	cached := lint.Cached{Diags: []lint.Diagnostic{{File: "cached.yaml", Pos: pack.Pos{Line: 9, Col: 1}, Rule: "no-we", Message: "second"},
		{File: "cached.yaml", Pos: pack.Pos{Line: 2, Col: 1}, Rule: "no-we", Message: "first"}}}
	inputs = append(inputs, lint.Input{Path: "cached.yaml", Cached: &cached})
	res := l.Run(inputs, lint.RunOptions{Jobs: 3})
	if res.Files != len(inputs) {
		t.Fatalf("%d files, want %d", res.Files, len(inputs))
	}
	want := slices.Clone(res.Diagnostics)
	lint.SortDiagnostics(want)
	if !reflect.DeepEqual(res.Diagnostics, want) {
		t.Error("Result's diagnostics are not in SortDiagnostics order")
	}
	sets, mine := 0, 0
	for _, d := range res.Diagnostics {
		if d.Rule == "id-unique" {
			sets++
		}
		if d.File == "cached.yaml" {
			mine++
		}
	}
	if sets == 0 || mine != 2 {
		t.Errorf("%d id-unique findings (want some), %d from the cached input (want 2)", sets, mine)
	}
}

// TestPathsAfterRuns: the paths the engine keeps in order stay right
// whether a run's inputs are sorted, unsorted, repeated or on top of files
// the engine held before.
func TestPathsAfterRuns(t *testing.T) {
	l := newLinter(t, "id-unique")
	e := lint.NewEngine(l, false)
	e.Update("x.yaml", []byte(packWithID("x")))
	input := func(path string) lint.Input {
		return lint.Input{Path: path, Load: func() (*pack.File, error) { return pack.Load(path, []byte(packWithID("p"))), nil }}
	}
	e.Run([]lint.Input{input("a.yaml"), input("a.yaml")}, lint.RunOptions{})
	if got := e.Paths(); !slices.Equal(got, []string{"a.yaml", "x.yaml"}) {
		t.Errorf("after a run over a repeated path: %v", got)
	}
	e2 := lint.NewEngine(l, false)
	e2.Run([]lint.Input{input("c.yaml"), input("b.yaml")}, lint.RunOptions{})
	e2.Run([]lint.Input{input("a.yaml"), input("d.yaml")}, lint.RunOptions{})
	if got := e2.Paths(); !slices.Equal(got, []string{"a.yaml", "b.yaml", "c.yaml", "d.yaml"}) {
		t.Errorf("after two runs: %v", got)
	}
	e2.Remove("b.yaml")
	if got := e2.Paths(); !slices.Equal(got, []string{"a.yaml", "c.yaml", "d.yaml"}) {
		t.Errorf("after a removal: %v", got)
	}
	if res := e2.Result(); res.Files != 3 || len(res.Diagnostics) != 3 { // the same id thrice
		t.Errorf("result: %d files, %d findings", res.Files, len(res.Diagnostics))
	}
}

// TestEditAfterAnOrderedRun: a run over sorted inputs into an empty engine
// holds them in order, without a map; every method after it (a second
// run, an update, a removal, a lookup) sees the same workspace as an
// engine built file by file.
func TestEditAfterAnOrderedRun(t *testing.T) {
	l := newLinter(t, "id-unique")
	input := func(path, id string) lint.Input {
		return lint.Input{Path: path, Load: func() (*pack.File, error) { return pack.Load(path, []byte(packWithID(id))), nil }}
	}
	ordered := lint.NewEngine(l, true)
	ordered.Run([]lint.Input{input("a.yaml", "same"), input("b.yaml", "b"), input("c.yaml", "same")}, lint.RunOptions{})
	byFile := lint.NewEngine(l, true)
	for path, id := range map[string]string{"a.yaml": "same", "b.yaml": "b", "c.yaml": "same"} {
		byFile.Update(path, []byte(packWithID(id)))
	}
	same := func(step string) {
		t.Helper()
		if got, want := ordered.Result(), byFile.Result(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ordered run %+v\nfile by file %+v", step, got, want)
		}
		if got, want := ordered.Paths(), byFile.Paths(); !slices.Equal(got, want) {
			t.Errorf("%s: paths %v, want %v", step, got, want)
		}
		for _, p := range []string{"a.yaml", "b.yaml", "c.yaml", "d.yaml"} {
			if got, want := ordered.Diagnostics(p), byFile.Diagnostics(p); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s: %v, want %v", step, p, got, want)
			}
		}
	}
	same("after the run")
	if got := rulesOf(ordered.Diagnostics("c.yaml")); !slices.Equal(got, []string{"id-unique"}) {
		t.Errorf("c.yaml shares a's id: %v", got)
	}
	if changed := ordered.Update("b.yaml", []byte(packWithID("same"))); !slices.Equal(changed, []string{"a.yaml", "b.yaml", "c.yaml"}) {
		t.Errorf("taking the shared id changed %v, want all three", changed)
	}
	byFile.Update("b.yaml", []byte(packWithID("same")))
	same("after an update")
	ordered.Remove("a.yaml")
	byFile.Remove("a.yaml")
	same("after a removal")
	ordered.Run([]lint.Input{input("d.yaml", "d")}, lint.RunOptions{})
	byFile.Update("d.yaml", []byte(packWithID("d")))
	same("after a second run")
}

// TestEveryInputIsHeardOf: a run calls Done for each file it linted and
// Failed for each it could not load or lint, so a caller waiting on every
// input (the export feeding its in-order formats) never waits forever.
func TestEveryInputIsHeardOf(t *testing.T) {
	var mu sync.Mutex
	heard := map[string]string{}
	note := func(path, what string) {
		mu.Lock()
		defer mu.Unlock()
		heard[path] += what
	}
	input := func(path string, load func() (*pack.File, error)) lint.Input {
		return lint.Input{Path: path, Load: load,
			Done:   func(*pack.File, lint.Cached) { note(path, "done") },
			Failed: func() { note(path, "failed") }}
	}
	inputs := []lint.Input{
		input("a.yaml", func() (*pack.File, error) { return pack.Load("a.yaml", []byte(packWithID("a"))), nil }),
		input("b.yaml", func() (*pack.File, error) { return nil, os.ErrPermission }),
		input("c.yaml", func() (*pack.File, error) { return pack.Load("c.yaml", []byte("title: [unclosed\n")), nil }),
	}
	lint.NewEngine(newLinter(t), true).Run(inputs, lint.RunOptions{})
	want := map[string]string{"a.yaml": "done", "b.yaml": "failed", "c.yaml": "done"}
	if !reflect.DeepEqual(heard, want) {
		t.Errorf("heard %v, want %v", heard, want)
	}
}
