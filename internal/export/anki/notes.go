package anki

import (
	"html"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/pack"
)

// noteType is one of starlint's note types. Its fields and template are
// part of its identity: change them and Anki sees a new note type, so they
// are fixed here and covered by a test.
type noteType struct {
	Name   string
	Fields []string
	QFmt   string
	AFmt   string
}

func (nt *noteType) ID() int64 { return stableID("model", nt.Name) }

var (
	quizType = &noteType{
		Name:   "Quiz (starlint)",
		Fields: []string{"Question", "Options", "Answer", "Solution", "Hint", "Mistakes", "Pattern", "Difficulty"},
		QFmt:   `<div class="pattern">{{Pattern}}</div><div class="question">{{Question}}</div><div class="options">{{Options}}</div>`,
		AFmt: `{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>` +
			`{{#Solution}}<h4>Solution</h4>{{Solution}}{{/Solution}}` +
			`{{#Hint}}<p class="hint"><b>Hint:</b> {{Hint}}</p>{{/Hint}}` +
			`{{#Mistakes}}<h4>Common mistakes</h4>{{Mistakes}}{{/Mistakes}}`,
	}
	followupType = &noteType{
		Name:   "Follow-up (starlint)",
		Fields: []string{"Question", "Probes", "Strong", "Takeaway", "Weak", "Critique", "Pattern"},
		QFmt:   `<div class="pattern">{{Pattern}}</div><div class="question">{{Question}}</div>{{#Probes}}<p class="probes">Probes: {{Probes}}</p>{{/Probes}}`,
		AFmt: `{{FrontSide}}<hr id="answer"><div class="strong"><h4>Strong answer</h4>{{Strong}}` +
			`{{#Takeaway}}<p class="takeaway">{{Takeaway}}</p>{{/Takeaway}}</div>` +
			`<div class="weak"><h4>Weak answer</h4>{{Weak}}{{#Critique}}<p class="critique">{{Critique}}</p>{{/Critique}}</div>`,
	}
	stepType = &noteType{
		Name:   "STAR step (starlint)",
		Fields: []string{"Front", "Pattern", "Step", "Prompt", "Example", "Coaching", "Mistake", "Target"},
		QFmt:   `<div class="pattern">{{Pattern}}</div><div class="question">{{Step}} — {{Prompt}}</div>`,
		AFmt: `{{FrontSide}}<hr id="answer">{{#Example}}<div class="example">{{Example}}</div>{{/Example}}` +
			`<p><b>Coaching:</b> {{Coaching}}</p><p><b>Common mistake:</b> {{Mistake}}</p>` +
			`{{#Target}}<p class="target">{{Target}}</p>{{/Target}}`,
	}
	noteTypes = []*noteType{quizType, followupType, stepType}
)

const cardCSS = `.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 18px; line-height: 1.5; color: #1d232b; background: #fff; text-align: left; max-width: 40em; margin: 0 auto; padding: 0 .5em; }
.nightMode.card, .night_mode .card { color: #e6e9ed; background: #1b2027; }
.pattern { font-size: .8em; color: #55606e; margin-bottom: .5em; }
.nightMode .pattern { color: #a3adb8; }
.question { font-weight: 600; }
.options ol { padding-left: 1.6em; }
.answer { font-weight: 600; color: #146c2e; }
.nightMode .answer { color: #7ddc95; }
.strong { border-left: 4px solid #146c2e; padding-left: .75em; }
.weak { border-left: 4px solid #a4161a; padding-left: .75em; margin-top: 1em; }
.takeaway, .critique, .target, .probes { font-style: italic; }
mark { background: #fff1a8; color: inherit; }
.nightMode mark { background: #5c4d00; }
h4 { margin: 1em 0 .25em; }
`

// note is one Anki note, ready to store.
type note struct {
	Type   *noteType
	GUID   string
	Deck   string // full name, Category::Title
	Fields []string
	Tags   []string
	Mod    time.Time
}

// fieldBreaks turns line breaks into <br> and tabs (spaces in HTML, and
// something the text format cannot carry) into spaces, and writes the
// characters Anki reads as its own syntax as HTML entities: "[" starts
// [sound:...] (which plays a file) and [latex], "{{" a cloze or field
// reference. Shown, they read the same.
var fieldBreaks = strings.NewReplacer("\n", "<br>", "\t", " ", "[", "&#91;", "{{", "&#123;&#123;")

// ankiSyntax is the part of fieldBreaks for HTML built elsewhere (the
// highlighted example), which escapes pack text itself.
var ankiSyntax = strings.NewReplacer("[", "&#91;", "{{", "&#123;&#123;")

