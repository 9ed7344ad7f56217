package html

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
	"strings"

	"github.com/starlint-dev/starlint/internal/export/jsonexport"
)

// studyData is what the page's script reads (from a JSON data block that
// never runs): the questions for Practice and Test. The script renders
// them with textContent only.
type studyData struct {
	Pack  string          `json:"pack"`
	Title string          `json:"-"` // for the index's review
	Quiz  []studyQuestion `json:"quiz"`
	Steps int             `json:"steps"`
}

// studyQuestion is one quiz item. Answer is the index of the right option
// as written; the script shuffles the options per session.
type studyQuestion struct {
	Key        string   `json:"key"`
	Pack       string   `json:"pack,omitempty"` // on the index
	PackTitle  string   `json:"packTitle,omitempty"`
	Category   string   `json:"category,omitempty"`
	Question   string   `json:"question"`
	Difficulty string   `json:"difficulty"`
	Options    []string `json:"options"`
	Answer     int      `json:"answer"`
	Solution   []string `json:"solution"`
	Hint       string   `json:"hint,omitempty"`
	Mistakes   []string `json:"mistakes"`
}

func studyFor(p *jsonexport.Pack) *studyData {
	d := &studyData{Pack: p.ID, Title: p.Title, Quiz: []studyQuestion{}, Steps: len(p.Star)}
	for _, q := range p.Quiz {
		sq := studyQuestion{Key: q.Key, Question: q.Question, Difficulty: q.Difficulty, Answer: -1,
			Solution: q.Solution, Hint: q.Hint, Mistakes: q.Mistakes}
		for i, o := range q.Options {
			sq.Options = append(sq.Options, o.Text)
			if o.Letter == q.Answer {
				sq.Answer = i
			}
		}
		if sq.Answer < 0 {
			continue // an answer naming no option (exported with --force): Learn shows it as written
		}
		d.Quiz = append(d.Quiz, sq)
	}
	return d
}

// indexPool is the index page's test: a sample of each category's
// questions, so a test across all packs or one category runs offline
// without the index carrying every pack's quiz.
type indexPool struct {
	Categories []string        `json:"categories"`
	Quiz       []studyQuestion `json:"quiz"`
}

const (
	perDifficulty = 5   // questions kept per category and difficulty
	maxCategories = 200 // categories past this (by name) get no test of their own
)

// poolBuilder keeps, per category and difficulty, the perDifficulty
// questions with the smallest hash of their pack and key: a sample that
// does not depend on the order packs arrive in, in bounded memory.
type poolBuilder struct {
	kept map[string][]pooled // category + "\x00" + difficulty
}

type pooled struct {
	rank uint64
	q    studyQuestion
}

func (b *poolBuilder) add(category string, d *studyData) {
	if b.kept == nil {
		b.kept = map[string][]pooled{}
	}
	for _, q := range d.Quiz {
		if q.Answer < 0 {
			continue
		}
		sum := sha256.Sum256([]byte(d.Pack + "\x00" + q.Key))
		rank := binary.BigEndian.Uint64(sum[:8])
		slot := category + "\x00" + q.Difficulty
		list := b.kept[slot]
		if len(list) == perDifficulty && rank >= list[len(list)-1].rank {
			continue
		}
		// copies: the pool outlives the pack, whose strings share its file
		q = cloneQuestion(q)
		q.Pack, q.Category = strings.Clone(d.Pack), strings.Clone(category)
		q.PackTitle = strings.Clone(d.Title)
		list = append(list, pooled{rank, q})
		sort.Slice(list, func(i, j int) bool { return list[i].rank < list[j].rank })
		if len(list) > perDifficulty {
			list = list[:perDifficulty]
		}
		b.kept[strings.Clone(slot)] = list
	}
}

func (b *poolBuilder) build() *indexPool {
	if len(b.kept) == 0 {
		return nil
	}
	cats := map[string]bool{}
	for slot := range b.kept {
		c, _, _ := strings.Cut(slot, "\x00")
		cats[c] = true
	}
	p := &indexPool{Quiz: []studyQuestion{}}
	for c := range cats {
		p.Categories = append(p.Categories, c)
	}
	sort.Strings(p.Categories)
	if len(p.Categories) > maxCategories {
		p.Categories = p.Categories[:maxCategories]
	}
	for _, c := range p.Categories {
		for _, diff := range []string{"easy", "medium", "hard"} {
			for _, k := range b.kept[c+"\x00"+diff] {
				p.Quiz = append(p.Quiz, k.q)
			}
		}
	}
	return p
}

func cloneQuestion(q studyQuestion) studyQuestion {
	q.Key, q.Question, q.Difficulty, q.Hint = strings.Clone(q.Key), strings.Clone(q.Question), strings.Clone(q.Difficulty), strings.Clone(q.Hint)
	q.Options, q.Solution, q.Mistakes = cloneAll(q.Options), cloneAll(q.Solution), cloneAll(q.Mistakes)
	return q
}

func cloneAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}
