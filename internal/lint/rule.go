// Package lint is the rule engine: the Rule and Diagnostic types, the driver
// that runs rules over packs concurrently, suppression comments,
// configuration and fixes. The rules themselves live in lint/rules.
package lint

import (
	"fmt"
	"regexp"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

// Rule is one check, in the manner of golang.org/x/tools/go/analysis: a
// plain value whose name, docs and entry points are fields. A rule sees only
// its Pass; it reads no flags, files or globals.
type Rule struct {
	// Name is stable public API: configs, suppressions and SARIF refer to it.
	Name string
	// Summary is one line: what the rule wants.
	Summary string
	// Doc explains the rule: why it matters and what to do.
	Doc string
	// Bad and Good are pack snippets showing the rule firing and not.
	Bad, Good string
	// Default is the severity unless the config says otherwise.
	Default Severity
	// Fixable says the rule offers suggested fixes.
	Fixable bool
	// Options returns a pointer to a fresh options struct holding the
	// defaults, or is nil when the rule has none. Its fields need yaml tags
	// and a `doc` tag; the config decodes the rule's block into it.
	Options func() any
	// Run checks one pack. It may be nil for rules that only look across packs.
	Run func(*Pass)
	// RunSet checks the whole linted set at once (id-unique). Optional.
	RunSet func(*SetPass)
	// Builtin marks rules the driver implements itself (yaml, unused-disable):
	// they have neither Run nor RunSet.
	Builtin bool
	// Link is where a team rule's documentation lives (its config's link).
	Link string
	// Reads lists pointer patterns (* one segment, ** any depth) of values
	// the rule judges besides those it reports on: when another rule
	// settles such a value (a schema error, a placeholder), the rule's
	// findings on the same item are dropped as consequences (Pass.Settle).
	Reads []string
	// Kind is a team rule's kind (existence, substitution, ...); "" for
	// the built-in rules.
	Kind string
}

var ruleNameRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks a registry: names valid and unique, docs present, an entry
// point for every rule that is not built in.
func Validate(rules []*Rule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		switch {
		case !ruleNameRE.MatchString(r.Name):
			return fmt.Errorf("rule %q: name must be lower-kebab-case", r.Name)
		case seen[r.Name]:
			return fmt.Errorf("rule %q: registered twice", r.Name)
		case r.Summary == "" || r.Doc == "":
			return fmt.Errorf("rule %q: Summary and Doc are required", r.Name)
		case r.Run == nil && r.RunSet == nil && !r.Builtin:
			return fmt.Errorf("rule %q: no Run or RunSet", r.Name)
		case r.Default == Off:
			return fmt.Errorf("rule %q: default severity must not be off", r.Name)
		}
		seen[r.Name] = true
	}
	return nil
}

// Diagnostic is one finding, at the text it is about: Span is the byte
// range in the file's source, Pos and End the same range as positions (End
// is just past the text). Rules set the span through the Pass; the driver
// fills in the positions.
type Diagnostic struct {
	File     string
	Pos      pack.Pos
	End      pack.Pos
	Span     pack.Span
	Pointer  string
	Rule     string
	Severity Severity
	Message  string
	Fix      *SuggestedFix
	// Source is the text of the diagnostic's line, for reporters that
	// show it; filled in by the driver.
	Source string
}

// SuggestedFix is a set of edits that resolves a diagnostic.
type SuggestedFix struct {
	Message string // a verb phrase: "Replace ’ with '"
	Edits   []TextEdit
}

// TextEdit replaces Src[Start:End] with NewText. Offsets are in bytes.
type TextEdit struct {
	Start, End int
	NewText    string
}

// Pass is what a rule's Run receives for one pack. A rule must not keep
// it after Run returns: the driver hands the same Pass to the next rule.
type Pass struct {
	Rule    *Rule
	File    *pack.File
	Pack    *pack.Pack
	Options any // the rule's options struct, as configured; nil if none
	report  func(Diagnostic)
	words   map[string][]prose.Word      // shared by every rule on the file
	arena   *wordArena                   // where words' slices live
	maps    map[*yaml.Node]*pack.TextMap // likewise
	memo    map[any]any                  // likewise: Memo
	settled *[]settled                   // likewise: Settle
	// the rule running now, and how many findings it reported (the
	// driver gives one Pass to each rule in turn)
	cur      *activeRule
	reported int
}

// cached returns the file's memo for key, if built: the team rules' hot
// paths look here first, so that a hit costs no closure for Memo.
func (p *Pass) cached(key any) (any, bool) {
	v, ok := p.memo[key]
	return v, ok
}

// Memo returns the value build makes for key, building it once per file:
// rules that share work (team rules matching one token index) keep it
// here instead of redoing it.
func (p *Pass) Memo(key any, build func() any) any {
	if v, ok := p.memo[key]; ok {
		return v
	}
	v := build()
	if p.memo != nil {
		p.memo[key] = v
	}
	return v
}

// textMap returns the cached source map of scalar n.
func (p *Pass) textMap(n *yaml.Node) *pack.TextMap {
	if m, ok := p.maps[n]; ok {
		return m
	}
	m := p.File.TextMap(n)
	if p.maps != nil {
		p.maps[n] = m
	}
	return m
}

