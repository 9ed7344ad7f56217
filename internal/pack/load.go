package pack

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/fastyaml"
)

// MaxFileSize is the largest pack file starlint reads: 2 MiB, about 150 times
// the size of a full pack. Anything larger is reported without being parsed,
// which bounds the time and memory one file can take.
const MaxFileSize = 2 << 20

// Problem is a reason the file is not a valid single YAML document. The lint
// driver reports these under the rule "yaml".
type Problem struct {
	Pos     Pos
	End     Pos // just past the text at fault; zero when only Pos is known
	Pointer string
	Message string
}

// File is a loaded pack file: its source, its node tree and typed model, and
// everything needed to turn a JSON pointer into a position.
type File struct {
	Path string
	// Src is the file's bytes. Never change them: the tree's strings may
	// share them (owned, below), and other goroutines read them.
	Src []byte
	// Root is the document's top-level mapping, nil when the file could not
	// be read as one (see Problems). Its nodes carry no comments; the
	// formatter, which keeps comments, parses with yaml.v3 itself.
	Root *yaml.Node
	// Pack is the typed model; never nil, empty when Root is nil.
	Pack *Pack
	// Problems are the YAML-level problems, in file order.
	Problems []Problem

	lines lineTable
	// A File is shared between goroutines (the engine, the language
	// server), so what it builds lazily is built once, under sync.Once.
	value     any // built on first use by Value
	valueOnce sync.Once
	// index maps pointers to nodes. It is built after a few lookups: most
	// files need one or two (a valid pack: its id), while files with many
	// diagnostics would otherwise scan large mappings again and again.
	index     map[string]indexEntry
	indexOnce sync.Once
	lookups   atomic.Int32
	slab      *fastyaml.Slab // the nodes' memory, for Release
	// owned: Src is this File's alone and never changes (ReadFile's
	// buffer), so the tree's strings share it instead of copying it.
	owned bool
}

// indexAfter is how many lookups a file answers by walking the tree before
// it builds the index.
const indexAfter = 8

type indexEntry struct{ key, value *yaml.Node }

// Value returns the document as JSON-compatible values (maps, slices,
// strings, numbers, bools, nil) for schema validation, building it on first
// use. It is nil when Root is nil.
func (f *File) Value() any {
	if f.Root == nil {
		return nil
	}
	f.valueOnce.Do(func() {
		b := valueBuilder{build: true}
		f.value = b.value(f.Root)
	})
	return f.value
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Load parses src, the content of the file at path. It never fails: a file
// that is not a valid pack document comes back with Problems and a nil Root.
// Load does not panic on any input and takes time and memory bounded by
// MaxFileSize.
func Load(path string, src []byte) *File { return load(path, src, false) }

// load is Load; owned says nothing else has src and nothing will change
// it (ReadFile's buffer), so the tree may share its bytes.
func load(path string, src []byte, owned bool) *File {
	f := &File{Path: path, Src: src, Pack: &Pack{}, lines: newLineTable(src), owned: owned}
	if len(src) > MaxFileSize {
		f.fail(Pos{1, 1}, "file is %s, over starlint's limit of %s for one pack: split it into several packs", byteSize(len(src)), byteSize(MaxFileSize))
		return f
	}
	body := bytes.TrimPrefix(src, utf8BOM)
	if len(bytes.TrimSpace(body)) == 0 {
		f.fail(Pos{1, 1}, "file is empty: a pack needs at least starlint, id, title, category, competency, scenario, star and reflections")
		return f
	}
	if off, name := oddLineBreak(src); off >= 0 {
		f.fail(f.lines.PosOf(off), "%s is a line break to YAML but not to editors, so line numbers would disagree: replace it with a space or a real line break", name)
		_, size := utf8.DecodeRune(src[off:])
		f.Problems[0].End = f.lines.PosOf(off + size)
		return f
	}
	doc, ok := parse(f, body)
	if !ok {
		return f
	}
	root := doc.root
	if root.Kind != yaml.MappingNode {
		f.fail(Pos{root.Line, root.Column}, "a pack must be a mapping of keys (starlint:, id:, title:, ...), not a %s", kindName(root))
		return f
	}
	b := valueBuilder{}
	b.value(root)
	f.Problems = b.problems
	if b.dropped > 0 {
		last := f.Problems[len(f.Problems)-1]
		f.Problems = append(f.Problems, Problem{Pos: last.Pos, Message: fmt.Sprintf("and %d more problems of the kinds above: fix those first", b.dropped)})
	}
	f.Root = root
	f.Pack = decodePack(root)
	f.slab = doc.slab
	return f
}

// Release gives the memory of the file's nodes back for the next file to
// load, when fastyaml read it. Only the one who loaded the file may call
// it, once nothing reads the file's nodes or its Pack any more (a batch
// lint, once the file is linted): afterwards the file has no tree.
func (f *File) Release() {
	if f.slab == nil {
		return
	}
	f.Root, f.Pack = nil, &Pack{}
	f.slab.Release()
	f.slab = nil
}

// oddLineBreak finds the first line break other than LF and CRLF: a lone
// CR, NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR. yaml.v3 counts each as a
// new line; editors, and the line table, count only LF. Rather than
// positions that disagree, such a file gets one clear problem.
func oddLineBreak(src []byte) (int, string) {
	first, name := -1, ""
	for _, b := range []struct{ seq, name string }{
		{"\u0085", "U+0085 NEXT LINE"}, {"\u2028", "U+2028 LINE SEPARATOR"}, {"\u2029", "U+2029 PARAGRAPH SEPARATOR"},
	} {
		if i := bytes.Index(src, []byte(b.seq)); i >= 0 && (first < 0 || i < first) {
			first, name = i, b.name
		}
	}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\r')
		if j < 0 {
			break
		}
		i += j
		if i+1 >= len(src) || src[i+1] != '\n' {
			if first < 0 || i < first {
				first, name = i, "a carriage return (CR) not followed by a line feed"
			}
			break
		}
		i++
	}
	return first, name
}

