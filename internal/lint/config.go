package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/suggest"
)

// ConfigFileNames are the names starlint looks for, walking up from the
// working directory.
var ConfigFileNames = []string{".starlint.yaml", ".starlint.yml"}

// Config is a parsed .starlint.yaml. The zero Config means every rule at its
// default.
type Config struct {
	Path   string // the file it came from; "" for defaults
	Dir    string // ignore globs are relative to this directory
	Rules  map[string]RuleSetting
	Ignore []string
	// Cache turns the result cache on (the `cache:` key); a path or "" for
	// the default place.
	Cache     bool
	CachePath string
}

// RuleSetting is a rule's effective severity and options.
type RuleSetting struct {
	Severity Severity
	Options  any
}

// ConfigError is a problem in a config file, at a line.
type ConfigError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// FindConfig returns the path of the config file in dir or the nearest
// directory above it, or "" when there is none.
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, name := range ConfigFileNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// LoadConfig reads and validates the config file at path against the rules.
func LoadConfig(path string, rules []*Rule) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Msg: fmt.Sprintf("cannot read the config file: %v", errors.Unwrap(err))}
	}
	return ParseConfig(path, src, rules)
}

// ParseConfig parses config file content. Unknown keys, rules and options,
// and values of the wrong type, are errors with the line they are on.
func ParseConfig(path string, src []byte, rules []*Rule) (*Config, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	c := &Config{Path: path, Dir: dir, Rules: map[string]RuleSetting{}}
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &ConfigError{Path: path, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, &ConfigError{Path: path, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty config means the defaults
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, bad(root, "the config must be a mapping with keys rules, ignore and cache")
	}
	byName := map[string]*Rule{}
	for _, r := range rules {
		byName[r.Name] = r
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "rules":
			if v.Kind != yaml.MappingNode {
				return nil, bad(v, "`rules` must be a mapping from rule name to a severity or a block of settings")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				name, block := v.Content[j], v.Content[j+1]
				r := byName[name.Value]
				if r == nil {
					return nil, bad(name, "unknown rule %q%s; `starlint rules` lists them", name.Value, didYouMean(name.Value, ruleNames(rules)))
				}
				s, err := parseRuleSetting(r, block, bad)
				if err != nil {
					return nil, err
				}
				c.Rules[r.Name] = s
			}
		case "ignore":
			var globs []string
			if err := v.Decode(&globs); err != nil {
				return nil, bad(v, "`ignore` must be a list of path globs such as packs/drafts/**")
			}
			for _, g := range globs {
				if _, err := filepath.Match(strings.ReplaceAll(g, "**", "*"), ""); err != nil {
					return nil, bad(v, "bad glob %q in `ignore`: %v", g, err)
				}
			}
			c.Ignore = globs
		case "cache":
			var on bool
			if v.Decode(&on) == nil {
				c.Cache = on
			} else if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
				c.Cache, c.CachePath = true, v.Value
			} else {
				return nil, bad(v, "`cache` must be true, false or a file path")
			}
		default:
			return nil, bad(k, "unknown key %q%s: the config has rules, ignore and cache", k.Value, didYouMean(k.Value, []string{"rules", "ignore", "cache"}))
		}
	}
	return c, nil
}

