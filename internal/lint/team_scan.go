package lint

import (
	"strings"

	"github.com/starlint-dev/starlint/internal/prose"
)

// teamScan is the one pass over a file's texts that serves every team rule
// of a config: one literalSet holds the first words of every word list,
// every nonword token and every literal a pattern's matches must contain,
// and each text is read once for all of them. The rules then look only at
// what was found: a word list checks its hits, a pattern runs its regexp
// only on the texts holding its literal.
type teamScan struct {
	set   *literalSet
	users [][]literalUser // by literal
	index *tokenIndex     // the config's word lists, or nil
	// wordLoop: the index has a first word the byte scan cannot find as
	// prose.EachWord would (not ASCII, or with an apostrophe, which
	// folds ’ to '): the index then reads each text's words instead
	wordLoop bool
	// slowNonword are nonword tokens that are not ASCII: found by search
	slowNonword []*tokenEntry
	// foldSensitive are rules whose case-folded literal has a k or an s:
	// a text with a letter folding onto those may hold it
	foldSensitive []*TeamDef
}

type literalUse uint8

const (
	useFirstWord literalUse = iota // entries whose first word this is
	useNonword                     // a nonword token
	useRequired                    // a literal a rule's matches contain
	useFoldRune                    // a non-ASCII letter that case-folds onto ASCII
)

type literalUser struct {
	use     literalUse
	entries []*tokenEntry // useFirstWord
	entry   *tokenEntry   // useNonword
	def     *TeamDef      // useRequired
}

const kelvin, longS = "\u212a", "\u017f"

// scanResult is what a file's scan found.
type scanResult struct {
	tokens map[*TeamDef][]tokenMatch
	// holds[d] marks, by text index, the texts holding d's literal
	holds map[*TeamDef][]uint64
}

// linkTeamScan builds the config's scan and gives it to every team rule.
func linkTeamScan(defs []*TeamDef) error {
	if err := linkTokenIndex(defs); err != nil {
		return err
	}
	sc := newTeamScan(defs, false)
	if sc == nil {
		return nil
	}
	for _, d := range defs {
		d.scan = sc
		d.scanned = d.literal != "" && isASCII(d.literal)
	}
	return nil
}

// newTeamScan builds the scan of the rules' literals; with wordLoop the
// word lists are matched by reading words, as the byte scan must match
// them (the tests compare the two). It is nil when no rule needs a scan.
func newTeamScan(defs []*TeamDef, wordLoop bool) *teamScan {
	sc := &teamScan{wordLoop: wordLoop}
	var pats []string
	ids := map[string]int{}
	add := func(lit string, u literalUser) {
		id, ok := ids[lit]
		if !ok {
			id = len(pats)
			ids[lit] = id
			pats = append(pats, lit)
			sc.users = append(sc.users, nil)
		}
		if u.use == useFirstWord {
			for k := range sc.users[id] {
				if sc.users[id][k].use == useFirstWord {
					sc.users[id][k].entries = append(sc.users[id][k].entries, u.entries...)
					return
				}
			}
		}
		sc.users[id] = append(sc.users[id], u)
	}
	for _, d := range defs {
		if d.index != nil && sc.index == nil {
			sc.index = d.index
		}
		if d.literal != "" && isASCII(d.literal) {
			add(strings.ToLower(d.literal), literalUser{use: useRequired, def: d})
		}
	}
	if ix := sc.index; ix != nil {
		for first := range ix.first {
			if !isASCII(first) || strings.ContainsAny(first, "'") {
				sc.wordLoop = true
			}
		}
		if !sc.wordLoop {
			for first, entries := range ix.first {
				add(first, literalUser{use: useFirstWord, entries: entries})
			}
		}
		for _, e := range ix.nonword {
			if isASCII(e.token) && e.token != "" {
				add(strings.ToLower(e.token), literalUser{use: useNonword, entry: e})
			} else {
				sc.slowNonword = append(sc.slowNonword, e)
			}
		}
	}
	if len(pats) == 0 && sc.index == nil {
		return nil
	}
	// the non-ASCII letters that case-fold onto ASCII letters (K, the
	// Kelvin sign, and ſ, a long s): a text holding one is read word by
	// word, as the index folds words, and may hold any literal with k or s
	add(kelvin, literalUser{use: useFoldRune})
	add(longS, literalUser{use: useFoldRune})
	for _, d := range defs {
		if d.literalFold && strings.ContainsAny(d.literal, "ks") && isASCII(d.literal) {
			sc.foldSensitive = append(sc.foldSensitive, d)
		}
	}
	sc.set = newLiteralSet(pats)
	return sc
}

// result runs the scan over the file's texts, once per file.
func (sc *teamScan) result(p *Pass) *scanResult {
	if v, ok := p.cached(sc); ok {
		return v.(*scanResult)
	}
	return p.Memo(sc, func() any { return sc.run(p) }).(*scanResult)
}

