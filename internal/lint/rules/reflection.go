package rules

import (
	"sort"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/prose"
)

// ReflectionOptions configures reflection-not-generic.
type ReflectionOptions struct {
	GenericPhrases []string `yaml:"generic-phrases" doc:"more phrasings to treat as generic, added to the built-in list"`
}

// builtinGenericPhrases are reflections that fit any story, so tell the
// interviewer nothing.
var builtinGenericPhrases = []string{
	"communication is important", "communication is key", "importance of communication",
	"communicate better", "communicate more", "better communication", "over-communicate",
	"learned a lot", "learnt a lot", "i learned my lesson", "learned from my mistakes",
	"lessons learned", "great learning experience", "valuable lesson", "teamwork is important",
	"teamwork is key", "importance of teamwork", "work harder", "be more careful",
	"pay more attention", "plan better", "better planning", "manage my time better",
	"time management", "ask for help earlier", "grew as a person", "made me a better engineer",
	"never give up", "always test", "test more",
}

// storyStopwords are words too common to make a reflection story-specific.
var storyStopwords = toSet(`a about above after again against all also always am an and any are as at be
because been before being below between both but by can could did do does doing down during each
even ever every few for from further had has have having he her here hers him his how i i'd i'll
i'm i've if in into is it it's its itself just learned learn learning lesson lessons let like made
make making me more most much my myself never no nor not now of off on once only or other our out
over own really same she should so some such than that the their them then there these they this
those through to too under until up very was we were what when where which while who why will with
would you your always better things thing something team teams work worked working issue issues
problem problems real really important importance always ensure prevent future next time times
across beyond within without able way ways lot people others everyone someone`)

func toSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// stem folds simple plurals so "conditions" meets "condition".
func stem(w string) string {
	w = strings.TrimSuffix(w, "'s")
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = strings.TrimSuffix(w, "s")
	}
	return w
}

// ReflectionNotGeneric wants reflections specific to the story.
var ReflectionNotGeneric = &lint.Rule{
	Name:    "reflection-not-generic",
	Summary: "reflections say something specific to this story",
	Doc: `"I learned communication is important" is the most common reflection failure: it fits any
story and tells the interviewer nothing. A reflection (reflections[].text, levels[].reflection,
star.reflection.example) fails when it matches a known generic phrasing (a built-in list that
the generic-phrases option extends), or when it shares no story-specific term (a word of four or
more letters that is not a common word) with the scenario and the STAR examples.`,
	Bad:     "scenario: I found a race condition in the payment retry logic.\nreflections:\n  - level: SDE2\n    text: I learned communication is important.",
	Good:    "scenario: I found a race condition in the payment retry logic.\nreflections:\n  - level: SDE2\n    text: I learned to check retry logic for race conditions before it reaches payments.",
	Default: lint.Error,
	Options: func() any { return &ReflectionOptions{} },
	Run: func(p *lint.Pass) {
		opts, _ := p.Options.(*ReflectionOptions)
		phrases := builtinGeneric
		if opts != nil && len(opts.GenericPhrases) > 0 {
			phrases = append(append([]foldedPhrase(nil), phrases...), foldPhrases(opts.GenericPhrases)...)
		}
		texts := reflectionTexts(p)
		if len(texts) == 0 {
			return
		}
		story := storyTerms(p)
		for _, t := range texts {
			words := p.Words(t.Value)
			folded := foldWords(words)
			if phrase, at := matchPhrase(folded, phrases); at >= 0 {
				// the match starts at the space before word k
				k, n := strings.Count(folded[:at], " "), strings.Count(phrase.folded, " ")-1
				if k+n <= len(words) {
					last := words[k+n-1]
					p.ReportRange(t.Text, words[k].Start, last.Start+len(last.Text), "%s is generic: it matches the phrasing %q; say what this story taught you", t.label, phrase.text)
					continue
				}
				p.ReportText(t.Text, "%s is generic: it matches the phrasing %q; say what this story taught you", t.label, phrase.text)
				continue
			}
			if len(story) > 0 && !sharesTerm(p.Words(t.Value), story) {
				p.ReportText(t.Text, "%s shares no term with the story (scenario and STAR examples): tie it to this story's specifics, such as %s", t.label, examples(story, 3))
			}
		}
	},
}

// foldedPhrase is a generic phrasing and its folded form, " word word ".
type foldedPhrase struct{ text, folded string }

func foldPhrases(list []string) []foldedPhrase {
	out := make([]foldedPhrase, 0, len(list))
	for _, ph := range list {
		if terms := prose.Terms(ph); len(terms) > 0 {
			out = append(out, foldedPhrase{ph, " " + strings.Join(terms, " ") + " "})
		}
	}
	return out
}

// builtinGeneric is builtinGenericPhrases folded once.
var builtinGeneric = foldPhrases(builtinGenericPhrases)

// matchPhrase returns the first phrasing found in folded, and where.
func matchPhrase(folded string, phrases []foldedPhrase) (foldedPhrase, int) {
	for _, ph := range phrases {
		if i := strings.Index(folded, ph.folded); i >= 0 {
			return ph, i
		}
	}
	return foldedPhrase{}, -1
}

// storyTerms collects the specific words of the scenario and STAR examples.
func storyTerms(p *lint.Pass) map[string]bool {
	terms := map[string]bool{}
	add := func(s string) {
		for _, w := range p.Words(s) {
			if len(w.Text) >= 4 {
				if f := prose.FoldTerm(w.Text); !storyStopwords[f] {
					terms[stem(f)] = true
				}
			}
		}
	}
	add(p.Pack.Scenario)
	for _, name := range []string{"situation", "task", "action", "result"} {
		add(p.Pack.Star.Step(name).Example)
	}
	return terms
}

func sharesTerm(words []prose.Word, story map[string]bool) bool {
	for _, w := range words {
		if f := prose.FoldTerm(w.Text); story[stem(f)] && !storyStopwords[f] {
			return true
		}
	}
	return false
}

// foldWords joins folded words as " word word ", for phrase matching.
func foldWords(words []prose.Word) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, w := range words {
		b.WriteString(prose.FoldTerm(w.Text))
		b.WriteByte(' ')
	}
	return b.String()
}

func examples(set map[string]bool, n int) string {
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	// longest words first: they are the most specific
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) > len(words[j])
		}
		return words[i] < words[j]
	})
	if len(words) > n {
		words = words[:n]
	}
	for i, w := range words {
		words[i] = "\"" + w + "\""
	}
	return strings.Join(words, ", ")
}
