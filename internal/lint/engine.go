package lint

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/starlint-dev/starlint/internal/pack"
)

// Engine holds a workspace of packs by path and their diagnostics. Every
// driver is a thin shell over it: the batch run (Run), --watch and the rule
// test harness (Update per file) and the language server (Update on every
// edit, Diagnostics per document). An update re-lints only the file that
// changed; what cross-pack rules need (each pack's id) is kept for every
// file, so id-unique stays right across the workspace. Loaded files are
// immutable and may be read by several goroutines; the Engine is safe for
// concurrent use.
type Engine struct {
	mu     sync.Mutex
	linter *Linter
	keep   bool // keep loaded files (editors); batch runs keep results only
	// docs holds every file's entry by path. It is nil while a batch run's
	// workspace is held in order only (sorted and inOrder): a run over
	// 50,000 cached packs need not hash every path. documents builds it.
	docs map[string]*entry
	// set holds the cross-pack diagnostics by file, recomputed only when
	// some pack's id (or its place) changes.
	set map[string][]Diagnostic
	// sorted is every path of docs in order, or nil once docs changed.
	sorted []string
	// inOrder, when not nil, is the entry of each path of sorted: a batch
	// run's, kept until any entry changes, so the set rules and the
	// result go through the workspace without a map lookup per file.
	inOrder []*entry
}

// An entry is what the engine holds of one file: a Cached result, so that
// a cached input's result is held as it came, without a copy (a warm run
// holds 50,000), and what the engine itself adds for a file it linted.
type entry = Cached

// entryRare is what few entries hold: a kept file, a failure, a source.
type entryRare struct {
	file *pack.File // nil unless the engine keeps files
	err  error
	src  []byte // the source, kept for --fix when the file has fixes
}

func (en *entry) file() *pack.File {
	if en.rare == nil {
		return nil
	}
	return en.rare.file
}

func (en *entry) err() error {
	if en.rare == nil {
		return nil
	}
	return en.rare.err
}

func (en *entry) src() []byte {
	if en.rare == nil {
		return nil
	}
	return en.rare.src
}

// NewEngine makes an empty workspace linted by l. keepFiles keeps each
// file given by Put or Update for File (an editor needs its open
// documents for hovers and fixes); Run never keeps files, whatever
// keepFiles says: a scan of 10,000 packs must not hold 10,000 trees.
func NewEngine(l *Linter, keepFiles bool) *Engine {
	return &Engine{linter: l, keep: keepFiles, docs: map[string]*entry{}}
}

// Linter returns the linter the engine runs.
func (e *Engine) Linter() *Linter {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.linter
}

// Update loads src as the new content of path and lints it. It returns the
// paths whose diagnostics may have changed: path itself, and every pack
// whose cross-pack findings moved (another pack that shares its id).
func (e *Engine) Update(path string, src []byte) []string {
	return e.Put(pack.Load(path, src))
}

// Put is Update for a file already loaded.
func (e *Engine) Put(f *pack.File) []string {
	l := e.Linter()
	diags, ref := l.LintFile(f)
	en := &entry{Diags: diags, Ref: ref}
	if e.keep {
		en.rare = &entryRare{file: f}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store(f.Path, en)
}

// Fail records that path could not be read.
func (e *Engine) Fail(path string, err error) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store(path, &entry{rare: &entryRare{err: err}})
}

// Remove forgets path (a deleted file, a closed document that is not on
// disk). It returns the paths whose diagnostics may have changed.
func (e *Engine) Remove(path string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	old, ok := e.documents()[path]
	if !ok {
		return nil
	}
	delete(e.docs, path)
	e.sorted, e.inOrder = nil, nil
	changed := []string{path}
	if old.Ref != nil {
		changed = append(changed, e.refreshSet()...)
	}
	return dedupe(changed)
}

// store puts en at path and says which paths' diagnostics changed. The
// caller holds e.mu.
func (e *Engine) store(path string, en *entry) []string {
	docs := e.documents()
	old, had := docs[path]
	docs[path] = en
	e.inOrder = nil
	if !had {
		e.sorted = nil
	}
	changed := []string{path}
	if old == nil || !sameRef(old.Ref, en.Ref) {
		changed = append(changed, e.refreshSet()...)
	}
	return dedupe(changed)
}