// nodeSpan is File.NodeSpan through the cache.
func (p *Pass) nodeSpan(n *yaml.Node) pack.Span {
	if n != nil && n.Kind == yaml.ScalarNode {
		return p.textMap(n).Whole()
	}
	return p.File.NodeSpan(n)
}

// Words returns the words of text (as prose.Words splits them). Several
// rules read the same texts, so each is split once per file.
func (p *Pass) Words(text string) []prose.Word {
	if w, ok := p.words[text]; ok {
		return w
	}
	if p.words == nil || p.arena == nil {
		return prose.Words(text)
	}
	// The words of every text of the file go into one arena, reused from
	// file to file: a slice per text was a sixth of a pack's allocations.
	a := p.arena
	start := len(a.words)
	prose.EachWord(text, func(w string, at int) bool {
		a.words = append(a.words, prose.Word{Text: w, Start: at})
		return true
	})
	w := a.words[start:len(a.words):len(a.words)]
	p.words[text] = w
	return w
}

// wordArena holds a file's words (Pass.Words). When it grows, the texts
// split before keep the old array: their slices stay valid.
type wordArena struct {
	words []prose.Word
	// byText is Pass.Words' cache of each text's words: a map made for
	// every file was a fifth of the driver's own cost.
	byText map[string][]prose.Word
}

var wordArenas = sync.Pool{New: func() any {
	return &wordArena{words: make([]prose.Word, 0, 4096), byText: make(map[string][]prose.Word, 32)}
}}

// release gives the arena back once the file is done: nothing of a
// file's words outlives its lint, since findings copy what they say.
func (a *wordArena) release() {
	clear(a.words) // the words point into the file's text: let it go
	a.words = a.words[:0]
	clear(a.byText)
	wordArenas.Put(a)
}

// Report records a diagnostic; the driver fills in file, rule and severity,
// and the positions from the span. A diagnostic with neither span nor
// position is placed on the value at its pointer.
func (p *Pass) Report(d Diagnostic) {
	if d.Span == (pack.Span{}) && d.Pos == (pack.Pos{}) {
		d.Span = p.ValueSpan(d.Pointer)
	}
	p.report(d)
}

// Reportf reports on the value of the node at ptr: a scalar's whole text,
// or the first line of a mapping or list.
func (p *Pass) Reportf(ptr, format string, args ...any) {
	p.report(Diagnostic{Span: p.ValueSpan(ptr), Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// ReportKeyf reports on the key of the mapping entry at ptr.
func (p *Pass) ReportKeyf(ptr, format string, args ...any) {
	p.report(Diagnostic{Span: p.KeySpan(ptr), Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// ReportRange reports on bytes [from, to) of text t's value: a word, a
// sentence, a character.
func (p *Pass) ReportRange(t Text, from, to int, format string, args ...any) {
	p.report(Diagnostic{Span: p.textMap(t.Node).Span(from, to), Pointer: t.Ptr, Message: fmt.Sprintf(format, args...)})
}

// Span returns where bytes [from, to) of text t's value lie in the source,
// for a diagnostic the rule builds itself (one with a fix).
func (p *Pass) Span(t Text, from, to int) pack.Span { return p.textMap(t.Node).Span(from, to) }

// ReportText reports on the whole of text t.
func (p *Pass) ReportText(t Text, format string, args ...any) {
	p.report(Diagnostic{Span: p.nodeSpan(t.Node), Pointer: t.Ptr, Message: fmt.Sprintf(format, args...)})
}

// ValueSpan is the span Reportf uses for ptr: a scalar's text, the key of
// a mapping or list, or the deepest key on the way when ptr names nothing.
func (p *Pass) ValueSpan(ptr string) pack.Span {
	key, v, ok := p.File.Node(ptr)
	if !ok && key != nil {
		// ptr names nothing: point at the key of the deepest entry found
		return p.nodeSpan(key)
	}
	if v == nil {
		return pack.Span{}
	}
	if v.Kind != yaml.ScalarNode && v.Style&yaml.FlowStyle == 0 && key != nil {
		return p.nodeSpan(key) // a block mapping or list: its key says which
	}
	if s := p.nodeSpan(v); s.End > s.Start || key == nil {
		return s
	}
	return p.nodeSpan(key) // no value to point at: `hint:` alone
}

// KeySpan is the span of the key of the entry at ptr.
func (p *Pass) KeySpan(ptr string) pack.Span {
	key, v, _ := p.File.Node(ptr)
	if key != nil {
		return p.nodeSpan(key)
	}
	return p.nodeSpan(v)
}

// PackRef is what cross-pack rules know of each pack: its id and where.
type PackRef struct {
	File string
	ID   string
	Pos  pack.Pos // of the id value
	End  pack.Pos
	// Answers are the quiz's answer letters in order ("ACBD") and Options
	// each item's number of options ("4432"), for answer-position-balance;
	// QuizPos is where the quiz key is.
	Answers string
	Options string
	QuizPos pack.Pos
	QuizEnd pack.Pos
}

// SetPass is what a rule's RunSet receives: every linted pack's id.
type SetPass struct {
	Rule    *Rule
	Packs   []*PackRef // sorted by file; shared with the engine, so read only
	Options any
	report  func(Diagnostic)
}

// Report records a diagnostic; File and Pos must be set.
func (p *SetPass) Report(d Diagnostic) { p.report(d) }
