package rules

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/prose"
)

// ReflectionOptions configures reflection-not-generic.
type ReflectionOptions struct {
	GenericPhrases []string `yaml:"generic-phrases" doc:"more phrasings to treat as generic, added to the built-in list"`
	// the built-in phrasings and these, in one automaton, built once
	// for the config on first use and dropped with it
	once    sync.Once
	phrases *phraseSet
}

// phraseSet returns the phrasings a reflection is matched against.
func (o *ReflectionOptions) phraseSet() *phraseSet {
	if o == nil || len(o.GenericPhrases) == 0 {
		return builtinGeneric
	}
	o.once.Do(func() {
		o.phrases = newPhraseSet(append(append([]foldedPhrase(nil), builtinGeneric.phrases...), foldPhrases(o.GenericPhrases)...))
	})
	return o.phrases
}

// builtinGenericPhrases are reflections that fit any story, so tell the
// interviewer nothing. A * stands for one to four words: "learned that *
// matters" is "I learned that estimates matter" and "I learned that clear
// ownership matters". They are generic whatever words surround them.
var builtinGenericPhrases = []string{
	"communication is important", "communication is key", "importance of communication",
	"communicate better", "communicate more", "communicate early", "communicate earlier",
	"communicate proactively", "communicate clearly", "better communication", "over-communicate",
	"learned a lot", "learnt a lot", "taught me a lot", "taught me so much", "taught me many things",
	"helped me grow", "helped me to grow", "made me grow", "grow as an engineer", "grow as a person",
	"grew as an engineer", "grew as a person", "made me a better",
	"learned that * matters", "learned that * matter", "learned that * is important",
	"learned that * are important", "learned how important * is", "learned the importance of",
	"realized that * matters", "realized how important", "i learned my lesson",
	"learned from my mistakes", "lessons learned", "great learning experience", "valuable lesson",
	"teamwork is important", "teamwork is key", "importance of teamwork", "work harder",
	"be more careful", "pay more attention", "plan better", "better planning",
	"manage my time better", "time management", "ask for help earlier", "never give up",
	"always test", "test more",
}

