package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/format"
	"github.com/starlint-dev/starlint/internal/lint/rules"
)

func readPack(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile("testdata/pack.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// find returns the diagnostic of rule whose message contains text.
func find(diags []Diagnostic, rule, text string) (Diagnostic, bool) {
	for _, d := range diags {
		if d.Code == rule && strings.Contains(d.Message, text) {
			return d, true
		}
	}
	return Diagnostic{}, false
}

const weStory = `starlint: 1
id: we-story
title: Tell Me About a Time You Failed
category: General Behavioral
competency: Failure and Resilience
scenario: The “deploy” broke.
star:
  situation: {target: 30s, example: I noticed the drops., coaching: Be brief., mistake: Long setup.}
  task: {target: 20s, example: Nobody had asked me., coaching: "It's not yours, don't wait.", mistake: No boundary.}
  action:
    target: 90s
    example: >-
      I pulled the logs. We figured out
      the root cause together.
    coaching: Say I.
    mistake: Saying we.
  result: {target: 20s, example: Drops fell from 3% to zero., coaching: Quantify., mistake: No metric.}
  reflection: {target: 15s, coaching: Be specific., mistake: Generic lessons.}
reflections:
  - {level: SDE2, text: I learned to check the drops logs first.}
`

func TestDiagnosticsOnOpenAndChange(t *testing.T) {
	dir := workspace(t, nil)
	c := newTestClient(t)
	init := c.initialize(dir, nil)
	if init.Capabilities.PositionEncoding != "utf-16" || init.Capabilities.TextDocumentSync.Change != 1 || !init.Capabilities.InlayHintProvider {
		t.Errorf("capabilities: %+v", init.Capabilities)
	}
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	c.open(uri, weStory, 1)
	diags := c.diagnostics(uri, 1)
	d, ok := find(diags, "action-first-person", "sentence 2")
	if !ok {
		t.Fatalf("no action-first-person finding in %+v", diags)
	}
	// The sentence runs over the folded line break: 13:26 to 14:30 (0-based
	// 12:25-13:30).
	want := Range{Start: Position{12, 25}, End: Position{13, 30}}
	if d.Range != want || d.Severity != SeverityError || d.Source != "starlint" || d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "docs/rules.md#action-first-person") {
		t.Errorf("diagnostic %+v, want range %v, error, source starlint, docs link", d, want)
	}
	we, ok := find(diags, "no-we", `"we"`)
	if !ok || we.Range != (Range{Start: Position{12, 25}, End: Position{12, 27}}) || we.Severity != SeverityWarning {
		t.Errorf("no-we: %+v", we)
	}
	// A curly quote is one UTF-16 unit: “ at 0-based 5:14-5:15.
	q, ok := find(diags, "typography", "curly quote “")
	if !ok || q.Range != (Range{Start: Position{5, 14}, End: Position{5, 15}}) {
		t.Errorf("typography: %+v (ok %v)", q, ok)
	}

	// Fix the Action: the findings go away on the next version.
	c.change(uri, strings.Replace(weStory, "We figured out\n      the root", "I figured out\n      the root", 1), 2)
	diags = c.diagnostics(uri, 2)
	if _, ok := find(diags, "action-first-person", ""); ok {
		t.Errorf("after the fix: %+v", diags)
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("exit status %d after shutdown, want 0", code)
	}
}

func TestUTF8Positions(t *testing.T) {
	dir := workspace(t, nil)
	c := newTestClient(t)
	init := c.initialize(dir, map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}})
	if init.Capabilities.PositionEncoding != "utf-8" {
		t.Fatalf("encoding %q", init.Capabilities.PositionEncoding)
	}
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	c.open(uri, weStory, 1)
	q, ok := find(c.diagnostics(uri, 1), "typography", "curly quote ”")
	// "scenario: The “deploy" is 20 bytes before ”: “ is three bytes.
	if !ok || q.Range != (Range{Start: Position{5, 23}, End: Position{5, 26}}) {
		t.Errorf("typography in UTF-8: %+v", q)
	}
}

