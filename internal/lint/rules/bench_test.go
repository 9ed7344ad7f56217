package rules_test

import (
	"bytes"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/corpus"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/lint/rules"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/schema"
)

const benchPacks = 1000

var benchCorpus = corpus.Generate(benchPacks, 1)

func benchBytes() int64 {
	n := 0
	for _, p := range benchCorpus {
		n += len(p.Src)
	}
	return int64(n)
}

func loadAll(b *testing.B) []*pack.File {
	files := make([]*pack.File, len(benchCorpus))
	for i, p := range benchCorpus {
		files[i] = pack.Load(p.Name, p.Src)
	}
	return files
}

// everyRule is a linter with every rule at its default severity.
func everyRule(b *testing.B) *lint.Linter {
	l, err := lint.New(rules.All(), nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkParseYAML is the baseline: a bare yaml.v3 parse into nodes of
// the same 1,000 packs, one goroutine.
func BenchmarkParseYAML(b *testing.B) {
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range benchCorpus {
			var n yaml.Node
			if err := yaml.NewDecoder(bytes.NewReader(p.Src)).Decode(&n); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoad is pack.Load: the parse plus the typed model, the schema
// input and the checks for duplicate keys and aliases.
func BenchmarkLoad(b *testing.B) {
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range benchCorpus {
			pack.Load(p.Name, p.Src)
		}
	}
}

// BenchmarkSchema is schema validation alone over loaded packs, as the
// schema rule does it: the precheck over the tree, and the full validator
// for the packs it does not pass. (It once passed the method f.Value
// itself, a func the validator refused at once, and measured nothing.)
func BenchmarkSchema(b *testing.B) {
	files := loadAll(b)
	v, err := schema.Default()
	if err != nil {
		b.Fatal(err)
	}
	invalid := 0
	for _, f := range files {
		if !v.Valid(f.Root) {
			invalid++
			if len(v.Validate(f.Value())) == 0 {
				b.Fatalf("%s: the precheck refused a pack the validator passes", f.Path)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if !v.Valid(f.Root) {
				v.Validate(f.Value())
			}
		}
	}
	b.ReportMetric(float64(invalid), "invalid-packs")
}

// BenchmarkRule runs each rule alone over loaded packs.
func BenchmarkRule(b *testing.B) {
	files := loadAll(b)
	for _, r := range rules.All() {
		if r.Builtin {
			continue
		}
		b.Run(r.Name, func(b *testing.B) {
			l, err := lint.New(rules.All(), nil, []string{r.Name})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range files {
					l.LintFile(f)
				}
			}
		})
	}
}

// BenchmarkRulesAndSchema is all the work after loading: schema validation
// and every rule, one goroutine. Compare with BenchmarkParseYAML.
func BenchmarkRulesAndSchema(b *testing.B) {
	files := loadAll(b)
	l := everyRule(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			l.LintFile(f)
		}
	}
}

// BenchmarkLoadThenLint loads each pack and lints it at once, as the
// driver does, so that the rules find the pack in the cache the load
// left it in: what the rules cost a run is this less BenchmarkLoad.
// (BenchmarkRulesAndSchema lints 1,000 packs loaded beforehand, whose
// trees are cold by the time their turn comes.) It also times the two
// steps apart and reports rules/load, the speed issue's third target (at
// most 0.5): two clock reads a pack are a few hundred nanoseconds of its
// 140 microseconds.
func BenchmarkLoadThenLint(b *testing.B) {
	l := everyRule(b)
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	var loading, linting time.Duration
	for b.Loop() {
		for _, p := range benchCorpus {
			t0 := time.Now()
			f := pack.Load(p.Name, p.Src)
			t1 := time.Now()
			l.LintFile(f)
			loading += t1.Sub(t0)
			linting += time.Since(t1)
		}
	}
	b.ReportMetric(float64(linting)/float64(loading), "rules/load")
}

// BenchmarkLoadThenLintParts splits BenchmarkLoadThenLint's rule time:
// "none" is the driver with no rule but yaml (the pass, suppressions,
// sorting), "schema" adds the schema rule alone, "editorial" every rule
// but the schema. Less BenchmarkLoad, each is what that part costs a run.
func BenchmarkLoadThenLintParts(b *testing.B) {
	var editorial []string
	for _, r := range rules.All() {
		if !r.Builtin && r.Name != "schema" {
			editorial = append(editorial, r.Name)
		}
	}
	for _, part := range []struct {
		name string
		only []string
	}{{"none", []string{"yaml"}}, {"schema", []string{"schema"}}, {"editorial", editorial}} {
		b.Run(part.name, func(b *testing.B) {
			l, err := lint.New(rules.All(), nil, part.only)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(benchBytes())
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range benchCorpus {
					l.LintFile(pack.Load(p.Name, p.Src))
				}
			}
		})
	}
}

// BenchmarkLint1000 is the whole lint of 1,000 in-memory packs with the
// driver's parallelism: load, schema, every rule, cross-pack rules, sort.
func BenchmarkLint1000(b *testing.B) {
	inputs := make([]lint.Input, len(benchCorpus))
	for i, p := range benchCorpus {
		inputs[i] = lint.Input{Path: p.Name, Load: func() (*pack.File, error) { return pack.Load(p.Name, p.Src), nil }}
	}
	l := everyRule(b)
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	for b.Loop() {
		l.Run(inputs, lint.RunOptions{})
	}
}

// BenchmarkTeamRules is BenchmarkLint1000 with the 50 team rules of
// internal/lint/testdata/bench/fifty.yaml (every kind) on top of the
// built-in rules: the difference is what a house style costs.
func BenchmarkTeamRules(b *testing.B) {
	for _, tc := range []struct{ name, config string }{
		{"builtin", ""},
		{"fifty-team-rules", "../testdata/bench/fifty.yaml"},
		{"fifty-word-lists", "../testdata/bench/word-lists.yaml"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var cfg *lint.Config
			if tc.config != "" {
				var err error
				if cfg, err = lint.LoadConfig(tc.config, rules.All()); err != nil {
					b.Fatal(err)
				}
				if n := len(cfg.TeamRules()); n != 50 {
					b.Fatalf("%d team rules, want 50", n)
				}
			}
			inputs := make([]lint.Input, len(benchCorpus))
			for i, p := range benchCorpus {
				inputs[i] = lint.Input{Path: p.Name, Load: func() (*pack.File, error) { return pack.Load(p.Name, p.Src), nil }}
			}
			l, err := lint.New(lint.WithTeam(rules.All(), cfg), cfg, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(benchBytes())
			b.ReportAllocs()
			for b.Loop() {
				l.Run(inputs, lint.RunOptions{Jobs: 1})
			}
		})
	}
}
