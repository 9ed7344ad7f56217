package lint

import (
	"sort"
)

// ApplyFixes applies the suggested fixes of diags to src. Edits are applied
// from the end of the file backwards; a fix whose edits overlap an edit
// already taken is skipped whole (a second --fix run picks it up). It
// returns the new content and how many fixes were applied.
func ApplyFixes(src []byte, diags []Diagnostic) ([]byte, int) {
	var fixes []*SuggestedFix
	for _, d := range diags {
		if d.Fix != nil && len(d.Fix.Edits) > 0 {
			fixes = append(fixes, d.Fix)
		}
	}
	var taken []TextEdit
	applied := 0
	for _, fx := range fixes {
		ok := true
		for _, e := range fx.Edits {
			if e.Start < 0 || e.End > len(src) || e.Start > e.End || overlaps(taken, e) {
				ok = false
				break
			}
		}
		if ok {
			taken = append(taken, fx.Edits...)
			applied++
		}
	}
	sort.Slice(taken, func(i, j int) bool { return taken[i].Start > taken[j].Start })
	out := append([]byte(nil), src...)
	for _, e := range taken {
		out = append(out[:e.Start], append([]byte(e.NewText), out[e.End:]...)...)
	}
	return out, applied
}

func overlaps(taken []TextEdit, e TextEdit) bool {
	for _, t := range taken {
		if e.Start < t.End && t.Start < e.End || (e.Start == t.Start && e.End == t.End) {
			return true
		}
	}
	return false
}
