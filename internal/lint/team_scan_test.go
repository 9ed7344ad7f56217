package lint

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/pack"
)

// TestScanMatchesWordLoop: the byte scan finds exactly the word-list
// matches that reading every word finds (the way the index worked before
// the scan, and still works for first words the scan cannot find), on
// every fixture and generated pack and on random texts built to stress
// word boundaries: case, apostrophes, hyphens, numbers, non-ASCII letters
// and the Kelvin sign.
func TestScanMatchesWordLoop(t *testing.T) {
	cfg, err := ParseConfig("t/.starlint.yaml", []byte(`rules:
  t/words:
    kind: existence
    ignore-case: true
    tokens: [drill down, ping, e-mail, k8s, circle back, 8,000, co-op, a]
  t/case:
    kind: existence
    tokens: [Synergy, US, best-in-class, ok]
  t/swap:
    kind: substitution
    swap: {utilise: utilize, log in: login, kelvin: K}
  t/nonword:
    kind: existence
    nonword: true
    ignore-case: true
    tokens: ["!!", "--", "e.g"]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	var defs []*TeamDef
	for _, r := range cfg.Team {
		defs = append(defs, r.Options().(*TeamDef))
	}
	fast, slow := defs[0].scan, newTeamScan(defs, true)
	if fast == nil || fast.wordLoop || !slow.wordLoop {
		t.Fatal("want a byte scan and a word-loop scan")
	}
	var srcs [][]byte
	for _, glob := range []string{"testdata/team/*/*.yaml", "rules/testdata/*/*.yaml", "../testdata/well-written/*.yaml", "../testdata/packs/*.yaml"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, src)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"drill", "down", "Drill", "DOWN", "ping", "pinging", "e-mail", "E-Mail", "k8s", "K8S", "\u212a8s", "circle", "back", "8,000", "8", "000", "co-op", "co", "op", "a", "A", "synergy", "Synergy", "US", "us", "best-in-class", "ok", "OK", "utilise", "Utilise", "log", "in", "kelvin", "!!", "!!!", "--", "e.g", "é", "ß", "’", "'", "-", ".", ",", " ", " ", "\n", "_"}
	for n := 0; n < 400; n++ {
		var b strings.Builder
		b.WriteString("scenario: \"")
		for k := r.IntN(30); k > 0; k-- {
			b.WriteString(strings.ReplaceAll(pieces[r.IntN(len(pieces))], "\n", "\\n"))
		}
		b.WriteString("\"\n")
		srcs = append(srcs, []byte(b.String()))
	}
	compared := 0
	for _, src := range srcs {
		f := pack.Load("x.yaml", src)
		if f.Root == nil {
			continue
		}
		p := &Pass{File: f, Pack: f.Pack, memo: map[any]any{}}
		got, want := describe(fast.run(p)), describe(slow.run(p))
		if got != want {
			t.Fatalf("the byte scan and the word loop differ on:\n%s\nscan:\n%s\nwords:\n%s", src, got, want)
		}
		compared++
	}
	if compared < 300 {
		t.Fatalf("compared only %d files", compared)
	}
}

func describe(r *scanResult) string {
	var lines []string
	for d, ms := range r.tokens {
		for _, m := range ms {
			lines = append(lines, fmt.Sprintf("%s %d %d-%d %q", d.Tokens, m.ft.idx, m.start, m.end, m.entry.token))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