func (f *File) fail(pos Pos, format string, args ...any) {
	f.Problems = append(f.Problems, Problem{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// ValuePos returns the position of the node at ptr: for a mapping entry its
// value, for a list item the item. A pointer that names nothing gets the
// position of the deepest node that exists on its way.
func (f *File) ValuePos(ptr string) Pos {
	_, v, _ := f.Node(ptr)
	if v == nil {
		return Pos{1, 1}
	}
	return Pos{v.Line, v.Column}
}

// KeyPos returns the position of the key of the mapping entry at ptr, or of
// the node itself when ptr names a list item or the root.
func (f *File) KeyPos(ptr string) Pos {
	k, v, ok := f.Node(ptr)
	switch {
	case ok && k != nil:
		return Pos{k.Line, k.Column}
	case v != nil:
		return Pos{v.Line, v.Column}
	}
	return Pos{1, 1}
}

// Has reports whether ptr names a node in the file.
func (f *File) Has(ptr string) bool {
	_, _, ok := f.Node(ptr)
	return ok
}

// Node returns the node at ptr and, for a mapping entry, its key.
func (f *File) Node(ptr string) (key, value *yaml.Node, ok bool) {
	if f.Root == nil {
		return nil, nil, false
	}
	if f.lookups.Add(1) <= indexAfter {
		return Lookup(f.Root, ptr)
	}
	f.indexOnce.Do(func() { f.index = buildIndex(f.Root) })
	if e, ok := f.index[ptr]; ok {
		return e.key, e.value, true
	}
	return Lookup(f.Root, ptr) // not there: find the deepest node on the way
}

// buildIndex maps every pointer in the tree to its node; for duplicate
// keys the last wins, as in the value the schema sees.
func buildIndex(root *yaml.Node) map[string]indexEntry {
	index := map[string]indexEntry{"": {value: root}}
	var walk func(n *yaml.Node, ptr string)
	walk = func(n *yaml.Node, ptr string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := ptr + "/" + escapeSegment(n.Content[i].Value)
				index[p] = indexEntry{n.Content[i], n.Content[i+1]}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				p := ptr + "/" + strconv.Itoa(i)
				index[p] = indexEntry{nil, item}
				walk(item, p)
			}
		}
	}
	walk(root, "")
	return index
}

// Offset returns the byte offset in Src of pos.
func (f *File) Offset(pos Pos) int { return f.lines.Offset(pos) }

// PosOf returns the position of a byte offset in Src.
func (f *File) PosOf(off int) Pos { return f.lines.PosOf(off) }

// Line returns source line n (1-based) without its line break.
func (f *File) Line(n int) string { return f.lines.Line(n) }

// LinePrefix returns at most max bytes of line n (cut at a character
// boundary), without copying the rest of a long line.
func (f *File) LinePrefix(n, max int) string { return f.lines.LinePrefix(n, max) }

// NumLines returns the number of lines in the file.
func (f *File) NumLines() int { return f.lines.NumLines() }

type document struct {
	root  *yaml.Node // the document's content node
	extra *yaml.Node // a second document, if any
	slab  *fastyaml.Slab
}

// parse reads the one YAML document in body into nodes, or records why it
// cannot. Packs are nearly always plain block-style YAML, which fastyaml
// reads several times faster than yaml.v3; fastyaml accepts only valid
// UTF-8 without control characters, so the byte check is needed only for
// the files it leaves to yaml.v3, which also gives every syntax error its
// message. Either way the nodes carry no comments, so what downstream sees
// never depends on the path taken.
func parse(f *File, body []byte) (document, bool) {
	parse := fastyaml.ParseSlab
	if f.owned {
		parse = fastyaml.ParseOwned
	}
	if root, slab, ok := parse(body); ok {
		return document{root: root, slab: slab}, true
	}
	if off, r, bad := firstBadByte(f.Src); bad {
		pos := f.lines.PosOf(off)
		switch {
		case r == utf8.RuneError:
			f.fail(pos, "file is not valid UTF-8 (byte 0x%02X): save it as UTF-8 text", f.Src[off])
		case r == 0:
			f.fail(pos, "file contains a NUL byte: it looks like a binary file, not a YAML pack")
		default:
			f.fail(pos, "control character %U is not allowed in YAML: remove it", r)
		}
		return document{}, false
	}
	doc, err := parseYAMLv3(body)
	if err != nil {
		pos, msg := syntaxErrorPos(err, f.lines), syntaxErrorMessage(err)
		// yaml.v3 names a line, often the enclosing collection's, and no
		// column: find the real place from the file's structure.
		if p, ok := locateSyntaxError(f.Src); ok && isSyntaxError(err) {
			pos, msg = p.pos, "YAML syntax error: "+p.msg
			if strings.Contains(err.Error(), "more than one YAML document") {
				msg = "the file holds more than one YAML document (a pack is one), and a later one is broken: " + p.msg
			}
		}
		f.fail(pos, "%s", msg)
		return document{}, false
	}
	if doc.extra != nil {
		f.fail(Pos{doc.extra.Line, doc.extra.Column}, "file holds more than one YAML document: a pack is one document, so remove the `---` separator and what follows or move it to its own file")
		return document{}, false
	}
	dropComments(doc.root)
	return doc, true
}

// dropComments clears the comment fields under n.
func dropComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		dropComments(c)
	}
}

