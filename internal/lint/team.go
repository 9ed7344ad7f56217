package lint

import (
	"fmt"
	bits64 "math/bits"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
	"github.com/starlint-dev/starlint/internal/schema"
)

// A team rule is a rule a content team writes in its config, in the manner
// of Vale's styles: a namespaced name (house/no-jargon), a kind that says
// what it checks, a scope of JSON pointer patterns saying where. It is
// built into an ordinary *Rule, so everything that knows rules (the
// engine, suppressions, `starlint rules`, explain, SARIF, the editor, the
// cache key) knows it too.

// TeamDef is a team rule's definition as written in the config. It is the
// rule's options, so it is part of the cache key.
type TeamDef struct {
	Kind        string      `json:"kind"`
	Message     string      `json:"message,omitempty"`
	Link        string      `json:"link,omitempty"`
	Description string      `json:"description,omitempty"`
	Bad         string      `json:"bad,omitempty"`
	Good        string      `json:"good,omitempty"`
	Scope       []string    `json:"scope,omitempty"`
	Exclude     []string    `json:"exclude,omitempty"`
	IgnoreCase  bool        `json:"ignoreCase,omitempty"`
	Nonword     bool        `json:"nonword,omitempty"`
	Tokens      []string    `json:"tokens,omitempty"`
	Swap        [][2]string `json:"swap,omitempty"` // in the order written
	Pattern     string      `json:"pattern,omitempty"`
	Forbid      bool        `json:"forbid,omitempty"`
	Min         *int        `json:"min,omitempty"`
	Max         *int        `json:"max,omitempty"`
	MinWords    *int        `json:"minWords,omitempty"`
	MaxWords    *int        `json:"maxWords,omitempty"`
	MaxSeconds  *int        `json:"maxSeconds,omitempty"`
	WPM         int         `json:"wordsPerMinute,omitempty"`
	Match       string      `json:"match,omitempty"`

	severity Severity
	re       *regexp.Regexp
	index    *tokenIndex // shared by the config's word-list rules
	scan     *teamScan   // the config's one pass over each file's texts
	scanned  bool        // the scan finds literal, so mayMatch asks it
	// literal is a text every match of re contains (lower-cased when
	// literalFold): texts without it are not searched.
	literal     string
	literalFold bool
	plain       string       // the whole pattern, when it is a plain literal
	word        *wordLiteral // the pattern, when it is \bLITERAL\b
	runs        *[256]bool   // the bytes its matches are made of (matchBytes)
	scope       [][]string   // compiled scope and exclude patterns
	exclude     [][]string
	scopeKey    scopeKey // the scope's texts in a file's memo
}

// commonFields are the keys every kind accepts.
var commonFields = []string{"kind", "message", "severity", "link", "description", "bad", "good", "scope", "exclude"}

// isTeamName reports whether a rule name has a namespace (house/no-jargon).
func isTeamName(name string) bool { return strings.Contains(name, "/") }

var teamNameRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*/[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// parseTeamRule builds a team rule from its block in the config.
func parseTeamRule(source string, name *yaml.Node, block *yaml.Node, builtin map[string]*Rule, bad func(*yaml.Node, string, ...any) error) (*Rule, *TeamDef, error) {
	if !teamNameRE.MatchString(name.Value) {
		return nil, nil, bad(name, "team rule %q: name it namespace/rule in lower-kebab-case, such as house/no-jargon", name.Value)
	}
	ns, _, _ := strings.Cut(name.Value, "/")
	if builtin[ns] != nil {
		return nil, nil, bad(name, "team rule %q: its namespace %q is a built-in rule's name; use your team's name, such as house/%s", name.Value, ns, strings.TrimPrefix(name.Value, ns+"/"))
	}
	if block.Kind != yaml.MappingNode {
		return nil, nil, bad(block, "team rule %s needs a block with `kind` and its settings (kinds: %s)", name.Value, strings.Join(kindNames(), ", "))
	}
	d := &TeamDef{severity: Warning}
	fields := map[string]*yaml.Node{}
	for i := 0; i+1 < len(block.Content); i += 2 {
		fields[block.Content[i].Value] = block.Content[i+1]
	}
	kn, ok := fields["kind"]
	if !ok {
		return nil, nil, bad(block, "team rule %s has no `kind`: use one of %s", name.Value, strings.Join(kindNames(), ", "))
	}
	kd, ok := kinds[kn.Value]
	if !ok {
		return nil, nil, bad(kn, "team rule %s: unknown kind %q%s; the kinds are %s", name.Value, kn.Value, didYouMean(kn.Value, kindNames()), strings.Join(kindNames(), ", "))
	}
	d.Kind = kn.Value
	allowed := append(append([]string(nil), commonFields...), kd.fields...)
	for i := 0; i+1 < len(block.Content); i += 2 {
		k, v := block.Content[i], block.Content[i+1]
		if !containsString(allowed, k.Value) {
			return nil, nil, bad(k, "team rule %s: %q is not a setting of kind %s%s; it takes %s", name.Value, k.Value, d.Kind, didYouMean(k.Value, allowed), strings.Join(allowed[1:], ", "))
		}
		if err := d.decodeField(name.Value, k.Value, v, bad); err != nil {
			return nil, nil, err
		}
	}
	for _, req := range kd.required {
		if anyOf := strings.Split(req, "|"); !containsAny(fields, anyOf) {
			return nil, nil, bad(block, "team rule %s (kind %s) needs `%s`: %s", name.Value, d.Kind, strings.Join(anyOf, "` or `"), kd.needs)
		}
	}
	if !d.Nonword {
		// every token must have a word to match, or be matched as text
		check := func(n *yaml.Node, tok string) error {
			if len(prose.Words(tok)) == 0 {
				return bad(n, "team rule %s: %q has no words to match: set `nonword: true` to match it as text", name.Value, tok)
			}
			return nil
		}
		if tn := fields["tokens"]; tn != nil && tn.Kind == yaml.SequenceNode {
			for _, item := range tn.Content {
				if err := check(item, item.Value); err != nil {
					return nil, nil, err
				}
			}
		}
		if sn := fields["swap"]; sn != nil {
			for i := 0; i+1 < len(sn.Content); i += 2 {
				if err := check(sn.Content[i], sn.Content[i].Value); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	if err := d.compileScope(name.Value, fields, bad); err != nil {
		return nil, nil, err
	}
	run, err := kd.build(d)
	if err != nil {
		return nil, nil, bad(fields[kd.required[0]], "team rule %s: %v", name.Value, err)
	}
	summary := d.Description
	if summary == "" {
		summary = kd.summary(d)
	}
	doc := d.Description
	if doc == "" {
		doc = summary
	}
	doc += "\n\nA team rule (kind " + d.Kind + ") from " + source + ", applied to " + d.scopeWords() + "."
	if d.Link != "" {
		doc += " More: " + d.Link
	}
	return &Rule{
		Name:    name.Value,
		Summary: firstLine(summary),
		Doc:     doc,
		Bad:     d.Bad,
		Good:    d.Good,
		Default: d.severity,
		Fixable: kd.fixable,
		Link:    d.Link,
		Kind:    d.Kind,
		Options: func() any { return d },
		Run:     run,
	}, d, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSuffix(s, ".")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsAny(fields map[string]*yaml.Node, names []string) bool {
	for _, n := range names {
		if _, ok := fields[n]; ok {
			return true
		}
	}
	return false
}

// decodeField reads one setting into the definition.
func (d *TeamDef) decodeField(rule, key string, v *yaml.Node, bad func(*yaml.Node, string, ...any) error) error {
	wantText := func(dst *string) error {
		if v.Kind != yaml.ScalarNode {
			return bad(v, "team rule %s: `%s` must be text", rule, key)
		}
		*dst = v.Value
		return nil
	}
	wantBool := func(dst *bool) error {
		if err := v.Decode(dst); err != nil {
			return bad(v, "team rule %s: `%s` must be true or false", rule, key)
		}
		return nil
	}
	wantList := func(dst *[]string) error {
		if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
			*dst = []string{v.Value}
			return nil
		}
		if err := v.Decode(dst); err != nil || v.Kind != yaml.SequenceNode {
			return bad(v, "team rule %s: `%s` must be a list of text", rule, key)
		}
		return nil
	}
	wantCount := func(dst **int) error {
		var n int
		if err := v.Decode(&n); err != nil || n < 0 {
			return bad(v, "team rule %s: `%s` must be a whole number, 0 or more", rule, key)
		}
		*dst = &n
		return nil
	}
	switch key {
	case "kind":
		return nil
	case "message":
		if err := wantText(&d.Message); err != nil {
			return err
		}
		if n := strings.Count(d.Message, "%s"); n > 2 || strings.Count(d.Message, "%")-strings.Count(d.Message, "%%")*2 != n {
			return bad(v, "team rule %s: `message` may hold %%s (the match) and %%%% (a percent sign), nothing else after a %%", rule)
		}
		return nil
	case "severity":
		sev, err := ParseSeverity(v.Value)
		if err != nil || sev == Off {
			return bad(v, "team rule %s: severity must be error, warning or info (turn it off with `%s: off` in rules)", rule, rule)
		}
		d.severity = sev
		return nil
	case "link":
		return wantText(&d.Link)
	case "description":
		return wantText(&d.Description)
	case "bad":
		return wantText(&d.Bad)
	case "good":
		return wantText(&d.Good)
	case "scope":
		return wantList(&d.Scope)
	case "exclude":
		return wantList(&d.Exclude)
	case "ignore-case":
		return wantBool(&d.IgnoreCase)
	case "nonword":
		return wantBool(&d.Nonword)
	case "forbid":
		return wantBool(&d.Forbid)
	case "tokens":
		if err := wantList(&d.Tokens); err != nil {
			return err
		}
		if len(d.Tokens) == 0 {
			return bad(v, "team rule %s: `tokens` is empty: list the words or phrases to flag", rule)
		}
		return nil
	case "swap":
		if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
			return bad(v, "team rule %s: `swap` must map each spelling to avoid to the one to use, such as {e-mail: email}", rule)
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			from, to := v.Content[i], v.Content[i+1]
			if from.Kind != yaml.ScalarNode || to.Kind != yaml.ScalarNode || strings.TrimSpace(from.Value) == "" {
				return bad(from, "team rule %s: each `swap` entry maps text to text", rule)
			}
			d.Swap = append(d.Swap, [2]string{from.Value, to.Value})
		}
		return nil
	case "pattern":
		if err := wantText(&d.Pattern); err != nil {
			return err
		}
		re, err := regexp.Compile(d.Pattern)
		if err != nil {
			return badRegexp(rule, v, d.Pattern, err, bad)
		}
		d.re = re
		d.literal, d.literalFold = requiredLiteral(d.Pattern)
		if prefix, complete := re.LiteralPrefix(); complete {
			d.plain = prefix
		}
		d.word = parseWordLiteral(d.Pattern)
		if d.literal != "" {
			// only runs holding the literal are searched; without one,
			// a regexp call per run costs more than one over the text
			d.runs = matchBytes(d.Pattern, re)
		}
		return nil
	case "min":
		return wantCount(&d.Min)
	case "max":
		return wantCount(&d.Max)
	case "min-words":
		return wantCount(&d.MinWords)
	case "max-words":
		return wantCount(&d.MaxWords)
	case "max-seconds":
		return wantCount(&d.MaxSeconds)
	case "words-per-minute":
		if err := v.Decode(&d.WPM); err != nil || d.WPM < 30 || d.WPM > 400 {
			return bad(v, "team rule %s: `words-per-minute` must be a speaking speed from 30 to 400", rule)
		}
		return nil
	case "match":
		switch v.Value {
		case "title", "sentence", "lower", "upper":
			d.Match = v.Value
			return nil
		}
		return bad(v, "team rule %s: `match` must be title, sentence, lower or upper (got %q)", rule, v.Value)
	}
	return bad(v, "team rule %s: %q is not a setting", rule, key)
}

// badRegexp points at the place in the pattern where Go's regexp (RE2)
// stopped, as a column in the config file.
func badRegexp(rule string, v *yaml.Node, pattern string, err error, bad func(*yaml.Node, string, ...any) error) error {
	msg, at := err.Error(), -1
	if se, ok := err.(*syntax.Error); ok {
		msg = se.Code.String()
		at = strings.Index(pattern, se.Expr)
		if se.Code == syntax.ErrMissingParen || se.Code == syntax.ErrMissingBracket || se.Code == syntax.ErrUnexpectedParen {
			if at < 0 {
				at = 0
			}
		}
	}
	where := ""
	col := v
	if at >= 0 {
		where = fmt.Sprintf(" at character %d of the pattern", at+1)
		c := *v
		c.Column = v.Column + at
		if v.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			c.Column++ // the opening quote
		}
		col = &c
	}
	return bad(col, "team rule %s: the pattern is not a regular expression Go accepts (RE2)%s: %s; fix it, or quote characters such as ( [ . * with \\", rule, where, msg)
}

// compileScope checks the scope and exclude patterns against the pack
// schema: a pattern that can never match a pack is a mistake, not a rule.
func (d *TeamDef) compileScope(rule string, fields map[string]*yaml.Node, bad func(*yaml.Node, string, ...any) error) error {
	check := func(key string, pats []string) ([][]string, error) {
		var out [][]string
		for i, p := range pats {
			at := fields[key]
			if at.Kind == yaml.SequenceNode && i < len(at.Content) {
				at = at.Content[i]
			}
			if !strings.HasPrefix(p, "/") {
				return nil, bad(at, "team rule %s: %s pattern %q must be a JSON pointer starting with /, such as /star/*/example", rule, key, p)
			}
			if !schema.PatternMatches(p) {
				return nil, bad(at, "team rule %s: %s pattern %q can never match a pack (the schema has no such place): check the key names, such as /star/*/example or /followups/*/strong/answer", rule, key, p)
			}
			out = append(out, splitPattern(p))
		}
		return out, nil
	}
	var err error
	if d.scope, err = check("scope", d.Scope); err != nil {
		return err
	}
	d.scopeKey = scopeKey(strings.Join(d.Scope, "\x00"))
	d.exclude, err = check("exclude", d.Exclude)
	return err
}

func splitPattern(p string) []string {
	if p == "/" || p == "" {
		return nil
	}
	return strings.Split(strings.TrimPrefix(p, "/"), "/")
}

func (d *TeamDef) scopeWords() string {
	s := "all prose text"
	if len(d.Scope) > 0 {
		s = strings.Join(d.Scope, ", ")
	}
	if len(d.Exclude) > 0 {
		s += " except " + strings.Join(d.Exclude, ", ")
	}
	return s
}

// isProse reports whether the strings under a key are prose, which the
// default scope reads, rather than labels or values (a switch: it runs
// for every text of every file).
func isProse(key string) bool {
	switch key {
	case "starlint", "id", "difficulty", "answer", "target", "duration", "level", "tags":
		return false
	}
	return true
}

// each calls fn for every text in the rule's scope, in document order.
// The texts are the file's shared ones (allTexts), whose lower-case forms
// and pointers every rule reuses.
func (d *TeamDef) each(p *Pass, fn func(*fileText)) {
	texts := allTexts(p)
	if len(d.Scope) == 0 || (len(d.Scope) == 1 && d.Scope[0] == "/**") {
		for i := range texts {
			if ft := &texts[i]; (len(d.Scope) == 1 || ft.prose) && !d.excluded(ft.segs) {
				fn(ft)
			}
		}
		return
	}
	for _, i := range d.scopedTexts(p, texts) {
		if ft := &texts[i]; !d.excluded(ft.segs) {
			fn(ft)
		}
	}
}

// eachHolding is each over the texts that hold the rule's literal (the
// scan marks them), in document order: a rule whose every match contains
// the literal visits only those.
func (d *TeamDef) eachHolding(p *Pass, fn func(*fileText)) {
	h := d.scan.result(p).holds[d]
	if h == nil {
		return
	}
	texts := allTexts(p)
	everywhere := len(d.Scope) == 0 || (len(d.Scope) == 1 && d.Scope[0] == "/**")
	var scoped []int32
	if !everywhere {
		scoped = d.scopedTexts(p, texts)
	}
	k := 0
	for w, bits := range h {
		for bits != 0 {
			i := w*64 + bits64.TrailingZeros64(bits)
			bits &= bits - 1
			ft := &texts[i]
			if everywhere {
				if !(len(d.Scope) == 1 || ft.prose) || d.excluded(ft.segs) {
					continue
				}
			} else {
				for k < len(scoped) && int(scoped[k]) < i {
					k++
				}
				if k == len(scoped) || int(scoped[k]) != i || d.excluded(ft.segs) {
					continue
				}
			}
			fn(ft)
		}
	}
}

// candidates lists (in a buffer the file's rules share, one at a time)
// the indexes of the texts in the rule's scope, in document order; with
// holding, only those the scan found the rule's literal in.
func (d *TeamDef) candidates(p *Pass, holding bool) []int32 {
	bufs := fileTexts(p)
	out := bufs.scratch[:0]
	if holding {
		d.eachHolding(p, func(ft *fileText) { out = append(out, ft.idx) })
	} else {
		d.each(p, func(ft *fileText) { out = append(out, ft.idx) })
	}
	bufs.scratch = out
	return out
}

// firstText is the first text in the rule's scope, or nil.
func (d *TeamDef) firstText(p *Pass) *fileText {
	var first *fileText
	d.each(p, func(ft *fileText) {
		if first == nil {
			first = ft
		}
	})
	return first
}

// scopeKey names a scope's list of texts in a file's memo: house styles
// give many rules one scope, and each file's texts are matched against it
// once, sharing the texts (and their lower-case forms) with every rule.
type scopeKey string

// scopedTexts returns the indexes in texts of the texts the rule's scope
// names, in document order.
func (d *TeamDef) scopedTexts(p *Pass, texts []fileText) []int32 {
	if v, ok := p.cached(d.scopeKey); ok {
		return v.([]int32)
	}
	return p.Memo(d.scopeKey, func() any {
		// Texts come in document order, so those under one top-level key
		// are a run: a pattern naming its first key ("/title",
		// "/levels/*/level") is matched against that run only.
		runs := topRuns(p, texts)
		from, to := len(texts), 0
		for _, pat := range d.scope {
			lo, hi := 0, len(texts)
			if len(pat) > 0 && pat[0] != "*" && pat[0] != "**" {
				r := runs[pat[0]]
				lo, hi = int(r[0]), int(r[1])
			}
			if lo < hi {
				from, to = min(from, lo), max(to, hi)
			}
		}
		bufs := fileTexts(p)
		if bufs.scoped == nil {
			bufs.scoped = map[scopeKey][]int32{}
		}
		out := bufs.scoped[d.scopeKey][:0] // the backing of an earlier file's list
		for i := from; i < to; i++ {
			for _, pat := range d.scope {
				if matchSegments(pat, texts[i].segs) {
					out = append(out, int32(i))
					break
				}
			}
		}
		bufs.scoped[d.scopeKey] = out
		return out
	}).([]int32)
}

func (d *TeamDef) excluded(segs []string) bool {
	for _, ex := range d.exclude {
		if matchSegments(ex, segs) {
			return true
		}
	}
	return false
}

// lastKey is the last segment of a pointer that is not a list index.
func lastKey(ptr string) string { return lastKeyOf(pack.SplitPointer(ptr)) }

func lastKeyOf(segs []string) string {
	for i := len(segs) - 1; i >= 0; i-- {
		if !isIndex(segs[i]) {
			return segs[i]
		}
	}
	return ""
}

// isIndex reports whether a segment is a list index (all digits): cheaper
// than strconv.Atoi, whose error for every key is garbage.
func isIndex(seg string) bool {
	if seg == "" {
		return false
	}
	for i := 0; i < len(seg); i++ {
		if seg[i] < '0' || seg[i] > '9' {
			return false
		}
	}
	return true
}

// message fills the rule's message, or the kind's default, with the
// match (and, for defaults, more).
func (d *TeamDef) message(def string, args ...any) string {
	if d.Message == "" {
		return fmt.Sprintf(def, args...)
	}
	n := strings.Count(d.Message, "%s")
	strs := make([]any, 0, n)
	for i := 0; i < n && i < len(args); i++ {
		strs = append(strs, fmt.Sprint(args[i]))
	}
	for len(strs) < n {
		strs = append(strs, "")
	}
	return fmt.Sprintf(d.Message, strs...)
}

func kindNames() []string {
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// matches reports whether s holds a match, allocating nothing.
func (d *TeamDef) matches(s string) bool {
	if d.word != nil && d.word.usable(s) {
		return len(d.word.findAll(s, 1)) > 0
	}
	return d.re.MatchString(s)
}

// findAll is d.re.FindAllStringIndex, without the regexp engine for the
// patterns it can match exactly another way.
func (d *TeamDef) findAll(s string, n int) [][]int {
	if d.word != nil && d.word.usable(s) {
		return d.word.findAll(s, n)
	}
	if d.runs != nil {
		return d.findInRuns(s, n)
	}
	return d.re.FindAllStringIndex(s, n)
}
