package lsp

import (
	"github.com/starlint-dev/starlint/internal/format"
)

// formatting is `starlint fmt` on the buffer: one edit replacing the
// document, or none when it is formatted, broken, or when formatting would
// change its data or comments (format.Source refuses those).
func (s *Server) formatting(p DocumentFormattingParams) []TextEdit {
	d := s.doc(p.TextDocument.URI)
	if d == nil || !d.pack {
		return []TextEdit{}
	}
	out, err := format.Source(d.path, d.text)
	if err != nil || string(out) == string(d.text) {
		return []TextEdit{}
	}
	m := newMapper(d.text, s.utf8)
	return []TextEdit{{Range: m.rangeOf(0, len(d.text)), NewText: string(out)}}
}
