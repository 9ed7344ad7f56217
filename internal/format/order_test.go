package format

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/schemas"
)

// TestOrderMatchesSchema keeps the canonical key order complete: every
// mapping kind lists exactly the keys the schema allows.
func TestOrderMatchesSchema(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(schemas.Pack, &root); err != nil {
		t.Fatal(err)
	}
	at := func(path string) map[string]any {
		cur := root
		for _, seg := range strings.Split(path, "/") {
			if seg == "" {
				continue
			}
			cur = cur[seg].(map[string]any)
		}
		return cur
	}
	for kind, path := range map[string]string{
		"pack": "", "star": "properties/star", "step": "$defs/step", "reflection": "properties/reflections/items",
		"followup": "properties/followups/items", "weak": "properties/followups/items/properties/weak",
		"strong": "properties/followups/items/properties/strong", "weak_answer": "properties/weak_answer",
		"angle": "properties/angles/items", "level": "properties/levels/items", "quiz": "$defs/quizItem", "check": "$defs/check",
	} {
		var want []string
		for k := range at(path)["properties"].(map[string]any) {
			want = append(want, k)
		}
		got := append([]string(nil), keyOrder[kind]...)
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: key order lists %v, the schema allows %v", kind, got, want)
		}
	}
}
