package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// scanTextByRune is scanText written the obvious way, one character at a
// time: the reference the fast version must agree with.
func scanTextByRune(s string) (straight, curly int, spacing bool) {
	runes := []rune(s)
	for i, r := range runes {
		switch {
		case isStraight(r):
			straight++
		case isCurly(r):
			curly++
		case r == ' ' || r == '\t':
			if i+1 == len(runes) || runes[i+1] == ' ' || runes[i+1] == '\n' {
				spacing = true
			}
		}
	}
	return
}

func TestScanTextAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "word", " ", "  ", "\t", "\n", "'", `"`, "‘", "’", "“", "”", "—", "…", "é", "\xe2\x80", "\xe2"}
	texts := []string{"", " ", "\t", "a ", "a\t", "a  b", "a \nb", "a\t\nb", "a\t b", "it’s", "“q”", "\xe2\x80", "x\xe2\x80\x98"}
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for j := r.IntN(12 + i%40); j > 0; j-- { // some past eight bytes, read a word at a time
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		s1, c1, sp1 := scanText(s)
		s2, c2, sp2 := scanTextByRune(s)
		if s1 != s2 || c1 != c2 || sp1 != sp2 {
			t.Fatalf("scanText(%q) = %d, %d, %v; want %d, %d, %v", s, s1, c1, sp1, s2, c2, sp2)
		}
	}
}
