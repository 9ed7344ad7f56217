package pack

import (
	"fmt"
	"strings"
)

// syntaxProblem is a YAML syntax error found at the place a writer must
// fix, with what to do.
type syntaxProblem struct {
	pos Pos
	msg string
}

// locateSyntaxError finds where a file that yaml.v3 refused goes wrong.
// yaml.v3's messages name the line of the enclosing collection ("line 32:
// did not find expected key" for a slip at line 80) and never a column, so
// this walks the block structure of the file itself, the way a YAML
// scanner does, and stops at the first token that cannot stand where it
// is: the same place PyYAML's problem mark points at, for the mistakes
// writers make (indentation slips, tabs, unclosed quotes and brackets, a
// stray ": " in a value, text after a block scalar's indicator). It answers
// false for anything it does not recognise; the caller then keeps yaml.v3's
// line.
func locateSyntaxError(src []byte) (p syntaxProblem, ok bool) {
	defer func() {
		if recover() != nil {
			p, ok = syntaxProblem{}, false // a locator bug keeps yaml.v3's line
		}
	}()
	return scanSyntax(src)
}

// scanSyntax is locateSyntaxError without the safety net, for the fuzzer.
func scanSyntax(src []byte) (syntaxProblem, bool) {
	sc := &structScanner{lines: strings.Split(string(src), "\n")}
	for i := range sc.lines {
		sc.lines[i] = strings.TrimSuffix(sc.lines[i], "\r")
	}
	return sc.run(len(src))
}

type level struct {
	indent int
	seq    bool // a block sequence (else a mapping)
}

type structScanner struct {
	lines []string
	stack []level
	// open says the last line ended in a key (or dash) with no value, so
	// a deeper line starts a nested collection.
	open       bool
	openIndent int
	// plain says the last line's value was a plain scalar, which a deeper
	// line continues.
	plain       bool
	plainIndent int
	rooted      bool // the top-level collection has begun
}

func (sc *structScanner) run(size int) (syntaxProblem, bool) {
	for n := 0; n < len(sc.lines); n++ {
		line := sc.lines[n]
		body := strings.TrimLeft(line, " ")
		indent := len(line) - len(body)
		lead := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if tab := strings.IndexByte(lead, '\t'); tab >= 0 && len(lead) < len(line) && !(sc.plain && indent > sc.plainIndent) {
			// (a tab inside a plain scalar's continuation is text)
			return sc.at(n, tab, "a tab character indents this line: YAML indents with spaces only, so replace the tab with spaces"), true
		}
		if body == "" {
			continue
		}
		if strings.HasPrefix(body, "#") {
			sc.plain = false // a comment line ends a plain scalar
			continue
		}
		if indent == 0 && (body == "---" || strings.HasPrefix(body, "--- ") || body == "..." || strings.HasPrefix(body, "%")) {
			// a document marker or directive: a new document begins
			sc.stack, sc.rooted, sc.plain, sc.open = nil, false, false, false
			continue
		}
		if sc.plain && indent > sc.plainIndent {
			// a plain scalar continued on a deeper line: a ": " there
			// would start a key inside the text
			if c := valueColon(body); c >= 0 {
				return sc.at(n, indent+c, "`: ` in the text continued from the line above starts a new key: if this line is a key, indent it like its siblings; if it is text, quote the whole value"), true
			}
			continue
		}
		sc.plain = false
		// the place of this line in the block structure
		for len(sc.stack) > 0 && sc.stack[len(sc.stack)-1].indent > indent {
			sc.stack = sc.stack[:len(sc.stack)-1]
		}
		isDash := body == "-" || strings.HasPrefix(body, "- ")
		top := -1
		if len(sc.stack) > 0 {
			top = sc.stack[len(sc.stack)-1].indent
		}
		switch {
		case sc.open && indent > sc.openIndent, sc.open && indent == sc.openIndent && isDash && (len(sc.stack) == 0 || !sc.stack[len(sc.stack)-1].seq):
			sc.stack = append(sc.stack, level{indent: indent, seq: isDash})
		case indent == top:
			if sc.stack[len(sc.stack)-1].seq != isDash {
				if isDash {
					return sc.at(n, indent, "a list item here, among the keys of a mapping: indent the list under the key it belongs to"), true
				}
				return sc.at(n, indent, "a key here, among the items of a list: indent it to the level of its mapping, or start a new item with `- `"), true
			}
		case len(sc.stack) == 0 && !sc.rooted:
			sc.stack = append(sc.stack, level{indent: indent, seq: isDash})
			sc.rooted = true
		default:
			return sc.at(n, indent, sc.indentMessage(indent)), true
		}
		sc.open = false
		if p, ok := sc.entry(n, indent, body, size); ok {
			return p, true
		}
	}
	return syntaxProblem{}, false
}

