package rules_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/fuzzseed"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestAdversarialInputsFinish lints inputs that once took quadratic time
// (a text full of opening quotes, a flood of one-word sentences, a huge
// mapping with a suppression comment). Each must finish; the deadline is a
// guard against a hang, far above the time they take.
func TestAdversarialInputsFinish(t *testing.T) {
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	inText := func(val string) string {
		q := strings.ReplaceAll(val, "'", "''")
		return "star:\n  action:\n    target: 1s\n    phrases: [x]\n    example: '" + q + "'\nquiz:\n  - options: [a, b]\n    answer: A\n    solution: ['" + q + "']\n"
	}
	var manyKeys strings.Builder
	manyKeys.WriteString("# starlint-disable no-we\n")
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&manyKeys, "k%d: \"v\"\n", i)
	}
	inputs := map[string]string{
		"opening parens":     inText(strings.Repeat("(", 200000)),
		"straight quotes":    inText(strings.Repeat("\" ", 100000)),
		"curly quotes":       inText(strings.Repeat("“", 100000)),
		"one-word sentences": inText(strings.Repeat("a. ", 100000)),
		"we, we, we":         inText(strings.Repeat("we ", 100000)),
		"mixed apostrophes":  inText(strings.Repeat("’ ' ", 50000)),
		"many keys":          manyKeys.String(),
		"many list items":    "tags:\n" + strings.Repeat("  - \"x\"\n", 100000),
	}
	for name, src := range inputs {
		done := make(chan int, 1)
		go func() {
			diags, _ := l.LintFile(pack.Load("adversarial.yaml", []byte(src)))
			done <- len(diags)
		}()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: linting did not finish", name)
		}
	}
}

// TestMutatedPacks lints thousands of random mutations of the fixtures
// (bytes flipped, cut, repeated, quotes and indicators inserted), the way
// FuzzRules does, so every test run covers what the fuzzer covers: no
// panic, positions inside the file, fixes inside it and keeping it valid.
func TestMutatedPacks(t *testing.T) {
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 11))
	seeds := fuzzseed.Packs()
	inserts := []string{"\"", "'", "“", "’", "(", "[", "{", " ", "#", ": ", "- ", "\n", "&a ", "*a", "TODO", "We "}
	for i := 0; i < 3000; i++ {
		src := append([]byte(nil), seeds[r.IntN(len(seeds))]...)
		for m := 0; m < 1+r.IntN(6) && len(src) > 0; m++ {
			j := r.IntN(len(src))
			switch r.IntN(4) {
			case 0:
				src[j] = byte(r.IntN(256))
			case 1:
				src = append(src[:j], src[min(len(src), j+1+r.IntN(40)):]...)
			case 2:
				k := r.IntN(len(src))
				src = append(src[:j], append(append([]byte(nil), src[min(j, k):max(j, k)]...), src[j:]...)...)
			case 3:
				src = append(src[:j], append([]byte(inserts[r.IntN(len(inserts))]), src[j:]...)...)
			}
		}
		file := pack.Load("mutated.yaml", src)
		diags, _ := l.LintFile(file)
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Col < 1 || d.Message == "" {
				t.Fatalf("bad diagnostic %+v in\n%s", d, src)
			}
		}
		if fixed, n := lint.ApplyFixes(src, diags); n > 0 {
			if after := pack.Load("mutated.yaml", fixed); after.Root == nil || len(after.Problems) > len(file.Problems) {
				t.Fatalf("fixes broke the YAML: %v\n%s", after.Problems, src)
			}
		}
	}
}
