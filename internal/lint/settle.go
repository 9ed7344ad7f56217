package lint

import (
	"strings"

	"github.com/starlint-dev/starlint/internal/pack"
)

// A value that the schema rejects, or that is still a placeholder, makes
// other rules' findings about it consequences, not news: "difficulty: Easy"
// needs its schema error, not also "the quiz has no easy item"; a TODO needs
// to be written, not also given a metric. A rule that judges a value as
// unusable settles it (Pass.Settle); the driver then drops the other
// rules' findings on that value, inside it, or (through Rule.Reads) on the
// item that the value belongs to.

// Settle marks the value at ptr as judged unusable by this rule: the
// findings of other rules at ptr or inside it, and of rules that read it
// (Rule.Reads) in the same item, are dropped for this file.
func (p *Pass) Settle(ptr string) {
	if p.settled != nil {
		*p.settled = append(*p.settled, settled{ptr: ptr, rule: p.Rule.Name})
	}
}

type settled struct {
	ptr  string
	rule string
}

// dropSettled removes the findings that a settled value makes redundant.
func (l *Linter) dropSettled(diags []Diagnostic, marks []settled) []Diagnostic {
	if len(marks) == 0 {
		return diags
	}
	kept := diags[:0]
	for _, d := range diags {
		if !l.isConsequence(d, marks) {
			kept = append(kept, d)
		}
	}
	return kept
}

func (l *Linter) isConsequence(d Diagnostic, marks []settled) bool {
	if d.Rule == RuleYAML || d.Rule == RuleUnusedDisable || d.Rule == RuleSchema {
		return false
	}
	var reads [][]string
	if a := l.byName[d.Rule]; a != nil {
		reads = a.reads
	}
	var dsegs []string
	for _, m := range marks {
		if m.rule == d.Rule {
			continue
		}
		if d.Pointer == m.ptr || strings.HasPrefix(d.Pointer, m.ptr+"/") {
			return true
		}
		if len(reads) == 0 {
			continue
		}
		if dsegs == nil {
			dsegs = pack.SplitPointer(d.Pointer)
		}
		msegs := pack.SplitPointer(m.ptr)
		for _, pat := range reads {
			if matchSegments(pat, msegs) && sameItem(pat, dsegs, msegs) {
				return true
			}
		}
	}
	return false
}

// sameItem reports whether a finding at dsegs is about the item that the
// settled value msegs belongs to: along the read pattern, where it has a
// wildcard, the two pointers name the same element. /quiz/0/solution and
// /quiz/0/options/2 (read as /quiz/*/options/*) are one item; /quiz/1/...
// is another. A finding outside the pattern's subtree (a reflection, for a
// rule reading the story) is about the whole pack.
func sameItem(pat, dsegs, msegs []string) bool {
	for i := 0; i < len(pat) && i < len(dsegs) && i < len(msegs); i++ {
		switch pat[i] {
		case "**":
			return true
		case "*":
			if dsegs[i] != msegs[i] {
				return false
			}
		default:
			if dsegs[i] != pat[i] {
				return true
			}
		}
	}
	return true
}
