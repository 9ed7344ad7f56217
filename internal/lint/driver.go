package lint

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
)

// MaxPerRule bounds the findings one rule reports on one file; past it, one
// closing finding says how many more there are. A hostile or generated file
// must not make a report of millions of lines.
const MaxPerRule = 100

// Names of the rules the driver implements itself.
const (
	RuleYAML          = "yaml"
	RuleUnusedDisable = "unused-disable"
	// RuleSchema's findings are never dropped as consequences of others
	// (see Pass.Settle): the schema is the contract.
	RuleSchema = "schema"
)

// Linter runs a set of rules with their configured severities and options.
// It is safe for concurrent use.
type Linter struct {
	all     []*Rule
	known   map[string]bool
	active  []activeRule
	byName  map[string]*activeRule
	yamlSev Severity
}

type activeRule struct {
	rule  *Rule
	sev   Severity
	opts  any
	reads [][]string // Rule.Reads, split
}

// New prepares a Linter. only, when not empty, restricts the run to the
// named rules (yaml problems are always reported: nothing else can run on a
// file that does not parse).
func New(rules []*Rule, cfg *Config, only []string) (*Linter, error) {
	l := &Linter{all: rules, known: map[string]bool{}, byName: map[string]*activeRule{}, yamlSev: Error}
	for _, r := range rules {
		l.known[r.Name] = true
	}
	selected := map[string]bool{}
	for _, name := range only {
		if !l.known[name] {
			return nil, fmt.Errorf("unknown rule %q%s; `starlint rules` lists them", name, didYouMean(name, ruleNames(rules)))
		}
		selected[name] = true
	}
	for _, r := range rules {
		s := cfg.Setting(r)
		if r.Name == RuleYAML {
			if s.Severity != Off {
				l.yamlSev = s.Severity
			}
			continue
		}
		if s.Severity == Off || (len(only) > 0 && !selected[r.Name]) {
			continue
		}
		a := activeRule{rule: r, sev: s.Severity, opts: s.Options}
		for _, pat := range r.Reads {
			a.reads = append(a.reads, splitPattern(pat))
		}
		l.active = append(l.active, a)
	}
	for i := range l.active {
		l.byName[l.active[i].rule.Name] = &l.active[i]
	}
	return l, nil
}

