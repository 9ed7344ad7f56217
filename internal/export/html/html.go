// Package html writes a static, offline study site: an index of packs
// grouped by category with a filter box and a test across packs, and one
// page per pack with four preparation modes (Learn, Practice, Test,
// Rehearse; docs/study-site.md). The script reads questions from a JSON
// data block and keeps progress in localStorage. Pages are written in
// code (pages.go) through methods that escape each pack text for its
// context (render.go), so pack text can never inject markup or script. Every
// page links the site's one stylesheet and one script, written once
// beside the pages, and its Content-Security-Policy allows those and
// nothing else, so no request leaves the site.
package html

import (
	"context"
	"crypto/sha256"
	_ "embed" // the site's stylesheet and script
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/jsonexport"
	"github.com/starlint-dev/starlint/internal/pack"
)

//go:embed assets/site.css
var siteCSS string

//go:embed assets/site.js
var siteJS string

// Exporter is the html format.
type Exporter struct{}

// Name implements export.Exporter.
func (Exporter) Name() string { return "html" }

// site names the stylesheet and script every page links. Inlined, they
// were 35 KB of each 64 KB page: 350 MB of a 10,000-pack site.
type site struct {
	CSSFile, JSFile string
}

type category struct {
	Name, Slug string
	Packs      []indexEntry
}

// indexEntry is what the index shows of a pack: all the site keeps of it
// once its page is written.
type indexEntry struct {
	ID, Title, Competency, Search string
	Quiz, Followups               int
	Twin                          bool   // another pack has this title: show the id
	path                          string // for the order of packs of one title
}

type packView struct {
	*jsonexport.Pack
	Steps           []stepView
	ReflectionViews []reflectionView
	TimedLevels     []jsonexport.Level // the levels with a duration, for Rehearse
	Search          string
	Study           *studyData
}

type stepView struct {
	Name, Title, Target, Example, Coaching, Mistake string
	Phrases                                         []string
	Words, SpeakingSeconds, TargetSeconds           int
	TargetClock                                     string // the countdown's start, 1:30
	Over                                            bool
	Highlighted                                     markup // escaped, with the key phrases marked
}

type reflectionView struct {
	Level       string
	Highlighted markup
}

// assetName is an asset's file name with a hash of its content in it, so
// that a browser never keeps an old copy for a re-exported site.
func assetName(base, ext, content string) string {
	sum := sha256.Sum256([]byte(content))
	return base + "-" + hex.EncodeToString(sum[:6]) + ext
}

// theSite names the assets, hashed on first use: every starlint command
// would pay for the hashes at start-up, and only an HTML export needs them.
var theSite = sync.OnceValue(func() site {
	return site{CSSFile: assetName("site", ".css", siteCSS), JSFile: assetName("site", ".js", siteJS)}
})

// Start implements export.Exporter: a page per pack as it arrives, the
// index, which needs only a line per pack, at Finish.
func (Exporter) Start(opt export.Options, out export.Output) (export.Writer, error) {
	return newWriter(opt, out), nil
}

func newWriter(opt export.Options, out export.Output) *writer {
	return &writer{opt: opt, out: out, byCategory: map[string]*category{}}
}

type writer struct {
	opt        export.Options
	out        export.Output
	byCategory map[string]*category
	pool       poolBuilder
	packs      int
}

// prepared is one pack's view and page (Prepare runs on several packs at
// once; Add files them in order, so that a second pack of an id is the
// one an error names).
type prepared struct {
	v    *packView
	page []byte
}

// Prepare implements export.Preparer: the view and the page.
func (w *writer) Prepare(src *export.Source) (any, error) {
	var o pageOut
	v, err := w.render(src, &o)
	if err != nil {
		return nil, err
	}
	return &prepared{v: v, page: o.b}, nil
}

// render builds a pack's view and writes its page to o.
func (w *writer) render(src *export.Source, o *pageOut) (*packView, error) {
	v, err := view(src.Ctx, src.Pack, w.opt.WordsPerMinute)
	if err != nil {
		return nil, err
	}
	return v, writeLayout(o, v.Title, v, func() error { return writePack(o, v) }, 0)
}

func (w *writer) Add(src *export.Source) error {
	pr, err := export.PreparedOf[*prepared](w, src)
	if err != nil {
		return err
	}
	w.file(pr.v, src.Path)
	return w.out.WriteFile(pr.v.ID+".html", pr.page)
}

