package lint

import (
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

// The text index: every string of a file, listed once per file in
// document order with its pointer's segments, and read by every rule
// that looks at more than a named value: the built-in rules through
// Pass.Each and Pass.EachString, the team rules through their scopes.

type allTextsKey struct{}

// fileText is one string of a file as the rules see it: with its
// pointer's segments, whether it is prose, its pointer and its lower-case
// form, each worked out once per file however many rules read it.
type fileText struct {
	Text
	segs  []string
	prose bool
	idx   int32 // in the file's allTexts
	lower string
	fold  bool // lower is set
	words int  // prose.WordCount(Value)+1, once counted
}

// wordCount returns the text's word count, counted once (from the
// words the built-in rules split, when they did).
func (ft *fileText) wordCount(p *Pass) int {
	if ft.words == 0 {
		if w, ok := p.words[ft.Value]; ok {
			ft.words = len(w) + 1
		} else {
			ft.words = prose.WordCount(ft.Value) + 1
		}
	}
	return ft.words - 1
}

// lowered returns the text in lower case, computed once.
func (ft *fileText) lowered() string {
	if !ft.fold {
		ft.lower, ft.fold = strings.ToLower(ft.Value), true
	}
	return ft.lower
}

// allTexts lists every string of the file once per file, for the rules
// that read more than a named value. Pointers are joined only for texts a
// rule asks for (see fileText.text), and the segments of every text share a
// single arena: a pack has hundreds of texts, and a slice each would be
// garbage the collector pays for.
func allTexts(p *Pass) []fileText { return fileTexts(p).texts }

// fileTexts is allTexts with the buffers the file's scan reuses.
func fileTexts(p *Pass) *textBuffers {
	if v, ok := p.cached(allTextsKey{}); ok {
		return v.(*textBuffers)
	}
	return p.Memo(allTextsKey{}, func() any {
		// One walk, into buffers kept from an earlier file (or sized from
		// this one: a text every 60 bytes or so, four segments each).
		buf := textPool.Get().(*textBuffers)
		ix := indexer{out: buf.texts[:0], arena: buf.arena[:0], path: buf.path[:0]}
		if cap(ix.out) == 0 {
			guess := len(p.File.Src)/60 + 16
			ix.out, ix.arena = make([]fileText, 0, guess), make([]string, 0, 4*guess)
		}
		if p.File.Root != nil {
			ix.walk(p.File.Root, "")
		}
		buf.texts, buf.arena, buf.path = ix.out, ix.arena, ix.path
		return buf
	}).(*textBuffers)
}

// indexer builds a file's text index: WalkStrings' walk, written out so
// that each string costs no call through a closure.
type indexer struct {
	out   []fileText
	arena []string
	path  []string
}

// walk indexes the strings under n; key is the last key on the way to n
// (lastKeyOf its path), which says whether they are prose.
func (ix *indexer) walk(n *yaml.Node, key string) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			ix.path = append(ix.path, k)
			ix.walk(n.Content[i+1], k)
			ix.path = ix.path[:len(ix.path)-1]
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			ix.path = append(ix.path, strconv.Itoa(i)) // no allocation below 100
			ix.walk(c, key)
			ix.path = ix.path[:len(ix.path)-1]
		}
	case yaml.ScalarNode:
		if isText(n) {
			ix.add(n, isProse(key))
		}
	}
}

func (ix *indexer) add(n *yaml.Node, prose bool) {
	if len(ix.arena)+len(ix.path) > cap(ix.arena) {
		// earlier texts keep the old arena: their segments stay valid
		ix.arena = make([]string, 0, 2*cap(ix.arena)+len(ix.path))
	}
	start := len(ix.arena)
	ix.arena = append(ix.arena, ix.path...)
	segs := ix.arena[start:len(ix.arena):len(ix.arena)]
	ix.out = append(ix.out, fileText{Text: Text{Node: n, Value: n.Value}, segs: segs, prose: prose, idx: int32(len(ix.out))})
}

