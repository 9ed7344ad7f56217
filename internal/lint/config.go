package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/fsutil"
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
	// Team holds the team rules the config (and the files it extends)
	// defines, in the order they are written.
	Team []*Rule
	// sources are the absolute paths of the config and the rule files it
	// extends: YAML files in the tree that are not packs.
	sources []string
}

// WithTeam returns rules followed by the config's team rules: the rules a
// lint run with this config knows.
func WithTeam(rules []*Rule, cfg *Config) []*Rule {
	team := cfg.TeamRules()
	if len(team) == 0 {
		return rules
	}
	return append(append(make([]*Rule, 0, len(rules)+len(team)), rules...), team...)
}

// ErrorRules names the rules that report errors under cfg, with the YAML
// check, which always runs: what a caller that only acts on errors needs
// to run (export refuses packs with errors, and warnings never change what
// it writes). For New's only; never empty.
func ErrorRules(rules []*Rule, cfg *Config) []string {
	names := []string{RuleYAML}
	for _, r := range rules {
		if r.Name != RuleYAML && cfg.Setting(r).Severity == Error {
			names = append(names, r.Name)
		}
	}
	return names
}

// TeamRules returns the config's team rules; none for a nil config.
func (c *Config) TeamRules() []*Rule {
	if c == nil {
		return nil
	}
	return c.Team
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
// directory above it, or "" when there is none. The search stops at the
// repository's root (a directory holding .git), as git's own does: a
// config above the repository is someone else's. Outside a repository, a
// config in a directory above dir that another user owns is not trusted
// (a .starlint.yaml planted in /tmp could point the cache anywhere).
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	start := dir
	for {
		for _, name := range ConfigFileNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				if dir != start && fsutil.OwnedByOther(st) && !insideRepo(start) {
					continue
				}
				return p
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "" // the repository's root: no further
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
	if abs, err := filepath.Abs(path); err == nil {
		c.sources = append(c.sources, abs)
	}
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
	p := &configParser{c: c, builtin: byName, rules: rules, seen: map[string]bool{}}
	// extends first, whatever its place in the file: the config's own
	// settings override what it extends
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k, v := root.Content[i], root.Content[i+1]; k.Value == "extends" {
			if err := p.extends(path, v, bad, 0); err != nil {
				return nil, err
			}
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "extends":
		case "rules":
			if err := p.readRules(path, v, bad); err != nil {
				return nil, err
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
			return nil, bad(k, "unknown key %q%s: the config has extends, rules, ignore and cache", k.Value, didYouMean(k.Value, []string{"extends", "rules", "ignore", "cache"}))
		}
	}
	var defs []*TeamDef
	for _, r := range c.Team {
		defs = append(defs, r.Options().(*TeamDef))
	}
	if err := linkTeamScan(defs); err != nil {
		return nil, &ConfigError{Path: path, Msg: err.Error()}
	}
	return c, nil
}

// configParser reads the rules of a config and of the rule files it
// extends into one Config.
type configParser struct {
	c       *Config
	builtin map[string]*Rule
	rules   []*Rule
	seen    map[string]bool // files being read, against extends cycles
}

// maxExtends bounds how deep rule files may extend each other.
const maxExtends = 8

func (p *configParser) extends(from string, v *yaml.Node, bad func(*yaml.Node, string, ...any) error, depth int) error {
	var files []string
	if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
		files = []string{v.Value}
	} else if err := v.Decode(&files); err != nil || v.Kind != yaml.SequenceNode {
		return bad(v, "`extends` must be a list of rule files, such as [styles/house.yaml]")
	}
	for i, f := range files {
		at := v
		if v.Kind == yaml.SequenceNode {
			at = v.Content[i]
		}
		full := f
		if !filepath.IsAbs(full) {
			full = filepath.Join(filepath.Dir(from), f)
		}
		abs, _ := filepath.Abs(full)
		if p.seen[abs] || depth >= maxExtends {
			return bad(at, "`extends` %s: the rule files extend each other in a loop (or more than %d deep)", f, maxExtends)
		}
		src, err := os.ReadFile(full)
		if err != nil {
			return bad(at, "`extends` %s: cannot read it (%v); paths are relative to %s", f, errors.Unwrap(err), filepath.Dir(from))
		}
		p.seen[abs] = true
		p.c.sources = append(p.c.sources, abs)
		if err := p.ruleFile(full, src, depth+1); err != nil {
			return err
		}
		delete(p.seen, abs)
	}
	return nil
}

