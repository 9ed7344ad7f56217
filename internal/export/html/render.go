package html

import (
	"encoding/json"
	"strconv"
	"strings"
)

// markup is the page's own HTML. Only constants convert to it implicitly,
// so a pack's text can reach a page raw only through a visible
// conversion: the phrase highlighting, which escapes as it marks.
type markup string

// pageOut is a page being written. Pack text goes in through the method
// for its context, each escaping as html/template does there (the pages
// were html/template's until a 10,000-pack site spent half its CPU in
// it): text and quoted attributes, a link to a page, a fragment, a JSON
// data block.
type pageOut struct{ b []byte }

func (o *pageOut) raw(m markup) { o.b = append(o.b, m...) }

func (o *pageOut) int(n int) { o.b = strconv.AppendInt(o.b, int64(n), 10) }

// text writes s escaped for element content, an RCDATA element such as
// title, or a double-quoted attribute of plain text.
func (o *pageOut) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		o.b = append(o.b, s[last:i]...)
		o.b = append(o.b, rep...)
		last = i + 1
	}
	o.b = append(o.b, s[last:]...)
}

// pageLink writes s as the start of a relative link inside a quoted href:
// a scheme other than http, https or mailto (javascript:) becomes a dead
// link, and bytes a URL cannot hold are percent-encoded.
func (o *pageOut) pageLink(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		o.raw("#ZgotmplZ")
		return
	}
	o.text(percentEncode(s, true))
}

// fragment writes s after a # inside a quoted href: everything but
// letters, digits and -._~ percent-encoded.
func (o *pageOut) fragment(s string) { o.text(percentEncode(s, false)) }

// percentEncode encodes the bytes a URL cannot hold; keepReserved leaves
// the reserved characters and existing escapes, as for a whole URL.
func percentEncode(s string, keepReserved bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			continue
		case keepReserved && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case keepReserved && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// data writes v as the JSON of a data block that never runs: json.Marshal
// escapes < > & (so no </script> can close the block) and U+2028/9.
func (o *pageOut) data(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	o.b = append(o.b, b...)
	return nil
}
