// Package corpus generates realistic pattern packs for benchmarks, fuzz
// seeds and scale tests: N packs of about the example pack's size (13-15
// KB), with varied text, some with defects, the same for the same seed.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Pack is one generated pack file.
type Pack struct {
	Name string // file name, e.g. "gen-00042-missed-deadline.yaml"
	Src  []byte
	// Defect names the defect put in on purpose ("" for a clean pack).
	Defect string
}

// Defects lists the defects Generate plants, each in about one pack in
// sixteen; the rule that should catch it is in parentheses in the comments.
var Defects = []string{
	"we-in-action",       // action-first-person, no-we
	"vague-result",       // result-has-metric
	"generic-reflection", // reflection-not-generic
	"missing-hint",       // quiz-hint
	"placeholder",        // no-placeholder
	"curly-quote",        // typography
	"bad-difficulty",     // schema
	"unknown-key",        // schema
}

var (
	systems  = []string{"webhook delivery", "payment notification", "search ranking", "checkout", "identity", "billing export", "order routing", "push notification", "inventory sync", "fraud scoring", "email digest", "image resizing", "session store", "feature flag", "audit log"}
	teams    = []string{"Platform", "Payments", "Search", "Identity", "Growth", "Infrastructure", "Data", "Mobile", "Checkout", "Trust and Safety"}
	faults   = []string{"a race condition in the retry logic", "an unbounded queue", "a missing index on the orders table", "a stale cache key", "a clock skew between regions", "a connection pool that never shrank", "a silent timeout in the client library", "a schema migration that locked a hot table"}
	metrics  = []string{"drop rate", "p99 latency", "error rate", "page load time", "on-call pages", "cloud cost", "failed deploys", "support tickets"}
	verbs    = []string{"pulled", "traced", "reproduced", "wrote", "added", "measured", "compared", "proposed", "shipped", "reviewed", "documented", "paired on", "benchmarked", "rolled out"}
	objects  = []string{"the delivery logs", "a minimal fix", "a dead letter queue alert", "a load test", "a one-page design memo", "a canary release", "a runbook", "a dashboard for the team", "the retry policy", "a regression test"}
	levels   = []string{"SDE1", "SDE2", "Senior SDE", "Staff"}
	patterns = []struct{ slug, title, competency string }{
		{"failed-to-deliver", "Tell Me About a Time You Failed to Deliver on a Commitment", "Failure and Resilience"},
		{"missed-deadline", "Tell Me About a Time You Missed a Deadline", "Failure and Resilience"},
		{"disagreed-with-manager", "Tell Me About a Time You Disagreed With Your Manager", "Conflict and Backbone"},
		{"took-ownership", "Tell Me About a Time You Took Ownership Outside Your Team", "Ownership"},
		{"simplified-process", "Tell Me About a Time You Simplified a Process", "Invent and Simplify"},
		{"dove-deep", "Tell Me About a Time You Had to Dive Deep Into Data", "Dive Deep"},
		{"earned-trust", "Tell Me About a Time You Earned Trust With Another Team", "Earn Trust"},
		{"customer-first", "Tell Me About a Time You Put the Customer First", "Customer Obsession"},
	}
	categories = []string{"General Behavioral", "Leadership Principles", "Conflict", "Execution"}
)

