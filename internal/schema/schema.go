// Package schema validates pack values against the embedded JSON Schema and
// turns the validator's error tree into one plain-language Violation per
// problem, each tied to the JSON pointer of the node it is about.
package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/schemas"
)

// Target says which part of the node at Pointer a violation is about.
type Target int

const (
	// AtValue points at the value (a wrong type, enum or pattern).
	AtValue Target = iota
	// AtKey points at the key of the entry (an unknown key).
	AtKey
	// AtMapping points at the mapping itself, by its key when it has one
	// (a missing required key).
	AtMapping
)

// Violation is one way a pack breaks the schema.
type Violation struct {
	Pointer string // JSON pointer of the node the violation is about
	Target  Target
	Keyword string // the JSON Schema keyword that failed: required, type, enum...
	Message string // plain words for a writer, saying what to do
}

// Validator validates packs. It is safe for concurrent use.
type Validator struct {
	schema   *jsonschema.Schema
	raw      map[string]any // the schema document, to look up enums and allowed keys
	precheck *precheck
}

// New compiles the embedded pack schema. It reads nothing from disk or the
// network: any $ref outside the embedded document is an error.
func New() (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(url string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema reference %q: starlint loads no external schemas", url)
	}
	if err := c.AddResource(schemas.PackName, bytes.NewReader(schemas.Pack)); err != nil {
		return nil, fmt.Errorf("pack schema: %w", err)
	}
	s, err := c.Compile(schemas.PackName)
	if err != nil {
		return nil, fmt.Errorf("pack schema: %w", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(schemas.Pack, &raw); err != nil {
		return nil, fmt.Errorf("pack schema: %w", err)
	}
	pre, err := compilePrecheck(raw)
	if err != nil {
		return nil, fmt.Errorf("pack schema: %w", err)
	}
	return &Validator{schema: s, raw: raw, precheck: pre}, nil
}

// Valid is the fast test for a valid pack: true means Validate would find
// nothing. It works on the YAML nodes directly and allocates nothing.
func (v *Validator) Valid(root *yaml.Node) bool {
	return root != nil && v.precheck.valid(root)
}

// Validate checks a JSON-compatible value (as pack.File.Value) and returns
// its violations, sorted by pointer.
func (v *Validator) Validate(value any) []Violation {
	err := v.schema.Validate(value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Violation{{Keyword: "schema", Message: "the pack could not be validated: " + err.Error()}}
	}
	var out []Violation
	v.collect(ve, value, &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pointer < out[j].Pointer })
	return out
}

// collect reports the leaves of the error tree: the upper levels only wrap
// them. Under anyOf/oneOf every branch fails, so the parent is reported.
func (v *Validator) collect(e *jsonschema.ValidationError, root any, out *[]Violation) {
	kw := keyword(e.KeywordLocation)
	if len(e.Causes) > 0 && kw != "anyOf" && kw != "oneOf" {
		for _, c := range e.Causes {
			v.collect(c, root, out)
		}
		return
	}
	*out = append(*out, v.explain(e, kw, root)...)
}

func keyword(loc string) string {
	if i := strings.LastIndexByte(loc, '/'); i >= 0 {
		return loc[i+1:]
	}
	return loc
}

// schemaAt returns the schema object that holds the failing keyword.
func (v *Validator) schemaAt(absLoc string) map[string]any {
	_, frag, _ := strings.Cut(absLoc, "#")
	segs := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	if len(segs) > 0 {
		segs = segs[:len(segs)-1] // drop the keyword itself
	}
	var cur any = v.raw
	for _, s := range segs {
		if s == "" {
			continue
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")]
	}
	m, _ := cur.(map[string]any)
	return m
}

var (
	defaultOnce      sync.Once
	defaultValidator *Validator
	defaultErr       error
)

// Default returns the validator for the embedded schema, compiled once per
// process on first use.
func Default() (*Validator, error) {
	defaultOnce.Do(func() { defaultValidator, defaultErr = New() })
	return defaultValidator, defaultErr
}
