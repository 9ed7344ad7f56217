package rules

import (
	"strings"

	"github.com/starlint-dev/starlint/internal/prose"
)

// findTerms finds want (folded terms, as prose.Terms gives them) as
// consecutive words of words, and returns the index of the first and one
// past the last, or -1. Comparing word by word (prose.TermEquals) ignores
// case, quotes, quotation marks, punctuation and spacing without building
// a folded copy of every text.
func findTerms(words []prose.Word, want []string) (int, int) {
	if len(want) == 0 {
		return -1, -1
	}
	for k := 0; k+len(want) <= len(words); k++ {
		if !prose.TermEquals(words[k].Text, want[0]) {
			continue
		}
		n := 1
		for n < len(want) && prose.TermEquals(words[k+n].Text, want[n]) {
			n++
		}
		if n == len(want) {
			return k, k + n
		}
	}
	return -1, -1
}

// leadWords open an option without naming it: "They were approvals..." is
// named by a step that says "the twelve were approvals...".
var leadWords = toSet("they it he she i you we this that these those the a an to so because and but")

// optionCore is an option's terms without its leading pronouns, articles
// and conjunctions, when at least two words remain (else all of them).
func optionCore(terms []string) []string {
	k := 0
	for k < len(terms) && leadWords[terms[k]] {
		k++
	}
	if k == 0 || len(terms)-k < 2 {
		return terms
	}
	return terms[k:]
}

// hasLetter reports whether s holds the capital letter c as a word of its
// own ("A", "(B)"): the cheap test before the answer-letter pattern runs.
func hasLetter(s string, c byte) bool {
	for i := strings.IndexByte(s, c); i >= 0; {
		before := i == 0 || !isWordByte(s[i-1])
		after := i+1 >= len(s) || !isWordByte(s[i+1])
		if before && after {
			return true
		}
		j := strings.IndexByte(s[i+1:], c)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