type gen struct {
	r *rand.Rand
	b strings.Builder
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) line(format string, args ...any) {
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

// folded writes a key with a folded block scalar, wrapped at about 76
// columns like a writer's editor would.
func (g *gen) folded(indent, key, text string) {
	g.line("%s%s: >-", indent, key)
	width := 0
	g.b.WriteString(indent + "  ")
	for i, w := range strings.Fields(text) {
		if i > 0 && width+len(w) > 72 {
			g.b.WriteString("\n" + indent + "  ")
			width = 0
		} else if i > 0 {
			g.b.WriteByte(' ')
			width++
		}
		g.b.WriteString(w)
		width += len(w)
	}
	g.b.WriteByte('\n')
}

// actions writes n first-person sentences.
func (g *gen) actions(n int) string {
	var s []string
	for i := 0; i < n; i++ {
		s = append(s, fmt.Sprintf("I %s %s for the %s service.", g.pick(verbs), g.pick(objects), g.pick(systems)))
	}
	return strings.Join(s, " ")
}

// Generate returns n packs for the seed. Pack i is the same whatever n.
func Generate(n int, seed uint64) []Pack {
	out := make([]Pack, n)
	for i := range out {
		out[i] = One(i, seed)
	}
	return out
}

// One returns pack i of the corpus for the seed.
func One(i int, seed uint64) Pack {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(i)))}
	pat := patterns[g.r.IntN(len(patterns))]
	id := fmt.Sprintf("gen-%05d-%s", i, pat.slug)
	defect := ""
	if g.r.IntN(2) == 0 {
		defect = Defects[g.r.IntN(len(Defects))]
		if g.r.IntN(4) != 0 { // about one pack in sixteen has a defect
			defect = ""
		}
	}
	sys, team, fault, metric := g.pick(systems), g.pick(teams), g.pick(faults), g.pick(metrics)
	before := 1 + g.r.IntN(40)
	after := g.r.IntN(before)
	money := (1 + g.r.IntN(90)) * 1000

	g.line("# yaml-language-server: $schema=../schemas/pack.schema.json")
	g.line("starlint: 1")
	g.line("id: %s", id)
	g.line("title: %s", pat.title)
	g.line("category: %s", g.pick(categories))
	g.line("competency: %s", pat.competency)
	g.line("level: %s", g.pick(levels))
	g.line("tags: [%s, %s]", strings.ToLower(strings.Fields(team)[0]), strings.ReplaceAll(strings.Fields(sys)[0], " ", "-"))
	if defect == "unknown-key" {
		g.line("titel: %s", pat.title)
	}
	scenario := fmt.Sprintf("While working on the %s team, I noticed a persistent %d.%d%% %s in the %s team's %s service. There was no alerting or ticket, and the service was outside my team's ownership. I took the initiative to investigate and fix it, because it was delaying customers and costing revenue.", strings.ToLower(team), before/10, before%10, metric, team, sys)
	if defect == "placeholder" {
		scenario = "TODO write the scenario for the " + sys + " story."
	}
	g.folded("", "scenario", scenario)
	g.folded("", "analysis", fmt.Sprintf("The candidate shows ownership by stating the %s service was outside their team and unassigned. They describe individual actions with I statements, trace the fault to %s, and quantify the impact: the %s fell from %d.%d%% to %d.%d%% and $%d a week was recovered. The reflection turns the fix into a lesson about the %s team's visibility.", sys, fault, metric, before/10, before%10, after/10, after%10, money, team))
	g.line("takeaways:")
	for _, t := range []string{"Explicit ownership proof", "Quantified impact on the " + metric, "A reflection specific to the " + sys + " story"} {
		g.line("  - %s", t)
	}
	g.line("star:")
	steps := []struct{ name, target, example string }{
		{"situation", "30s", fmt.Sprintf("While working as an %s, I noticed a persistent %d.%d%% %s in the %s team's %s service. There was no alerting, and the issue was outside my team's ownership.", g.pick(levels), before/10, before%10, metric, team, sys)},
		{"task", "20s", fmt.Sprintf("The %s service belonged to the %s team, not mine. Nobody had asked me to investigate. I took ownership of finding the root cause.", sys, team)},
		{"action", "90s", g.actions(8 + g.r.IntN(4))},
		{"result", "20s", fmt.Sprintf("The %s fell from %d.%d%% to %d.%d%% after the fix. The post-mortem estimated it recovered $%d per week, and the %s team adopted my alert as a standard.", metric, before/10, before%10, after/10, after%10, money, team)},
	}
	switch defect {
	case "we-in-action":
		steps[2].example += " We figured out the rest together."
	case "vague-result":
		steps[3].example = "Things got better and the " + team + " team was happy with the fix."
	case "curly-quote":
		steps[1].example = strings.Replace(steps[1].example, "team's", "team’s", 1) + " It wasn’t assigned."
	}
	for _, s := range steps {
		g.line("  %s:", s.name)
		g.line("    target: %s", s.target)
		g.folded("    ", "example", s.example)
		g.line("    phrases:")
		words := strings.Fields(strings.TrimSuffix(s.example, "."))
		g.line("      - %s", strings.Trim(strings.Join(words[:min(3, len(words))], " "), ",.'"))
		g.folded("    ", "coaching", fmt.Sprintf("Keep the %s about the %s service and what you did. Name the boundary with the %s team and stop within the target time.", s.name, sys, team))
		g.folded("    ", "mistake", fmt.Sprintf("Spending the %s on %s architecture before reaching the point, so the interviewer loses the thread.", s.name, sys))
	}
	g.line("  reflection:")
	g.line("    target: 15s")
	g.line("    phrases: [%s visibility]", strings.ToLower(team))
	g.folded("    ", "coaching", "Give a specific, story-related reflection that shows learning beyond the fix.")
	g.folded("    ", "mistake", "I learned communication is important. It tells the interviewer nothing about this story.")
	reflection := fmt.Sprintf("I learned to check %s for %s before it reaches customers, and to ask who owns the %s service's alerts.", sys, fault, sys)
	if defect == "generic-reflection" {
		reflection = "I learned communication is important and to communicate better."
	}
	// ids on every item, as a writer following item-ids writes them
	g.line("reflections:")
	g.line("  - id: reflection-1")
	g.line("    level: %s", g.pick(levels))
	g.folded("    ", "text", reflection)
	g.line("  - id: reflection-2")
	g.line("    level: Senior")
	g.folded("    ", "text", fmt.Sprintf("The root cause was that no team owned %s health end to end: the %s team had no %s visibility across the %s boundary.", sys, team, strings.ToLower(team), sys))
	g.line("followups:")
	for f := 0; f < 4; f++ {
		g.line("  - id: followup-%d", f+1)
		g.line("    question: How did you make sure the %s team accepted the %s fix?", team, sys)
		g.line("    probes: Ownership beyond coding; cross-team influence")
		g.line("    weak:")
		g.line("      answer: I sent them a message and they handled it.")
		g.folded("      ", "critique", fmt.Sprintf("Sending a message is routing, not ownership. It confirms the %s work was handed off to the %s team, and the interviewer rescores the opening answer as a No Hire.", sys, team))
		g.line("    strong:")
		g.folded("      ", "answer", fmt.Sprintf("I flagged the %s issue to the %s tech lead and delivered a complete fix with tests and documentation. I followed up in their sprint planning until it shipped, and I checked the %s dashboard for a week afterwards to confirm the fix held.", sys, team, metric))
		g.line("      quote: I brought a solution, not just a problem.")
	}
	g.line("weak_answer:")
	g.folded("  ", "text", fmt.Sprintf("I noticed the %s failures and escalated them to the %s team. I sent a message but did not follow up. Things improved after the deployment.", sys, team))
	g.line("  problems:")
	for _, p := range []string{"Escalating shows no ownership.", "No scope boundary.", "No quantified impact.", "No reflection."} {
		g.line("    - %s", p)
	}
	g.folded("  ", "verdict", "Sounds competent but fails on content. No ownership shown, leaning No Hire.")
	g.line("angles:")
	for _, a := range []string{"Ownership", "Dive Deep", "Deliver Results"} {
		g.line("  - id: %s", strings.ReplaceAll(strings.ToLower(a), " ", "-"))
		g.line("    principle: %s", a)
		g.line("    lead: Lead with how I handled the %s problem outside my team.", sys)
		g.line("    emphasize: The %s and the $%d recovered.", metric, money)
		g.line("    downplay: Details of the %s architecture and the team's history with the %s service.", sys, sys)
	}
	g.line("levels:")
	g.line("  - id: sde-1")
	g.line("    level: SDE 1")
	g.folded("    ", "guidance", fmt.Sprintf("Focus on the technical fix to the %s service and its immediate impact on the %s.", sys, metric))
	g.line("    duration: 2m")
	g.line("  - id: senior-sde")
	g.line("    level: Senior SDE")
	g.folded("    ", "guidance", fmt.Sprintf("Add organizational thinking about %s visibility across the %s boundary.", strings.ToLower(team), sys))
	g.line("    duration: 2m30s-3m")
	g.line("quiz:")
	diffs := []string{"easy", "easy", "medium", "medium", "hard"}
	for q := 0; q < 5; q++ {
		d := diffs[q]
		if defect == "bad-difficulty" && q == 4 {
			d = "expert"
		}
		g.line("  - id: q%d-%s", q+1, pat.slug)
		g.folded("    ", "question", fmt.Sprintf("A candidate noticed %s in the %s service, outside their team, and fixed it unasked. Which principle does this primarily demonstrate? (variant %d)", fault, sys, q+1))
		g.line("    difficulty: %s", d)
		// the right option moves from item to item, as a writer spreads them
		principles := []string{"Ownership", "Bias for Action", "Deliver Results", "Customer Obsession"}
		r := q % len(principles)
		rotated := append(append([]string(nil), principles[r:]...), principles[:r]...)
		g.line("    options: [%s]", strings.Join(rotated, ", "))
		g.line("    answer: %c", 'A'+rune((len(principles)-r)%len(principles)))
		g.line("    solution:")
		g.line("      - 'Step 1: Identify the core behavior -- acting outside the team unasked -> Ownership'")
		g.line("      - 'Step 2: Distinguish from Bias for Action -- the point is who owned it, not speed'")
		if !(defect == "missing-hint" && q == 2) {
			g.line("    hint: Who noticed the problem, and had anyone asked them to fix it?")
		}
		g.line("    mistakes: [Choosing Deliver Results because the story ends well]")
	}
	return Pack{Name: id + ".yaml", Src: []byte(g.b.String()), Defect: defect}
}

// WriteDir writes n packs for the seed into dir, creating it, in style
// (one of Styles; "" is block).
func WriteDir(dir string, n int, seed uint64, style string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		p := One(i, seed)
		src := p.Src
		if style != "" && style != "block" {
			var err error
			if src, err = Restyle(p.Src, style, i); err != nil {
				return fmt.Errorf("%s: %v", p.Name, err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, p.Name), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}
