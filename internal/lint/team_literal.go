package lint

import (
	"regexp/syntax"
	"strings"
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

// mayMatch reports whether a text can hold a match of the rule's pattern.
func (d *TeamDef) mayMatch(ft *fileText) bool {
	switch {
	case d.literal == "":
		return true
	case d.literalFold && isASCII(d.literal):
		return containsFoldASCII(ft.Value, d.literal)
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
// or -1.
func indexFoldASCII(s, lit string) int {
	if lit == "" {
		return 0
	}
	first := lit[0]
	upper := first
	if first >= 'a' && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	for i := 0; i+len(lit) <= len(s); {
		j := strings.IndexByte(s[i:], first)
		if upper != first {
			if k := strings.IndexByte(s[i:], upper); k >= 0 && (j < 0 || k < j) {
				j = k
			}
		}
		if j < 0 || i+j+len(lit) > len(s) {
			return -1
		}
		if strings.EqualFold(s[i+j:i+j+len(lit)], lit) {
			return i + j
		}
		i += j + 1
	}
	return -1
}
