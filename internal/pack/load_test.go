package pack

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/testfs"
)

func TestLoadExamplePack(t *testing.T) {
	f := mustRead(t, "../testdata/packs/failed-to-deliver.yaml")
	if len(f.Problems) > 0 {
		t.Fatalf("problems: %v", f.Problems)
	}
	p := f.Pack
	if p.ID != "failed-to-deliver" || p.Starlint != 1 || p.Category != "General Behavioral" {
		t.Errorf("top level: %+v", p)
	}
	if got := len(p.Quiz); got != 5 {
		t.Errorf("quiz items = %d, want 5", got)
	}
	if got := len(p.Followups); got != 4 {
		t.Errorf("followups = %d, want 4", got)
	}
	if p.Quiz[1].Answer != "D" || p.Quiz[1].AnswerIndex() != 3 {
		t.Errorf("quiz 2 answer = %q (%d)", p.Quiz[1].Answer, p.Quiz[1].AnswerIndex())
	}
	if !strings.HasPrefix(p.Star.Action.Example, "I pulled the webhook delivery logs") {
		t.Errorf("action example = %q", p.Star.Action.Example)
	}
	if p.WeakAnswer == nil || len(p.WeakAnswer.Problems) != 5 {
		t.Errorf("weak answer = %+v", p.WeakAnswer)
	}
	if !p.Star.Reflection.Present || p.Star.Reflection.Example != "" {
		t.Errorf("reflection step = %+v", p.Star.Reflection)
	}
}

func TestPositionsAndPointers(t *testing.T) {
	src := "id: x\nquiz:\n  - question: Q?\n    difficulty: expert\n  - question: “Curly” R?\n    hint: h\n"
	f := Load("p.yaml", []byte(src))
	for _, tt := range []struct {
		ptr       string
		key, val  Pos
		wantFound bool
	}{
		{"/id", Pos{1, 1}, Pos{1, 5}, true},
		{"/quiz/0/difficulty", Pos{4, 5}, Pos{4, 17}, true},
		{"/quiz/1/hint", Pos{6, 5}, Pos{6, 11}, true},
		{"/quiz/1", Pos{5, 5}, Pos{5, 5}, true},
		{"/quiz/7/hint", Pos{3, 3}, Pos{3, 3}, false},
	} {
		if got := f.KeyPos(tt.ptr); got != tt.key {
			t.Errorf("KeyPos(%s) = %v, want %v", tt.ptr, got, tt.key)
		}
		if got := f.ValuePos(tt.ptr); got != tt.val {
			t.Errorf("ValuePos(%s) = %v, want %v", tt.ptr, got, tt.val)
		}
		if got := f.Has(tt.ptr); got != tt.wantFound {
			t.Errorf("Has(%s) = %v", tt.ptr, got)
		}
	}
	// columns count characters: the byte offset of `R?` is past two 3-byte quotes
	off := f.Offset(Pos{5, 23})
	if got := string(f.Src[off : off+2]); got != "R?" {
		t.Errorf("Offset(5:23) points at %q, want \"R?\"", got)
	}
	if back := f.PosOf(off); back != (Pos{5, 23}) {
		t.Errorf("PosOf(Offset(5:23)) = %v", back)
	}
}

func TestPointerEscaping(t *testing.T) {
	if got := JoinPointer("a/b", "c~d", "0"); got != "/a~1b/c~0d/0" {
		t.Errorf("JoinPointer = %q", got)
	}
	segs := SplitPointer("/a~1b/c~0d/0")
	if len(segs) != 3 || segs[0] != "a/b" || segs[1] != "c~d" {
		t.Errorf("SplitPointer = %q", segs)
	}
	f := Load("p.yaml", []byte("\"a/b\": 1\n"))
	if !f.Has("/a~1b") {
		t.Error("Lookup does not unescape ~1")
	}
}

// PointerSegment is one segment of SplitPointer's, found without the split.
func TestPointerSegment(t *testing.T) {
	for _, ptr := range []string{"", "/", "/a", "/a~1b/c~0d/0", "/star/task/phrases/3", "//x", "/a/", "/~01"} {
		segs := SplitPointer(ptr)
		for i := -1; i <= len(segs); i++ {
			want := ""
			if i >= 0 && i < len(segs) {
				want = segs[i]
			}
			if got := PointerSegment(ptr, i); got != want {
				t.Errorf("PointerSegment(%q, %d) = %q, want %q", ptr, i, got, want)
			}
		}
	}
}

func TestBOMAndCRLF(t *testing.T) {
	f := Load("p.yaml", []byte("\ufeffid: bom\r\ntitle: “x”\r\n"))
	if len(f.Problems) > 0 {
		t.Fatalf("problems: %v", f.Problems)
	}
	if f.Pack.ID != "bom" || f.Pack.Title != "“x”" {
		t.Errorf("pack = %+v", f.Pack)
	}
	if got := f.ValuePos("/id"); got != (Pos{1, 5}) {
		t.Errorf("ValuePos(/id) = %v", got)
	}
	off := f.Offset(f.ValuePos("/id"))
	if got := string(f.Src[off : off+3]); got != "bom" {
		t.Errorf("offset of /id points at %q", got)
	}
	if got := f.Line(1); got != "id: bom" {
		t.Errorf("Line(1) = %q (the BOM and line break must be dropped)", got)
	}
}