// parseYAMLv3 reads one YAML document with yaml.v3, which bounds nesting
// depth and alias expansion itself; the recover turns any parser panic into
// an error so that one broken file never stops a run.
func parseYAMLv3(src []byte) (doc document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML parser failed on this file (%v)", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var n yaml.Node
	if err := dec.Decode(&n); err != nil {
		if errors.Is(err, io.EOF) {
			return doc, errors.New("yaml: the file holds only comments: a pack needs keys")
		}
		return doc, err
	}
	if len(n.Content) == 0 {
		return doc, errors.New("yaml: the document is empty")
	}
	doc.root = n.Content[0]
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		doc.extra = &next
		if next.Line == 0 && len(next.Content) > 0 {
			doc.extra = next.Content[0]
		}
	} else if !errors.Is(err, io.EOF) {
		return doc, fmt.Errorf("yaml: the file holds more than one YAML document, and a later one is broken (%w)", err)
	}
	return doc, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// isSyntaxError tells yaml.v3's syntax errors from its limits (depth,
// aliases) and from files that hold no document.
// isSyntaxError tells yaml.v3's syntax errors from its other refusals. A
// parser error on the first line has no "line N:" (yaml.v3 leaves out line
// 0), so "did not find expected" counts on its own.
func isSyntaxError(err error) bool {
	msg := err.Error()
	return yamlAnyLineRE.MatchString(msg) || strings.Contains(msg, "did not find expected")
}

var yamlAnyLineRE = regexp.MustCompile(`line \d+: `)

func syntaxErrorPos(err error, lines lineTable) Pos {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return Pos{1, 1}
	}
	line, _ := strconv.Atoi(m[1])
	// yaml.v3 reports parser errors ("did not find expected ...") with the
	// zero-based line of the collection being parsed; scanner errors are
	// one-based already.
	if strings.Contains(err.Error(), "did not find expected") {
		line++
	}
	line = max(1, min(line, lines.NumLines()))
	col := 1
	for _, r := range lines.Line(line) {
		if r != ' ' && r != '\t' {
			break
		}
		col++
	}
	return Pos{line, col}
}

func syntaxErrorMessage(err error) string {
	msg := yamlLineRE.ReplaceAllString(err.Error(), "")
	msg = strings.TrimPrefix(msg, "yaml: ")
	switch {
	case msg == "exceeded max depth of 10000":
		return "YAML nesting is more than 10000 levels deep: a pack is a few levels deep at most"
	case msg == "document contains excessive aliasing":
		return "YAML aliases expand to too much data: aliases are not supported in packs"
	}
	return "YAML syntax error: " + msg + " (check the indentation, and quote text that holds `: ` or starts with a special character)"
}

// firstBadByte finds the first byte that is not valid UTF-8, or the first
// character YAML does not allow (C0 and C1 controls other than tab, line
// feed, carriage return and next-line; DEL; U+FFFE and U+FFFF). Printable
// ASCII, nearly every byte of a pack, costs one table lookup.
func firstBadByte(src []byte) (off int, r rune, bad bool) {
	for i := 0; i < len(src); {
		c := src[i]
		switch byteClass[c] {
		case byteOK:
			i++
			continue
		case byteBad:
			return i, rune(c), true
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i, r, true
		}
		if (r >= 0x80 && r <= 0x9F && r != 0x85) || r == 0xFFFE || r == 0xFFFF {
			return i, r, true
		}
		i += size
	}
	return 0, 0, false
}

const (
	byteOK = iota
	byteBad
	byteMulti // the start of a multi-byte sequence (or an invalid byte)
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			t[c] = byteOK
		case c < 0x20 || c == 0x7F:
			t[c] = byteBad
		case c >= 0x80:
			t[c] = byteMulti
		}
	}
	return t
}()

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