// textBuffers are allTexts' slices, reused from file to file: a pack has
// hundreds of texts, and allocating (and clearing) them for every pack
// was a tenth of what a house style cost. The file's memo gives them back
// when the file is done (release); nothing of them outlives it, since
// findings copy the Text they report on.
type textBuffers struct {
	texts []fileText
	arena []string
	path  []string // the walk's
	// for teamScan: the texts joined, each followed by a NUL (which no
	// text holds), where each starts, and what the scan found
	joined []byte
	starts []int32
	hits   []hit
	lanes  [lanes][]hit
	// scratch holds one rule's candidates at a time (candidates)
	scratch []int32
	// the backings of scopedTexts' lists, topRuns' map and the scan's
	// result, reused: each file's memo says which are this file's
	scoped map[scopeKey][]int32
	runs   map[string][2]int32
	res    *scanResult
}

var textPool = sync.Pool{New: func() any { return new(textBuffers) }}

func (b *textBuffers) release() { textPool.Put(b) }

// text returns the text with its pointer, joined on first use.
func (ft *fileText) text() Text {
	if ft.Ptr == "" && len(ft.segs) > 0 {
		ft.Ptr = pack.JoinPointer(ft.segs...)
	}
	return ft.Text
}

type topRunsKey struct{}

// topRuns maps each top-level key to the run [from, to) of its texts.
func topRuns(p *Pass, texts []fileText) map[string][2]int32 {
	if v, ok := p.cached(topRunsKey{}); ok {
		return v.(map[string][2]int32)
	}
	return p.Memo(topRunsKey{}, func() any {
		bufs := fileTexts(p)
		if bufs.runs == nil {
			bufs.runs = map[string][2]int32{}
		}
		runs := bufs.runs
		clear(runs)
		for i := 0; i < len(texts); {
			j := i + 1
			if len(texts[i].segs) == 0 {
				i = j
				continue
			}
			key := texts[i].segs[0]
			for j < len(texts) && len(texts[j].segs) > 0 && texts[j].segs[0] == key {
				j++
			}
			if r, seen := runs[key]; seen {
				runs[key] = [2]int32{r[0], int32(j)} // a key written twice: one run over both
			} else {
				runs[key] = [2]int32{int32(i), int32(j)}
			}
			i = j
		}
		return runs
	}).(map[string][2]int32)
}

// matchSegments matches pointer segments against a pattern's (* and **).
func matchSegments(pat, segs []string) bool {
	if len(pat) == 0 {
		return len(segs) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(segs); i++ {
			if matchSegments(pat[1:], segs[i:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 || (pat[0] != "*" && pat[0] != segs[0]) {
		return false
	}
	return matchSegments(pat[1:], segs[1:])
}

// Each calls fn for every string whose pointer matches pattern (see
// EachText), in document order, reading the file's text index instead of
// walking the tree: the patterns rules use name a top-level key, so each
// looks at that key's run of texts only, and a text's pointer is joined
// once however many rules read it.
func (p *Pass) Each(pattern string, fn func(Text)) {
	pat := compilePattern(pattern)
	if !pat.wild {
		EachText(p.File, pattern, fn) // a named value: one lookup
		return
	}
	texts := allTexts(p)
	lo, hi := 0, len(texts)
	if first := pat.segs[0]; first != "*" && first != "**" {
		r, ok := topRuns(p, texts)[first]
		if !ok {
			return
		}
		lo, hi = int(r[0]), int(r[1])
	}
	for i := lo; i < hi; i++ {
		if ft := &texts[i]; matchSegments(pat.segs, ft.segs) {
			fn(ft.text())
		}
	}
}

// EachString calls fn for every string of the pack in document order,
// with its pointer joined only if fn asks for it (ptr is valid during the
// call): rules that read every text report on few of them.
func (p *Pass) EachString(fn func(n *yaml.Node, ptr func() string)) {
	texts := allTexts(p)
	var cur *fileText
	ptr := func() string { return cur.text().Ptr }
	for i := range texts {
		cur = &texts[i]
		fn(cur.Node, ptr)
	}
}
