package pack

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// mutate makes the mistakes writers make, one per file: an indentation
// slip, a tab, an unclosed quote or bracket, a stray ": " in a value.
func mutate(src string, r *rand.Rand) (string, string) {
	lines := strings.Split(src, "\n")
	var keys []int // lines holding "key: value" or "- item"
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" && !strings.HasPrefix(t, "#") && i > 1 {
			keys = append(keys, i)
		}
	}
	if len(keys) == 0 {
		return "", ""
	}
	i := keys[r.IntN(len(keys))]
	l := lines[i]
	indent := len(l) - len(strings.TrimLeft(l, " "))
	kind := []string{"over-indent", "under-indent", "tab", "open-quote", "open-bracket", "stray-colon"}[r.IntN(6)]
	switch kind {
	case "over-indent":
		lines[i] = " " + l
	case "under-indent":
		if indent == 0 {
			return "", ""
		}
		lines[i] = l[1:]
	case "tab":
		lines[i] = strings.Repeat(" ", r.IntN(indent+1)) + "\t" + strings.TrimLeft(l, " ")
	case "open-quote":
		k := strings.Index(l, ": ")
		if k < 0 || strings.ContainsAny(l[k:], "\"'") {
			return "", ""
		}
		lines[i] = l[:k+2] + `"` + l[k+2:]
	case "open-bracket":
		k := strings.Index(l, ": ")
		if k < 0 {
			return "", ""
		}
		lines[i] = l[:k+2] + "[" + strings.ReplaceAll(l[k+2:], "]", "")
	case "stray-colon":
		lines[i] = l + " note: more"
	}
	return strings.Join(lines, "\n"), kind
}

// TestSyntaxErrorsMatchPyYAML mutates packs with the mistakes above and,
// for each file that both yaml.v3 and PyYAML refuse, checks that starlint
// reports the problem where PyYAML's problem mark is. It needs python3 with
// PyYAML (Debian's python3-yaml), required under STARLINT_E2E=1.
func TestSyntaxErrorsMatchPyYAML(t *testing.T) {
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import yaml").Run(); err != nil {
		if os.Getenv("STARLINT_E2E") == "1" {
			t.Fatal("STARLINT_E2E=1 but python3 with PyYAML is missing (apt-get install python3-yaml)")
		}
		t.Skip("needs /usr/bin/python3 with PyYAML (apt-get install python3-yaml)")
	}
	var seeds []string
	for _, glob := range []string{"../lsp/testdata/pack.yaml", "../lint/rules/testdata/schema/valid.yaml", "../format/testdata/*.yaml", "../testdata/well-written/*.yaml"} {
		m, _ := filepath.Glob(glob)
		for _, p := range m {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if f := Load(p, src); f.Root != nil && len(f.Problems) == 0 && !bytes.Contains(src, []byte("\r")) && bytes.Count(src, []byte("\n")) >= 20 {
				seeds = append(seeds, string(src))
			}
		}
	}
	if len(seeds) < 3 {
		t.Fatalf("only %d seed packs", len(seeds))
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	type sample struct {
		kind string
		got  Pos
	}
	samples := map[string]sample{}
	var list strings.Builder
	for n := 0; len(samples) < 600 && n < 10000; n++ {
		src, kind := mutate(seeds[n%len(seeds)], r)
		if src == "" {
			continue
		}
		f := Load("m.yaml", []byte(src))
		if len(f.Problems) == 0 || !strings.HasPrefix(f.Problems[0].Message, "YAML syntax error") {
			continue // yaml.v3 reads it (the mistake was valid YAML)
		}
		path := filepath.Join(dir, fmt.Sprintf("%04d.yaml", n))
		os.WriteFile(path, []byte(src), 0o644)
		samples[path] = sample{kind, f.Problems[0].Pos}
		list.WriteString(path + "\n")
	}
	cmd := exec.Command(python, "testdata/pyyaml_marks.py")
	cmd.Stdin = strings.NewReader(list.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyyaml: %v", err)
	}
	compared, agree := map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue // PyYAML reads it, or gives no mark: nothing to compare
		}
		line, _ := strconv.Atoi(f[1])
		col, _ := strconv.Atoi(f[2])
		s := samples[f[0]]
		compared[s.kind]++
		if s.got == (Pos{line, col}) {
			agree[s.kind]++
		} else if compared[s.kind]-agree[s.kind] <= 3 {
			src, _ := os.ReadFile(f[0])
			lines := strings.Split(string(src), "\n")
			if d := os.Getenv("STARLINT_KEEP_MISMATCHES"); d != "" {
				os.WriteFile(filepath.Join(d, filepath.Base(f[0])), src, 0o644)
			}
			from := max(0, min(s.got.Line, line)-4)
			t.Errorf("%s (%s): starlint %d:%d, PyYAML %d:%d, in:\n%s", filepath.Base(f[0]), s.kind, s.got.Line, s.got.Col, line, col, strings.Join(lines[from:min(len(lines), max(s.got.Line, line))], "\n"))
		}
	}
	total := 0
	for kind, n := range compared {
		total += n
		t.Logf("%s: %d of %d at PyYAML's place", kind, agree[kind], n)
	}
	if total < 100 {
		t.Errorf("only %d files compared", total)
	}
}

// FuzzScanSyntax: the syntax locator never panics, and any position it
// gives is inside the file.
func FuzzScanSyntax(f *testing.F) {
	for _, s := range []string{"a: b\n  c: d\n", "k: [a, b\nx: y\n", "k: \"open\n", "\t- x\n", "- a: b: c\n", "k: |x\n  y\n", "&  ", "k: !t\n  - a\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, ok := scanSyntax(src)
		if !ok {
			return
		}
		lines := strings.Split(string(src), "\n")
		if p.pos.Line < 1 || p.pos.Line > len(lines) || p.pos.Col < 1 || p.pos.Col > len([]rune(lines[p.pos.Line-1]))+2 {
			t.Fatalf("position %v outside the file %q", p.pos, src)
		}
	})
}

// TestFlowTextSyntax: inside [ ] and { }, an apostrophe within a word is
// plain text (only a quote that starts a text opens a quoted text), and a
// mistake on the first line is placed as well as one further down.
func TestFlowTextSyntax(t *testing.T) {
	for _, ok := range []string{
		"a: {x: I read the runbook's lag., y: b}\n",
		"a: [\"x\", 'y', z's, 'it''s']\n",
		"a: {x: 'quoted', y: \"b\", z: [don't, stop]}\n",
		"a: {x: it's 'odd, y: b}\n", // a quote inside a plain text is text
	} {
		if f := Load("ok.yaml", []byte(ok)); len(f.Problems) > 0 {
			t.Errorf("%q: %v", ok, f.Problems)
		}
	}
	for src, want := range map[string]Pos{
		"c: {m: What next time?, n: o}\n":      {1, 22},
		"c: [What next time?, o]\n":            {1, 19},
		"a:\n  b: {x: the runbook's?, y: z}\n": {2, 23},
	} {
		f := Load("bad.yaml", []byte(src))
		if len(f.Problems) == 0 || f.Problems[0].Pos != want || !strings.HasPrefix(f.Problems[0].Message, "YAML syntax error") {
			t.Errorf("%q: got %v, want a syntax error at %v", src, f.Problems, want)
		}
	}
}
