package lint

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/starlint-dev/starlint/internal/prose"
)

// kindDef is one kind of team rule: the settings it takes and how a
// definition becomes a Run function. The registry below is the one place
// a new kind is added.
type kindDef struct {
	fields   []string // settings beyond the common ones
	required []string // each entry "a|b": one of them must be set
	needs    string   // what the required settings are, for the error
	fixable  bool
	summary  func(*TeamDef) string
	build    func(*TeamDef) (func(*Pass), error)
}

var kinds = map[string]kindDef{
	"existence": {
		fields: []string{"tokens", "ignore-case", "nonword"}, required: []string{"tokens"},
		needs:   "the words or phrases to flag, such as [synergy, circle back]",
		summary: func(d *TeamDef) string { return "avoid " + quoteList(d.Tokens, 4) },
		build:   buildExistence,
	},
	"substitution": {
		fields: []string{"swap", "ignore-case", "nonword"}, required: []string{"swap"},
		needs: "a mapping from each spelling to avoid to the one to use, such as {e-mail: email}", fixable: true,
		summary: func(d *TeamDef) string {
			var pairs []string
			for _, s := range d.Swap[:min(3, len(d.Swap))] {
				pairs = append(pairs, fmt.Sprintf("%q, not %q", s[1], s[0]))
			}
			return "write " + strings.Join(pairs, "; ")
		},
		build: buildSubstitution,
	},
	"occurrence": {
		fields: []string{"pattern", "min", "max"}, required: []string{"pattern", "min|max"},
		needs: "a regular expression and a `min` or `max` count in the scope",
		summary: func(d *TeamDef) string {
			return fmt.Sprintf("%s appears %s in a pack", "`"+d.Pattern+"`", countWords(d.Min, d.Max))
		},
		build: buildOccurrence,
	},
	"length": {
		fields: []string{"min-words", "max-words", "max-seconds", "words-per-minute"}, required: []string{"min-words|max-words|max-seconds"},
		needs:   "a bound: `min-words`, `max-words` or `max-seconds`",
		summary: func(d *TeamDef) string { return "each text is " + lengthWords(d) },
		build:   buildLength,
	},
	"capitalization": {
		fields: []string{"match"}, required: []string{"match"},
		needs:   "`match`: title, sentence, lower or upper",
		summary: func(d *TeamDef) string { return "each text is in " + d.Match + " case" },
		build:   buildCapitalization,
	},
	"pattern": {
		fields: []string{"pattern", "forbid"}, required: []string{"pattern"},
		needs: "a regular expression that must match (or, with `forbid: true`, must not)",
		summary: func(d *TeamDef) string {
			if d.Forbid {
				return "no text matches `" + d.Pattern + "`"
			}
			return "each text matches `" + d.Pattern + "`"
		},
		build: buildPattern,
	},
}

func quoteList(list []string, n int) string {
	var q []string
	for _, s := range list[:min(n, len(list))] {
		q = append(q, fmt.Sprintf("%q", s))
	}
	if len(list) > n {
		q = append(q, "...")
	}
	return strings.Join(q, ", ")
}

func countWords(lo, hi *int) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("%d to %d times", *lo, *hi)
	case lo != nil:
		return fmt.Sprintf("at least %d times", *lo)
	}
	return fmt.Sprintf("at most %d times", *hi)
}

func lengthWords(d *TeamDef) string {
	var parts []string
	if d.MinWords != nil {
		parts = append(parts, fmt.Sprintf("at least %d words", *d.MinWords))
	}
	if d.MaxWords != nil {
		parts = append(parts, fmt.Sprintf("at most %d words", *d.MaxWords))
	}
	if d.MaxSeconds != nil {
		parts = append(parts, fmt.Sprintf("at most %ds to say", *d.MaxSeconds))
	}
	return strings.Join(parts, " and ")
}

// tokenMatch is one match of a word list in a text.
type tokenMatch struct {
	ft         *fileText
	start, end int
	entry      *tokenEntry
}

type tokenEntry struct {
	def   *TeamDef
	words []string // folded, for word tokens
	exact []string // as written
	token string   // as written
	repl  string   // substitution's replacement
	nw    int      // its place among the index's nonword tokens
}