func parseRuleSetting(r *Rule, block *yaml.Node, bad func(*yaml.Node, string, ...any) error) (RuleSetting, error) {
	s := RuleSetting{Severity: r.Default}
	if r.Options != nil {
		s.Options = r.Options()
	}
	if block.Kind == yaml.ScalarNode {
		sev, err := ParseSeverity(block.Value)
		if err != nil {
			return s, bad(block, "rule %s: %v", r.Name, err)
		}
		s.Severity = sev
		return s, nil
	}
	if block.Kind != yaml.MappingNode {
		return s, bad(block, "rule %s: give a severity (error, warning, info, off) or a block with `severity` and options", r.Name)
	}
	for i := 0; i+1 < len(block.Content); i += 2 {
		k, v := block.Content[i], block.Content[i+1]
		if k.Value == "severity" {
			sev, err := ParseSeverity(v.Value)
			if err != nil {
				return s, bad(v, "rule %s: %v", r.Name, err)
			}
			s.Severity = sev
			continue
		}
		field, known := optionField(s.Options, k.Value)
		if !field.IsValid() {
			if len(known) == 0 {
				return s, bad(k, "rule %s has no options (only `severity`), so %q is not allowed", r.Name, k.Value)
			}
			return s, bad(k, "rule %s has no option %q%s; its options are %s", r.Name, k.Value, didYouMean(k.Value, known), strings.Join(known, ", "))
		}
		if err := v.Decode(field.Addr().Interface()); err != nil {
			return s, bad(v, "rule %s option %s must be %s", r.Name, k.Value, typeName(field.Type()))
		}
		if val, ok := s.Options.(interface{ Validate() error }); ok {
			if err := val.Validate(); err != nil {
				return s, bad(v, "rule %s option %s: %v", r.Name, k.Value, err)
			}
		}
	}
	return s, nil
}

// optionField finds the field of an options struct with the given yaml tag,
// and lists the known option names.
func optionField(opts any, name string) (reflect.Value, []string) {
	if opts == nil {
		return reflect.Value{}, nil
	}
	v := reflect.ValueOf(opts).Elem()
	var known []string
	var found reflect.Value
	for i := 0; i < v.NumField(); i++ {
		tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		known = append(known, tag)
		if tag == name {
			found = v.Field(i)
		}
	}
	return found, known
}

// OptionDoc describes one option of a rule, for `starlint explain` and docs.
type OptionDoc struct {
	Name, Type, Doc string
	Default         any
}

// Options lists a rule's options with their defaults.
func (r *Rule) OptionDocs() []OptionDoc {
	if r.Options == nil {
		return nil
	}
	v := reflect.ValueOf(r.Options()).Elem()
	var out []OptionDoc
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		out = append(out, OptionDoc{Name: tag, Type: typeName(f.Type), Doc: f.Tag.Get("doc"), Default: v.Field(i).Interface()})
	}
	return out
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(typeName(t.Elem()), "a ")
	}
	return t.String()
}

func ruleNames(rules []*Rule) []string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.Name
	}
	sort.Strings(names)
	return names
}

// didYouMean returns ` (did you mean "x"?)` for a near miss, or "".
func didYouMean(s string, candidates []string) string {
	if near := suggest.Closest(s, candidates); near != "" {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	return ""
}

// Setting returns a rule's effective severity and options.
func (c *Config) Setting(r *Rule) RuleSetting {
	if c != nil {
		if s, ok := c.Rules[r.Name]; ok {
			return s
		}
	}
	s := RuleSetting{Severity: r.Default}
	if r.Options != nil {
		s.Options = r.Options()
	}
	return s
}

// Ignored reports whether a file path matches one of the ignore globs.
// Globs are relative to the config file's directory; `**` matches any
// number of directories.
func (c *Config) Ignored(path string) bool {
	if c == nil || len(c.Ignore) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range c.Ignore {
		if matchGlob(strings.Split(strings.TrimPrefix(g, "./"), "/"), strings.Split(rel, "/")) {
			return true
		}
	}
	return false
}

func matchGlob(pattern, parts []string) bool {
	for len(pattern) > 0 {
		if pattern[0] == "**" {
			for i := 0; i <= len(parts); i++ {
				if matchGlob(pattern[1:], parts[i:]) {
					return true
				}
			}
			return false
		}
		if len(parts) == 0 {
			return false
		}
		if ok, _ := filepath.Match(pattern[0], parts[0]); !ok {
			return false
		}
		pattern, parts = pattern[1:], parts[1:]
	}
	// a glob naming a directory covers everything below it
	return true
}