func TestNotAPackGetsNothing(t *testing.T) {
	c, dir := initializedClient(t)
	compose := pathURI(filepath.Join(dir, "docker-compose.yml"))
	c.open(compose, "services:\n  web:\n    image: nginx\n", 1)
	if diags := c.diagnostics(compose, 1); len(diags) != 0 {
		t.Errorf("a compose file got %+v", diags)
	}
	text := pathURI(filepath.Join(dir, "notes.txt"))
	c.open(text, "star: not yaml at all: [\n", 1)
	if diags := c.diagnostics(text, 1); len(diags) != 0 {
		t.Errorf("a text file got %+v", diags)
	}
	// Not YAML at all, in a .yaml file with a pack's key: one yaml finding.
	broken := pathURI(filepath.Join(dir, "broken.yaml"))
	c.open(broken, "starlint: 1\nid: [unclosed\n", 1)
	if diags := c.diagnostics(broken, 1); len(diags) != 1 || diags[0].Code != "yaml" {
		t.Errorf("a broken pack got %+v", diags)
	}
}

func TestWorkspaceConfig(t *testing.T) {
	dir := workspace(t, map[string]string{".starlint.yaml": "rules:\n  no-we: off\n"})
	c := newTestClient(t)
	c.initialize(dir, nil)
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	c.open(uri, weStory, 1)
	if _, ok := find(c.diagnostics(uri, 1), "no-we", ""); ok {
		t.Error("no-we is off in the config but was reported")
	}
	// The writer breaks the config in the editor: a diagnostic on it, and
	// the last good config stays.
	cfgURI := pathURI(filepath.Join(dir, ".starlint.yaml"))
	c.open(cfgURI, "rules:\n  no-wee: off\n", 1)
	ok := c.waitFor(func() bool {
		evs := c.published[cfgURI]
		return len(evs) > 0 && len(evs[len(evs)-1].params.Diagnostics) == 1
	})
	if !ok {
		t.Fatal("no diagnostic on the broken config")
	}
	cd, _ := c.latest(cfgURI)
	if !strings.Contains(cd[0].Message, `no-wee`) || cd[0].Range.Start.Line != 1 {
		t.Errorf("config diagnostic %+v", cd[0])
	}
	c.change(uri, weStory+"\n", 2)
	if _, ok := find(c.diagnostics(uri, 2), "no-we", ""); ok {
		t.Error("the broken config replaced the last good one")
	}
	// A good config applies at once and clears the config's diagnostic.
	c.change(cfgURI, "rules:\n  no-we: error\n", 2)
	ok = c.waitFor(func() bool {
		for _, ev := range c.published[uri] {
			for _, d := range ev.params.Diagnostics {
				if d.Code == "no-we" && d.Severity == SeverityError {
					return true
				}
			}
		}
		return false
	})
	if !ok {
		t.Error("the new config did not re-lint the open pack")
	}
	if cd, _ := c.latest(cfgURI); len(cd) != 0 {
		t.Errorf("config diagnostics not cleared: %+v", cd)
	}
}

func TestCrossPackIDs(t *testing.T) {
	c, dir := initializedClient(t)
	a, b := pathURI(filepath.Join(dir, "a.yaml")), pathURI(filepath.Join(dir, "b.yaml"))
	c.open(a, weStory, 1)
	c.open(b, weStory, 1)
	ok := c.waitFor(func() bool {
		for _, uri := range []string{a, b} {
			evs := c.published[uri]
			if len(evs) == 0 {
				return false
			}
			if _, dup := find(evs[len(evs)-1].params.Diagnostics, "id-unique", ""); !dup {
				return false
			}
		}
		return true
	})
	if !ok {
		t.Fatal("both packs should report the shared id")
	}
	c.change(b, strings.Replace(weStory, "id: we-story", "id: other-story", 1), 2)
	ok = c.waitFor(func() bool {
		evs := c.published[a]
		_, dup := find(evs[len(evs)-1].params.Diagnostics, "id-unique", "")
		return !dup
	})
	if !ok {
		t.Error("a.yaml was not republished without the id-unique finding")
	}
}

func codeActions(t *testing.T, c *testClient, uri string, r Range, only ...string) []CodeAction {
	t.Helper()
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": r, "context": map[string]any{"diagnostics": []any{}}}
	if len(only) > 0 {
		params["context"] = map[string]any{"diagnostics": []any{}, "only": only}
	}
	res, e := c.call("textDocument/codeAction", params)
	if e != "" {
		t.Fatal(e)
	}
	var actions []CodeAction
	json.Unmarshal(res, &actions)
	return actions
}

