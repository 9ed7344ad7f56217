package anki

import (
	"database/sql"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/pack"
)

// readNote is one note read back from a package.
type readNote struct {
	GUID, Tags string
	Type       *noteType
	Fields     map[string]string
	Ords       []int
	Deck       string
}

// readNotes reads every note of a package back from its SQLite collection,
// with its cards' ordinals and deck name.
func readNotes(t *testing.T, db *sql.DB) []readNote {
	t.Helper()
	var decksJSON string
	db.QueryRow("select decks from col").Scan(&decksJSON)
	var decks map[string]struct{ Name string }
	if err := json.Unmarshal([]byte(decksJSON), &decks); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("select n.guid, n.mid, n.tags, n.flds, c.ord, c.did from notes n join cards c on c.nid = n.id order by n.id, c.ord")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byID := typesByID()
	var out []readNote
	for rows.Next() {
		var guid, tags, flds, did string
		var mid int64
		var ord int
		if err := rows.Scan(&guid, &mid, &tags, &flds, &ord, &did); err != nil {
			t.Fatal(err)
		}
		if len(out) > 0 && out[len(out)-1].GUID == guid {
			out[len(out)-1].Ords = append(out[len(out)-1].Ords, ord)
			continue
		}
		nt := byID[mid]
		n := readNote{GUID: guid, Tags: tags, Type: nt, Fields: map[string]string{}, Ords: []int{ord}, Deck: decks[did].Name}
		for i, f := range strings.Split(flds, "\x1f") {
			n.Fields[nt.Fields[i]] = f
		}
		out = append(out, n)
	}
	return out
}

func loadPackage(t *testing.T, globs ...string) ([]*export.Source, []readNote) {
	t.Helper()
	packs := exporttest.Load(t, globs...)
	return packs, readNotes(t, openCollection(t, exportPackage(t, packs, exporttest.Epoch)))
}

var clozeRE = regexp.MustCompile(`\{\{c(\d+)::(.*?)\}\}`)

// TestClozeNotesAskForTheKeyPhrases: each step's strong example becomes a
// cloze note whose deletions are its key phrases, a card per deletion.
func TestClozeNotesAskForTheKeyPhrases(t *testing.T) {
	_, notes := loadPackage(t, "../../testdata/packs/failed-to-deliver.yaml")
	var action *readNote
	steps := map[string]bool{}
	for i, n := range notes {
		if n.Type != clozeType {
			continue
		}
		steps[n.Fields["Step"]] = true
		if n.Fields["Step"] == "Action" {
			action = &notes[i]
		}
		m := clozeRE.FindAllStringSubmatch(n.Fields["Text"], -1)
		if len(m) != len(n.Ords) {
			t.Errorf("%s: %d deletions, %d cards", n.Fields["Step"], len(m), len(n.Ords))
		}
		for k, d := range m {
			if d[1] != string(rune('1'+k)) || n.Ords[k] != k {
				t.Errorf("%s: deletion %d is c%s, card ord %d", n.Fields["Step"], k+1, d[1], n.Ords[k])
			}
		}
		if !strings.Contains(n.Tags, " key-phrases ") || !strings.Contains(n.Tags, " pack::failed-to-deliver ") {
			t.Errorf("cloze tags %q", n.Tags)
		}
	}
	if len(steps) != 4 || steps["Reflection"] {
		t.Errorf("cloze notes for %v, want the four steps with an example", steps)
	}
	if action == nil {
		t.Fatal("no cloze note for the action")
	}
	// the seed's action phrases, found whatever their wording in the example
	text := action.Fields["Text"]
	for _, want := range []string{"{{c1::I pulled}}", "{{c2::I traced}}", "{{c5::I added}}", "{{c7::coordinated}}", "the Platform team&#39;s service"} {
		if !strings.Contains(text, want) {
			t.Errorf("action cloze lacks %s:\n%s", want, text)
		}
	}
	if strings.Contains(clozeRE.ReplaceAllString(text, ""), "{{") {
		t.Errorf("stray cloze syntax in %q", text)
	}
}