// tokenIndex holds the word lists of every existence and substitution rule
// of a config, keyed by their first word, so that one pass over each text's
// words (already split for the built-in rules) serves all of them: fifty
// team rules cost one map lookup a word, not fifty scans.
type tokenIndex struct {
	first   map[string][]*tokenEntry
	nonword []*tokenEntry
	// a word can start a token only if its first byte is marked and its
	// length is within the first words' lengths: most words are rejected
	// before the map lookup
	firstByte      [256]bool
	minLen, maxLen int
	// starts marks the first two bytes of every ASCII first word, folded
	// (second byte 0 for one-letter words): the last check before the map
	// lookup, which costs more than all the others. noStarts turns it off
	// when a first word is not ASCII.
	starts   [256][4]uint64
	noStarts bool
}

// startsLike reports whether a folded ASCII word begins as a first word does.
func (ix *tokenIndex) startsLike(w []byte) bool {
	if ix.noStarts {
		return true
	}
	var second byte
	if len(w) > 1 {
		second = w[1]
	}
	return ix.starts[w[0]][second>>6]&(1<<(second&63)) != 0
}

func fold(w string) string {
	lower := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			lower = false
			break
		}
	}
	if lower {
		return w
	}
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

func (ix *tokenIndex) add(d *TeamDef, token, repl string) error {
	e := &tokenEntry{def: d, token: token, repl: repl}
	if d.Nonword {
		e.nw = len(ix.nonword)
		ix.nonword = append(ix.nonword, e)
		return nil
	}
	for _, w := range prose.Words(token) {
		e.words = append(e.words, fold(w.Text))
		e.exact = append(e.exact, w.Text)
	}
	if len(e.words) == 0 {
		return fmt.Errorf("%q has no words to match: set `nonword: true` to match it as text", token)
	}
	if ix.first == nil {
		ix.first = map[string][]*tokenEntry{}
		ix.minLen = len(e.exact[0])
	}
	ix.first[e.words[0]] = append(ix.first[e.words[0]], e)
	for _, w := range []string{e.words[0], e.exact[0], upperFirst(e.words[0]), strings.ToUpper(e.words[0])} {
		ix.firstByte[w[0]] = true
		// a fold can change a word's length in bytes only outside ASCII
		ix.minLen, ix.maxLen = min(ix.minLen, len(w)), max(ix.maxLen, len(w))
	}
	if !isASCII(e.exact[0]) {
		ix.minLen, ix.maxLen = 1, 1<<30 // a fold may change the length: no length filter
	}
	if k := e.words[0]; isASCII(k) {
		var second byte
		if len(k) > 1 {
			second = k[1]
		}
		ix.starts[k[0]][second>>6] |= 1 << (second & 63)
	} else {
		ix.noStarts = true
	}
	return nil
}

// indexToken finds token in s, ignoring case when asked (for ASCII
// tokens without lower-casing s).
func indexToken(s, token string, ignoreCase bool) int {
	if !ignoreCase {
		return strings.Index(s, token)
	}
	if isASCII(token) {
		return indexFoldASCII(s, strings.ToLower(token))
	}
	return strings.Index(strings.ToLower(s), strings.ToLower(token))
}