// esc escapes pack text for an Anki field, which is HTML. Control
// characters go first: U+001F is the separator between a note's fields, so
// one inside a field would shift every field after it.
func esc(s string) string { return fieldBreaks.Replace(html.EscapeString(dropControls(s))) }

// dropControls removes the C0 and C1 control characters other than line
// break and tab (none has a meaning in a study card).
func dropControls(s string) string {
	if strings.IndexFunc(s, isDropped) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDropped(r) {
			return -1
		}
		return r
	}, s)
}

func isDropped(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

func list(tagName string, items []string) string {
	var b strings.Builder
	var n int
	for _, it := range items {
		if strings.TrimSpace(it) == "" {
			continue
		}
		if n == 0 {
			b.WriteString("<" + tagName + ">")
		}
		b.WriteString("<li>" + esc(it) + "</li>")
		n++
	}
	if n > 0 {
		b.WriteString("</" + tagName + ">")
	}
	return b.String()
}

// notesFor builds a pack's notes: one per STAR step, follow-up, quiz item
// and weak-answer check (a quiz note whose solution is the explanation). GUIDs derive from the pack id and the item's identity: the step
// name, or the follow-up's or quiz item's key (its id, else a hash of its
// question: pack.ItemKey), never its position, so that reordering a list
// keeps each note's review history.
func notesFor(src *export.Source, wpm int) []note {
	p := src.Pack
	deck := deckName(p.Category) + "::" + deckName(p.Title)
	baseTags := []string{"starlint", tag("category::" + p.Category), tag("competency::" + p.Competency)}
	for _, t := range p.Tags {
		baseTags = append(baseTags, tag(t))
	}
	mk := func(nt *noteType, key string, fields []string, extra ...string) note {
		return note{Type: nt, GUID: GUIDFor("starlint", p.ID, key), Deck: deck, Fields: fields,
			Tags: tagSet(append(append([]string(nil), baseTags...), extra...)), Mod: src.Modified}
	}
	var out []note
	for _, name := range pack.StepNames {
		s := p.Star.Step(name)
		t := export.Timing(s, wpm)
		target := "Target " + esc(s.Target)
		if s.Example != "" {
			target += " · about " + strconv.Itoa(t.SpeakingSeconds) + "s to say"
		}
		phrases := s.Phrases
		if name == "reflection" {
			phrases = nil
		}
		out = append(out, mk(stepType, "star:"+name, []string{
			esc(p.Title) + " — " + export.StepTitles[name], esc(p.Title), export.StepTitles[name], esc(export.StepPrompts[name]),
			ankiSyntax.Replace(export.Highlight(dropControls(s.Example), phrases)), esc(s.Coaching), esc(s.Mistake), target,
		}))
	}
	for _, f := range p.Followups {
		takeaway := ""
		if f.Strong.Quote != "" {
			takeaway = "“" + esc(f.Strong.Quote) + "”"
		}
		out = append(out, mk(followupType, "followup:"+pack.ItemKey(f.ID, f.Question), []string{
			esc(f.Question), esc(f.Probes), esc(f.Strong.Answer), takeaway, esc(f.Weak.Answer), esc(f.Weak.Critique), esc(p.Title),
		}))
	}
	for _, q := range p.Quiz {
		key := "quiz:" + pack.ItemKey(q.ID, q.Question)
		var opts []string
		for _, o := range q.Options {
			opts = append(opts, o)
		}
		answer := esc(q.Answer)
		if t := export.AnswerText(&q); t != "" {
			answer += ". " + esc(t)
		}
		hint := esc(q.Hint)
		out = append(out, mk(quizType, key, []string{
			esc(q.Question), strings.Replace(list("ol", opts), "<ol>", `<ol type="A">`, 1), answer,
			list("ol", q.Solution), hint, list("ul", q.Mistakes), esc(p.Title), esc(q.Difficulty),
		}, tag("difficulty::"+q.Difficulty)))
	}
	if w := p.WeakAnswer; w != nil {
		for _, c := range w.Checks {
			answer := esc(c.Answer)
			if i := c.AnswerIndex(); i >= 0 {
				answer += ". " + esc(c.Options[i])
			}
			out = append(out, mk(quizType, "check:"+pack.ItemKey(c.ID, c.Question), []string{
				esc(c.Question), strings.Replace(list("ol", c.Options), "<ol>", `<ol type="A">`, 1), answer,
				list("ol", []string{c.Explanation}), "", "", esc(p.Title), "",
			}, "weak-answer-check"))
		}
	}
	return out
}

func tagSet(tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tags {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}