// ruleFile reads a file named by extends: rules, and more extends.
func (p *configParser) ruleFile(path string, src []byte, depth int) error {
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &ConfigError{Path: path, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return &ConfigError{Path: path, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return bad(root, "a rule file is a mapping with `rules` (and `extends`)")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "extends":
			if err := p.extends(path, v, bad, depth); err != nil {
				return err
			}
		case "rules":
			if err := p.readRules(path, v, bad); err != nil {
				return err
			}
		default:
			return bad(k, "unknown key %q in a rule file: it holds `rules` and `extends`", k.Value)
		}
	}
	return nil
}

// readRules reads a `rules` mapping: built-in settings and team rules.
func (p *configParser) readRules(path string, v *yaml.Node, bad func(*yaml.Node, string, ...any) error) error {
	if v.Kind != yaml.MappingNode {
		return bad(v, "`rules` must be a mapping from rule name to a severity or a block of settings")
	}
	for j := 0; j+1 < len(v.Content); j += 2 {
		name, block := v.Content[j], v.Content[j+1]
		if isTeamName(name.Value) {
			if err := p.teamRule(path, name, block, bad); err != nil {
				return err
			}
			continue
		}
		r := p.builtin[name.Value]
		if r == nil {
			if block.Kind == yaml.MappingNode && hasKey(block, "kind") {
				return bad(name, "team rule %q needs a namespace, such as house/%s: names without one are the built-in rules'", name.Value, name.Value)
			}
			return bad(name, "unknown rule %q%s; `starlint rules` lists them", name.Value, didYouMean(name.Value, ruleNames(p.rules)))
		}
		s, err := parseRuleSetting(r, block, bad)
		if err != nil {
			return err
		}
		p.c.Rules[r.Name] = s
	}
	return nil
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

// teamRule defines a team rule, or (a severity alone) sets the severity of
// one defined earlier, in an extended file.
func (p *configParser) teamRule(path string, name, block *yaml.Node, bad func(*yaml.Node, string, ...any) error) error {
	if block.Kind == yaml.ScalarNode {
		for _, r := range p.c.Team {
			if r.Name == name.Value {
				sev, err := ParseSeverity(block.Value)
				if err != nil {
					return bad(block, "rule %s: %v", r.Name, err)
				}
				s := p.c.Rules[r.Name]
				s.Severity = sev
				p.c.Rules[r.Name] = s
				return nil
			}
		}
		var names []string
		for _, r := range p.c.Team {
			names = append(names, r.Name)
		}
		return bad(name, "team rule %s is not defined: give it a block with `kind` (or define it in a file this config extends)%s", name.Value, didYouMean(name.Value, names))
	}
	r, d, err := parseTeamRule(filepath.Base(path), name, block, p.builtin, bad)
	if err != nil {
		return err
	}
	for i, old := range p.c.Team {
		if old.Name == r.Name {
			p.c.Team = append(p.c.Team[:i], p.c.Team[i+1:]...) // redefined: the later one wins
			break
		}
	}
	p.c.Team = append(p.c.Team, r)
	p.c.Rules[r.Name] = RuleSetting{Severity: d.severity, Options: d}
	return nil
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
		// yaml.v3 would truncate 1.5 into an int field: a whole number is
		// asked for, so anything else is an error
		isInt := field.Kind() == reflect.Int || field.Kind() == reflect.Int64
		if err := v.Decode(field.Addr().Interface()); err != nil || (isInt && v.Tag != "!!int") {
			return s, bad(v, "rule %s option %s must be %s (got %s)", r.Name, k.Value, typeName(field.Type()), v.Value)
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
		if tag == "" {
			continue // not an option: what the rule keeps of them
		}
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
	if r.Options == nil || r.Kind != "" { // a team rule's settings are its definition
		return nil
	}
	v := reflect.ValueOf(r.Options()).Elem()
	var out []OptionDoc
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" {
			continue
		}
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

// Ignored reports whether a file path is not to be linted as a pack: it
// matches one of the ignore globs, or it is the config or a rule file the
// config extends. Globs are relative to the config file's directory; `**`
// matches any number of directories.
func (c *Config) Ignored(path string) bool {
	if c == nil || (len(c.Ignore) == 0 && len(c.sources) == 0) {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if slices.Contains(c.sources, abs) {
		return true
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

// insideRepo reports whether dir is in a git repository.
func insideRepo(dir string) bool {
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}
