package lint

import (
	"slices"
	"sort"
)

// ApplyFixes applies the suggested fixes of diags to src. A fix whose edits
// overlap an edit already taken is skipped whole (a second --fix run picks
// it up). It returns the new content and how many fixes were applied.
func ApplyFixes(src []byte, diags []Diagnostic) ([]byte, int) {
	out, applied := ApplyFixesDetail(src, diags)
	return out, len(applied)
}

// ApplyFixesDetail is ApplyFixes that also returns the diagnostics whose
// fixes were applied, for a report of what changed. It takes time
// O(n log n) in the number of edits plus the file's size.
func ApplyFixesDetail(src []byte, diags []Diagnostic) ([]byte, []Diagnostic) {
	var taken []TextEdit // sorted by Start, not overlapping
	var applied []Diagnostic
	for _, d := range diags {
		if d.Fix == nil || len(d.Fix.Edits) == 0 {
			continue
		}
		ok := true
		for k, e := range d.Fix.Edits {
			if e.Start < 0 || e.End > len(src) || e.Start > e.End || overlaps(taken, e) || overlapsAny(d.Fix.Edits[:k], e) {
				ok = false // (a fix whose own edits overlap is broken: skipped)
				break
			}
		}
		if !ok {
			continue
		}
		for _, e := range d.Fix.Edits {
			i := sort.Search(len(taken), func(i int) bool { return taken[i].Start > e.Start })
			taken = slices.Insert(taken, i, e)
		}
		applied = append(applied, d)
	}
	if len(taken) == 0 {
		return append([]byte(nil), src...), nil
	}
	out := make([]byte, 0, len(src)+64)
	at := 0
	for _, e := range taken {
		out = append(out, src[at:e.Start]...)
		out = append(out, e.NewText...)
		at = e.End
	}
	return append(out, src[at:]...), applied
}

// overlaps reports whether e overlaps an edit in taken (sorted by Start):
// only the neighbours of e's place can.
func overlaps(taken []TextEdit, e TextEdit) bool {
	i := sort.Search(len(taken), func(i int) bool { return taken[i].Start >= e.Start })
	for _, j := range []int{i - 1, i} {
		if j < 0 || j >= len(taken) {
			continue
		}
		t := taken[j]
		if clash(t, e) {
			return true
		}
	}
	return false
}

// clash reports whether two edits overlap, or start at the same place
// (whose order would be a guess: the second waits for the next run).
func clash(a, b TextEdit) bool {
	return a.Start < b.End && b.Start < a.End || a.Start == b.Start
}

func overlapsAny(edits []TextEdit, e TextEdit) bool {
	for _, t := range edits {
		if clash(t, e) {
			return true
		}
	}
	return false
}
