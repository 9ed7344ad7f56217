package schema

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/pack"
)

var scalarValueOf = pack.ScalarValue

// precheck is a fast validity test for the common case, a valid pack. It
// interprets the same schema document as the jsonschema validator, limited
// to the keywords the pack schema uses (compilePrecheck refuses any other),
// walks the YAML nodes directly and allocates nothing on success. When it
// says "valid", the full validator would too; on anything else, the full
// validator runs and its violations are reported. TestPrecheckAgrees
// checks the two agree.
type precheck struct {
	types     typeSet
	constant  any // int64, string or nil
	enum      []string
	notEnum   []string // "not": {"enum": [...]}: strings it must not be
	props     map[string]*precheck
	required  []string
	closed    bool // additionalProperties: false
	items     *precheck
	minItems  int
	maxItems  int // -1: no limit
	minLength int
	pattern   *regexp.Regexp
	// matched remembers strings the pattern accepted: packs repeat the
	// same few ("30s", "B"), and a map lookup is a fraction of a match.
	matched *matchCache
}

type matchCache struct {
	m sync.Map // string -> struct{}
	n atomic.Int32
}

// maxMatched bounds matched: a corpus of distinct values (ids) must not
// grow it without end.
const maxMatched = 512

// matches reports whether v matches the pattern, remembering the first
// maxMatched strings that did.
func (p *precheck) matches(v string) bool {
	c := p.matched
	if c == nil {
		return p.pattern.MatchString(v)
	}
	if _, ok := c.m.Load(v); ok {
		return true
	}
	if !p.pattern.MatchString(v) {
		return false
	}
	if c.n.Add(1) <= maxMatched {
		c.m.Store(strings.Clone(v), struct{}{}) // a copy: v shares a file's text
	}
	return true
}

type typeSet uint8

const (
	tString typeSet = 1 << iota
	tInteger
	tNumber
	tBoolean
	tNull
	tArray
	tObject
	tAny = tString | tInteger | tNumber | tBoolean | tNull | tArray | tObject
)

var typeNames = map[string]typeSet{
	"string": tString, "integer": tInteger, "number": tNumber | tInteger, "boolean": tBoolean,
	"null": tNull, "array": tArray, "object": tObject,
}

// annotationKeywords carry no constraint.
var annotationKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "title": true, "description": true,
	"examples": true, "x-expected": true, "$comment": true,
}

func compilePrecheck(root map[string]any) (*precheck, error) {
	c := &precompiler{root: root, done: map[string]*precheck{}}
	return c.compile(root, "#")
}

type precompiler struct {
	root map[string]any
	done map[string]*precheck // $ref targets, compiled once
}

func (c *precompiler) compile(s map[string]any, where string) (*precheck, error) {
	p := &precheck{types: tAny, maxItems: -1}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := s[k]
		var err error
		switch k {
		case "type":
			p.types = 0
			switch t := v.(type) {
			case string:
				p.types = typeNames[t]
			case []any:
				for _, x := range t {
					name, _ := x.(string)
					p.types |= typeNames[name]
				}
			}
			if p.types == 0 {
				err = fmt.Errorf("type %v", v)
			}
		case "const":
			switch x := v.(type) {
			case float64:
				p.constant = int64(x)
			case string:
				p.constant = x
			default:
				err = fmt.Errorf("const %v", v)
			}
		case "not":
			m, _ := v.(map[string]any)
			list, _ := m["enum"].([]any)
			if len(m) != 1 || list == nil {
				err = fmt.Errorf("not %v: only not/enum of strings is supported", v)
			}
			for _, x := range list {
				str, ok := x.(string)
				if !ok {
					err = fmt.Errorf("not %v: only not/enum of strings is supported", v)
				}
				p.notEnum = append(p.notEnum, str)
			}
		case "enum":
			for _, x := range v.([]any) {
				str, ok := x.(string)
				if !ok {
					err = fmt.Errorf("enum %v", v)
				}
				p.enum = append(p.enum, str)
			}
		case "properties":
			p.props = map[string]*precheck{}
			for name, sub := range v.(map[string]any) {
				if p.props[name], err = c.compile(sub.(map[string]any), where+"/properties/"+name); err != nil {
					return nil, err
				}
			}
		case "required":
			for _, x := range v.([]any) {
				p.required = append(p.required, x.(string))
			}
		case "additionalProperties":
			if b, ok := v.(bool); !ok || b {
				err = fmt.Errorf("additionalProperties must be false")
			}
			p.closed = true
		case "items":
			p.items, err = c.compile(v.(map[string]any), where+"/items")
		case "minItems":
			p.minItems = int(v.(float64))
		case "maxItems":
			p.maxItems = int(v.(float64))
		case "minLength":
			p.minLength = int(v.(float64))
		case "pattern":
			p.pattern, err = regexp.Compile(v.(string))
			p.matched = &matchCache{}
		case "$ref":
			// resolved below; siblings of $ref only annotate in this schema
		default:
			if !annotationKeywords[k] {
				err = fmt.Errorf("keyword %q is not supported by the precheck: teach it, or the full validator alone must run", k)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", where, err)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		target, err := c.resolve(ref)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", where, err)
		}
		return c.merge(p, target, where)
	}
	return p, nil
}