func sameRef(a, b *PackRef) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// refreshSet runs the cross-pack rules again and returns the files whose
// cross-pack diagnostics differ from before. The caller holds e.mu.
func (e *Engine) refreshSet() []string {
	refs := make([]*PackRef, 0, len(e.sortedPaths()))
	e.eachInOrder(func(_ string, en *entry) {
		if en.Ref != nil {
			refs = append(refs, en.Ref)
		}
	})
	set := map[string][]Diagnostic{}
	for _, d := range e.linter.RunSet(refs) {
		set[d.File] = append(set[d.File], d)
	}
	var changed []string
	for file, diags := range set {
		if !slices.EqualFunc(diags, e.set[file], sameDiagnostic) {
			changed = append(changed, file)
		}
	}
	for file := range e.set {
		if _, ok := set[file]; !ok {
			changed = append(changed, file)
		}
	}
	e.set = set
	sort.Strings(changed)
	return changed
}

func sameDiagnostic(a, b Diagnostic) bool {
	return a.Pos == b.Pos && a.End == b.End && a.Rule == b.Rule && a.Message == b.Message
}

func dedupe(paths []string) []string {
	slices.Sort(paths)
	return slices.Compact(paths)
}

// Diagnostics returns path's diagnostics, its own and the cross-pack ones,
// sorted; nil for a path the engine does not hold.
func (e *Engine) Diagnostics(path string) []Diagnostic {
	e.mu.Lock()
	defer e.mu.Unlock()
	en, ok := e.documents()[path]
	if !ok {
		return nil
	}
	out := append(slices.Clone(en.Diags), e.set[path]...)
	SortDiagnostics(out)
	return out
}

// File returns the loaded file at path, when the engine keeps files.
func (e *Engine) File(path string) *pack.File {
	e.mu.Lock()
	defer e.mu.Unlock()
	if en, ok := e.documents()[path]; ok {
		return en.file()
	}
	return nil
}

// Paths returns every path the engine holds, sorted.
func (e *Engine) Paths() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.sortedPaths())
}

// SetLinter changes the rules (a new config) and lints every kept file
// again. Files the engine does not keep keep their old results until they
// are updated. It returns every path.
func (e *Engine) SetLinter(l *Linter) []string {
	e.mu.Lock()
	e.linter = l
	var files []*pack.File
	for _, en := range e.documents() {
		if f := en.file(); f != nil {
			files = append(files, f)
		}
	}
	e.mu.Unlock()
	for _, f := range files {
		e.Put(f)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.refreshSet()
	return slices.Clone(e.sortedPaths())
}

// Result returns every file's diagnostics and failures as one batch result.
func (e *Engine) Result() Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	res := Result{}
	n := 0
	e.eachInOrder(func(_ string, en *entry) { n += len(en.Diags) })
	for _, diags := range e.set {
		n += len(diags)
	}
	res.Diagnostics = make([]Diagnostic, 0, n)
	// File by file in path order, each file's sorted: the order
	// SortDiagnostics gives the whole, without sorting the whole.
	e.eachInOrder(func(path string, en *entry) {
		if err := en.err(); err != nil {
			res.Failures = append(res.Failures, FileError{Path: path, Err: err})
			return
		}
		res.Files++
		from := len(res.Diagnostics)
		res.Diagnostics = append(res.Diagnostics, en.Diags...)
		if len(e.set) > 0 {
			res.Diagnostics = append(res.Diagnostics, e.set[path]...)
		}
		SortDiagnostics(res.Diagnostics[from:])
		if src := en.src(); src != nil {
			if res.Sources == nil {
				res.Sources = map[string][]byte{}
			}
			res.Sources[path] = src
		}
	})
	// cross-pack findings on a file the engine does not hold (none today)
	for file, diags := range e.set {
		if _, held := slices.BinarySearch(e.sortedPaths(), file); !held {
			res.Diagnostics = append(res.Diagnostics, diags...)
		}
	}
	if !slices.IsSortedFunc(res.Diagnostics, func(a, b Diagnostic) int { return strings.Compare(a.File, b.File) }) {
		SortDiagnostics(res.Diagnostics)
	}
	return res
}

// eachInOrder calls fn with every path the engine holds, in order, and
// its entry. The caller holds e.mu.
func (e *Engine) eachInOrder(fn func(path string, en *entry)) {
	paths := e.sortedPaths()
	if e.inOrder != nil {
		for i, en := range e.inOrder {
			fn(paths[i], en)
		}
		return
	}
	for _, path := range paths {
		fn(path, e.docs[path])
	}
}

