package rules

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

// idLists are the lists whose items exports key on: the list's pointer, how a
// message names an item, and the key whose text names it (and gives its
// suggested id).
var idLists = []struct{ list, noun, from string }{
	{"/reflections", "reflection", "level"},
	{"/followups", "follow-up", "question"},
	{"/angles", "angle", "principle"},
	{"/levels", "level", "level"},
	{"/quiz", "quiz item", "question"},
	{"/weak_answer/checks", "weak-answer check", "question"},
}

// slugStopwords are left out of suggested ids: "how-did-you-ensure" says
// less than "ensure-platform-team-accepted".
var slugStopwords = toSet("a an the and or but of to in on at for with by from as is are was were be been do did does how what which who why when where you your i my we our it its this that there")

// ItemIDs suggests stable ids for the items exports key on.
var ItemIDs = &lint.Rule{
	Name:    "item-ids",
	Summary: "follow-ups, reflections, angles, levels, quiz items and weak-answer checks have stable ids",
	Doc: `Exports (Anki notes, the JSON export's keys, the HTML site's saved progress) key each item
of a list on its id. Without one they key on a hash of the item's own text (a follow-up's
question, a level's name), so rewording the text starts the item's study history afresh.
The rule notes each item without an id, and its fix writes one made from that text (the first
four words that say something, as a slug), unique within the list.`,
	Bad:     "followups:\n  - question: How did you make sure the fix was deployed?\n    probes: Ownership\n    weak: {answer: I told them., critique: Routing.}\n    strong: {answer: I followed up., quote: I followed up.}",
	Good:    "followups:\n  - id: fix-deployed\n    question: How did you make sure the fix was deployed?\n    probes: Ownership\n    weak: {answer: I told them., critique: Routing.}\n    strong: {answer: I followed up., quote: I followed up.}",
	Default: lint.Info,
	Fixable: true,
	Run: func(p *lint.Pass) {
		newline := "" // the file's line end, found for the first fix
		for _, l := range idLists {
			// pack.Lookup walks the tree: a p.File.Node per item would build
			// the file's pointer index for every pack
			_, list, ok := pack.Lookup(p.File.Root, l.list)
			if !ok || list.Kind != yaml.SequenceNode || !slices.ContainsFunc(list.Content, lacksID) {
				continue // nothing to report: most lists of a finished pack
			}
			if newline == "" {
				newline = "\n"
				if bytes.Contains(p.File.Src, []byte("\r\n")) {
					newline = "\r\n"
				}
			}
			taken := map[string]bool{}
			for _, item := range list.Content {
				if id := scalarAt(item, "id"); id != "" {
					taken[id] = true
				}
			}
			for i, item := range list.Content {
				if !lacksID(item) {
					continue
				}
				id := uniqueSlug(slugOf(scalarAt(item, l.from)), l.noun, i, taken)
				taken[id] = true
				ptr := l.list + "/" + strconv.Itoa(i)
				first := item.Content[0]
				span := p.Span(lint.Text{Node: first, Value: first.Value}, 0, len(first.Value))
				insert := "id: " + id + ", " // a flow mapping: {id: x, level: ...}
				if item.Style&yaml.FlowStyle == 0 {
					insert = "id: " + id + newline + strings.Repeat(" ", first.Column-1)
				}
				p.Report(lint.Diagnostic{Span: span, Pointer: ptr,
					Message: fmt.Sprintf("%s %d has no id: add `id: %s`, so that exports keep its study history when its text changes", l.noun, i+1, id),
					Fix:     &lint.SuggestedFix{Message: "Add `id: " + id + "`", Edits: []lint.TextEdit{{Start: span.Start, End: span.Start, NewText: insert}}}})
			}
		}
	},
}

// lacksID reports whether a list item is a mapping with keys but no id. It
// reads the keys itself: a pack.Lookup of "/id" for every item of every
// list made the rule half again as slow.
func lacksID(item *yaml.Node) bool {
	if item.Kind != yaml.MappingNode || len(item.Content) == 0 {
		return false
	}
	for i := 0; i+1 < len(item.Content); i += 2 {
		if item.Content[i].Value == "id" {
			return false
		}
	}
	return true
}

// scalarAt is the text of a mapping's key, or "".
func scalarAt(m *yaml.Node, key string) string {
	if m.Kind != yaml.MappingNode {
		return ""
	}
	for i := len(m.Content) - 2; i >= 0; i -= 2 { // the last one wins, as in pack.Lookup
		if m.Content[i].Value == key {
			if v := m.Content[i+1]; v.Kind == yaml.ScalarNode {
				return v.Value
			}
			return ""
		}
	}
	return ""
}

// slugOf makes an id from a text: its first four words that say
// something, lower-case ASCII letters and digits, joined by hyphens.
func slugOf(text string) string {
	var parts []string
	for _, w := range prose.PhraseTerms(text) {
		var b strings.Builder
		for _, r := range w {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		if s := b.String(); s != "" && !slugStopwords[s] {
			parts = append(parts, s)
		}
		if len(parts) == 4 {
			break
		}
	}
	return strings.Join(parts, "-")
}

// uniqueSlug is slug, or noun-N when the text gave none, with -2, -3...
// until no other item of the list has it.
func uniqueSlug(slug, noun string, i int, taken map[string]bool) string {
	if slug == "" {
		slug = slugOf(noun) + "-" + strconv.Itoa(i+1)
	}
	id := slug
	for n := 2; taken[id]; n++ {
		id = slug + "-" + strconv.Itoa(n)
	}
	return id
}