func (sc *teamScan) run(p *Pass) *scanResult {
	bufs := fileTexts(p)
	texts := bufs.texts
	// one scan of all the texts at once (scanAll reads it in lanes)
	joined, starts := bufs.joined[:0], bufs.starts[:0]
	for i := range texts {
		starts = append(starts, int32(len(joined)))
		joined = append(append(joined, texts[i].Value...), 0)
	}
	hits := sc.set.scanAll(joined, bufs.hits[:0], &bufs.lanes)
	bufs.joined, bufs.starts, bufs.hits = joined, starts, hits
	h := 0
	words := len(texts)/64 + 1
	res := bufs.res
	if res == nil {
		res = &scanResult{tokens: map[*TeamDef][]tokenMatch{}, holds: map[*TeamDef][]uint64{}}
		bufs.res = res
	}
	// an earlier file's result: keep its backing, drop its findings
	for d, ms := range res.tokens {
		res.tokens[d] = ms[:0]
	}
	for d, h := range res.holds {
		if cap(h) < words {
			h = make([]uint64, words)
		}
		h = h[:words]
		clear(h)
		res.holds[d] = h
	}
	var nonword, found []tokenMatch // this text's nonword and word-list matches
	var lastEnd []int               // by nonword token: where its last match ended
	if sc.index != nil {
		lastEnd = make([]int, len(sc.index.nonword))
	}
	for i := range texts {
		ft := &texts[i]
		value := ft.Value
		base, limit := int(starts[i]), int(starts[i])+len(value)
		if !sc.wordLoop && (h == len(hits) || int(hits[h].end) > limit) && len(sc.slowNonword) == 0 {
			continue // nothing found in this text: the common case
		}
		nonword, found = nonword[:0], found[:0]
		for k := range lastEnd {
			lastEnd[k] = 0
		}
		slow := false
		visit := func(id int32, end int) {
			start := end - len(sc.set.pats[id])
			for _, u := range sc.users[id] {
				switch u.use {
				case useFoldRune:
					slow = true
				case useRequired:
					if !u.def.literalFold && value[start:end] != u.def.literal {
						continue
					}
					res.mark(u.def, i, words)
				case useFirstWord:
					if !prose.IsWord(value, start, end) {
						continue
					}
					w := value[start:end]
					for _, e := range u.entries {
						if wend, ok := e.matchAt(value, w, start); ok {
							found = append(found, tokenMatch{ft, start, wend, e})
						}
					}
				case useNonword:
					e := u.entry
					if (!e.def.IgnoreCase && value[start:end] != e.token) || start < lastEnd[e.nw] {
						continue
					}
					lastEnd[e.nw] = end
					nonword = append(nonword, tokenMatch{ft, start, end, e})
				}
			}
		}
		for ; h < len(hits) && int(hits[h].end) <= limit; h++ {
			visit(hits[h].id, int(hits[h].end)-base)
		}
		if slow {
			for _, d := range sc.foldSensitive {
				res.mark(d, i, words)
			}
		}
		if sc.index != nil && (sc.wordLoop || slow) {
			found = found[:0]
			sc.index.matchWords(ft, func(e *tokenEntry, start, end int) {
				found = append(found, tokenMatch{ft, start, end, e})
			})
		}
		for _, m := range found {
			res.tokens[m.entry.def] = append(res.tokens[m.entry.def], m)
		}
		for _, e := range sc.slowNonword {
			for off := 0; ; {
				k := indexToken(value[off:], e.token, e.def.IgnoreCase)
				if k < 0 || len(e.token) == 0 {
					break
				}
				k += off
				nonword = append(nonword, tokenMatch{ft, k, k + len(e.token), e})
				off = k + len(e.token)
			}
		}
		for _, m := range nonword {
			res.tokens[m.entry.def] = append(res.tokens[m.entry.def], m)
		}
	}
	return res
}

// mark notes that text i holds d's literal.
func (r *scanResult) mark(d *TeamDef, i, words int) {
	h := r.holds[d]
	if len(h) < words {
		h = make([]uint64, words)
		r.holds[d] = h
	}
	h[i/64] |= 1 << (i % 64)
}

// holdsText reports whether the file's text ft holds d's literal.
func (r *scanResult) holdsText(d *TeamDef, ft *fileText) bool {
	h := r.holds[d]
	return int(ft.idx/64) < len(h) && h[ft.idx/64]&(1<<(ft.idx%64)) != 0
}

// matchWords is the index's word loop for one text: every word, looked up
// by its folded form, as the byte scan would find it.
func (ix *tokenIndex) matchWords(ft *fileText, note func(e *tokenEntry, start, end int)) {
	value := ft.Value
	var buf [64]byte
	prose.EachWord(value, func(w string, start int) bool {
		if !ix.firstByte[w[0]] || len(w) < ix.minLen || len(w) > ix.maxLen {
			return true // no token starts like this: skip the lookup
		}
		var entries []*tokenEntry
		if b, ok := asciiFold(buf[:0], w); ok {
			if !ix.startsLike(b) {
				return true
			}
			entries = ix.first[string(b)] // the lookup does not copy b
		} else {
			entries = ix.first[fold(w)]
		}
		for _, e := range entries {
			if end, ok := e.matchAt(value, w, start); ok {
				note(e, start, end)
			}
		}
		return true
	})
}
