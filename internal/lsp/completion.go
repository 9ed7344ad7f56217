package lsp

import (
	"strconv"
	"strings"

	"github.com/starlint-dev/starlint/internal/schema"
)

// completion offers, from the schema, the keys valid where the cursor is
// (inside a STAR step: target, example, phrases, coaching, mistake) that
// the mapping does not have yet, and after `key: ` the values an enum
// allows (difficulty: easy, medium, hard). It reads the text's indentation
// rather than the parsed tree: while the writer types, the YAML is often
// not valid.
func (s *Server) completion(p CompletionParams) CompletionList {
	out := CompletionList{Items: []CompletionItem{}}
	d := s.doc(p.TextDocument.URI)
	if d == nil || !d.pack {
		return out
	}
	m := newMapper(d.text, s.utf8)
	lines := strings.Split(string(d.text), "\n")
	if p.Position.Line >= len(lines) {
		return out
	}
	line := strings.TrimRight(lines[p.Position.Line], "\r")
	col := m.offset(p.Position) - m.starts[p.Position.Line]
	col = max(0, min(col, len(line)))
	before := line[:col]

	// After "key: ": the key's values.
	if key, _, ok := strings.Cut(strings.TrimLeft(strings.TrimLeft(before, " "), "- "), ":"); ok && !strings.ContainsAny(key, " \t") && key != "" {
		segs := append(parentPath(lines, p.Position.Line, indentOfKey(before)), key)
		if place, ok := schema.At(segs); ok {
			for i, v := range place.Enum {
				out.Items = append(out.Items, CompletionItem{Label: v, Kind: CompletionKindEnum, Detail: key, SortText: sortKey(i)})
			}
			for i, v := range place.Examples {
				out.Items = append(out.Items, CompletionItem{Label: v, Kind: CompletionKindValue, Detail: "example " + key, SortText: sortKey(100 + i)})
			}
		}
		return out
	}
	if strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(before), "-")) != "" && !isWordPrefix(strings.TrimLeft(before, " -")) {
		return out
	}
	indent := indentOfKey(before)
	segs := parentPath(lines, p.Position.Line, indent)
	place, ok := schema.At(segs)
	if !ok || place.Type != "object" {
		return out
	}
	have := siblingKeys(lines, p.Position.Line, indent)
	for i, prop := range place.Properties {
		if have[prop.Name] {
			continue
		}
		item := CompletionItem{Label: prop.Name, Kind: CompletionKindProperty, InsertText: prop.Name + ": ", SortText: sortKey(i)}
		if prop.Required {
			item.Detail = "required"
		}
		if prop.Description != "" {
			item.Documentation = &MarkupContent{Kind: "markdown", Value: prop.Description}
		}
		out.Items = append(out.Items, item)
	}
	return out
}

func sortKey(i int) string { return strconv.Itoa(1000 + i) }

func isWordPrefix(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// indentOfKey is the column where a key typed on this line starts: after
// the indentation and any list dashes ("  - id" starts at 4).
func indentOfKey(before string) int {
	i := 0
	for i < len(before) {
		switch {
		case before[i] == ' ':
			i++
		case before[i] == '-' && (i+1 == len(before) || before[i+1] == ' '):
			i++
		default:
			return i
		}
	}
	return i
}

// entry is one line's structure: where its key starts and whether it
// opens a list item.
type entry struct {
	keyCol int    // column of the key (after any dash)
	dash   int    // column of the dash, -1 when none
	key    string // "" when the line holds no key
}

func parseEntry(line string) (entry, bool) {
	trimmed := strings.TrimLeft(line, " ")
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return entry{}, false
	}
	e := entry{dash: -1, keyCol: len(line) - len(trimmed)}
	if trimmed == "-" || strings.HasPrefix(trimmed, "- ") {
		e.dash = e.keyCol
		rest := strings.TrimLeft(trimmed[1:], " ")
		e.keyCol = len(line) - len(rest)
		trimmed = rest
	}
	if k, _, ok := strings.Cut(trimmed, ":"); ok && !strings.ContainsAny(k, " \t\"'{[") {
		e.key = k
	}
	return e, true
}

// parentPath returns the schema path of the mapping a key at column col on
// line n belongs to, found by walking up to less-indented lines. A list
// item's dash may sit at its parent key's column ("quiz:\n- id: x").
func parentPath(lines []string, n, col int) []string {
	var rev []string
	target, afterDash := col, false
	if cur, ok := parseEntry(lines[n]); ok && cur.dash >= 0 && cur.keyCol <= col {
		// the cursor is on a list item's first line: inside that item
		rev, target, afterDash = append(rev, "0"), cur.dash, true
	}
	for i := n - 1; i >= 0 && (target > 0 || afterDash); i-- {
		e, ok := parseEntry(strings.TrimRight(lines[i], "\r"))
		if !ok {
			continue
		}
		switch {
		case e.dash >= 0 && e.keyCol == target:
			// a sibling key on the item's first line: we are in that item
			rev, target, afterDash = append(rev, "0"), e.dash, true
		case e.dash >= 0 && e.dash < target && e.keyCol < target && e.key != "":
			// the item's first key holds the mapping we are in
			rev, target, afterDash = append(rev, e.key, "0"), e.dash, true
		case e.dash < 0 && e.key != "" && (e.keyCol < target || afterDash && e.keyCol == target):
			rev, target, afterDash = append(rev, e.key), e.keyCol, false
		}
	}
	segs := make([]string, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		segs = append(segs, rev[i])
	}
	return segs
}

// siblingKeys collects the keys already in the mapping around line n at
// column col, so completion does not offer them again.
func siblingKeys(lines []string, n, col int) map[string]bool {
	have := map[string]bool{}
	scan := func(i int) bool {
		e, ok := parseEntry(strings.TrimRight(lines[i], "\r"))
		if !ok {
			return true
		}
		if e.keyCol < col && (e.dash < 0 || e.dash < col) && !(e.dash >= 0 && e.keyCol == col) {
			return false // left the mapping
		}
		if e.keyCol == col && e.key != "" {
			have[e.key] = true
			if e.dash >= 0 {
				return false // the item's first line: the mapping starts here
			}
		}
		return true
	}
	onItemLine := false
	if e, ok := parseEntry(strings.TrimRight(lines[n], "\r")); ok && e.dash >= 0 && e.keyCol <= col {
		onItemLine = true // a new list item: the mapping starts on this line
	}
	for i := n - 1; i >= 0 && !onItemLine && scan(i); i-- {
	}
	for i := n + 1; i < len(lines); i++ {
		if e, ok := parseEntry(strings.TrimRight(lines[i], "\r")); ok && e.dash >= 0 && e.keyCol <= col {
			break // the next list item
		}
		if !scan(i) {
			break
		}
	}
	return have
}
