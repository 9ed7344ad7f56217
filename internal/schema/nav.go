package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/starlint-dev/starlint/schemas"
)

// Place is what the pack schema says of one place in a pack: what it is
// for, the keys a mapping there may hold, the values a scalar may take.
// Editors use it for hover and completion.
type Place struct {
	Description string
	Type        string     // object, array, string, integer, ... ("" when open)
	Properties  []Property // for an object, in schema order
	Enum        []string   // allowed values, const included
	Examples    []string
}

// Property is one key a mapping may hold.
type Property struct {
	Name        string
	Description string
	Required    bool
	Type        string
}

var (
	rawOnce sync.Once
	raw     map[string]any
)

// orderKey holds, in each decoded object, its keys in document order: the
// schema lists properties in the order a pack writes them.
const orderKey = "\x00order"

func rawSchema() map[string]any {
	rawOnce.Do(func() {
		dec := json.NewDecoder(bytes.NewReader(schemas.Pack))
		v, err := decodeOrdered(dec)
		if err != nil {
			panic(fmt.Sprintf("embedded pack schema: %v", err)) // caught by tests
		}
		raw = v.(map[string]any)
	})
	return raw
}

// decodeOrdered decodes one JSON value, recording object key order.
func decodeOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := map[string]any{}
		var keys []string
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			keys = append(keys, k.(string))
			obj[k.(string)] = v
		}
		obj[orderKey] = keys
		_, err := dec.Token() // }
		return obj, err
	case json.Delim('['):
		var arr []any
		for dec.More() {
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := dec.Token() // ]
		return arr, err
	}
	return tok, nil
}

// resolve follows $ref within the schema; the referring node's own
// description wins over the definition's.
func resolve(node map[string]any) map[string]any {
	for i := 0; i < 8; i++ {
		ref, ok := node["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/$defs/") {
			return node
		}
		def, _ := rawSchema()["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if def == nil {
			return node
		}
		merged := map[string]any{}
		for k, v := range def {
			merged[k] = v // the definition's key order comes along
		}
		for k, v := range node {
			if k != "$ref" {
				merged[k] = v
			}
		}
		node = merged
	}
	return node
}

// At returns what the schema says of the place the segments name ("star",
// "situation", "target"; list indexes may be any number). ok is false for a
// place the schema does not allow.
func At(segs []string) (Place, bool) {
	node := resolve(rawSchema())
	for _, seg := range segs {
		switch {
		case node["properties"] != nil:
			props, _ := node["properties"].(map[string]any)
			next, ok := props[seg].(map[string]any)
			if !ok {
				return Place{}, false
			}
			node = resolve(next)
		case node["items"] != nil:
			if _, err := strconv.Atoi(seg); err != nil {
				return Place{}, false
			}
			node = resolve(node["items"].(map[string]any))
		default:
			return Place{}, false
		}
	}
	return placeOf(node), true
}

func placeOf(node map[string]any) Place {
	p := Place{}
	p.Description, _ = node["description"].(string)
	p.Type, _ = node["type"].(string)
	if c, ok := node["const"]; ok {
		p.Enum = append(p.Enum, fmt.Sprint(c))
	}
	if e, ok := node["enum"].([]any); ok {
		for _, v := range e {
			p.Enum = append(p.Enum, fmt.Sprint(v))
		}
	}
	if ex, ok := node["examples"].([]any); ok {
		for _, v := range ex {
			p.Examples = append(p.Examples, fmt.Sprint(v))
		}
	}
	required := map[string]bool{}
	if r, ok := node["required"].([]any); ok {
		for _, v := range r {
			required[fmt.Sprint(v)] = true
		}
	}
	props, _ := node["properties"].(map[string]any)
	names, _ := props[orderKey].([]string)
	for _, name := range names {
		sub := resolve(props[name].(map[string]any))
		desc, _ := sub["description"].(string)
		typ, _ := sub["type"].(string)
		p.Properties = append(p.Properties, Property{Name: name, Description: desc, Required: required[name], Type: typ})
	}
	return p
}

// PatternMatches reports whether a JSON pointer pattern ("/star/*/example",
// "/followups/*/strong/answer", "/**") names at least one place the schema
// allows. `*` is any one key or list index, `**` any number of segments.
// Rules and team rules are checked with it, so a pattern that can never
// match a pack is caught before it silently matches nothing.
func PatternMatches(pattern string) bool {
	segs := splitPtr(pattern)
	var match func(node map[string]any, si, depth int) bool
	match = func(node map[string]any, si, depth int) bool {
		node = resolve(node)
		if si == len(segs) {
			return true
		}
		if depth > 32 {
			return false
		}
		children := map[string]map[string]any{}
		if props, ok := node["properties"].(map[string]any); ok {
			for name, v := range props {
				if sub, ok := v.(map[string]any); ok && name != orderKey {
					children[name] = sub
				}
			}
		}
		if items, ok := node["items"].(map[string]any); ok {
			children["0"] = items
		}
		seg := segs[si]
		if seg == "**" {
			if match(node, si+1, depth) {
				return true
			}
			for _, c := range children {
				if match(c, si, depth+1) {
					return true
				}
			}
			return false
		}
		for name, c := range children {
			_, isIndex := strconv.Atoi(seg)
			if seg == "*" || seg == name || (name == "0" && isIndex == nil) {
				if match(c, si+1, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return match(rawSchema(), 0, 0)
}
