package schema

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/schemas"
)

// TestEveryPropertyIsDescribed walks the schema: editors show descriptions
// on hover, so every property needs one (its own or its $ref target's).
func TestEveryPropertyIsDescribed(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(schemas.Pack, &root); err != nil {
		t.Fatal(err)
	}
	if id, _ := root["$id"].(string); !strings.HasPrefix(id, "https://") {
		t.Errorf("$id = %q, want a stable https URL", id)
	}
	if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", root["$schema"])
	}
	defs := root["$defs"].(map[string]any)
	described := func(s map[string]any) bool {
		if _, ok := s["description"]; ok {
			return true
		}
		if ref, ok := s["$ref"].(string); ok {
			target, _ := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			_, ok := target["description"]
			return ok
		}
		return false
	}
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		if s["type"] == "object" {
			if s["additionalProperties"] != false {
				t.Errorf("%s: additionalProperties must be false", path)
			}
		}
		props, _ := s["properties"].(map[string]any)
		for name, p := range props {
			ps := p.(map[string]any)
			if !described(ps) {
				t.Errorf("%s/%s has no description", path, name)
			}
			walk(path+"/"+name, ps)
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(path+"/items", items)
		}
	}
	walk("", root)
	for name, d := range defs {
		walk("$defs/"+name, d.(map[string]any))
	}
}

func TestValidateExamplePackShape(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	pack := map[string]any{
		"starlint": int64(1), "id": "x", "title": "T", "category": "C", "competency": "P", "scenario": "S",
		"star": map[string]any{
			"situation": step(), "task": step(), "action": step(), "result": step(),
			"reflection": map[string]any{"target": "15s", "coaching": "c", "mistake": "m"},
		},
		"reflections": []any{map[string]any{"level": "SDE2", "text": "t"}},
	}
	if got := v.Validate(pack); len(got) != 0 {
		t.Fatalf("valid pack: %v", got)
	}
	pack["starlint"] = int64(2)
	pack["titel"] = "typo"
	delete(pack, "scenario")
	got := v.Validate(pack)
	want := map[string]Violation{
		"/starlint": {Pointer: "/starlint", Target: AtValue, Keyword: "const"},
		"/titel":    {Pointer: "/titel", Target: AtKey, Keyword: "additionalProperties"},
		"":          {Pointer: "", Target: AtMapping, Keyword: "required"},
	}
	if len(got) != len(want) {
		t.Fatalf("violations = %+v, want %d", got, len(want))
	}
	for _, g := range got {
		w, ok := want[g.Pointer]
		if !ok || w.Target != g.Target || w.Keyword != g.Keyword {
			t.Errorf("unexpected violation %+v", g)
		}
	}
}

func step() map[string]any {
	return map[string]any{"target": "30s", "example": "e", "coaching": "c", "mistake": "m"}
}

func TestDescribe(t *testing.T) {
	for ptr, want := range map[string]string{
		"":                           "the pack",
		"/title":                     "`title`",
		"/quiz/2/difficulty":         "quiz item 3: `difficulty`",
		"/quiz/0/options/1":          "quiz item 1: option B",
		"/star/action/example":       "STAR action step: `example`",
		"/followups/1/weak/answer":   "follow-up 2, weak answer: `answer`",
		"/weak_answer/problems/0":    "weak answer: problem 1",
		"/levels/0/duration":         "level 1: `duration`",
		"/reflections/1/text":        "reflection 2: `text`",
		"/star/reflection/phrases/2": "STAR reflection step: key phrase 3",
	} {
		if got := Describe(ptr); got != want {
			t.Errorf("Describe(%q) = %q, want %q", ptr, got, want)
		}
	}
	if got := DescribeContainer("/quiz/2"); got != "quiz item 3" {
		t.Errorf("DescribeContainer = %q", got)
	}
}

func TestNoExternalReferences(t *testing.T) {
	v, err := Default()
	if err != nil || v == nil {
		t.Fatalf("Default() = %v, %v", v, err)
	}
	again, _ := Default()
	if again != v {
		t.Error("Default() compiled twice")
	}
}