// TestQuizHintBeforeTheAnswer: the hint is on the card's front, behind
// Anki's hint filter, and no longer after the answer.
func TestQuizHintBeforeTheAnswer(t *testing.T) {
	if !strings.Contains(quizType.QFmt, "{{hint:Hint}}") || strings.Contains(quizType.AFmt, "Hint") {
		t.Errorf("quiz templates: front %q, back %q", quizType.QFmt, quizType.AFmt)
	}
	packs, notes := loadPackage(t, "../../testdata/packs/failed-to-deliver.yaml")
	hints := 0
	for _, n := range notes {
		if n.Type == quizType && n.Fields["Hint"] != "" {
			hints++
		}
	}
	if want := len(packs[0].Pack.Quiz); hints != want {
		t.Errorf("%d quiz notes with a hint, want %d", hints, want)
	}
}

var itemRE = regexp.MustCompile(`<li>(.*?)</li>`)

// TestQuizOptionsShuffledWithTheRightKey: options are in an order fixed
// per item, the answer's letter follows it, and across the example packs
// the right answer is not always where the writer put it.
func TestQuizOptionsShuffledWithTheRightKey(t *testing.T) {
	packs, notes := loadPackage(t, "../../testdata/packs/*.yaml")
	correct := map[string]string{} // question -> correct option, as written
	for _, p := range packs {
		for _, q := range p.Pack.Quiz {
			correct[esc(q.Question)] = esc(export.AnswerText(&q))
		}
		for _, c := range p.Pack.WeakAnswer.Checks {
			correct[esc(c.Question)] = esc(c.Options[c.AnswerIndex()])
		}
	}
	moved, letters := 0, map[string]int{}
	for _, n := range notes {
		if n.Type != quizType {
			continue
		}
		options := itemRE.FindAllStringSubmatch(n.Fields["Options"], -1)
		letter, text, _ := strings.Cut(n.Fields["Answer"], ". ")
		i := int(letter[0] - 'A')
		if len(letter) != 1 || i < 0 || i >= len(options) || options[i][1] != text || text != correct[n.Fields["Question"]] {
			t.Errorf("%q: answer %q does not name the right option among %q", n.Fields["Question"], n.Fields["Answer"], options)
		}
		letters[letter]++
		for _, p := range packs {
			for _, q := range p.Pack.Quiz {
				if esc(q.Question) == n.Fields["Question"] && q.Answer != letter {
					moved++
				}
			}
		}
	}
	if moved == 0 || len(letters) < 3 {
		t.Errorf("answers moved in %d items, letters %v: the options are not shuffled", moved, letters)
	}
	// the same order in every export
	_, again := loadPackage(t, "../../testdata/packs/*.yaml")
	for i := range notes {
		if notes[i].Fields["Options"] != again[i].Fields["Options"] {
			t.Fatalf("two exports ordered %q differently", notes[i].Fields["Question"])
		}
	}
}

// TestReflectionCardCarriesTheModelReflections: the reflection step's back
// has each model reflection under its level, and the key phrases.
func TestReflectionCardCarriesTheModelReflections(t *testing.T) {
	packs, notes := loadPackage(t, "../../testdata/packs/failed-to-deliver.yaml")
	p := packs[0].Pack
	for _, n := range notes {
		if n.Type != stepType || !strings.HasPrefix(n.Fields["Step"], "Reflection") {
			continue
		}
		back := strings.Join(strings.Fields(StripHTML(n.Fields["Example"])), " ")
		for _, r := range p.Reflections {
			if !strings.Contains(back, r.Level+": ") || !strings.Contains(back, strings.Join(strings.Fields(r.Text), " ")) {
				t.Errorf("reflection back lacks %s's reflection:\n%s", r.Level, back)
			}
		}
		for _, ph := range p.Star.Reflection.Phrases {
			if !strings.Contains(back, "“"+ph+"”") {
				t.Errorf("reflection back lacks the key phrase %q", ph)
			}
		}
		return
	}
	t.Fatal("no reflection card")
}

// TestStepCardsNameTheStory: step fronts differ between packs (they cue
// with this story's own words), and backs are the example and one line.
func TestStepCardsNameTheStory(t *testing.T) {
	_, notes := loadPackage(t, "../../testdata/packs/*.yaml")
	prompts := map[string]map[string]bool{} // step -> prompts
	for _, n := range notes {
		if n.Type != stepType {
			continue
		}
		step, _, _ := strings.Cut(n.Fields["Step"], " · ")
		if prompts[step] == nil {
			prompts[step] = map[string]bool{}
		}
		prompts[step][n.Fields["Prompt"]] = true
		if c := StripHTML(n.Fields["Coaching"]); strings.Count(c, ". ") > 0 || len(strings.Fields(c)) > 41 {
			t.Errorf("%s: coaching on the back is more than one line: %q", step, c)
		}
	}
	for step, ps := range prompts {
		if len(ps) != 2 {
			t.Errorf("%s: %d distinct prompts over two packs: %v", step, len(ps), ps)
		}
	}
	if strings.Contains(stepType.AFmt, "{{Mistake}}") {
		t.Error("the step back still shows the common mistake: it is meant to be short")
	}
}