// file puts a pack in the index and its questions in the pool for the
// index's test.
func (w *writer) file(v *packView, path string) {
	c := w.byCategory[v.Category]
	if c == nil {
		name := strings.Clone(v.Category)
		c = &category{Name: name, Slug: slug(name)}
		w.byCategory[name] = c
	}
	// Copies: the index outlives the pack, whose strings share its file's text.
	c.Packs = append(c.Packs, indexEntry{ID: strings.Clone(v.ID), Title: strings.Clone(v.Title),
		Competency: strings.Clone(v.Competency), Search: v.Search, Quiz: len(v.Quiz), Followups: len(v.Followups),
		path: strings.Clone(path)})
	w.pool.add(c.Name, v.Study)
	w.packs++
}

func (w *writer) Finish() error {
	cats := make([]category, 0, len(w.byCategory))
	titles := map[string]int{}
	for _, c := range w.byCategory {
		for _, e := range c.Packs {
			titles[e.Title]++
		}
	}
	for _, c := range w.byCategory {
		for i := range c.Packs {
			c.Packs[i].Twin = titles[c.Packs[i].Title] > 1
		}
		// by title, then as an in-order export comes: by id, then path
		export.SortByIDPath(c.Packs, func(e indexEntry) (string, string) { return e.ID, e.path })
		sort.SliceStable(c.Packs, func(i, j int) bool { return c.Packs[i].Title < c.Packs[j].Title })
		cats = append(cats, *c)
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].Name < cats[j].Name })
	var o pageOut
	pool := w.pool.build()
	if err := writeLayout(&o, "Pattern packs", nil, func() error { return writeIndex(&o, cats, pool) }, w.packs); err != nil {
		return err
	}
	for _, f := range []struct{ name, content string }{{theSite().CSSFile, siteCSS}, {theSite().JSFile, siteJS}} {
		if err := w.out.WriteFile(f.name, []byte(f.content)); err != nil {
			return err
		}
	}
	return w.out.WriteFile("index.html", o.b)
}

func (w *writer) Abort() {}

func view(ctx context.Context, p *pack.Pack, wpm int) (*packView, error) {
	jp := jsonexport.Convert(p, wpm)
	v := &packView{Pack: jp, Search: strings.ToLower(strings.Join([]string{p.Title, p.Category, p.Competency, strings.Join(p.Tags, " ")}, " ")),
		Study: studyFor(jp)}
	// the phrases as the JSON export found them, not found again
	for _, s := range jp.Star {
		v.Steps = append(v.Steps, stepView{
			Name: s.Step, Title: s.Title, Target: s.Target, Example: s.Example, Coaching: s.Coaching, Mistake: s.Mistake,
			Phrases: s.Phrases, Words: s.Words, SpeakingSeconds: s.SpeakingSeconds, TargetSeconds: s.TargetSeconds,
			TargetClock: clock(s.TargetSeconds),
			Over:        s.Example != "" && s.TargetSeconds > 0 && s.SpeakingSeconds > s.TargetSeconds,
			Highlighted: markup(export.HighlightMarks(s.Example, s.PhraseSpans)),
		})
	}
	for _, r := range jp.Reflections {
		v.ReflectionViews = append(v.ReflectionViews, reflectionView{Level: r.Level, Highlighted: markup(export.HighlightMarks(r.Text, r.PhraseSpans))})
	}
	if ctx != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	for _, l := range jp.Levels {
		if l.DurationMaxSeconds > 0 {
			v.TimedLevels = append(v.TimedLevels, l)
		}
	}
	return v, nil
}

// spokenDuration writes a level's duration as a learner reads it: "2
// minutes", "2 min 30 s to 3 minutes".
func spokenDuration(lo, hi int) string {
	one := func(s int, unit bool) string {
		switch {
		case s < 60:
			return strconv.Itoa(s) + " seconds"
		case s%60 != 0:
			return strconv.Itoa(s/60) + " min " + strconv.Itoa(s%60) + " s"
		case !unit:
			return strconv.Itoa(s / 60)
		case s == 60:
			return "1 minute"
		}
		return strconv.Itoa(s/60) + " minutes"
	}
	if lo == 0 || lo == hi {
		return one(hi, true)
	}
	return one(lo, lo%60 != 0 || hi%60 != 0) + " to " + one(hi, true)
}

// clock writes seconds as m:ss.
func clock(seconds int) string {
	return strconv.Itoa(seconds/60) + ":" + fmt.Sprintf("%02d", seconds%60)
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
