package rules_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

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
