package pack

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// JoinPointer builds a JSON pointer (RFC 6901) from unescaped segments.
func JoinPointer(segments ...string) string {
	n := len(segments)
	for _, s := range segments {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n) // one allocation, however many segments (escapes may add one)
	for _, s := range segments {
		b.WriteByte('/')
		if strings.ContainsAny(s, "~/") {
			s = pointerEscaper.Replace(s)
		}
		b.WriteString(s)
	}
	return b.String()
}

func escapeSegment(s string) string {
	if strings.ContainsAny(s, "~/") {
		return pointerEscaper.Replace(s)
	}
	return s
}

// SplitPointer returns the unescaped segments of a JSON pointer.
func SplitPointer(ptr string) []string {
	if ptr == "" || ptr == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		if strings.Contains(p, "~") {
			parts[i] = pointerUnescaper.Replace(p)
		}
	}
	return parts
}

// PointerSegment returns unescaped segment i of a JSON pointer, as
// SplitPointer(ptr)[i] would, or "" past its end, without splitting the
// rest: rules ask for one segment of many pointers.
func PointerSegment(ptr string, i int) string {
	if ptr == "" || ptr == "/" || i < 0 {
		return ""
	}
	rest := strings.TrimPrefix(ptr, "/")
	for ; i > 0; i-- {
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			return ""
		}
		rest = rest[slash+1:]
	}
	if slash := strings.IndexByte(rest, '/'); slash >= 0 {
		rest = rest[:slash]
	}
	if strings.Contains(rest, "~") {
		return pointerUnescaper.Replace(rest)
	}
	return rest
}

// Lookup finds the node at ptr. For a mapping entry it returns the key node
// too; for a list item or the root, key is nil. ok is false when ptr names
// nothing, in which case value is the deepest node that exists on the way.
func Lookup(root *yaml.Node, ptr string) (key, value *yaml.Node, ok bool) {
	value = root
	if root == nil {
		return nil, nil, false
	}
	// segments one at a time, without splitting the pointer into a slice:
	// rules look up a pointer or two per item of every pack
	rest := strings.TrimPrefix(ptr, "/")
	if ptr == "" || ptr == "/" {
		rest = ""
	}
	for more := rest != ""; more; {
		seg := rest
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			more = false
		}
		if strings.IndexByte(seg, '~') >= 0 {
			seg = pointerUnescaper.Replace(seg)
		}
		var found bool
		if key, value, found = child(key, value, seg); !found {
			return key, value, false
		}
	}
	return key, value, true
}

// child is Lookup's step: the node under value at one unescaped segment,
// and its key for a mapping entry. Not found, it returns key and value as
// they were.
func child(key, value *yaml.Node, seg string) (*yaml.Node, *yaml.Node, bool) {
	switch value.Kind {
	case yaml.MappingNode:
		for i := len(value.Content) - 2; i >= 0; i -= 2 {
			// last one wins, as in the value the schema saw
			if k := value.Content[i]; k.Value == seg {
				return k, value.Content[i+1], true
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(value.Content) {
			return nil, value.Content[i], true
		}
	}
	return key, value, false
}
