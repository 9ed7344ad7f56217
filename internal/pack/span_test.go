package pack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/prose"
)

// TestTextSpanStyles pins where a word of the value lies in the source for
// every scalar style, with LF and CRLF line ends.
func TestTextSpanStyles(t *testing.T) {
	tests := []struct {
		name, src, word string
		ptr             string // of the scalar; /k when empty
		line, col, end  int    // the word's source position; end is exclusive
	}{
		{"plain", "k: I pulled the logs\n", "logs", "", 1, 17, 21},
		{"plain multi-line", "k: I pulled\n  the logs and\n  we fixed it\n", "we", "", 3, 3, 5},
		{"single-quoted with ''", "k: 'It''s what we did'\n", "we", "", 1, 16, 18},
		{"double-quoted with \\\"", "k: \"She said \\\"go\\\" and we went\"\n", "we", "", 1, 25, 27},
		{"double-quoted escape before", "k: \"a\\tb \\u2019 we\"\n", "we", "", 1, 17, 19},
		{"double-quoted escaped break", "k: \"one \\\n  two we\"\n", "we", "", 2, 7, 9},
		{"double-quoted folded", "k: \"one\n  two\n\n  we\"\n", "we", "", 4, 3, 5},
		{"folded", "k: >-\n  I pulled the logs.\n  We fixed it.\n", "We", "", 3, 3, 5},
		{"folded keep", "k: >\n  I pulled.\n\n  We fixed it.\n", "We", "", 4, 3, 5},
		{"literal", "k: |\n  I pulled.\n    We fixed it.\n", "We", "", 3, 5, 7},
		{"literal strip", "k: |-\n  line one\n  we two\n", "we", "", 3, 3, 5},
		{"flow sequence item", "k: [alpha, we beta]\n", "we", "/k/1", 1, 12, 14},
		{"flow mapping value", "k: {a: x, b: we y}\n", "we", "/k/b", 1, 14, 16},
		{"curly quotes before", "k: “quoted” ’ we\n", "we", "", 1, 15, 17},
		{"tagged", "k: !!str we did\n", "we", "", 1, 10, 12},
		{"comment after", "k: we did # we\n", "we", "", 1, 4, 6},
	}
	for _, tt := range tests {
		for _, crlf := range []bool{false, true} {
			src := tt.src
			name := tt.name
			if crlf {
				src = strings.ReplaceAll(src, "\n", "\r\n")
				name += " CRLF"
			}
			t.Run(name, func(t *testing.T) {
				f := Load("t.yaml", []byte(src))
				if len(f.Problems) > 0 {
					t.Fatalf("problems: %v", f.Problems)
				}
				ptr := tt.ptr
				if ptr == "" {
					ptr = "/k"
				}
				_, n, _ := f.Node(ptr)
				at := strings.Index(n.Value, tt.word)
				if at < 0 {
					t.Fatalf("value %q lacks %q", n.Value, tt.word)
				}
				r := f.Range(f.TextSpan(n, at, at+len(tt.word)))
				want := Range{Pos{tt.line, tt.col}, Pos{tt.line, tt.end}}
				if r != want {
					t.Errorf("span of %q in %q = %v, want %v", tt.word, src, r, want)
				}
			})
		}
	}
}

// TestTextSpanMatchesSource checks, over every pack file in the repository's
// fixtures, that each word of each string value maps to source bytes that
// spell the same word whenever the scalar has no escapes, and that every
// scalar is mapped (none falls back to its first line).
func TestTextSpanMatchesSource(t *testing.T) {
	var paths []string
	for _, glob := range []string{"../lint/rules/testdata/*/*.yaml", "../testdata/packs/*.yaml", "../format/testdata/*.yaml"} {
		m, _ := filepath.Glob(glob)
		paths = append(paths, m...)
	}
	if len(paths) < 20 {
		t.Fatalf("only %d fixtures found", len(paths))
	}
	checked := 0
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f := Load(path, src)
		if f.Root == nil {
			continue
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			for _, c := range n.Content {
				walk(c)
			}
			if n.Kind != yaml.ScalarNode || n.Value == "" {
				return
			}
			start := f.NodeStart(n)
			if scalarOffsets(f.Src, start, n) == nil {
				t.Errorf("%s:%d:%d: scalar %q (style %d) could not be mapped", path, n.Line, n.Column, clipped(n.Value), n.Style)
				return
			}
			escapes := n.Style&yaml.DoubleQuotedStyle != 0 && strings.Contains(string(src[start:min(len(src), start+len(n.Value)*2+8)]), "\\")
			for _, w := range prose.Words(n.Value) {
				s := f.TextSpan(n, w.Start, w.Start+len(w.Text))
				got := string(f.Src[s.Start:s.End])
				if escapes || n.Style&yaml.SingleQuotedStyle != 0 {
					got = strings.ReplaceAll(got, "''", "'")
					if strings.ContainsAny(got, "\\") {
						continue // an escape inside the word
					}
				}
				if got != w.Text && !strings.Contains(w.Text, "\n") {
					t.Errorf("%s:%d: word %q maps to %q", path, n.Line, w.Text, got)
				}
				checked++
			}
		}
		walk(f.Root)
	}
	if checked < 1000 {
		t.Errorf("only %d words checked", checked)
	}
}

func clipped(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func TestRangeOnLongLines(t *testing.T) {
	// One long line with non-ASCII text: positions stay exact both ways
	// across the checkpoints the table keeps for long lines.
	line := strings.Repeat("é’a ", 2000)
	src := []byte("k: " + line + "\nnext: x\n")
	f := Load("t.yaml", src)
	for _, off := range []int{0, 3, 255, 256, 257, 1023, 1024, 4097, len(line) - 1} {
		pos := f.PosOf(off)
		want := Pos{1, len([]rune(string(src[:off]))) + 1}
		if pos != want {
			t.Fatalf("PosOf(%d) = %v, want %v", off, pos, want)
		}
		if back := f.Offset(pos); back != off && src[off]&0xC0 != 0x80 {
			t.Fatalf("Offset(%v) = %d, want %d", pos, back, off)
		}
	}
	if p := f.PosOf(len(src) - 2); p != (Pos{2, 7}) {
		t.Fatalf("second line: %v", p)
	}
}
