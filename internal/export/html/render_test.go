package html

import (
	htmltemplate "html/template"
	"strings"
	"testing"
)

// hostile are texts a pack could hold, against each escaping context.
var hostile = []string{
	"", "plain words", `<script>alert('x')</script>`, `a "quoted" & 'single' +plus`,
	"nul\x00byte", "line\u2028sep\u2029para", "</script><!--", "ü ñ 日本",
	"javascript:alert(1)", "JavaScript:x", "mailto:a@b", "http:x", "https://e.x/?q=1&r=2",
	"a/b:c", "50%", "%41%zz", "a b#c?d", "tab\there", "[x]!$*,;=@~",
}

// TestEscapingMatchesHTMLTemplate: each of pageOut's contexts escapes as
// html/template does in the same place of a page.
func TestEscapingMatchesHTMLTemplate(t *testing.T) {
	for _, tc := range []struct {
		context, template string
		write             func(*pageOut, string)
	}{
		{"element text", `<p>{{.}}</p>`, (*pageOut).text},
		{"title", `<title>{{.}}</title>`, (*pageOut).text},
		{"attribute", `<li data-key="{{.}}">`, (*pageOut).text},
		{"page link", `<a href="{{.}}.html">`, (*pageOut).pageLink},
		{"fragment", `<a href="#step-{{.}}">`, (*pageOut).fragment},
	} {
		tmpl := htmltemplate.Must(htmltemplate.New("").Parse(tc.template))
		before, after, _ := strings.Cut(tc.template, "{{.}}")
		for _, s := range hostile {
			var want strings.Builder
			if err := tmpl.Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			o := &pageOut{}
			o.raw(markup(before))
			tc.write(o, s)
			o.raw(markup(after))
			if got := string(o.b); got != want.String() {
				t.Errorf("%s %q: got %s, html/template %s", tc.context, s, got, want.String())
			}
		}
	}
}

// TestDataBlockMatchesHTMLTemplate: the study data is the JSON
// html/template writes into a data block, so no text closes the block.
func TestDataBlockMatchesHTMLTemplate(t *testing.T) {
	tmpl := htmltemplate.Must(htmltemplate.New("").Parse(`<script type="application/json" id="study-data">{{.}}</script>`))
	d := &studyData{Pack: "p", Quiz: []studyQuestion{{Key: "k", Question: hostile[2], Options: hostile, Solution: hostile[4:7], Hint: hostile[6]}}}
	var want strings.Builder
	if err := tmpl.Execute(&want, d); err != nil {
		t.Fatal(err)
	}
	o := &pageOut{}
	o.raw(`<script type="application/json" id="study-data">`)
	if err := o.data(d); err != nil {
		t.Fatal(err)
	}
	o.raw(`</script>`)
	if got := string(o.b); got != want.String() {
		t.Errorf("got %s\nhtml/template %s", got, want.String())
	}
	if strings.Count(string(o.b), "</script") != 1 {
		t.Errorf("a text closed the data block: %s", o.b)
	}
}
