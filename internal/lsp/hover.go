package lsp

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/ruledoc"
	"github.com/starlint-dev/starlint/internal/schema"
)

// hover explains what is under the cursor: over a finding, its rule's
// documentation (what `starlint explain` says); over a key, the schema's
// description of it.
func (s *Server) hover(p TextDocumentPositionParams) *Hover {
	d := s.doc(p.TextDocument.URI)
	if d == nil || !d.pack {
		return nil
	}
	m := newMapper(d.text, s.utf8)
	var parts []string
	var at *Range
	seen := map[string]bool{}
	for _, ld := range s.engine.Diagnostics(d.path) {
		r := m.rangeOf(ld.Span.Start, ld.Span.End)
		if !contains(r, p.Position) || seen[ld.Rule] {
			continue
		}
		seen[ld.Rule] = true
		if rule := s.engine.Linter().Rule(ld.Rule); rule != nil {
			parts = append(parts, fmt.Sprintf("**starlint: %s**\n\n%s", escapeMarkdown(ld.Message), ruledoc.Section(rule, 3)))
			rc := r
			at = &rc
		}
	}
	if len(parts) == 0 {
		f := s.engine.File(d.path)
		if f == nil || f.Root == nil || string(f.Src) != string(d.text) {
			return nil
		}
		key, segs := keyAt(f, m.offset(p.Position))
		if key == nil {
			return nil
		}
		place, ok := schema.At(segs)
		if !ok || place.Description == "" {
			return nil
		}
		text := fmt.Sprintf("**%s**\n\n%s", escapeMarkdown(schema.Describe(pack.JoinPointer(segs...))), place.Description)
		if len(place.Enum) > 0 {
			text += "\n\nOne of: `" + strings.Join(place.Enum, "`, `") + "`"
		}
		if len(place.Examples) > 0 {
			text += "\n\nFor example: `" + strings.Join(place.Examples, "`, `") + "`"
		}
		parts = append(parts, text)
		span := f.NodeSpan(key)
		r := m.rangeOf(span.Start, span.End)
		at = &r
	}
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: at}
}

// keyAt finds the mapping key whose text holds byte offset off, and the
// path of segments to its value.
func keyAt(f *pack.File, off int) (*yaml.Node, []string) {
	var path []string
	var found *yaml.Node
	var foundPath []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if found != nil {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				path = append(path, k.Value)
				if s := f.NodeSpan(k); off >= s.Start && off <= s.End {
					found, foundPath = k, append([]string(nil), path...)
					return
				}
				walk(n.Content[i+1])
				path = path[:len(path)-1]
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				path = append(path, fmt.Sprint(i))
				walk(c)
				path = path[:len(path)-1]
			}
		}
	}
	walk(f.Root)
	return found, foundPath
}

// escapeMarkdown keeps pack text (in messages) from being read as Markdown
// or HTML by the editor.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()#+-.!|<>&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