// apply applies one document's edits (non-overlapping) to text.
func apply(text string, edits []TextEdit) string {
	m := newMapper([]byte(text), false)
	slices.SortFunc(edits, func(a, b TextEdit) int { return m.offset(b.Range.Start) - m.offset(a.Range.Start) })
	for _, e := range edits {
		s, en := m.offset(e.Range.Start), m.offset(e.Range.End)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}

func TestCodeActions(t *testing.T) {
	c, dir := initializedClient(t)
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	c.open(uri, weStory, 1)
	c.diagnostics(uri, 1)

	// On the curly quote: a quickfix rewriting it, and a disable action.
	actions := codeActions(t, c, uri, Range{Start: Position{5, 14}, End: Position{5, 14}})
	var quick, disable *CodeAction
	for i := range actions {
		switch {
		case strings.HasPrefix(actions[i].Title, "Rewrite the quote"):
			quick = &actions[i]
		case actions[i].Title == "Disable typography for this key":
			disable = &actions[i]
		}
	}
	if quick == nil || disable == nil {
		t.Fatalf("actions %+v", actions)
	}
	if got := apply(weStory, quick.Edit.Changes[uri]); !strings.Contains(got, `scenario: The "deploy” broke.`) {
		t.Errorf("quickfix gave %q", strings.Split(got, "\n")[5])
	}
	disabled := apply(weStory, disable.Edit.Changes[uri])
	if !strings.Contains(disabled, "\n# starlint-disable typography\nscenario:") {
		t.Errorf("disable gave:\n%s", disabled)
	}
	// The disable comment really silences the finding.
	c.change(uri, disabled, 2)
	for _, d := range c.diagnostics(uri, 2) {
		if d.Code == "typography" && d.Range.Start.Line == 6 {
			t.Errorf("still reported after the disable comment: %+v", d)
		}
	}
	// Inside a flow mapping on an indented line, the comment keeps the
	// key's indentation.
	actions = codeActions(t, c, uri, Range{Start: Position{13, 8}, End: Position{13, 8}})
	for _, a := range actions {
		if a.Title == "Disable action-first-person for this key" {
			got := apply(disabled, a.Edit.Changes[uri])
			if !strings.Contains(got, "\n    # starlint-disable action-first-person\n    example: >-\n") {
				t.Errorf("disable in a step gave:\n%s", got)
			}
		}
	}

	// Fix all, on the original text: every quote straightened.
	c.change(uri, weStory, 3)
	c.diagnostics(uri, 3)
	all := codeActions(t, c, uri, Range{}, fixAllKind)
	if len(all) != 1 || all[0].Kind != fixAllKind {
		t.Fatalf("fix-all actions %+v", all)
	}
	fixed := apply(weStory, all[0].Edit.Changes[uri])
	if strings.ContainsAny(fixed, "“”") {
		t.Errorf("fix all left curly quotes:\n%s", fixed)
	}
}

func hoverAt(t *testing.T, c *testClient, uri string, p Position) string {
	t.Helper()
	res, e := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p})
	if e != "" {
		t.Fatal(e)
	}
	var h *Hover
	json.Unmarshal(res, &h)
	if h == nil {
		return ""
	}
	return h.Contents.Value
}

func TestHover(t *testing.T) {
	c, dir := initializedClient(t)
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	c.open(uri, weStory, 1)
	c.diagnostics(uri, 1)
	// Over "We": the rules' explanations.
	h := hoverAt(t, c, uri, Position{12, 26})
	if !strings.Contains(h, "### action-first-person") || !strings.Contains(h, "### no-we") || !strings.Contains(h, "Bad:") {
		t.Errorf("hover over a finding:\n%s", h)
	}
	// Over a key: its schema description.
	h = hoverAt(t, c, uri, Position{10, 5}) // "target" of the action
	if !strings.Contains(h, "How long to speak on this step") {
		t.Errorf("hover over target:\n%s", h)
	}
	if h := hoverAt(t, c, uri, Position{19, 30}); h != "" && !strings.Contains(h, "text") {
		t.Errorf("hover inside a reflection's text: %q", h)
	}
}

func complete(t *testing.T, c *testClient, uri string, p Position) []string {
	t.Helper()
	res, e := c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p})
	if e != "" {
		t.Fatal(e)
	}
	var list CompletionList
	json.Unmarshal(res, &list)
	var labels []string
	for _, it := range list.Items {
		labels = append(labels, it.Label)
	}
	return labels
}

