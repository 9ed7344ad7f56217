// Package jsonfmt writes indented JSON several times faster than
// encoding/json's own indentation, which runs its full syntax scanner over
// every byte already marshaled. The output is byte for byte what
// json.Encoder with SetIndent writes (TestIndentMatchesEncoding).
package jsonfmt

import (
	"bytes"
	"encoding/json"
	"io"
)

// Encode writes v as json.Encoder does with SetIndent(prefix, indent) and
// SetEscapeHTML(escapeHTML): indented, with a final newline.
func Encode(w io.Writer, v any, prefix, indent string, escapeHTML bool) error {
	b, err := Marshal(v, prefix, indent, escapeHTML)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal is Encode into a new slice.
func Marshal(v any, prefix, indent string, escapeHTML bool) ([]byte, error) {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	src := bytes.TrimSuffix(compact.Bytes(), []byte("\n"))
	out := Indent(make([]byte, 0, len(src)+len(src)/2), src, prefix, indent)
	return append(out, '\n'), nil
}

// Indent appends src, compact JSON as encoding/json marshals it (no space
// outside strings), to dst indented as json.Indent would: each element on
// its own line after prefix and one indent per level, a space after each
// colon, and empty objects and arrays kept as {} and [].
func Indent(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	open := false // just after { or [: the line break waits for what follows
	for i := 0; i < len(src); {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = newline(dst, prefix, indent, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end
			continue
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = newline(dst, prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = newline(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		default: // a number, true, false or null: up to the next punctuation
			j := i + 1
			for j < len(src) && !punct[src[j]] {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j
			continue
		}
		i++
	}
	return dst
}

// punct marks the bytes that end a number or literal.
var punct = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true, ',': true, ':': true}

// stringEnd returns the index just past the string that starts at i.
func stringEnd(src []byte, i int) int {
	j := i + 1
	for {
		q := bytes.IndexByte(src[j:], '"')
		if q < 0 {
			return len(src)
		}
		b := bytes.IndexByte(src[j:j+q], '\\')
		if b < 0 {
			return j + q + 1
		}
		j += b + 2 // past the backslash and the byte it escapes
		if j >= len(src) {
			return len(src)
		}
	}
}

func newline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