// storyStopwords are words too common to make a reflection story-specific:
// function words, and the roles and work words every story has ("manager",
// "deadline", "engineer"). Sharing one of them with the story does not tie
// a reflection to it.
var storyStopwords = toSet(`a about above after again against all also always am an and any are as at be
because been before being below between both but by can could did do does doing down during each
even ever every few for from further had has have having he her here hers him his how i i'd i'll
i'm i've if in into is it it's its itself just learned learn learning lesson lessons let like made
make making me more most much my myself never no nor not now of off on once only or other our out
over own really same she should so some such than that the their them then there these they this
those through to too under until up very was we were what when where which while who why will with
would you your always better things thing something team teams work worked working issue issues
problem problems real really important importance always ensure prevent future next time times
across beyond within without able way ways lot people others everyone someone
engineer engineers engineering developer developers manager managers management boss lead leader
leaders leadership senior junior colleague colleagues coworker coworkers peer peers stakeholder
stakeholders customer customers client clients user users company organization role project
projects product feature features task tasks goal goals deadline deadlines estimate estimates
estimation schedule timeline plan plans planning meeting meetings process processes change changes
decision decisions result results outcome outcomes impact experience situation action success
failure mistake mistakes communication communicate communicating early earlier later help helped
helping grow growth grew taught teach realize realized understand understood matter matters
deliver delivered delivery thought think know knew feel felt need needed want wanted try tried
keep kept take took give gave well good great bad right wrong first last many little
tell told say said says ask asked see saw seen went came come going sooner describe example`)

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
the generic-phrases option extends; in a phrasing, * stands for one to four words), or when it
shares no distinctive term with the story: the title, the scenario and every STAR step's example
and key phrases. Generic templates ("taught me a lot", "helped me grow", "I learned that X
matters", "communicate early", "communicate better") fail whatever words surround them. A
distinctive term is a name, a system, a number or an acronym, or another word of four or more
letters that is not a common word or a word every story has (a role such as "manager" or
"engineer", or "deadline", "estimate", "project", "customer").`,
	Bad:     "scenario: I found a race condition in the payment retry logic.\nreflections:\n  - level: SDE2\n    text: I learned communication is important.",
	Good:    "scenario: I found a race condition in the payment retry logic.\nreflections:\n  - level: SDE2\n    text: I learned to check retry logic for race conditions before it reaches payments.",
	Reads:   []string{"/title", "/scenario", "/star/*/example"},
	Default: lint.Error,
	Options: func() any { return &ReflectionOptions{} },
	Run: func(p *lint.Pass) {
		opts, _ := p.Options.(*ReflectionOptions)
		phrases := opts.phraseSet()
		texts := reflectionTexts(p)
		if len(texts) == 0 {
			return
		}
		var story []string // the story's texts, listed once for every reflection
		for _, t := range texts {
			words := p.Words(t.Value)
			folded := foldWords(words)
			if phrase, at, end := matchPhrase(folded, phrases); at >= 0 {
				// the match runs from the space before word k to the space
				// after word k+n-1
				k, n := strings.Count(folded[:at], " "), strings.Count(folded[at:end], " ")
				if k+n <= len(words) && n > 0 {
					last := words[k+n-1]
					p.ReportRange(t.Text, words[k].Start, last.Start+len(last.Text), "%s is generic: it matches the phrasing %q; say what this story taught you", t.label(p), phrase.text)
					continue
				}
				p.ReportText(t.Text, "%s is generic: it matches the phrasing %q; say what this story taught you", t.label(p), phrase.text)
				continue
			}
			if story == nil {
				story = storyTexts(p)
			}
			if shares, anyTerm := sharesStory(p, story, words); anyTerm && !shares {
				p.ReportText(t.Text, "%s shares no distinctive term with the story (title, scenario and STAR steps): tie it to this story's specifics, such as %s", t.label(p), examples(storyTerms(p), 3))
			}
		}
	},
}

// foldedPhrase is a generic phrasing in folded form, " word word ": the
// whole of it, or around its one * the words before and after.
type foldedPhrase struct{ text, folded, after string }

func foldPhrases(list []string) []foldedPhrase {
	out := make([]foldedPhrase, 0, len(list))
	for _, ph := range list {
		before, after, wild := strings.Cut(ph, "*")
		terms := prose.Terms(before)
		if len(terms) == 0 {
			continue
		}
		fp := foldedPhrase{text: ph, folded: " " + strings.Join(terms, " ") + " "}
		if wild {
			if rest := prose.Terms(after); len(rest) > 0 {
				fp.after = " " + strings.Join(rest, " ") + " "
			}
		}
		out = append(out, fp)
	}
	return out
}

// builtinGeneric is builtinGenericPhrases folded once.
var builtinGeneric = newPhraseSet(foldPhrases(builtinGenericPhrases))

// maxWild is how many words a phrasing's * stands for, at most.
const maxWild = 4

// phraseSet is a list of phrasings and one automaton over them (each
// phrasing's words before its *), so that a reflection is read once for
// all of them rather than once a phrasing.
type phraseSet struct {
	phrases []foldedPhrase
	set     *lint.LiteralSet
}

func newPhraseSet(phrases []foldedPhrase) *phraseSet {
	lits := make([]string, len(phrases))
	for i, ph := range phrases {
		lits[i] = ph.folded
	}
	return &phraseSet{phrases: phrases, set: lint.NewLiteralSet(lits)}
}

// matchPhrase returns the first phrasing of the list found in folded,
// where it starts and where it ends (both at the space before a word): of
// the phrasings found, the earliest in the list, at its first place.
func matchPhrase(folded string, ps *phraseSet) (foldedPhrase, int, int) {
	best, at, to := -1, -1, -1
	ps.set.Scan(folded, func(id, end int) {
		if best >= 0 && id >= best {
			return // a phrasing earlier in the list is found already
		}
		ph := ps.phrases[id]
		i := end - len(ph.folded)
		if e, ok := phraseEnd(folded, ph, i); ok {
			best, at, to = id, i, e
		}
	})
	if best < 0 {
		return foldedPhrase{}, -1, -1
	}
	return ps.phrases[best], at, to
}

// phraseEnd checks the phrasing's words after its * (one to maxWild words
// on) for an occurrence of its first words at i, and returns where it ends.
func phraseEnd(folded string, ph foldedPhrase, i int) (int, bool) {
	end := i + len(ph.folded) - 1
	if ph.after == "" {
		return end, true
	}
	j := end
	for k := 0; k < maxWild; k++ {
		next := strings.IndexByte(folded[j+1:], ' ')
		if next < 0 {
			break
		}
		j += 1 + next
		if strings.HasPrefix(folded[j:], ph.after) {
			return j + len(ph.after) - 1, true
		}
	}
	return 0, false
}

// storyTerms collects the distinctive words of the story: the title, the
// scenario, and every STAR step's example and key phrases (the reflection
// step's are reflections themselves). A distinctive word is a name, a
// number, an acronym or a word of four or more letters that is not a
// common or work word.
func storyTerms(p *lint.Pass) map[string]bool {
	terms := map[string]bool{}
	for _, s := range storyTexts(p) {
		for _, w := range p.Words(s) {
			if f := prose.FoldTerm(w.Text); distinctive(w.Text, f) {
				terms[stem(f)] = true
			}
		}
	}
	return terms
}

// distinctive reports whether a word (w as written, f folded) can tie a
// reflection to its story.
func distinctive(w, f string) bool {
	if storyStopwords[f] || storyStopwords[stem(f)] {
		return false
	}
	if len(w) >= 4 || strings.ContainsAny(w, "0123456789") {
		return true
	}
	return len(w) >= 2 && isCapitals(w) // SLO, API
}

// isCapitals reports an ASCII word in capitals, such as an acronym.
func isCapitals(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// storyTexts are the texts storyTerms reads.
func storyTexts(p *lint.Pass) []string {
	steps := [...]string{"situation", "task", "action", "result"}
	n := 2 + len(steps)
	for _, name := range steps {
		n += len(p.Pack.Star.Step(name).Phrases)
	}
	out := append(make([]string, 0, n), p.Pack.Title, p.Pack.Scenario)
	for _, name := range steps {
		step := p.Pack.Star.Step(name)
		out = append(append(out, step.Example), step.Phrases...)
	}
	return out
}

// sharesStory reports whether a reflection's words share a distinctive
// term with the story, and whether the story has one at all. It looks for
// the reflection's few distinctive terms in the story's words, rather than
// building the set of every story term: most reflections share one early.
func sharesStory(p *lint.Pass, story []string, words []prose.Word) (shares, anyTerm bool) {
	// The reflection's stems, and which first bytes they have: a story
	// word is compared only with stems it could fold to (folding only
	// drops characters and lowers case, so "Deadline" can be "deadline"
	// but never "estimate"). The buffer is reused from pack to pack.
	buf := stemPool.Get().(*[]string)
	defer stemPool.Put(buf)
	stems := (*buf)[:0]
	var firsts [2]uint64 // ASCII first bytes of the stems
	wide := false        // a stem starts beyond ASCII
	for _, w := range words {
		if f := prose.FoldTerm(w.Text); distinctive(w.Text, f) {
			st := stem(f)
			stems = append(stems, st)
			if c := st[0]; c < utf8.RuneSelf {
				firsts[c>>6] |= 1 << (c & 63)
			} else {
				wide = true
			}
		}
	}
	*buf = stems
	has := func(c byte) bool { return c < utf8.RuneSelf && firsts[c>>6]&(1<<(c&63)) != 0 }
	for _, text := range story {
		for _, w := range p.Words(text) {
			if c := w.Text[0]; wide || c >= utf8.RuneSelf || has(c|0x20) || has(c) {
				for _, st := range stems {
					if len(w.Text) >= len(st) && prose.TermEqualsOrPlural(w.Text, st) {
						if f := prose.FoldTerm(w.Text); stem(f) == st && distinctive(w.Text, f) {
							return true, true
						}
					}
				}
			}
			if !anyTerm {
				anyTerm = distinctive(w.Text, prose.FoldTerm(w.Text)) // true within a few words
			}
		}
	}
	return false, anyTerm
}

// stemPool holds sharesStory's buffers.
var stemPool = sync.Pool{New: func() any { s := make([]string, 0, 64); return &s }}

// foldWords joins folded words as " word word ", for phrase matching.
func foldWords(words []prose.Word) string {
	var b strings.Builder
	n := 1
	for _, w := range words {
		n += len(w.Text) + 1 // a size hint: folding seldom changes a length
	}
	b.Grow(n)
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