// documents returns docs, built from a batch run's ordered entries when
// it is nil. The caller holds e.mu.
func (e *Engine) documents() map[string]*entry {
	if e.docs == nil {
		e.docs = make(map[string]*entry, len(e.sorted))
		for i, path := range e.sorted {
			e.docs[path] = e.inOrder[i]
		}
	}
	return e.docs
}

// sortedPaths is every path the engine holds, sorted; kept until a path
// comes or goes (a run's set rules and its result both need it). The
// caller holds e.mu and must not change the slice.
func (e *Engine) sortedPaths() []string {
	if e.sorted == nil {
		e.sorted = make([]string, 0, len(e.docs))
		for p := range e.docs {
			e.sorted = append(e.sorted, p)
		}
		slices.Sort(e.sorted)
	}
	return e.sorted
}

// Run lints the inputs concurrently into the engine and returns the result
// of the whole workspace. Each worker lints whole files; the cross-pack
// rules run once at the end, not once per file.
func (e *Engine) Run(inputs []Input, opt RunOptions) Result {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	l := e.Linter()
	entries := make([]*entry, len(inputs))
	// Cached results are taken here, as they are: handing each to a worker
	// cost more than the lookup (a warm run of 50,000 packs is nearly all
	// cached).
	todo := make([]int, 0, len(inputs))
	for i, in := range inputs {
		if in.Cached == nil {
			todo = append(todo, i)
			continue
		}
		entries[i] = in.Cached
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(jobs, len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if opt.Context != nil && opt.Context.Err() != nil {
					continue // skipped, and not counted
				}
				entries[i] = e.lintInput(l, inputs[i], opt)
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()

	e.mu.Lock()
	inOrder := !slices.Contains(entries, nil) && strictlyIncreasing(inputs)
	if inOrder && len(e.documents()) == 0 {
		// the workspace is the inputs, in order already (as a walk gives
		// them): held in that order, without a map until one is needed
		e.docs = nil
	} else {
		docs := e.documents()
		for i, en := range entries {
			if en != nil {
				docs[inputs[i].Path] = en
			}
		}
		// still in the inputs' order when they are the whole workspace
		inOrder = inOrder && len(docs) == len(inputs)
	}
	e.sorted, e.inOrder = nil, nil
	if inOrder {
		e.sorted = make([]string, len(inputs))
		for i, in := range inputs {
			e.sorted[i] = in.Path
		}
		e.inOrder = entries
	}
	e.refreshSet()
	e.mu.Unlock()
	return e.Result()
}

// strictlyIncreasing reports whether the inputs' paths are sorted and
// distinct.
func strictlyIncreasing(inputs []Input) bool {
	for i := 1; i < len(inputs); i++ {
		if inputs[i-1].Path >= inputs[i].Path {
			return false
		}
	}
	return true
}

func (e *Engine) lintInput(l *Linter, in Input, opt RunOptions) (en *entry) {
	if in.Cached != nil {
		return in.Cached
	}
	heard := false // linted: Done, not Failed
	defer func() {
		if p := recover(); p != nil {
			// A rule bug must not take down the run: report it on the file.
			en = &entry{rare: &entryRare{err: fmt.Errorf("internal error while linting (please report it): %v", p)}}
		}
		if !heard && in.Failed != nil {
			in.Failed()
		}
	}()
	load := in.Load
	if load == nil {
		load = func() (*pack.File, error) { return pack.ReadFile(in.Path) }
	}
	f, err := load()
	if err != nil {
		return &entry{rare: &entryRare{err: err}}
	}
	en = &entry{}
	en.Diags, en.Ref = l.LintFile(f)
	heard = true
	if in.Done != nil {
		in.Done(f, Cached{Diags: en.Diags, Ref: en.Ref})
	}
	if in.Load == nil {
		// The run read this file and nothing keeps it (results only: the
		// diagnostics and the id are copies), so its nodes' memory goes to
		// the next file.
		defer f.Release()
	}
	// A scan of the workspace keeps results only, even for an editor:
	// only documents given by Put (the open ones) keep their files, so a
	// workspace of 10,000 packs does not hold 10,000 trees.
	if opt.KeepSources {
		for _, d := range en.Diags {
			if d.Fix != nil {
				en.rare = &entryRare{src: f.Src}
				break
			}
		}
	}
	return en
}