// asciiFold lower-cases an ASCII word into buf, or says it is not one.
func asciiFold(buf []byte, w string) ([]byte, bool) {
	if len(w) > cap(buf) {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, true
}

// matchAt checks the entry's words against the text from the word w at
// start, with case when the rule asks for it; it returns the match's end.
func (e *tokenEntry) matchAt(text, w string, start int) (int, bool) {
	exact := e.exact
	if !e.def.IgnoreCase && w != exact[0] && w != upperFirst(exact[0]) {
		return 0, false // with case, a sentence may still capitalize the first word
	}
	end := start + len(w)
	if len(e.words) == 1 {
		return end, true
	}
	k, ok, base := 1, true, end
	prose.EachWord(text[base:], func(next string, at int) bool {
		if fold(next) != e.words[k] || (!e.def.IgnoreCase && next != exact[k]) {
			ok = false
			return false
		}
		end = base + at + len(next)
		k++
		return k < len(e.words)
	})
	return end, ok && k == len(e.words)
}

// linkTokenIndex gives every word-list rule of one config the same index.
func linkTokenIndex(defs []*TeamDef) error {
	ix := &tokenIndex{}
	for _, d := range defs {
		switch d.Kind {
		case "existence":
			for _, tok := range d.Tokens {
				if err := ix.add(d, tok, ""); err != nil {
					return err
				}
			}
		case "substitution":
			for _, s := range d.Swap {
				if err := ix.add(d, s[0], s[1]); err != nil {
					return err
				}
			}
		default:
			continue
		}
		d.index = ix
	}
	return nil
}

// inScope reports whether a text the index matched is in the rule's scope.
func (d *TeamDef) inScope(segs []string) bool {
	if d.excluded(segs) {
		return false
	}
	if len(d.scope) == 0 {
		return isProse(lastKeyOf(segs))
	}
	for _, sc := range d.scope {
		if matchSegments(sc, segs) {
			return true
		}
	}
	return false
}

func (d *TeamDef) indexMatches(p *Pass) []tokenMatch {
	var out []tokenMatch
	for _, m := range d.scan.result(p).tokens[d] {
		if d.inScope(m.ft.segs) {
			out = append(out, m)
		}
	}
	return out
}

func buildExistence(d *TeamDef) (func(*Pass), error) {
	return func(p *Pass) {
		for _, m := range d.indexMatches(p) {
			found := m.ft.Value[m.start:m.end]
			p.ReportRange(m.ft.text(), m.start, m.end, "%s", d.message("%q is on the team's list of words to avoid: rephrase", found))
		}
	}, nil
}

func buildSubstitution(d *TeamDef) (func(*Pass), error) {
	return func(p *Pass) {
		for _, m := range d.indexMatches(p) {
			found := m.ft.Value[m.start:m.end]
			repl := matchCase(found, m.entry.repl)
			t := m.ft.text()
			diag := Diagnostic{
				Span:    p.Span(t, m.start, m.end),
				Pointer: t.Ptr,
				Message: d.message("write %q, not %q", repl, found),
			}
			// A fix only where the source spells the match as the value
			// does (no escape or line break inside it).
			if string(p.File.Src[diag.Span.Start:diag.Span.End]) == found {
				diag.Fix = &SuggestedFix{Message: fmt.Sprintf("Replace %q with %q", found, repl), Edits: []TextEdit{{Start: diag.Span.Start, End: diag.Span.End, NewText: repl}}}
			}
			p.Report(diag)
		}
	}, nil
}

// matchCase gives the replacement the match's leading capital ("E-mail"
// becomes "Email"), or all capitals.
func matchCase(found, repl string) string {
	if found == strings.ToUpper(found) && found != strings.ToLower(found) && len([]rune(found)) > 1 {
		return strings.ToUpper(repl)
	}
	if r, _ := utf8.DecodeRuneInString(found); unicode.IsUpper(r) {
		return upperFirst(repl)
	}
	return repl
}

func buildOccurrence(d *TeamDef) (func(*Pass), error) {
	return func(p *Pass) {
		count := 0
		var overText *Text
		var overAt [2]int
		texts, res := allTexts(p), d.scanResult(p)
		// texts without the pattern's literal hold no match: with a scan,
		// only the texts holding it are visited
		for _, i := range d.candidates(p, d.scanned) {
			ft := &texts[i]
			if !d.may(res, ft) {
				continue
			}
			if d.plain != "" && (d.Max == nil || count+strings.Count(ft.Value, d.plain) <= *d.Max) {
				count += strings.Count(ft.Value, d.plain) // a literal: no regexp needed
				continue
			}
			for _, loc := range d.findAll(ft.Value, -1) {
				count++
				if d.Max != nil && count == *d.Max+1 {
					t := ft.text()
					overText, overAt = &t, [2]int{loc[0], loc[1]}
				}
			}
		}
		switch {
		case overText != nil:
			found := overText.Value[overAt[0]:overAt[1]]
			p.ReportRange(*overText, overAt[0], overAt[1], "%s", d.message("%q appears %d times in this pack, more than the %d allowed", found, count, *d.Max))
		case d.Min != nil && count < *d.Min:
			if first := d.firstText(p); first != nil {
				p.ReportText(first.text(), "%s", d.message("`%s` appears %d times in this pack, fewer than the %d wanted", d.Pattern, count, *d.Min))
			}
		}
	}, nil
}

func buildLength(d *TeamDef) (func(*Pass), error) {
	wpm := d.WPM
	if wpm == 0 {
		wpm = 150
	}
	return func(p *Pass) {
		d.each(p, func(ft *fileText) {
			words := ft.wordCount(p)
			secs := prose.SecondsFor(words, wpm)
			switch {
			case d.MaxWords != nil && words > *d.MaxWords:
				p.ReportText(ft.text(), "%s", d.message("%d words, more than the %d allowed: cut it", words, *d.MaxWords))
			case d.MinWords != nil && words < *d.MinWords:
				p.ReportText(ft.text(), "%s", d.message("%d words, fewer than the %d wanted: say more", words, *d.MinWords))
			case d.MaxSeconds != nil && secs > *d.MaxSeconds:
				p.ReportText(ft.text(), "%s", d.message("about %ds to say at %d words a minute, more than the %ds allowed: cut it", secs, wpm, *d.MaxSeconds))
			}
		})
	}, nil
}

// smallWords stay lower-case inside a title: articles, and conjunctions and
// prepositions of three letters or fewer (longer ones, "With", "From", are
// capitalized, as AP and APA styles do; either is accepted).
var smallWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true, "for": true, "so": true, "yet": true,
	"at": true, "by": true, "in": true, "of": true, "on": true, "to": true, "up": true, "as": true, "vs": true, "via": true, "per": true}

