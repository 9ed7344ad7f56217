// Package html writes a static, offline site: an index of packs grouped by
// category with a filter box, and one page per pack with the walkthrough
// and an interactive quiz. Pages are built with html/template, so pack text
// can never inject markup or script; CSS and JavaScript are inlined and
// pinned by a Content-Security-Policy, so no request leaves the page.
package html

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	htmltemplate "html/template"
	"sort"
	"strings"
	"unicode"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/jsonexport"
	"github.com/starlint-dev/starlint/internal/pack"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

//go:embed assets/site.css
var siteCSS string

//go:embed assets/site.js
var siteJS string

var templates = htmltemplate.Must(htmltemplate.New("site").Funcs(htmltemplate.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).ParseFS(templateFS, "templates/*.tmpl"))

// Exporter is the html format.
type Exporter struct{}

// Name implements export.Exporter.
func (Exporter) Name() string { return "html" }

type site struct {
	CSS        htmltemplate.CSS
	JS         htmltemplate.JS
	StyleHash  string
	ScriptHash string
	Count      int
}

type page struct {
	Site       *site
	Title      string
	IsIndex    bool
	Categories []category
	Pack       *packView
}

type category struct {
	Name, Slug string
	Packs      []*packView
}

type packView struct {
	*jsonexport.Pack
	Steps  []stepView
	Search string
}

type stepView struct {
	Name, Title, Target, Example, Coaching, Mistake string
	Phrases                                         []string
	Words, SpeakingSeconds                          int
	Over                                            bool
	Highlighted                                     htmltemplate.HTML
}

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Export implements export.Exporter.
func (Exporter) Export(packs []*export.Source, opt export.Options, out export.Output) error {
	st := &site{CSS: htmltemplate.CSS(siteCSS), JS: htmltemplate.JS(siteJS),
		StyleHash: cspHash(siteCSS), ScriptHash: cspHash(siteJS), Count: len(packs)}
	byCategory := map[string]*category{}
	var views []*packView
	for _, src := range packs {
		if opt.Stopped() {
			return export.ErrStopped
		}
		v := view(src.Pack, opt.WordsPerMinute)
		views = append(views, v)
		c := byCategory[v.Category]
		if c == nil {
			c = &category{Name: v.Category, Slug: slug(v.Category)}
			byCategory[v.Category] = c
		}
		c.Packs = append(c.Packs, v)
		var b bytes.Buffer
		if err := templates.ExecuteTemplate(&b, "layout", page{Site: st, Title: v.Title, Pack: v}); err != nil {
			return err
		}
		if err := out.WriteFile(v.ID+".html", b.Bytes()); err != nil {
			return err
		}
	}
	cats := make([]category, 0, len(byCategory))
	for _, c := range byCategory {
		sort.SliceStable(c.Packs, func(i, j int) bool { return c.Packs[i].Title < c.Packs[j].Title })
		cats = append(cats, *c)
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].Name < cats[j].Name })
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "layout", page{Site: st, Title: "Pattern packs", IsIndex: true, Categories: cats}); err != nil {
		return err
	}
	return out.WriteFile("index.html", b.Bytes())
}

func view(p *pack.Pack, wpm int) *packView {
	jp := jsonexport.Convert(p, wpm)
	v := &packView{Pack: jp, Search: strings.ToLower(strings.Join([]string{p.Title, p.Category, p.Competency, strings.Join(p.Tags, " ")}, " "))}
	for _, s := range jp.Star {
		phrases := s.Phrases
		if s.Step == "reflection" {
			phrases = nil // its phrases belong to the reflections
		}
		v.Steps = append(v.Steps, stepView{
			Name: s.Step, Title: s.Title, Target: s.Target, Example: s.Example, Coaching: s.Coaching, Mistake: s.Mistake,
			Phrases: s.Phrases, Words: s.Words, SpeakingSeconds: s.SpeakingSeconds,
			Over:        s.Example != "" && s.TargetSeconds > 0 && s.SpeakingSeconds > s.TargetSeconds,
			Highlighted: htmltemplate.HTML(export.Highlight(s.Example, phrases)),
		})
	}
	return v
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