// Rule returns the rule with the given name among those the Linter knows
// (built-in and team rules), or nil.
func (l *Linter) Rule(name string) *Rule {
	for _, r := range l.all {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// Input is one file to lint: a path, and a way to load it.
type Input struct {
	Path string
	Load func() (*pack.File, error) // nil means pack.ReadFile(Path)
	// Cached, when set, holds the file's results from an earlier run: the
	// file is not loaded, and cross-pack rules use the cached id. The
	// engine keeps it as it is: it must not change after Run.
	Cached *Cached
	// Done, when set, is called with each file's own results after it is
	// linted (not for Cached inputs). It may run on several goroutines.
	Done func(f *pack.File, c Cached)
	// Failed, when set, is called instead of Done for a file that could
	// not be loaded or linted, so that every input is heard of once
	// (except those a cancelled run skips).
	Failed func()
}

// Cached is what a result cache keeps of one file: its diagnostics (after
// suppression) and what cross-pack rules need.
type Cached struct {
	Diags []Diagnostic
	Ref   *PackRef
	rare  *entryRare // set by the engine on the entries it makes, never by a cache
}

// FileError is a file that could not be read at all.
type FileError struct {
	Path string
	Err  error
}

// Result is the outcome of linting a set of files.
type Result struct {
	Files       int
	Diagnostics []Diagnostic // sorted by file, line, column, rule, message
	Failures    []FileError  // sorted by path
	// Sources holds the content of files that have fixes, when asked for.
	Sources map[string][]byte
}

// RunOptions tunes a run.
type RunOptions struct {
	Jobs        int  // parallel workers; 0 means one per CPU
	KeepSources bool // keep the source of files with fixes, for --fix
	// Context, when cancelled, stops the run: files not yet started are
	// skipped (and not counted).
	Context context.Context
}

// Run lints the inputs concurrently, as a batch: an Engine that keeps no
// files, driven once. The result is the same for any number of workers.
func (l *Linter) Run(inputs []Input, opt RunOptions) Result {
	return NewEngine(l, false).Run(inputs, opt)
}

// LintFile runs the per-pack rules on one loaded file and applies its
// suppression comments. It returns the pack's id for cross-pack rules.
func (l *Linter) LintFile(f *pack.File) ([]Diagnostic, *PackRef) {
	var diags []Diagnostic
	for _, p := range f.Problems {
		diags = append(diags, Diagnostic{File: f.Path, Pos: p.Pos, End: p.End, Pointer: p.Pointer, Rule: RuleYAML, Severity: l.yamlSev, Message: p.Message})
	}
	if f.Root == nil {
		locate(f, diags)
		return diags, nil
	}
	if why := notAPack(f.Root); why != "" {
		// Ten schema errors about missing keys would bury the one fact
		// that matters: this file is something else.
		if a := l.byName[RuleSchema]; a != nil {
			diags = append(diags, Diagnostic{File: f.Path, Span: f.NodeSpan(firstKey(f.Root)), Rule: RuleSchema, Severity: a.sev,
				Message: why + ": leave it out of the linted paths (`ignore:` in .starlint.yaml), or start a pack with `starlint new`"})
		}
		diags = l.suppress(f, diags)
		locate(f, diags)
		return diags, nil
	}
	maps := make(map[*yaml.Node]*pack.TextMap)
	memo := map[any]any{}
	var marks []settled
	// One Pass for the file, given to each rule in turn: a Pass and a
	// report closure per rule and file were a tenth of the allocations of
	// a lint with a house style.
	arena := wordArenas.Get().(*wordArena)
	defer arena.release()
	pass := &Pass{File: f, Pack: f.Pack, words: arena.byText, maps: maps, memo: memo, settled: &marks, arena: arena}
	pass.report = func(d Diagnostic) {
		if pass.reported++; pass.reported > MaxPerRule {
			return // counted for the closing finding, not kept
		}
		d.File, d.Rule, d.Severity = f.Path, pass.cur.rule.Name, pass.cur.sev
		diags = append(diags, d)
	}
	for i := range l.active {
		a := &l.active[i]
		if a.rule.Run == nil {
			continue
		}
		pass.Rule, pass.Options, pass.cur, pass.reported = a.rule, a.opts, a, 0
		a.rule.Run(pass)
		if pass.reported > MaxPerRule {
			last := diags[len(diags)-1]
			diags = append(diags, Diagnostic{File: f.Path, Rule: a.rule.Name, Severity: a.sev, Span: last.Span, Pointer: last.Pointer,
				Message: fmt.Sprintf("and %d more findings of %s in this file (starlint shows %d per rule): fix these, then lint again", pass.reported-MaxPerRule, a.rule.Name, MaxPerRule)})
		}
	}
	for _, v := range memo {
		if r, ok := v.(interface{ release() }); ok {
			r.release() // buffers the next file may reuse
		}
	}
	diags = l.dropSettled(diags, marks)
	diags = l.suppress(f, diags)
	locate(f, diags)
	var ref *PackRef
	if f.Pack.ID != "" {
		// Clone: the id may be a slice of the whole file's text, which
		// must not stay in memory for the rest of the run.
		_, v, _ := f.Node("/id")
		_, start, end := f.Locate(f.NodeSpan(v), pack.Pos{})
		ref = &PackRef{File: f.Path, ID: strings.Clone(f.Pack.ID), Pos: start, End: end}
		var letters, options strings.Builder
		for _, q := range f.Pack.Quiz {
			if q.AnswerIndex() >= 0 && len(q.Options) <= 9 {
				letters.WriteString(q.Answer)
				options.WriteByte(byte('0' + len(q.Options)))
			}
		}
		if letters.Len() > 0 {
			ref.Answers, ref.Options = letters.String(), options.String()
			if key, _, ok := f.Node("/quiz"); ok && key != nil {
				_, ref.QuizPos, ref.QuizEnd = f.Locate(f.NodeSpan(key), pack.Pos{})
			}
		}
	}
	return diags, ref
}

// locate gives every diagnostic its positions from its span (or a span
// from its position) and its source line.
func locate(f *pack.File, diags []Diagnostic) {
	for i := range diags {
		d := &diags[i]
		if d.End == (pack.Pos{}) {
			d.Span, d.Pos, d.End = f.Locate(d.Span, d.Pos)
		} else if d.Span == (pack.Span{}) {
			d.Span = pack.Span{Start: f.Offset(d.Pos), End: f.Offset(d.End)}
		}
		d.Source = sourceLine(f, d.Pos.Line)
	}
}

// maxSourceLine is how much of a diagnostic's line is kept for reporters,
// which show at most a terminal's width of it anyway: a pack whose prose is
// one enormous line must not cost a copy of it per diagnostic.
const maxSourceLine = 1024

func sourceLine(f *pack.File, n int) string { return f.LinePrefix(n, maxSourceLine) }

// RunSet runs the cross-pack rules over every linted pack's id.
func (l *Linter) RunSet(refs []*PackRef) []Diagnostic {
	byFile := func(a, b *PackRef) int { return strings.Compare(a.File, b.File) }
	if !slices.IsSortedFunc(refs, byFile) { // the engine gives them in order
		slices.SortFunc(refs, byFile)
	}
	// Each rule reports into its own list, joined in rule order. Over
	// many packs the rules run side by side: they only read refs, and
	// they are the serial end of a warm run over 50,000 cached packs.
	var runs []func()
	found := make([][]Diagnostic, len(l.active))
	for i := range l.active {
		a := &l.active[i]
		if a.rule.RunSet == nil {
			continue
		}
		sp := &SetPass{Rule: a.rule, Packs: refs, Options: a.opts}
		sp.report = func(d Diagnostic) {
			d.Rule, d.Severity = a.rule.Name, a.sev
			found[i] = append(found[i], d)
		}
		runs = append(runs, func() { a.rule.RunSet(sp) })
	}
	if len(refs) < parallelSetPacks {
		for _, run := range runs {
			run()
		}
	} else {
		var wg sync.WaitGroup
		for _, run := range runs {
			wg.Go(run)
		}
		wg.Wait()
	}
	return slices.Concat(found...)
}

// parallelSetPacks is how many packs make the set rules worth a goroutine
// each.
const parallelSetPacks = 2000

// suppress drops the diagnostics that `# starlint-disable` comments silence
// and reports the comments that silence nothing.
func (l *Linter) suppress(f *pack.File, diags []Diagnostic) []Diagnostic {
	dirs := parseDirectives(f)
	if len(dirs) == 0 {
		return diags
	}
	kept := diags[:0]
	for _, d := range diags {
		silenced := false
		for _, dir := range dirs {
			if dir.covers(d.Rule, d.Pointer) {
				silenced = true
			}
		}
		if !silenced {
			kept = append(kept, d)
		}
	}
	unused, ok := l.byName[RuleUnusedDisable]
	if !ok {
		return kept
	}
	var extra []Diagnostic
	for _, dir := range dirs {
		kind := "starlint-disable"
		if dir.file {
			kind = "starlint-disable-file"
		}
		if len(dir.rules) == 0 {
			extra = append(extra, Diagnostic{Pos: dir.pos, Message: kind + " names no rule: list the rules to silence, such as `# " + kind + " no-we`"})
		}
		for _, r := range dir.rules {
			pos := pack.Pos{Line: dir.pos.Line, Col: r.col}
			switch {
			case !l.known[r.name]:
				extra = append(extra, Diagnostic{Pos: pos, Message: fmt.Sprintf("%s names unknown rule %q%s", kind, r.name, didYouMean(r.name, ruleNames(l.all)))})
			case !dir.file && !dir.found:
				extra = append(extra, Diagnostic{Pos: pos, Message: fmt.Sprintf("%s %s is not on or above a key, so it silences nothing: move it onto the key's line or the line above", kind, r.name)})
			case !r.used && l.runs(r.name):
				extra = append(extra, Diagnostic{Pos: pos, Message: fmt.Sprintf("%s %s silences nothing here: remove it", kind, r.name)})
			}
		}
	}
	for _, d := range extra {
		d.File, d.Rule, d.Severity, d.Pointer = f.Path, RuleUnusedDisable, unused.sev, ""
		// unused-disable can itself be silenced for the file
		silenced := false
		for _, dir := range dirs {
			if dir.file && dir.covers(RuleUnusedDisable, "") {
				silenced = true
			}
		}
		if !silenced {
			kept = append(kept, d)
		}
	}
	return kept
}

// Fingerprint identifies what the Linter reports: every rule's name,
// effective severity and options. Results cached under one fingerprint are
// only valid for a Linter with the same fingerprint.
func (l *Linter) Fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "yaml=%s;", l.yamlSev)
	for _, a := range l.active {
		opts, _ := json.Marshal(a.opts)
		fmt.Fprintf(&b, "%s=%s:%s;", a.rule.Name, a.sev, opts)
	}
	return b.String()
}

// runs reports whether a rule runs in this Linter (so a directive naming it
// could have silenced something).
func (l *Linter) runs(name string) bool {
	if name == RuleYAML {
		return true
	}
	_, ok := l.byName[name]
	return ok
}

// SortDiagnostics sorts by file, line, column, rule and message.
func SortDiagnostics(d []Diagnostic) {
	if len(d) < 2 {
		return // a batch result sorts each file's few: most have none or one
	}
	slices.SortStableFunc(d, func(a, b Diagnostic) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Line, b.Pos.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Col, b.Pos.Col); c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
}

// Count tallies diagnostics by severity.
func Count(diags []Diagnostic) (errors, warnings, infos int) {
	for _, d := range diags {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		case Info:
			infos++
		}
	}
	return
}
