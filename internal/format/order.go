package format

// keyOrder is the canonical key order of each kind of mapping, as the pack
// format documentation lists them (TestOrderMatchesSchema keeps it in step
// with the schema). Keys not listed keep their relative order, after these.
var keyOrder = map[string][]string{
	"pack":        {"starlint", "id", "title", "category", "competency", "level", "tags", "scenario", "analysis", "takeaways", "star", "reflections", "followups", "weak_answer", "angles", "levels", "quiz"},
	"star":        {"situation", "task", "action", "result", "reflection"},
	"step":        {"target", "example", "phrases", "coaching", "mistake"},
	"reflection":  {"id", "level", "text"},
	"followup":    {"id", "question", "probes", "weak", "strong"},
	"weak":        {"answer", "critique"},
	"strong":      {"answer", "quote"},
	"weak_answer": {"text", "problems", "verdict", "checks"},
	"check":       {"id", "question", "options", "answer", "explanation"},
	"angle":       {"id", "principle", "lead", "emphasize", "downplay"},
	"level":       {"id", "level", "guidance", "reflection", "bar", "duration"},
	"quiz":        {"id", "question", "difficulty", "options", "answer", "solution", "hint", "mistakes"},
}

// childKind says what kind of mapping sits under a key of a mapping of the
// given kind; "[]" marks a list whose items are of that kind.
func childKind(parent, key string) string {
	switch parent {
	case "pack":
		switch key {
		case "star":
			return "star"
		case "reflections":
			return "[]reflection"
		case "followups":
			return "[]followup"
		case "weak_answer":
			return "weak_answer"
		case "angles":
			return "[]angle"
		case "levels":
			return "[]level"
		case "quiz":
			return "[]quiz"
		}
	case "star":
		return "step"
	case "weak_answer":
		if key == "checks" {
			return "[]check"
		}
	case "followup":
		switch key {
		case "weak":
			return "weak"
		case "strong":
			return "strong"
		}
	}
	return ""
}