// eitherWords are longer prepositions and conjunctions that style guides
// disagree on: inside a title they may be capitalized or not.
var eitherWords = map[string]bool{"with": true, "from": true, "into": true, "onto": true, "over": true, "upon": true, "than": true, "that": true, "when": true, "about": true}

// caseAs returns text written in the wanted case.
func caseAs(text, match string) string {
	switch match {
	case "lower":
		return strings.ToLower(text)
	case "upper":
		return strings.ToUpper(text)
	}
	n := prose.WordCount(text)
	var b []byte // a copy, made at the first change: most texts need none
	var buf [16]byte
	i := 0
	prose.EachWord(text, func(w string, start int) bool {
		defer func() { i++ }()
		r, size := utf8.DecodeRuneInString(w)
		lw, ascii := asciiFold(buf[:0], w) // no allocation for the lookups below
		lower := ascii && string(lw) == w || !ascii && w == strings.ToLower(w)
		if !unicode.IsLetter(r) || !lower && i > 0 && match == "sentence" {
			return true // an acronym or a name keeps its capitals
		}
		want := unicode.ToUpper(r)
		inner := i > 0 && i < n-1
		if match == "title" && inner && smallWords[string(lw)] {
			want = unicode.ToLower(r)
		}
		if match == "title" && inner && eitherWords[string(lw)] {
			return true
		}
		if match == "sentence" && i > 0 {
			return true
		}
		if want != r && utf8.RuneLen(want) == size {
			if b == nil {
				b = []byte(text)
			}
			utf8.EncodeRune(b[start:], want)
		}
		return true
	})
	if b == nil {
		return text
	}
	return string(b)
}

func buildCapitalization(d *TeamDef) (func(*Pass), error) {
	return func(p *Pass) {
		d.each(p, func(ft *fileText) {
			want := caseAs(ft.Value, d.Match)
			if want == ft.Value {
				return
			}
			t := ft.text()
			diag := Diagnostic{Span: p.nodeSpan(t.Node), Pointer: t.Ptr, Message: d.message("not in %s case: write %q", d.Match, want)}
			if src := p.File.Src[diag.Span.Start:diag.Span.End]; string(src) == t.Value {
				diag.Fix = &SuggestedFix{Message: "Write it in " + d.Match + " case", Edits: []TextEdit{{Start: diag.Span.Start, End: diag.Span.End, NewText: want}}}
			}
			p.Report(diag)
		})
	}, nil
}

func buildPattern(d *TeamDef) (func(*Pass), error) {
	return func(p *Pass) {
		texts, res := allTexts(p), d.scanResult(p)
		if d.Forbid {
			// only texts holding the literal can match
			for _, i := range d.candidates(p, d.scanned) {
				ft := &texts[i]
				if !d.may(res, ft) {
					continue
				}
				for _, loc := range d.findAll(ft.Value, 100) {
					found := ft.Value[loc[0]:loc[1]]
					p.ReportRange(ft.text(), loc[0], loc[1], "%s", d.message("%q matches `%s`, which the team does not allow", found, d.Pattern))
				}
			}
			return
		}
		for _, i := range d.candidates(p, false) {
			if ft := &texts[i]; !d.may(res, ft) || !d.matches(ft.Value) {
				p.ReportText(ft.text(), "%s", d.message("no match for `%s`, which the team asks for here", d.Pattern))
			}
		}
	}, nil
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