func TestCompletion(t *testing.T) {
	c, dir := initializedClient(t)
	uri := pathURI(filepath.Join(dir, "draft.yaml"))
	text := "starlint: 1\nid: draft\nstar:\n  situation:\n    target: 30s\n    \nquiz:\n  - question: Which?\n    difficulty: \n  - \n"
	c.open(uri, text, 1)
	c.diagnostics(uri, 1)
	// Inside a STAR step, the step's keys it does not have yet.
	if got := complete(t, c, uri, Position{5, 4}); !slices.Equal(got, []string{"example", "phrases", "coaching", "mistake"}) {
		t.Errorf("in a step: %v", got)
	}
	// After difficulty: its enum.
	if got := complete(t, c, uri, Position{8, 16}); !slices.Equal(got, []string{"easy", "medium", "hard"}) {
		t.Errorf("difficulty values: %v", got)
	}
	// A new quiz item: the item's keys.
	got := complete(t, c, uri, Position{9, 4})
	for _, want := range []string{"id", "question", "difficulty", "options", "answer", "hint", "solution"} {
		if !slices.Contains(got, want) {
			t.Errorf("quiz item keys %v lack %s", got, want)
		}
	}
	// At the top level, the pack's keys it lacks.
	top := complete(t, c, uri, Position{10, 0})
	if slices.Contains(top, "id") || !slices.Contains(top, "title") || !slices.Contains(top, "followups") {
		t.Errorf("top-level keys: %v", top)
	}
}

func TestFormatting(t *testing.T) {
	c, dir := initializedClient(t)
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	messy := strings.Replace(weStory, "title: Tell", "title:    Tell", 1)
	c.open(uri, messy, 1)
	c.diagnostics(uri, 1)
	res, e := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}})
	if e != "" {
		t.Fatal(e)
	}
	var edits []TextEdit
	json.Unmarshal(res, &edits)
	want, err := format.Source("we-story.yaml", []byte(messy))
	if err != nil {
		t.Fatal(err)
	}
	if got := apply(messy, edits); got != string(want) {
		t.Errorf("formatting gave:\n%s\nwant:\n%s", got, want)
	}
	// A formatted document, or a broken one, gets no edits.
	for i, text := range []string{string(want), "starlint: 1\nid: [\n"} {
		c.change(uri, text, 2+i)
		c.diagnostics(uri, 2+i)
		res, _ := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{}})
		if string(res) != "[]" {
			t.Errorf("formatting text %d: %s", i, res)
		}
	}
}

func TestSpeakingTime(t *testing.T) {
	dir := workspace(t, nil)
	for _, inlay := range []bool{true, false} {
		c := newTestClient(t)
		caps := map[string]any{}
		if inlay {
			caps = nil // the default test capabilities include inlay hints
		}
		init := c.initialize(dir, caps)
		uri := pathURI(filepath.Join(dir, "we-story.yaml"))
		slow := strings.Replace(weStory, "example: Nobody had asked me.", "example: "+strings.Repeat("Nobody had asked me to do this. ", 12), 1)
		c.open(uri, slow, 1)
		c.diagnostics(uri, 1)
		var labels []string
		var lines []int
		if inlay {
			res, _ := c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": Range{End: Position{100, 0}}})
			var hints []InlayHint
			json.Unmarshal(res, &hints)
			for _, h := range hints {
				labels, lines = append(labels, h.Label), append(lines, h.Position.Line)
			}
		} else {
			if init.Capabilities.CodeLensProvider == nil || init.Capabilities.InlayHintProvider {
				t.Fatalf("a client without inlay hints gets code lenses: %+v", init.Capabilities)
			}
			res, _ := c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}})
			var lenses []CodeLens
			json.Unmarshal(res, &lenses)
			for _, l := range lenses {
				labels, lines = append(labels, l.Command.Title), append(lines, l.Range.Start.Line)
			}
		}
		// At 150 words a minute, rounded up: 4 words take 2s, 84 words 34s.
		want := []string{"about 2s of 30s", "about 34s of 20s: over the target", "about 5s of 1m30s", "about 3s of 20s"}
		if !slices.Equal(labels, want) || !slices.Equal(lines, []int{7, 8, 9, 16}) {
			t.Errorf("inlay %v: labels %q on lines %v", inlay, labels, lines)
		}
	}
}

