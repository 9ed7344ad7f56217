package lint

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A regular expression is slow next to a substring search, and most texts
// of a pack cannot match a team's pattern at all. requiredLiteral finds a
// literal that every match must contain (the longest it can prove); texts
// without it are skipped before the regexp runs, as grep tools do.
func requiredLiteral(pattern string) (lit string, fold bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	return required(re.Simplify())
}

func required(re *syntax.Regexp) (string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		s := string(re.Rune)
		if fold {
			s = strings.ToLower(s)
		}
		return s, fold
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		best, bestFold := "", false
		for _, sub := range re.Sub {
			if s, f := required(sub); len(s) > len(best) {
				best, bestFold = s, f
			}
		}
		return best, bestFold
	}
	return "", false
}

// scanResult is the file's scan, when the rule's literal is in it.
func (d *TeamDef) scanResult(p *Pass) *scanResult {
	if !d.scanned {
		return nil
	}
	return d.scan.result(p)
}

// may reports whether a text can hold a match of the rule's pattern: the
// scan's finding when it looks for the literal (res), else a search.
func (d *TeamDef) may(res *scanResult, ft *fileText) bool {
	switch {
	case res != nil:
		return res.holdsText(d, ft)
	case d.literal == "":
		return true
	case d.literalFold && isASCII(d.literal):
		return containsFoldASCII(ft.Value, d.literal) || d.foldsOnto(ft.Value)
	case d.literalFold:
		return strings.Contains(ft.lowered(), d.literal)
	}
	return strings.Contains(ft.Value, d.literal)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s holds lit (ASCII, lower case) in any
// case, without lower-casing s: it looks for the literal's first byte in
// both cases and compares from there.
func containsFoldASCII(s, lit string) bool { return indexFoldASCII(s, lit) >= 0 }

// indexFoldASCII is the index of lit (ASCII, lower case) in s in any case,
// or -1. It jumps between the places where lit's first byte stands, in
// either case, so it reads s about once.
func indexFoldASCII(s, lit string) int {
	if lit == "" {
		return 0
	}
	lo, up := lit[0], lit[0]
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	nextLo, nextUp := strings.IndexByte(s, lo), -1
	if up != lo {
		nextUp = strings.IndexByte(s, up)
	}
	for {
		i := nextLo
		if i < 0 || (nextUp >= 0 && nextUp < i) {
			i = nextUp
		}
		if i < 0 || i+len(lit) > len(s) {
			return -1
		}
		if strings.EqualFold(s[i:i+len(lit)], lit) {
			return i
		}
		// move past this candidate in its own case only
		if i == nextLo {
			if k := strings.IndexByte(s[i+1:], lo); k >= 0 {
				nextLo = i + 1 + k
			} else {
				nextLo = -1
			}
		} else {
			if k := strings.IndexByte(s[i+1:], up); k >= 0 {
				nextUp = i + 1 + k
			} else {
				nextUp = -1
			}
		}
	}
}

// wordLiteral is a pattern of the shape \bLITERAL\b (or (?i)\bLITERAL\b)
// with an ASCII literal: the house-style regexp for a word or phrase. It is
// matched without the regexp engine, with the same results: \b is an ASCII
// word boundary in Go's regexp, and the only non-ASCII characters that
// (?i) folds onto ASCII letters are K (U+212A) and ſ (U+017F), so a text
// holding those goes to the regexp.
type wordLiteral struct {
	lit  string // lower case when fold
	fold bool
}

func parseWordLiteral(pattern string) *wordLiteral {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) != 3 ||
		re.Sub[0].Op != syntax.OpWordBoundary || re.Sub[2].Op != syntax.OpWordBoundary || re.Sub[1].Op != syntax.OpLiteral {
		return nil
	}
	lit := string(re.Sub[1].Rune)
	if !isASCII(lit) || lit == "" {
		return nil
	}
	w := &wordLiteral{lit: lit, fold: re.Sub[1].Flags&syntax.FoldCase != 0}
	if w.fold {
		w.lit = strings.ToLower(lit)
	}
	return w
}

