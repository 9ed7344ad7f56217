package html

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
)

func buildSite(t *testing.T) *export.MemOutput {
	t.Helper()
	return exporttest.Run(t, Exporter{}, exporttest.Load(t, "../../testdata/packs/*.yaml", "../testdata/*.yaml"), export.Options{})
}

func TestFiles(t *testing.T) {
	out := buildSite(t)
	want := []string{"disagreed-with-manager.html", "failed-to-deliver.html", "hostile-text.html", "index.html", theSite().CSSFile, theSite().JSFile}
	slices.Sort(want)
	if got := out.Names(); !slices.Equal(got, want) {
		t.Errorf("files = %s, want %s", got, want)
	}
}

func TestIndexGroupsByCategory(t *testing.T) {
	index := string(buildSite(t).Files["index.html"])
	for _, want := range []string{
		`<h2 id="cat-general-behavioral">General Behavioral</h2>`,
		`<a href="failed-to-deliver.html">Tell Me About a Time You Failed to Deliver on a Commitment</a>`,
		`<a href="disagreed-with-manager.html">`,
		`<input id="filter" type="search"`,
		`<label for="filter">Filter packs</label>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	// disagreed... sorts before failed... within the category
	if strings.Index(index, "disagreed-with-manager.html") > strings.Index(index, "failed-to-deliver.html") {
		t.Error("packs are not sorted by title within a category")
	}
}

func TestPackPage(t *testing.T) {
	page := string(buildSite(t).Files["failed-to-deliver.html"])
	for _, want := range []string{
		`<h1 id="title">Tell Me About a Time You Failed to Deliver on a Commitment</h1>`,
		`<h2 id="scenario">Scenario</h2>`, `<h3>Why this story works</h3>`,
		`<h2 id="star">The STAR walkthrough</h2>`,
		`Target 90s · about 29s to say (72 words)`,
		`<mark>I pulled</mark> the webhook delivery logs`,
		`<h2 id="reflections">Model reflections</h2>`,
		`<h2 id="followups">Follow-up questions</h2>`, `<p class="label">Weak answer</p>`, `<p class="label">Strong answer</p>`,
		`<h2 id="weak-answer">A weak answer, taken apart</h2>`,
		`<h3 id="checks">Quick checks</h3>`, `<div class="quiz-item check" data-answer="B"`,
		`Which phrase best demonstrates ownership in a failure and resilience story?`,
		`<h2 id="angles">Leadership principle angles</h2>`, `<h3>Dive Deep</h3>`,
		`<h2 id="levels">Pitching it by level</h2>`, `<span class="timing">2m30s-3m</span>`,
		`<div class="quiz-item" data-answer="D"`,
		`<li data-letter="D">Manager-assigned investigation -- no self-initiation</li>`,
		`<details><summary>Show the answer</summary>`,
		`<span class="label">Hint:</span> Manager assigns -&gt; ownership lost`,
		`<main id="main">`, `<a class="skip" href="#main">Skip to content</a>`, `<html lang="en">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestNoRequestsOutsideTheSite: every page links the site's stylesheet
// and script, which the export writes beside it, and its
// Content-Security-Policy allows those files and nothing inline, so no
// request leaves the site and injected script could not run.
func TestNoRequestsOutsideTheSite(t *testing.T) {
	out := buildSite(t)
	if string(out.Files[theSite().CSSFile]) != siteCSS || string(out.Files[theSite().JSFile]) != siteJS {
		t.Fatalf("the site's %s and %s are not written as embedded", theSite().CSSFile, theSite().JSFile)
	}
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		for _, bad := range []string{"http://", "https://", "<style", " style=", "'unsafe-inline'"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: holds %q", name, bad)
			}
		}
		var loads []string
		for _, m := range regexp.MustCompile(`<\w+[^>]*\s(?:src|href)="([^"#][^"]*\.(?:js|css|png|svg|woff2?))"`).FindAllStringSubmatch(page, -1) {
			loads = append(loads, m[1])
		}
		if want := []string{theSite().CSSFile, theSite().JSFile}; !slices.Equal(loads, want) {
			t.Errorf("%s loads %q, want only %q", name, loads, want)
		}
		// every script element is the site's own or the study data, which never runs
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
			if tag != `<script src="`+theSite().JSFile+`">` && tag != `<script type="application/json" id="study-data">` {
				t.Errorf("%s: unexpected %s", name, tag)
			}
		}
		csp := regexp.MustCompile(`Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(page)
		if csp == nil || !strings.Contains(csp[1], "default-src 'none'") ||
			!strings.Contains(csp[1], "style-src 'self';") || !strings.Contains(csp[1], "script-src 'self';") {
			t.Errorf("%s: CSP %v does not keep the page to the site's own files", name, csp)
		}
	}
}

// TestAssetNamesFollowTheirContent: a changed stylesheet gets a new name,
// so a browser that cached the old one fetches it.
func TestAssetNamesFollowTheirContent(t *testing.T) {
	a, b := assetName("site", ".css", "a{}"), assetName("site", ".css", "b{}")
	if a == b || !regexp.MustCompile(`^site-[0-9a-f]{12}\.css$`).MatchString(a) {
		t.Errorf("assetName gave %s and %s", a, b)
	}
}

var dataBlock = regexp.MustCompile(`<script type="application/json" id="study-data">(.*?)</script>`)

func TestHostileTextIsEscaped(t *testing.T) {
	out := buildSite(t)
	for _, name := range []string{"hostile-text.html", "index.html"} {
		page := string(out.Files[name])
		body := page[strings.Index(page, "<body>"):]
		body = body[:strings.LastIndex(body, "<script src=")] // the site's own script
		// the study data is JSON in a block that never runs: pack text is
		// there, with every < > & as a \u escape
		data := dataBlock.FindStringSubmatch(body)
		if data == nil {
			t.Fatalf("%s: no study data", name)
		}
		if strings.ContainsAny(data[1], "<>&") || !strings.Contains(data[1], `\u003c`) {
			t.Errorf("%s: study data not escaped: %s", name, data[1])
		}
		body = strings.Replace(body, data[0], "", 1)
		for _, bad := range []string{"<script", "<img", "<iframe", "<svg", "</textarea", "<b>", `href="javascript`, "onerror=\"", "<a href=\"javascript"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: raw %q reached the page", name, bad)
			}
		}
	}
	page := string(out.Files["hostile-text.html"])
	for _, want := range []string{
		"&lt;script&gt;alert(&#39;scenario&#39;)&lt;/script&gt;",
		"<mark>&lt;b&gt;bold&lt;/b&gt;</mark>",
		"&lt;img src=x onerror=alert(10)&gt;",
		"Security &lt;b&gt;Bold&lt;/b&gt; &amp; Co",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("hostile-text.html lacks the escaped text %s", want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := buildSite(t), buildSite(t)
	for name := range a.Files {
		if !bytes.Equal(a.Files[name], b.Files[name]) {
			t.Errorf("%s differs between two exports", name)
		}
	}
}

func TestHighlight(t *testing.T) {
	for _, tt := range []struct {
		text    string
		phrases []string
		want    string
	}{
		{"I noticed the drops. I noticed more.", []string{"i noticed"}, "<mark>I noticed</mark> the drops. I noticed more."},
		{"outside my team’s ownership", []string{"outside my team's ownership"}, "<mark>outside my team’s ownership</mark>"},
		{"a <b> & c", []string{"a b"}, "<mark>a &lt;b</mark>&gt; &amp; c"},
		{"no match here", []string{"absent", ""}, "no match here"},
		{"overlapping words", []string{"overlapping", "overlapping words"}, "<mark>overlapping words</mark>"},
		{"parts of words", []string{"art"}, "parts of words"},
	} {
		if got := export.Highlight(tt.text, tt.phrases); got != tt.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", tt.text, tt.phrases, got, tt.want)
		}
	}
}