func TestRobustness(t *testing.T) {
	c, dir := initializedClient(t)
	// Malformed JSON: a parse error, and the server goes on.
	c.sendRaw([]byte(`{"jsonrpc": "2.0", "id": 99, "method": `))
	if !c.waitFor(func() bool { return strings.Contains(c.errors[-1], "not valid JSON-RPC") }) {
		t.Error("no parse error for a malformed message")
	}
	// Unknown methods: an error for a request, nothing for a notification.
	c.notifyServer("$/unknownNotification", map[string]any{})
	if _, e := c.call("textDocument/rename", map[string]any{}); !strings.Contains(e, "does not implement") {
		t.Errorf("unknown method: %q", e)
	}
	// Bad params for a known method.
	if _, e := c.call("textDocument/hover", []int{1, 2}); e == "" {
		t.Error("hover with a list for params did not fail")
	}
	// A 2 MiB document: one finding, quickly, and the server still answers.
	huge := pathURI(filepath.Join(dir, "huge.yaml"))
	c.open(huge, "starlint: 1\nid: huge\nscenario: "+strings.Repeat("word ", 2<<20/5)+"\n", 1)
	diags := c.diagnostics(huge, 1)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "over starlint's limit") {
		t.Errorf("a 2 MiB pack: %+v", diags)
	}
	// Requests on unknown documents answer empty.
	nobody := "file:///nowhere.yaml"
	if res, e := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": nobody}, "position": Position{}}); e != "" || string(res) != "null" {
		t.Errorf("hover on an unknown document: %s %s", res, e)
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("exit status %d", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), nil)
	c.notifyServer("exit", nil)
	if code := <-c.done; code != 1 {
		t.Errorf("exit without shutdown: status %d, want 1", code)
	}
}

func TestClientDisappears(t *testing.T) {
	c := newTestClient(t)
	c.initialize(t.TempDir(), nil)
	c.w.Close() // the editor crashed
	if code := <-c.done; code != 1 {
		t.Errorf("status %d, want 1", code)
	}
}

// TestConfigEditedOnDisk: a config changed outside the editor applies
// without a restart (the server watches it).
func TestConfigEditedOnDisk(t *testing.T) {
	dir := workspace(t, map[string]string{".starlint.yaml": "rules:\n  no-we: off\n"})
	c := newTestClientWith(t, Options{Rules: rules.All(), Version: "test", WatchConfig: true})
	c.initialize(dir, nil)
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	c.open(uri, weStory, 1)
	if _, ok := find(c.diagnostics(uri, 1), "no-we", ""); ok {
		t.Fatal("no-we is off")
	}
	if err := os.WriteFile(filepath.Join(dir, ".starlint.yaml"), []byte("rules:\n  no-we: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ok := c.waitFor(func() bool {
		evs := c.published[uri]
		d, found := find(evs[len(evs)-1].params.Diagnostics, "no-we", "")
		return found && d.Severity == SeverityError
	})
	if !ok {
		t.Error("the config written on disk did not apply")
	}
}

// TestTeamRulesInTheEditor: a team rule from the workspace config is a
// diagnostic with its own link, and hover explains it.
func TestTeamRulesInTheEditor(t *testing.T) {
	dir := workspace(t, map[string]string{".starlint.yaml": "rules:\n  house/no-figured:\n    kind: existence\n    description: Say what you found, not that you figured it out.\n    tokens: [figured out]\n    link: https://example.com/style#figured\n"})
	c := newTestClient(t)
	c.initialize(dir, nil)
	uri := pathURI(filepath.Join(dir, "we-story.yaml"))
	c.open(uri, weStory, 1)
	d, ok := find(c.diagnostics(uri, 1), "house/no-figured", `"figured out"`)
	if !ok {
		t.Fatal("no team rule finding")
	}
	// "figured out" is at 0-based 12:28-12:39, inside the folded Action.
	if d.Range != (Range{Start: Position{12, 28}, End: Position{12, 39}}) || d.CodeDescription == nil || d.CodeDescription.Href != "https://example.com/style#figured" {
		t.Errorf("team diagnostic %+v", d)
	}
	if h := hoverAt(t, c, uri, Position{12, 30}); !strings.Contains(h, "### house/no-figured") || !strings.Contains(h, "Say what you found") {
		t.Errorf("hover over a team finding:\n%s", h)
	}
}