func (sc *structScanner) indentMessage(indent int) string {
	var cols []string
	for _, l := range sc.stack {
		cols = append(cols, fmt.Sprint(l.indent+1))
	}
	where := ""
	if len(cols) > 0 {
		where = " (the keys above start at column " + strings.Join(cols, ", ") + ")"
	}
	return fmt.Sprintf("this line is indented %d spaces, which lines it up with no key above it%s: indent it like the keys it belongs with", indent, where)
}

func (sc *structScanner) at(n, col int, msg string) syntaxProblem {
	return syntaxProblem{pos: Pos{Line: n + 1, Col: runeCount(sc.lines[n], col) + 1}, msg: msg}
}

func runeCount(s string, bytes int) int {
	return len([]rune(s[:min(bytes, len(s))]))
}

// entry reads one line's content after its indentation: dashes, a key, and
// the start of its value, noting what the next lines may be.
func (sc *structScanner) entry(n, indent int, body string, size int) (syntaxProblem, bool) {
	col, parent := indent, indent
	for body == "-" || strings.HasPrefix(body, "- ") {
		parent = col // the dash owns what follows it
		rest := strings.TrimLeft(body[1:], " ")
		col += len(body) - len(rest)
		body = rest
		if body == "" {
			sc.open, sc.openIndent = true, parent // "-" alone: the item follows
			return syntaxProblem{}, false
		}
		// "- key: value": a mapping starts at the item's content
		if keyEnd(body) >= 0 {
			sc.stack = append(sc.stack, level{indent: col})
		}
	}
	value, vcol := body, col
	if k := keyEnd(body); k >= 0 {
		parent = col
		value = strings.TrimLeft(body[k+1:], " ")
		vcol = col + len(body) - len(value)
		if value == "" || strings.HasPrefix(value, "#") {
			sc.open, sc.openIndent = true, col
			return syntaxProblem{}, false
		}
	}
	return sc.value(n, vcol, value, parent, size)
}

// value checks a value that starts on line n at byte column col.
func (sc *structScanner) value(n, col int, value string, keyCol, size int) (syntaxProblem, bool) {
	for strings.HasPrefix(value, "&") || strings.HasPrefix(value, "!") {
		sp := strings.IndexByte(value, ' ')
		if sp < 0 {
			sc.open, sc.openIndent = true, keyCol
			return syntaxProblem{}, false
		}
		rest := strings.TrimLeft(value[sp:], " ")
		col += len(value) - len(rest)
		value = rest
	}
	if value == "" || value[0] == '#' {
		sc.open, sc.openIndent = true, keyCol // "key: &anchor" with the value below
		return syntaxProblem{}, false
	}
	switch value[0] {
	case '|', '>':
		i := 1
		for i < len(value) && strings.IndexByte("+-123456789", value[i]) >= 0 {
			i++
		}
		rest := strings.TrimLeft(value[i:], " \t")
		if rest != "" && !strings.HasPrefix(rest, "#") {
			at := col + len(value) - len(rest)
			return sc.at(n, at, fmt.Sprintf("text after `%s` on the same line: a block of text starts on the next line, indented", value[:i])), true
		}
		sc.skipBlock(n, keyCol)
	case '"', '\'':
		return sc.quoted(n, col, value[0], size)
	case '[', '{':
		return sc.flow(n, col, size)
	case '*':
	default:
		if c := valueColon(value); c >= 0 {
			return sc.at(n, col+c, "`: ` inside this value starts another key, which is not allowed here: quote the whole value (\"...\") or remove the colon"), true
		}
		// a comment ends a plain scalar: nothing continues it
		sc.plain, sc.plainIndent = !strings.Contains(value, " #"), keyCol
	}
	return syntaxProblem{}, false
}