// TestHostileInput feeds inputs that break parsers and checks each gives a
// clear problem quickly, never a panic.
func TestHostileInput(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	deepValue := "id: " + strings.Repeat("[", 9990) + strings.Repeat("]", 9990) + "\n"
	deepMap := strings.Repeat("a: {", 10001) + strings.Repeat("}", 10001)
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'k'; i++ {
		bomb += string(i) + ": &" + string(i) + " [" + strings.Repeat("*"+string(i-1)+", ", 8) + "*" + string(i-1) + "]\n"
	}
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "file is empty"},
		{"only spaces", "  \n\n", "file is empty"},
		{"only comments", "# nothing here\n", "only comments"},
		{"alias bomb", bomb, "aliases"},
		{"deep flow nesting", deep, "nesting"},
		{"deep mapping nesting", deepMap, "nesting"},
		{"deep value under the limit", deepValue, ""},
		{"binary", "id: x\n\x00\x01\x02\xff", "NUL byte"},
		{"invalid UTF-8", "id: caf\xe9\n", "not valid UTF-8 (byte 0xE9)"},
		{"control character", "id: a\x1bb\n", "control character U+001B"},
		{"C1 control", "id: ab\u0090\n", "control character U+0090"},
		{"next line", "id: a\u0085b\n", "U+0085 NEXT LINE is a line break to YAML"},
		{"paragraph separator", "id: a\u2029b\n", "U+2029 PARAGRAPH SEPARATOR"},
		{"lone CR", "id: a\rb: c\n", "carriage return (CR) not followed by a line feed"},
		{"line separator", "id: a\u2028b\n", "U+2028 LINE SEPARATOR"},
		{"lone CR among CRLF", "id: a\r\ntitle: b\rc\r\n", "carriage return (CR) not followed by a line feed"},
		{"next line in a valid pack", "id: a\ntitle: b\u0085c\n", "U+0085 NEXT LINE"},
		{"scalar document", "just text\n", "not a value"},
		{"list document", "- a\n- b\n", "not a list"},
		{"syntax", "id: [\n", "YAML syntax error"},
		{"tab indentation", "star:\n\tsituation: x\n", "YAML syntax error"},
		{"merge key", "base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys"},
		{"complex key", "? [a, b]\n: c\n", "mapping key must be plain text"},
		{"duplicate key", "id: a\nid: b\n", "duplicate key \"id\""},
		{"second document", "id: a\n---\nid: b\n", "more than one YAML document"},
		{"broken second document", "id: a\n---\n[\n", "more than one YAML document"},
		{"long line", "id: " + strings.Repeat("x", 1<<20) + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			f := Load("hostile.yaml", []byte(tt.src))
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed) // a guard against blow-ups, not a benchmark
			}
			if tt.want == "" {
				if len(f.Problems) != 0 {
					t.Errorf("problems: %v", f.Problems)
				}
				return
			}
			if len(f.Problems) == 0 {
				t.Fatalf("no problem reported, want %q", tt.want)
			}
			if !strings.Contains(f.Problems[0].Message, tt.want) {
				t.Errorf("problem = %q, want it to mention %q", f.Problems[0].Message, tt.want)
			}
			if f.Pack == nil {
				t.Error("Pack is nil")
			}
		})
	}
}

func TestProblemPositions(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want Pos
	}{
		{"id: a\nid: b\n", Pos{2, 1}},
		{"id: ok\ntitle: caf\xe9\n", Pos{2, 11}},
		{"a: 1\nb: 2\nq:\n  - {question: A?, d: e}\n", Pos{4, 17}}, // the "?", as PyYAML says
		{"a: 1\nb: 2\nc: d: e\n", Pos{3, 5}},                       // the second ": "
		{"id: a\n---\nid: b\n", Pos{2, 1}},
	} {
		f := Load("p.yaml", []byte(tt.src))
		if len(f.Problems) == 0 || f.Problems[0].Pos != tt.want {
			t.Errorf("%q: problems %v, want one at %v", tt.src, f.Problems, tt.want)
		}
	}
}

func TestReadFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("# filler line\n"), MaxFileSize/14+10), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(big)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "over starlint's limit of 2.0 MiB") {
		t.Errorf("problems = %v", f.Problems)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("directory: no error")
	}
	fifo := filepath.Join(dir, "pipe.yaml")
	testfs.Mkfifo(t, fifo)
	if _, err := ReadFile(fifo); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("named pipe: %v (and it must not block)", err)
	}
}

func mustRead(t *testing.T, path string) *File {
	t.Helper()
	f, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
