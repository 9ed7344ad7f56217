package lint

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestFindInRunsMatchesRegexp: searching only the runs of a pattern's
// bytes finds what the regexp finds in the whole text, for patterns that
// qualify, and patterns that depend on their surroundings do not qualify.
func TestFindInRunsMatchesRegexp(t *testing.T) {
	qualify := []string{`\d+%`, `\$\d+(,\d{3})*`, `(?i)e-?mail`, `!!+`, `\?`, `[A-Z]{3,}`, `(?i)k8s`, `é+`, `\d+\s*(ms|s)`, `x|yz`}
	refuse := []string{`\bvery\b`, `^Note`, `end$`, `a*`, `(?m)^-`, `x?`, `\B`}
	for _, p := range refuse {
		if matchBytes(p, regexp.MustCompile(p)) != nil {
			t.Errorf("%s qualified, but its matches depend on what surrounds them or may be empty", p)
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"1", "23", "%", "$", ",000", " ", "ms", "s", "e-mail", "E-MAIL", "Email", "!", "?", "ABC", "k8s", "K8S", "\u212a8s", "é", "x", "yz", "\n", "a"}
	for _, p := range qualify {
		re := regexp.MustCompile(p)
		d := &TeamDef{Pattern: p, re: re, runs: matchBytes(p, re)}
		d.literal, d.literalFold = requiredLiteral(p)
		if d.runs == nil {
			t.Fatalf("%s does not qualify", p)
		}
		for n := 0; n < 500; n++ {
			var s string
			for k := r.IntN(25); k > 0; k-- {
				s += alphabet[r.IntN(len(alphabet))]
			}
			for _, limit := range []int{-1, 1, 2} {
				want, got := fmt.Sprint(re.FindAllStringIndex(s, limit)), fmt.Sprint(d.findInRuns(s, limit))
				if want == "[]" {
					want = "[]"
				}
				if got != want && !(got == "[]" && want == "[]") {
					t.Fatalf("%s on %q (n=%d): runs %s, regexp %s", p, s, limit, got, want)
				}
			}
		}
	}
}
