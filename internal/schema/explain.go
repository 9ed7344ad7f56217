package schema

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/starlint-dev/starlint/internal/suggest"
)

// listItemNames names one item of each list in the pack format, for messages
// such as "quiz item 3" or "follow-up 2".
var listItemNames = map[string]string{
	"quiz":        "quiz item",
	"followups":   "follow-up",
	"reflections": "reflection",
	"angles":      "angle",
	"levels":      "level",
	"takeaways":   "takeaway",
	"tags":        "tag",
	"solution":    "solution step",
	"problems":    "problem",
	"phrases":     "key phrase",
	"mistakes":    "mistake",
}

// Describe turns a JSON pointer into the words a writer uses for that place:
// "/quiz/2/difficulty" becomes "quiz item 3: `difficulty`".
func Describe(ptr string) string {
	parts := describeParts(splitPtr(ptr))
	if len(parts) == 0 {
		return "the pack"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ": " + parts[len(parts)-1]
}

// DescribeContainer is Describe for a mapping or list as a whole:
// "/quiz/2" becomes "quiz item 3", "/star/result" "STAR result step".
func DescribeContainer(ptr string) string {
	parts := describeParts(splitPtr(ptr))
	if len(parts) == 0 {
		return "the pack"
	}
	return strings.Join(parts, ", ")
}

func describeParts(segs []string) []string {
	var parts []string
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		next := ""
		if i+1 < len(segs) {
			next = segs[i+1]
		}
		idx, isIndex := index(next)
		switch {
		case seg == "star" && next != "" && !isIndex:
			parts = append(parts, "STAR "+next+" step")
			i++
		case seg == "options" && isIndex:
			parts = append(parts, "option "+string(rune('A'+min(idx, 25))))
			i++
		case listItemNames[seg] != "" && isIndex:
			parts = append(parts, fmt.Sprintf("%s %d", listItemNames[seg], idx+1))
			i++
		case seg == "weak_answer":
			parts = append(parts, "weak answer")
		case (seg == "weak" || seg == "strong") && i > 0 && len(segs) > i+1:
			parts = append(parts, seg+" answer")
		default:
			parts = append(parts, "`"+seg+"`")
		}
	}
	return parts
}

func index(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

func splitPtr(ptr string) []string {
	if ptr == "" {
		return nil
	}
	segs := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return segs
}

func escapeSeg(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

var quotedNameRE = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)

// explain turns one leaf of the validator's error tree into violations.
func (v *Validator) explain(e *jsonschema.ValidationError, kw string, root any) []Violation {
	ptr := e.InstanceLocation
	inst := valueAt(root, ptr)
	sch := v.schemaAt(e.AbsoluteKeywordLocation)
	subject := Describe(ptr)
	one := func(t Target, format string, args ...any) []Violation {
		return []Violation{{Pointer: ptr, Target: t, Keyword: kw, Message: fmt.Sprintf(format, args...)}}
	}
	switch kw {
	case "required":
		var out []Violation
		for _, m := range quotedNameRE.FindAllStringSubmatch(e.Message, -1) {
			out = append(out, Violation{Pointer: ptr, Target: AtMapping, Keyword: kw,
				Message: fmt.Sprintf("%s is missing the required key `%s`: add it", DescribeContainer(ptr), m[1])})
		}
		return out
	case "additionalProperties":
		allowed := propertyNames(sch)
		var out []Violation
		for _, m := range quotedNameRE.FindAllStringSubmatch(e.Message, -1) {
			msg := fmt.Sprintf("unknown key `%s`", m[1])
			if ptr != "" {
				msg = fmt.Sprintf("%s has an unknown key `%s`", DescribeContainer(ptr), m[1])
			}
			if near := suggest.Closest(m[1], allowed); near != "" {
				msg += fmt.Sprintf(": did you mean `%s`?", near)
			} else {
				msg += fmt.Sprintf(": remove it, or use one of %s", strings.Join(allowed, ", "))
			}
			out = append(out, Violation{Pointer: ptr + "/" + escapeSeg(m[1]), Target: AtKey, Keyword: kw, Message: msg})
		}
		return out
	case "type":
		want := typeWords(sch["type"])
		switch inst.(type) {
		case nil:
			return one(AtValue, "%s has no value: it must be %s; write one or remove the key", subject, want)
		case string:
			return one(AtValue, "%s must be %s, not text (got %s)", subject, want, got(inst))
		}
		if want == "text" {
			return one(AtValue, "%s must be text, not %s (got %s): put it in quotes", subject, kindWords(inst), got(inst))
		}
		return one(AtValue, "%s must be %s, not %s", subject, want, kindWords(inst))
	case "enum":
		return one(AtValue, "%s must be one of %s (got %s)", subject, enumWords(sch["enum"]), got(inst))
	case "not":
		expected, _ := sch["x-expected"].(string)
		if expected == "" {
			expected = "something else"
		}
		return one(AtValue, "%s must be %s (got %s)", subject, expected, got(inst))
	case "const", "pattern":
		expected, _ := sch["x-expected"].(string)
		if expected == "" {
			expected = strings.TrimPrefix(e.Message, "does not match ")
		}
		return one(AtValue, "%s must be %s (got %s)", subject, expected, got(inst))
	case "minLength":
		return one(AtValue, "%s is empty: write the text, or remove the key if it is optional", subject)
	case "minItems", "maxItems":
		n := 0
		if s, ok := inst.([]any); ok {
			n = len(s)
		}
		limit := intOf(sch[kw])
		if kw == "minItems" {
			return one(AtValue, "%s needs at least %d %s (has %d)", subject, limit, plural(limit, "item"), n)
		}
		return one(AtValue, "%s allows at most %d items (has %d): remove %d", subject, limit, n, n-limit)
	}
	msg := e.Message
	if msg == "" {
		msg = "does not match the pack schema"
	}
	return one(AtValue, "%s: %s", subject, msg)
}

func propertyNames(sch map[string]any) []string {
	props, _ := sch["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func typeWords(t any) string {
	name := func(s string) string {
		switch s {
		case "string":
			return "text"
		case "array":
			return "a list"
		case "object":
			return "a mapping of keys"
		case "integer":
			return "a whole number"
		case "number":
			return "a number"
		case "boolean":
			return "true or false"
		}
		return s
	}
	switch t := t.(type) {
	case string:
		return name(t)
	case []any:
		var words []string
		for _, x := range t {
			if s, ok := x.(string); ok && s != "null" {
				words = append(words, name(s))
			}
		}
		return strings.Join(words, " or ")
	}
	return "something else"
}

func kindWords(v any) string {
	switch v.(type) {
	case nil:
		return "empty"
	case bool:
		return "true/false"
	case string:
		return "text"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return "a number"
}

func got(v any) string {
	switch v := v.(type) {
	case string:
		if r := []rune(v); len(r) > 40 {
			v = string(r[:40]) + "…"
		}
		return strconv.Quote(v)
	case nil:
		return "nothing"
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		if math.IsInf(v, 0) {
			return "infinity"
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprint(v)
}

func enumWords(e any) string {
	list, _ := e.([]any)
	words := make([]string, len(list))
	for i, x := range list {
		words[i] = fmt.Sprint(x)
	}
	return strings.Join(words, ", ")
}

func intOf(v any) int {
	if f, ok := v.(float64); ok {
		return int(f)
	}
	return 0
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// valueAt returns the value at a JSON pointer in a decoded document.
func valueAt(root any, ptr string) any {
	cur := root
	for _, seg := range splitPtr(ptr) {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[seg]
		case []any:
			i, ok := index(seg)
			if !ok || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}