// TestDeckPerPackAndPackTags: every pack has its own deck, Category::Title,
// two packs with one title get two decks, and every note is tagged with
// its pack.
func TestDeckPerPackAndPackTags(t *testing.T) {
	packs := exporttest.Load(t, "../../testdata/packs/failed-to-deliver.yaml", "../../testdata/packs/failed-to-deliver.yaml")
	packs[1].Pack.ID = "failed-to-deliver-again"
	notes := readNotes(t, openCollection(t, exportPackage(t, packs, exporttest.Epoch)))
	decks := map[string]string{}
	for _, n := range notes {
		id := "failed-to-deliver"
		if strings.Contains(n.Tags, " pack::failed-to-deliver-again ") {
			id = "failed-to-deliver-again"
		} else if !strings.Contains(n.Tags, " pack::failed-to-deliver ") {
			t.Errorf("note %s has no pack tag: %q", n.GUID, n.Tags)
		}
		if d, ok := decks[id]; ok && d != n.Deck {
			t.Errorf("pack %s's notes are in decks %q and %q", id, d, n.Deck)
		}
		decks[id] = n.Deck
	}
	title := "General Behavioral::Tell Me About a Time You Failed to Deliver on a Commitment"
	if decks["failed-to-deliver"] != title || decks["failed-to-deliver-again"] != title+" (failed-to-deliver-again)" {
		t.Errorf("decks = %v", decks)
	}
}

// TestGUIDsSurviveAReorder reads two packages back: one from the pack as
// written, one with its follow-ups, quiz and checks reversed. Every note
// keeps its GUID and its fields.
func TestGUIDsSurviveAReorder(t *testing.T) {
	_, before := loadPackage(t, "../../testdata/packs/failed-to-deliver.yaml")
	packs := exporttest.Load(t, "../../testdata/packs/failed-to-deliver.yaml")
	p := packs[0].Pack
	reverse(p.Followups)
	reverse(p.Quiz)
	reverse(p.WeakAnswer.Checks)
	after := readNotes(t, openCollection(t, exportPackage(t, packs, exporttest.Epoch)))
	fields := map[string]map[string]string{}
	for _, n := range after {
		fields[n.GUID] = n.Fields
	}
	for _, n := range before {
		got, ok := fields[n.GUID]
		if !ok {
			t.Errorf("GUID %s (%s) lost in the reorder", n.GUID, n.Type.Name)
			continue
		}
		for k, v := range n.Fields {
			if got[k] != v {
				t.Errorf("GUID %s: field %s changed in the reorder", n.GUID, k)
			}
		}
	}
	if len(before) != len(after) {
		t.Errorf("%d notes before, %d after", len(before), len(after))
	}
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// TestLineBreaksAndClozeSyntaxInText: a literal block's line breaks are
// <br>, and "::" or "}}" inside a key phrase cannot end its deletion.
func TestLineBreaksAndClozeSyntaxInText(t *testing.T) {
	p := &pack.Pack{ID: "p", Title: "T", Category: "C", Star: pack.Star{Action: pack.Step{Present: true,
		Example: "I set ratio::2 first.\nThen I asked for {{help}}.", Phrases: []string{"ratio::2", "asked for {{help}}"}, Coaching: "Say I."}}}
	notes := notesFor(&export.Source{Pack: p, Modified: exporttest.Epoch}, "C::T", 150)
	for _, n := range notes {
		switch n.Type {
		case stepType:
			if n.Fields[2] == "Action · " && !strings.Contains(n.Fields[4], "first.<br>") {
				t.Errorf("action back %q: the line break is lost", n.Fields[4])
			}
		case clozeType:
			text := n.Fields[0]
			m := clozeRE.FindAllStringSubmatch(text, -1)
			if n.Cards != 2 || len(m) != 2 || strings.Contains(m[0][2], "::") || strings.Contains(m[1][2], "}}") {
				t.Errorf("cloze %q: %d cards, deletions %q", text, n.Cards, m)
			}
			if !strings.Contains(text, "<br>") {
				t.Errorf("cloze %q: the line break is lost", text)
			}
		}
	}
}