// usable reports whether the fast path gives the regexp's answer on s.
func (w *wordLiteral) usable(s string) bool {
	if !w.fold || !strings.ContainsAny(w.lit, "ks") {
		return true
	}
	return !strings.Contains(s, "\u212a") && !strings.Contains(s, "\u017f")
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// boundary reports whether there is an ASCII word boundary at s[i] between
// s[i-1] and s[i].
func boundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// findAll returns the [start, end) of up to n matches in s (n < 0: all),
// leftmost first, not overlapping, as regexp.FindAllStringIndex does.
func (w *wordLiteral) findAll(s string, n int) [][]int {
	var out [][]int
	for off := 0; off <= len(s) && (n < 0 || len(out) < n); {
		var i int
		if w.fold {
			i = indexFoldASCII(s[off:], w.lit)
		} else {
			i = strings.Index(s[off:], w.lit)
		}
		if i < 0 {
			break
		}
		i += off
		end := i + len(w.lit)
		if boundary(s, i) && boundary(s, end) {
			out = append(out, []int{i, end})
			off = end
			continue
		}
		off = i + 1
	}
	return out
}

// matchBytes are the bytes a pattern's matches can be made of, for a
// pattern whose matches do not depend on their surroundings: no empty
// match, and no ^, $, \b or other assertion. Every match then lies within
// a run of such bytes, so the regexp runs on those runs only (those that
// hold the literal): `\d+%` reads "30%", not the 600 bytes of text around
// it. nil when the pattern does not qualify. Bytes of non-ASCII text are
// all marked when the pattern can match any non-ASCII character: a
// superset of the real set is still exact.
func matchBytes(pattern string, re *regexp.Regexp) *[256]bool {
	parsed, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || re.MatchString("") {
		return nil
	}
	set := new([256]bool)
	if !markBytes(parsed.Simplify(), set) {
		return nil
	}
	return set
}

func markBytes(re *syntax.Regexp, set *[256]bool) bool {
	markRune := func(r rune, fold bool) {
		if r >= utf8.RuneSelf {
			markHigh(set)
			return
		}
		set[r] = true
		if fold {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if f >= utf8.RuneSelf {
					markHigh(set)
				} else {
					set[f] = true
				}
			}
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			markRune(r, re.Flags&syntax.FoldCase != 0)
		}
		return true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi >= utf8.RuneSelf {
				markHigh(set)
				hi = utf8.RuneSelf - 1
			}
			for r := lo; r <= hi; r++ {
				set[r] = true
			}
		}
		return true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for i := range set {
			set[i] = true
		}
		return true
	case syntax.OpCapture, syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat, syntax.OpConcat, syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !markBytes(sub, set) {
				return false
			}
		}
		return true
	case syntax.OpEmptyMatch:
		return true
	}
	return false // assertions (^ $ \b \A \z), and anything else
}

func markHigh(set *[256]bool) {
	for i := utf8.RuneSelf; i < 256; i++ {
		set[i] = true
	}
}

// findInRuns is FindAllStringIndex(s, n) over the runs of d.runs' bytes
// that hold the rule's literal.
func (d *TeamDef) findInRuns(s string, n int) [][]int {
	var out [][]int
	for i := 0; i < len(s) && (n < 0 || len(out) < n); {
		for i < len(s) && !d.runs[s[i]] {
			i++
		}
		j := i
		for j < len(s) && d.runs[s[j]] {
			j++
		}
		if run := s[i:j]; run != "" && d.runHolds(run) {
			left := -1
			if n >= 0 {
				left = n - len(out)
			}
			for _, m := range d.re.FindAllStringIndex(run, left) {
				out = append(out, []int{m[0] + i, m[1] + i})
			}
		}
		i = j
	}
	return out
}

func (d *TeamDef) runHolds(run string) bool {
	switch {
	case d.literal == "":
		return true
	case d.literalFold && isASCII(d.literal):
		return containsFoldASCII(run, d.literal) || d.foldsOnto(run)
	case d.literalFold:
		return strings.Contains(strings.ToLower(run), d.literal)
	}
	return strings.Contains(run, d.literal)
}

// foldsOnto reports whether s may hold the rule's case-folded ASCII
// literal through a non-ASCII letter that folds onto k or s (the Kelvin
// sign, a long s), which an ASCII comparison does not see.
func (d *TeamDef) foldsOnto(s string) bool {
	return strings.ContainsAny(d.literal, "ks") && (strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f"))
}