// skipBlock steps over a block scalar's lines: blank ones and those
// indented at least as deep as its first line of text (deeper than its
// parent). A less indented line ends the text and is structure again.
func (sc *structScanner) skipBlock(n, parent int) {
	content := -1
	for n+1 < len(sc.lines) {
		l := sc.lines[n+1]
		if strings.TrimLeft(l, " ") != "" {
			ind := len(l) - len(strings.TrimLeft(l, " "))
			if content < 0 {
				content = ind
			}
			if ind <= parent || ind < content {
				break
			}
		}
		sc.lines[n+1] = "" // content, not structure
		n++
	}
}

// quoted follows a quoted scalar to its closing quote, over lines.
func (sc *structScanner) quoted(n, col int, q byte, size int) (syntaxProblem, bool) {
	line := sc.lines[n]
	i := col + 1
	for ln := n; ln < len(sc.lines); ln, i = ln+1, 0 {
		l := sc.lines[ln]
		for ; i < len(l); i++ {
			switch {
			case q == '"' && l[i] == '\\':
				i++
			case q == '\'' && l[i] == '\'' && i+1 < len(l) && l[i+1] == '\'':
				i++
			case l[i] == q:
				rest := strings.TrimLeft(l[i+1:], " ")
				if rest != "" && !strings.HasPrefix(rest, "#") {
					return sc.at(ln, len(l)-len(rest), "text after the closing quote: put it inside the quotes, or remove it"), true
				}
				for k := n + 1; k <= ln; k++ {
					sc.lines[k] = "" // the text's lines are content, not structure
				}
				return syntaxProblem{}, false
			}
		}
	}
	kind := "double-quoted"
	if q == '\'' {
		kind = "single-quoted"
	}
	end := sc.endPos(size)
	return syntaxProblem{pos: end, msg: fmt.Sprintf("the %s text opened at %d:%d is never closed: add the closing %c", kind, n+1, runeCount(line, col)+1, q)}, true
}