func (c *precompiler) resolve(ref string) (*precheck, error) {
	if p, ok := c.done[ref]; ok {
		return p, nil
	}
	if !strings.HasPrefix(ref, "#/$defs/") {
		return nil, fmt.Errorf("$ref %q: only local #/$defs references are supported", ref)
	}
	defs, _ := c.root["$defs"].(map[string]any)
	def, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q not found", ref)
	}
	p, err := c.compile(def, ref)
	if err != nil {
		return nil, err
	}
	c.done[ref] = p
	return p, nil
}

// merge combines a schema with its $ref target: in the pack schema the
// siblings of $ref are annotations, so anything else is refused.
func (c *precompiler) merge(p, target *precheck, where string) (*precheck, error) {
	if p.types != tAny || p.props != nil || p.items != nil || p.pattern != nil || p.enum != nil ||
		p.constant != nil || len(p.required) > 0 || p.closed || p.minItems != 0 || p.maxItems != -1 || p.minLength != 0 {
		return nil, fmt.Errorf("schema %s: constraints beside $ref are not supported by the precheck", where)
	}
	if len(p.notEnum) > 0 {
		// the one constraint allowed beside $ref: a copy with it added
		merged := *target
		merged.notEnum = append(append([]string(nil), target.notEnum...), p.notEnum...)
		return &merged, nil
	}
	return target, nil
}

// valid reports whether the node satisfies the schema. Aliases and
// duplicate keys are never valid here: the loader reports them, and the
// full validator sees what the loader built.
func (p *precheck) valid(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.MappingNode:
		if p.types&tObject == 0 || p.constant != nil || p.enum != nil {
			return false
		}
		var seen map[string]bool // duplicate keys: a map for large mappings
		if len(n.Content) > 32 {
			seen = make(map[string]bool, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				return false
			}
			if seen != nil {
				if seen[k.Value] {
					return false
				}
				seen[k.Value] = true
			} else {
				for j := 0; j < i; j += 2 {
					if n.Content[j].Value == k.Value {
						return false
					}
				}
			}
			sub, ok := p.props[k.Value]
			if !ok {
				if p.closed {
					return false
				}
				continue
			}
			if !sub.valid(v) {
				return false
			}
		}
		for _, r := range p.required {
			if !hasKey(n, r) {
				return false
			}
		}
		return true
	case yaml.SequenceNode:
		if p.types&tArray == 0 || p.constant != nil || p.enum != nil {
			return false
		}
		if len(n.Content) < p.minItems || (p.maxItems >= 0 && len(n.Content) > p.maxItems) {
			return false
		}
		if p.items != nil {
			for _, item := range n.Content {
				if !p.items.valid(item) {
					return false
				}
			}
		}
		return true
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			return p.validString(n.Value) // most scalars: no boxing into an any
		}
		return p.validScalar(scalarValueOf(n))
	}
	return false // aliases and anything else: let the full validator decide
}

func (p *precheck) validScalar(v any) bool {
	switch v := v.(type) {
	case string:
		return p.validString(v)
	case int64:
		if p.types&(tInteger|tNumber) == 0 || p.enum != nil {
			return false
		}
		return p.constant == nil || p.constant == any(v)
	case float64:
		whole := v == math.Trunc(v) && !math.IsInf(v, 0)
		if p.types&tNumber == 0 && !(whole && p.types&tInteger != 0) {
			return false
		}
		return p.constant == nil && p.enum == nil
	case bool:
		return p.types&tBoolean != 0 && p.constant == nil && p.enum == nil
	case nil:
		return p.types&tNull != 0 && p.constant == nil && p.enum == nil
	}
	return false
}

func (p *precheck) validString(v string) bool {
	if p.types&tString == 0 {
		return false
	}
	if p.constant != nil && p.constant != any(v) {
		return false
	}
	if p.enum != nil && !contains(p.enum, v) {
		return false
	}
	if p.notEnum != nil && contains(p.notEnum, v) {
		return false
	}
	// a character is at most 4 bytes: only a short string needs counting
	if p.minLength > 0 && len(v) < 4*p.minLength && utf8.RuneCountInString(v) < p.minLength {
		return false
	}
	return p.pattern == nil || p.matches(v)
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
