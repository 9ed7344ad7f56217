// Package textdiff renders line diffs in the unified format, using
// github.com/sergi/go-diff for the diff itself.
package textdiff

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

const context = 3

type line struct {
	op   diffmatchpatch.Operation
	text string
}

// FileLabels returns the a/ and b/ names for a diff of the file at path, as
// git writes them: "a/packs/x.yaml", and "a/tmp/x.yaml" for "/tmp/x.yaml".
func FileLabels(path string) (a, b string) {
	name := strings.TrimLeft(filepath.ToSlash(path), "/")
	return "a/" + name, "b/" + name
}

// Unified returns a unified diff from a to b with three lines of context,
// or "" when they are equal.
func Unified(aName, bName, a, b string) string {
	if a == b {
		return ""
	}
	dmp := diffmatchpatch.New()
	ac, bc, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ac, bc, false), lines)
	var all []line
	for _, d := range diffs {
		text := d.Text
		for text != "" {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				all = append(all, line{d.Type, text + "\n\\ No newline at end of file"})
				break
			}
			all = append(all, line{d.Type, text[:i]})
			text = text[i+1:]
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	for i := 0; i < len(all); {
		if all[i].op == diffmatchpatch.DiffEqual {
			i++
			continue
		}
		// a hunk: from context lines before the change to context after the
		// last change that is within 2*context lines of the previous one
		start := max(0, i-context)
		end := i
		for j := i; j < len(all); j++ {
			if all[j].op != diffmatchpatch.DiffEqual {
				end = j
			} else if j-end > 2*context {
				break
			}
		}
		end = min(len(all), end+context+1)
		writeHunk(&out, all, start, end)
		i = end
	}
	return out.String()
}

func writeHunk(out *strings.Builder, all []line, start, end int) {
	aLine, bLine := 1, 1
	for _, l := range all[:start] {
		if l.op != diffmatchpatch.DiffInsert {
			aLine++
		}
		if l.op != diffmatchpatch.DiffDelete {
			bLine++
		}
	}
	aCount, bCount := 0, 0
	for _, l := range all[start:end] {
		if l.op != diffmatchpatch.DiffInsert {
			aCount++
		}
		if l.op != diffmatchpatch.DiffDelete {
			bCount++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(aLine, aCount), hunkRange(bLine, bCount))
	for _, l := range all[start:end] {
		prefix := " "
		switch l.op {
		case diffmatchpatch.DiffDelete:
			prefix = "-"
		case diffmatchpatch.DiffInsert:
			prefix = "+"
		}
		out.WriteString(prefix + l.text + "\n")
	}
}

func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if count == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}
