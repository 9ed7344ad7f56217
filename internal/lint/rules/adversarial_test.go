package rules_test

import (
	"fmt"
	"hash/fnv"
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
		// the review's alias flood, with one curly quote on its one line
		"alias flood": "a: &a x\nb: [“" + strings.Repeat(", *a", 100000) + "]\n",
	}
	for name, src := range inputs {
		done := make(chan int, 1)
		go func() {
			diags, _ := l.LintFile(pack.Load("adversarial.yaml", []byte(src)))
			done <- len(diags)
		}()
		select {
		case n := <-done:
			// at most MaxPerRule findings a rule, and one more saying how
			// many were left out (19 rules; the pack problems likewise)
			if limit := (lint.MaxPerRule + 1) * (len(rules.All()) + 1); n > limit {
				t.Errorf("%s: %d diagnostics, more than the %d the caps allow", name, n, limit)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: linting did not finish", name)
		}
	}
}

// TestFindingsAreCapped: a rule reports at most lint.MaxPerRule findings in
// a file, then one that says how many more there are; a file of aliases
// keeps at most pack.MaxProblems problems, plus one such count.
func TestFindingsAreCapped(t *testing.T) {
	l, _ := lint.New([]*lint.Rule{rules.NoWe}, nil, nil)
	diags, _ := l.LintFile(pack.Load("we.yaml", []byte("star:\n  task:\n    example: "+strings.Repeat("we ", 500)+"\n")))
	if len(diags) != lint.MaxPerRule+1 || !strings.Contains(diags[len(diags)-1].Message, "and 400 more findings of no-we in this file") {
		t.Errorf("%d diagnostics, last %q", len(diags), diags[len(diags)-1].Message)
	}
	f := pack.Load("aliases.yaml", []byte("a: &a x\nb: ["+strings.TrimPrefix(strings.Repeat(", *a", 5000), ", ")+"]\n"))
	if len(f.Problems) != pack.MaxProblems+1 || !strings.Contains(f.Problems[pack.MaxProblems].Message, "and 4900 more problems") {
		t.Errorf("%d problems, last %q", len(f.Problems), f.Problems[len(f.Problems)-1].Message)
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
	inserts := []string{"\"", "'", "“", "’", "(", "[", "{", " ", "#", ": ", "- ", "\n", "&a ", "*a", "TODO", "We "}
	// Each seed's mutations come from a generator seeded by its name, so
	// a new fixture adds cases without changing the others.
	for _, seed := range fuzzseed.Named() {
		h := fnv.New64a()
		h.Write([]byte(seed.Name))
		r := rand.New(rand.NewPCG(h.Sum64(), 11))
		for i := 0; i < 25; i++ {
			mutateAndLint(t, l, r, seed.Src, inserts)
		}
	}
}

func mutateAndLint(t *testing.T, l *lint.Linter, r *rand.Rand, seed []byte, inserts []string) {
	t.Helper()
	{ // one mutation of seed
		src := append([]byte(nil), seed...)
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
