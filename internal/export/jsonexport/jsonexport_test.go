package jsonexport

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/schemas"
)

func compile(t *testing.T, def string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource("export.schema.json", bytes.NewReader(schemas.Export)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("export.schema.json" + def)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match the export schema: %#v", name, err)
	}
}

func TestExportValidatesAgainstSchema(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	out := exporttest.Run(t, Exporter{}, packs, export.Options{})
	if len(out.Files) != len(packs)+1 {
		t.Fatalf("files = %v", out.Names())
	}
	packSchema, indexSchema, anySchema := compile(t, "#/$defs/pack"), compile(t, "#/$defs/index"), compile(t, "")
	for name, data := range out.Files {
		if name == "packs.json" {
			validate(t, indexSchema, name, data)
		} else {
			validate(t, packSchema, name, data)
		}
		validate(t, anySchema, name, data)
	}
	bundle := exporttest.Run(t, Exporter{}, packs, export.Options{Bundle: true})
	if names := bundle.Names(); len(names) != 1 || names[0] != "bundle.json" {
		t.Fatalf("bundle files = %v", names)
	}
	validate(t, compile(t, "#/$defs/bundle"), "bundle.json", bundle.Files["bundle.json"])
}

func TestComputedFields(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/failed-to-deliver.yaml")
	out := exporttest.Run(t, Exporter{}, packs, export.Options{})
	var p Pack
	if err := json.Unmarshal(out.Files["failed-to-deliver.json"], &p); err != nil {
		t.Fatal(err)
	}
	q := p.Quiz[1]
	if q.Answer != "D" || q.AnswerText != "Manager-assigned investigation -- no self-initiation" || q.Options[3].Letter != "D" {
		t.Errorf("quiz 2 = %+v", q)
	}
	action := p.Star[2]
	// counted by hand: 11+16+10+9+12+14 words; 72 words at 150 wpm is 28.8s
	if action.Step != "action" || action.TargetSeconds != 90 || action.Words != 72 || action.SpeakingSeconds != 29 {
		t.Errorf("action = %+v", action)
	}
	if p.Levels[1].DurationMinSeconds != 150 || p.Levels[1].DurationMaxSeconds != 180 {
		t.Errorf("level 2 duration = %+v", p.Levels[1])
	}
	if c := p.WeakAnswer.Checks; len(c) != 3 || c[0].Key != "ownership-phrase" || c[0].Answer != "B" ||
		c[0].AnswerText != "Nobody had asked me to investigate, so I did" || c[0].Options[1].Letter != "B" || c[2].Explanation == "" {
		t.Errorf("weak answer checks = %+v", c)
	}
	// items without an id key on a hash of their own text
	if f := p.Followups[0]; f.ID != "" || f.Key != pack.ItemKey("", f.Question) || !strings.HasPrefix(f.Key, "h") {
		t.Errorf("follow-up 1 key = %q (id %q)", f.Key, f.ID)
	}
	var index Index
	if err := json.Unmarshal(out.Files["packs.json"], &index); err != nil {
		t.Fatal(err)
	}
	e := index.Packs[0]
	if e.ID != "failed-to-deliver" || e.File != "failed-to-deliver.json" || e.Counts.Quiz != 5 || e.Counts.ByDiff["easy"] != 2 || e.Counts.Followups != 4 {
		t.Errorf("index entry = %+v", e)
	}
}

func TestDeterministic(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml")
	a := exporttest.Run(t, Exporter{}, packs, export.Options{})
	b := exporttest.Run(t, Exporter{}, packs, export.Options{})
	for name := range a.Files {
		if !bytes.Equal(a.Files[name], b.Files[name]) {
			t.Errorf("%s differs between two exports", name)
		}
	}
}

// TestBundleStreamsTheSameBytes: bundle.json is written a pack at a time;
// it must be exactly what encoding the whole bundle at once gives, for no
// packs, one and several.
func TestBundleStreamsTheSameBytes(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml")
	for _, n := range []int{0, 1, len(packs)} {
		out := exporttest.Run(t, Exporter{}, packs[:n], export.Options{Bundle: true})
		whole := Bundle{ExportVersion: Version, Packs: []*Pack{}}
		for _, src := range packs[:n] {
			whole.Packs = append(whole.Packs, Convert(src.Pack, 0))
		}
		want, err := encode(whole)
		if err != nil {
			t.Fatal(err)
		}
		if got := out.Files["bundle.json"]; !bytes.Equal(got, want) {
			t.Errorf("%d packs: streamed bundle differs from the whole encoding:\n got  %.300s\n want %.300s", n, got, want)
		}
	}
}