// flow follows a flow collection ([...] or {...}) to its closing bracket.
// Inside one, a ": " on a later line is where PyYAML stops: the writer
// forgot the bracket and the next key is read as part of the list.
func (sc *structScanner) flow(n, col int, size int) (syntaxProblem, bool) {
	open := sc.lines[n][col]
	unclosed := func(ln, i int, where string) (syntaxProblem, bool) {
		return sc.at(ln, i, fmt.Sprintf("the %s opened with `%c` at %d:%d is not closed %s: add `%c` at its end", flowName(open), open, n+1, runeCount(sc.lines[n], col)+1, where, closer(open))), true
	}
	var stack []byte
	var quote byte
	// entryStart: what comes next starts an entry; afterValue: a quoted
	// text or a nested collection just ended, so only , ] } may follow;
	// valueStart: a key's ": " just ended, so a value starts (a quote
	// opens a quoted text only where a text starts: "runbook's" is plain).
	entryStart, afterValue, valueStart := true, false, false
	for ln, i := n, col; ln < len(sc.lines); ln, i = ln+1, 0 {
		l := sc.lines[ln]
		if ln > n {
			for i < len(l) && l[i] == ' ' {
				i++
			}
			if i < len(l) && afterValue && strings.IndexByte(",]}#", l[i]) < 0 {
				return unclosed(ln, i, "before this line")
			}
		}
		for ; i < len(l); i++ {
			c := l[i]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					i++
				} else if c == quote && quote == '\'' && i+1 < len(l) && l[i+1] == '\'' {
					i++
				} else if c == quote {
					quote, afterValue = 0, true
				}
				continue
			case c == ' ':
				continue
			case (c == '"' || c == '\'') && (entryStart || valueStart):
				quote = c
			case c == '#' && (i == 0 || l[i-1] == ' '):
				// a comment ends the text before it, as a value
				afterValue = afterValue || !entryStart
				i = len(l)
				continue
			case c == '[' || c == '{':
				stack = append(stack, c)
				entryStart, afterValue = true, false
				continue
			case c == ']' || c == '}':
				if len(stack) == 0 {
					return sc.at(ln, i, fmt.Sprintf("`%c` closes nothing: remove it, or quote the text", c)), true
				}
				if top := stack[len(stack)-1]; closer(top) != c {
					return sc.at(ln, i, fmt.Sprintf("`%c` here, but the innermost open bracket is a `%c`: close it with `%c` first", c, top, closer(top))), true
				}
				stack = stack[:len(stack)-1]
				afterValue = true
				if len(stack) == 0 {
					if rest := strings.TrimLeft(l[i+1:], " "); rest != "" && !strings.HasPrefix(rest, "#") {
						return sc.at(ln, len(l)-len(rest), fmt.Sprintf("text after the closing `%c`: put it inside the brackets, or remove it", c)), true
					}
					for k := n + 1; k <= ln; k++ {
						sc.lines[k] = ""
					}
					return syntaxProblem{}, false
				}
				continue
			case c == ',':
				entryStart, afterValue = true, false
				continue
			case entryStart && strings.IndexByte("|>%@`", c) >= 0:
				return sc.at(ln, i, fmt.Sprintf("`%c` cannot start text inside `%c`: quote the item", c, open)), true
			case c == '?' && !entryStart:
				// inside brackets "?" marks a key, so it cannot be in text
				return sc.at(ln, i, fmt.Sprintf("`?` cannot stand in unquoted text inside `%c`: quote the item (\"...?\")", open)), true
			case c == ':' && ln > n && (i+1 == len(l) || l[i+1] == ' '):
				return unclosed(ln, i, "before this key")
			case c == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == ','):
				entryStart, valueStart = false, true
				continue
			}
			entryStart, valueStart = false, false
			if quote == 0 {
				afterValue = false
			}
		}
	}
	return syntaxProblem{pos: sc.endPos(size), msg: fmt.Sprintf("the %s opened with `%c` at %d:%d is never closed: add `%c` at its end", flowName(open), open, n+1, runeCount(sc.lines[n], col)+1, closer(open))}, true
}

func flowName(open byte) string {
	if open == '[' {
		return "list"
	}
	return "mapping"
}

func closer(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// endPos is the position of the end of the file.
func (sc *structScanner) endPos(size int) Pos {
	last := len(sc.lines) - 1
	return Pos{Line: last + 1, Col: len([]rune(sc.lines[last])) + 1}
}

// keyEnd returns the index of the colon that ends a plain key at the start
// of s ("title: x", "title:"), or -1.
func keyEnd(s string) int {
	if s == "" || strings.IndexByte("\"'[{|>&*!%@`#", s[0]) >= 0 {
		if s != "" && (s[0] == '"' || s[0] == '\'') {
			// a quoted key: "a b": value
			if end := strings.IndexByte(s[1:], s[0]); end >= 0 && strings.HasPrefix(s[end+2:], ":") {
				k := end + 2
				if k+1 == len(s) || s[k+1] == ' ' {
					return k
				}
			}
		}
		return -1
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return i
		}
		if s[i] == ' ' && i+1 < len(s) && s[i+1] == '#' {
			return -1
		}
	}
	return -1
}

// valueColon returns the index of a ": " (or a final ":") inside a plain
// value, before any comment, or -1.
func valueColon(v string) int {
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == ' ' && i+1 < len(v) && v[i+1] == '#':
			return -1
		case v[i] == ':' && (i+1 == len(v) || v[i+1] == ' '):
			return i
		}
	}
	return -1
}
