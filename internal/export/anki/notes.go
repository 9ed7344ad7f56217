package anki

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

// noteType is one of starlint's note types. Its fields and template are
// part of its identity: change them and Anki sees a new note type, so they
// are fixed here and covered by a test.
type noteType struct {
	Name   string
	Cloze  bool // Anki's cloze kind: a card per {{cN::...}}
	Fields []string
	QFmt   string
	AFmt   string
}

func (nt *noteType) ID() int64 { return stableID("model", nt.Name) }

var (
	quizType = &noteType{
		Name:   "Quiz (starlint)",
		Fields: []string{"Question", "Options", "Answer", "Solution", "Hint", "Mistakes", "Pattern", "Difficulty"},
		// the hint is on the front, behind Anki's hint filter: a hint is
		// for before the answer
		QFmt: `<div class="pattern">{{Pattern}}</div><div class="question">{{Question}}</div><div class="options">{{Options}}</div>` +
			`{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}`,
		AFmt: `{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>` +
			`{{#Solution}}<h4>Solution</h4>{{Solution}}{{/Solution}}` +
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
	// stepType's back is short: the example and one line of coaching (the
	// Mistake field is kept for learners who add it to their template).
	stepType = &noteType{
		Name:   "STAR step (starlint)",
		Fields: []string{"Front", "Pattern", "Step", "Prompt", "Example", "Coaching", "Mistake", "Target"},
		QFmt:   `<div class="pattern">{{Pattern}}</div><div class="question">{{Step}}</div><div class="prompt">{{Prompt}}</div>`,
		AFmt: `{{FrontSide}}<hr id="answer">{{#Example}}<div class="example">{{Example}}</div>{{/Example}}` +
			`{{#Coaching}}<p class="coaching">{{Coaching}}</p>{{/Coaching}}{{#Target}}<p class="target">{{Target}}</p>{{/Target}}`,
	}
	// clozeType asks for a step's key phrases inside its strong example:
	// a card per phrase (Anki's cloze note type, kind 1).
	clozeType = &noteType{
		Name:   "Key phrases (starlint)",
		Cloze:  true,
		Fields: []string{"Text", "Extra", "Pattern", "Step"},
		QFmt:   `<div class="pattern">{{Pattern}} · {{Step}}</div><div class="example">{{cloze:Text}}</div>`,
		AFmt:   `<div class="pattern">{{Pattern}} · {{Step}}</div><div class="example">{{cloze:Text}}</div>{{#Extra}}<p class="coaching">{{Extra}}</p>{{/Extra}}`,
	}
	noteTypes = []*noteType{quizType, followupType, stepType, clozeType}
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
.prompt { margin-top: .5em; }
.cloze { font-weight: 600; color: #0b5cad; }
.nightMode .cloze { color: #7db7ff; }
.reflection-level { margin: .5em 0; }
.phrases { color: #55606e; }
.nightMode .phrases { color: #a3adb8; }
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
	Cards  int // 1, or a cloze note's number of deletions
	Tags   []string
	Mod    time.Time
	row    []byte // the notes table's row, made in Prepare (apkg.go)
	csum   int64
}

// esc escapes pack text for an Anki field, which is HTML. Control
// characters go first: U+001F is the separator between a note's fields, so
// one inside a field would shift every field after it.
func esc(s string) string { return fieldSyntax(dropControls(s), true) }

// fieldSyntax turns line breaks into <br> and tabs (spaces in HTML, and
// something the text format cannot carry) into spaces, and writes the
// characters Anki reads as its own syntax as HTML entities: "[" starts
// [sound:...] (which plays a file) and [latex], "{{" a cloze or field
// reference. Shown, they read the same. With escapeHTML it also escapes
// < > & ' " as html.EscapeString does; without, s is HTML built
// elsewhere (the highlighted example), which escapes pack text itself.
// One pass: this runs on every field of every note.
func fieldSyntax(s string, escapeHTML bool) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		width := 1 // of what rep replaces
		switch c := s[i]; {
		case c == '\n':
			rep = "<br>"
		case c == '\t':
			rep = " "
		case c == '[':
			rep = "&#91;"
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			rep, width = "&#123;&#123;", 2
		case !escapeHTML:
			continue
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '&':
			rep = "&amp;"
		case c == '\'':
			rep = "&#39;"
		case c == '"':
			rep = "&#34;"
		default:
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+len(s)/8+len(rep))
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		last = i + width
		i += width - 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

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

// Item keys: what a note's GUID derives from (with the pack id). They name
// an item by its identity — the step, or the item's pack.ItemKey (its id,
// else a hash of its own text) — never by its position, so reordering a
// list keeps each note's review history. The JSON export gives the same
// GUIDs.
func StepKey(step string) string          { return "star:" + step }
func ClozeKey(step string) string         { return "cloze:" + step }
func FollowupKey(f *pack.Followup) string { return "followup:" + pack.ItemKey(f.ID, f.Question) }
func QuizKey(q *pack.QuizItem) string     { return "quiz:" + pack.ItemKey(q.ID, q.Question) }
func CheckKey(c *pack.Check) string       { return "check:" + pack.ItemKey(c.ID, c.Question) }

// ItemGUID is the GUID of the note for one item of a pack.
func ItemGUID(packID, key string) string { return GUIDFor("starlint", packID, key) }

// notesFor builds a pack's notes, in its deck: per STAR step a step note
// (the reflection's carries the model reflections) and, when the example
// holds its key phrases, a cloze note; a note per follow-up, quiz item
// and weak-answer check (a quiz note whose solution is the explanation).
func notesFor(src *export.Source, deck string, wpm int) []note {
	p := src.Pack
	baseTags := []string{"starlint", tag("pack::" + p.ID), tag("category::" + p.Category), tag("competency::" + p.Competency)}
	for _, t := range p.Tags {
		baseTags = append(baseTags, tag(t))
	}
	mk := func(nt *noteType, key string, fields []string, extra ...string) note {
		return note{Type: nt, GUID: ItemGUID(p.ID, key), Deck: deck, Fields: fields, Cards: 1,
			Tags: tagSet(append(append([]string(nil), baseTags...), extra...)), Mod: src.Modified}
	}
	var out []note
	for i, name := range pack.StepNames {
		s := p.Star.Step(name)
		t := export.Timing(s, wpm)
		target := "Target " + esc(s.Target)
		if s.Example != "" {
			target += " · about " + strconv.Itoa(t.SpeakingSeconds) + "s to say"
		}
		// the phrases are found once, for the highlighted back and the cloze
		text := dropControls(s.Example)
		var spans []prose.Span
		var example string
		if name == "reflection" {
			example = reflectionBack(p)
		} else {
			spans, _, _ = export.FindPhrases(nil, text, s.Phrases)
			example = fieldSyntax(export.MarkSpans(text, spans), false)
		}
		out = append(out, mk(stepType, StepKey(name), []string{
			esc(p.Title) + " — " + export.StepTitles[name], esc(p.Title), export.StepTitles[name] + " · " + esc(s.Target),
			esc(stepPrompt(p, i)), example, esc(firstSentence(s.Coaching, 40)), esc(s.Mistake), target,
		}, "step::"+name))
		if name == "reflection" {
			continue // its phrases are in the reflections, one cloze text would not hold them
		}
		if cloze, n := clozeText(text, spans); n > 0 {
			cl := mk(clozeType, ClozeKey(name), []string{cloze, esc(firstSentence(s.Coaching, 40)), esc(p.Title), export.StepTitles[name]}, "key-phrases")
			cl.Cards = n
			out = append(out, cl)
		}
	}
	for _, f := range p.Followups {
		takeaway := ""
		if f.Strong.Quote != "" {
			takeaway = "“" + esc(f.Strong.Quote) + "”"
		}
		out = append(out, mk(followupType, FollowupKey(&f), []string{
			esc(f.Question), esc(f.Probes), esc(f.Strong.Answer), takeaway, esc(f.Weak.Answer), esc(f.Weak.Critique), esc(p.Title),
		}))
	}
	for _, q := range p.Quiz {
		key := QuizKey(&q)
		options, answer := shuffledOptions(p.ID, key, q.Options, q.AnswerIndex(), q.Answer)
		out = append(out, mk(quizType, key, []string{
			esc(q.Question), options, answer, list("ol", q.Solution), esc(q.Hint), list("ul", q.Mistakes), esc(p.Title), esc(q.Difficulty),
		}, tag("difficulty::"+q.Difficulty)))
	}
	if w := p.WeakAnswer; w != nil {
		for _, c := range w.Checks {
			key := CheckKey(&c)
			options, answer := shuffledOptions(p.ID, key, c.Options, c.AnswerIndex(), c.Answer)
			out = append(out, mk(quizType, key, []string{
				esc(c.Question), options, answer, list("ol", []string{c.Explanation}), "", "", esc(p.Title), "",
			}, "weak-answer-check"))
		}
	}
	return out
}

// shuffledOptions lists a question's options in an order fixed by the
// item's identity (the same in every export, different between items, so
// the answer is not always the same letter) and says the answer with the
// letter it has in that order.
func shuffledOptions(packID, key string, options []string, answer int, letter string) (list, answerText string) {
	order := shuffle(packID+"\x00"+key, len(options))
	var b strings.Builder
	b.WriteString(`<ol type="A">`)
	answerText = esc(letter) // an answer that names no option (the schema refuses it) shows as written
	for shown, i := range order {
		b.WriteString("<li>" + esc(options[i]) + "</li>")
		if i == answer {
			answerText = pack.OptionLetter(shown) + ". " + esc(options[i])
		}
	}
	b.WriteString("</ol>")
	return b.String(), answerText
}

// shuffle is a permutation of 0..n-1 drawn from seed: Fisher–Yates on a
// SHA-256 counter stream, so it is the same on every machine and release.
func shuffle(seed string, n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	var block [32]byte
	for i := n - 1; i > 0; i-- {
		block = sha256.Sum256([]byte(seed + "\x00" + strconv.Itoa(i)))
		j := int(binary.BigEndian.Uint64(block[:8]) % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
	return order
}

// clozeText is a step's example with each key phrase found in it (spans,
// from export.FindPhrases, which it sorts) as a cloze deletion, {{c1::...}}, {{c2::...}}, in the
// order the phrases appear, and the number of deletions. Overlapping
// phrases share one deletion. The text between is escaped like any field;
// inside a deletion ":" and "}" are entities too, so "::" or "}}" in pack
// text cannot end it early or start a cloze hint.
func clozeText(example string, spans []prose.Span) (string, int) {
	if len(spans) == 0 {
		return "", 0
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.Start < last.End {
			last.End = max(last.End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	var b strings.Builder
	at := 0
	for i, s := range merged {
		b.WriteString(esc(example[at:s.Start]))
		b.WriteString("{{c" + strconv.Itoa(i+1) + "::" + clozeInner.Replace(esc(example[s.Start:s.End])) + "}}")
		at = s.End
	}
	b.WriteString(esc(example[at:]))
	return b.String(), len(merged)
}

var clozeInner = strings.NewReplacer(":", "&#58;", "}", "&#125;")

// reflectionBack is the reflection card's answer: each model reflection
// under its level, then the key phrases to remember.
func reflectionBack(p *pack.Pack) string {
	var b strings.Builder
	for _, r := range p.Reflections {
		b.WriteString(`<p class="reflection-level"><b>` + esc(r.Level) + ":</b> " + fieldSyntax(export.Highlight(dropControls(r.Text), p.Star.Reflection.Phrases), false) + "</p>")
	}
	if ex := p.Star.Reflection.Example; ex != "" && len(p.Reflections) == 0 {
		b.WriteString("<p>" + esc(ex) + "</p>")
	}
	if len(p.Star.Reflection.Phrases) > 0 {
		b.WriteString(`<p class="phrases"><b>Key phrases:</b> `)
		for i, ph := range p.Star.Reflection.Phrases {
			if i > 0 {
				b.WriteString(" · ")
			}
			b.WriteString("“" + esc(ph) + "”")
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// stepPrompt is the question on a step card's front, tied to this story:
// the step before (for the situation, the task after) as the cue. (The
// time to say it in is in the Step field.)
func stepPrompt(p *pack.Pack, i int) string {
	name := pack.StepNames[i]
	ask := map[string]string{
		"situation":  "Set the scene that leads to this",
		"task":       "What was yours to do, and who had asked you?",
		"action":     "What did you do, in your own words?",
		"result":     "What changed, in numbers?",
		"reflection": "What did you learn, that you would not have without this story?",
	}[name]
	cueStep := i - 1
	if i == 0 {
		cueStep = 1
	}
	cue := firstSentence(p.Star.Step(pack.StepNames[cueStep]).Example, 25)
	if cue == "" {
		cue = firstSentence(p.Scenario, 25)
	}
	out := ask
	if name == "situation" && cue != "" {
		out += ": “" + cue + "”"
	} else if cue != "" {
		out = "After “" + cue + "”: " + ask
	}
	return out
}

// firstSentence is text's first sentence, cut at maxWords with "…".
func firstSentence(text string, maxWords int) string {
	sentences := prose.Split(text)
	if len(sentences) == 0 {
		return strings.TrimSpace(text)
	}
	first := strings.TrimSpace(sentences[0].Text)
	words := strings.Fields(first)
	if len(words) > maxWords {
		return strings.Join(words[:maxWords], " ") + "…"
	}
	return first
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
