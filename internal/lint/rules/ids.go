package rules

import (
	"fmt"
	"hash/maphash"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// IDUnique finds pack ids shared by several files, and quiz ids shared
// within a pack.
var IDUnique = &lint.Rule{
	Name:    "id-unique",
	Summary: "pack ids are unique across the linted packs, quiz ids within their pack",
	Doc: `Exports key decks, pages and Anki notes on ids, so two packs with one id, or two quiz items
with one id in a pack, would overwrite each other. Each pack in the set with a shared id is
reported, naming the others.`,
	Bad:     "quiz:\n  - id: primary-lp\n    question: Which principle?\n  - id: primary-lp\n    question: Which principle, again?",
	Good:    "quiz:\n  - id: primary-lp\n    question: Which principle?\n  - id: weakest-phrase\n    question: Which phrase is weakest?",
	Default: lint.Error,
	Run: func(p *lint.Pass) {
		first := map[string]int{}
		for i, q := range p.Pack.Quiz {
			if q.ID == "" {
				continue
			}
			if j, dup := first[q.ID]; dup {
				p.Reportf("/quiz/"+strconv.Itoa(i)+"/id", "quiz item %d has id %q, already used by quiz item %d: quiz ids must be unique within a pack", i+1, q.ID, j+1)
				continue
			}
			first[q.ID] = i
		}
	},
	RunSet: func(p *lint.SetPass) {
		// Shared ids are rare, so candidates are found by a hash of each id,
		// sorted: a map of every id was most of a warm run's last step over
		// 50,000 cached packs. Only ids whose hash repeats are compared.
		seed := maphash.MakeSeed()
		hashes := make([]uint64, len(p.Packs))
		for i, ref := range p.Packs {
			hashes[i] = maphash.String(seed, ref.ID)
		}
		sorted := slices.Clone(hashes)
		slices.Sort(sorted)
		var repeated map[uint64]bool
		for i := 1; i < len(sorted); i++ {
			if sorted[i] == sorted[i-1] {
				if repeated == nil {
					repeated = map[uint64]bool{}
				}
				repeated[sorted[i]] = true
			}
		}
		if repeated == nil {
			return
		}
		byID := map[string][]int{}
		for i, ref := range p.Packs {
			if repeated[hashes[i]] {
				byID[ref.ID] = append(byID[ref.ID], i)
			}
		}
		for i, ref := range p.Packs {
			if !repeated[hashes[i]] {
				continue
			}
			group := byID[ref.ID]
			if len(group) < 2 {
				continue
			}
			var others []string
			for _, o := range group {
				if f := p.Packs[o].File; f != ref.File {
					others = append(others, f)
				}
			}
			p.Report(lint.Diagnostic{File: ref.File, Pos: ref.Pos, End: ref.End, Pointer: "/id",
				Message: fmt.Sprintf("id %q is also used by %s: pack ids must be unique", ref.ID, strings.Join(others, ", "))})
		}
	},
}

// IDMatchesFilename keeps file names and ids in step.
var IDMatchesFilename = &lint.Rule{
	Name:    "id-matches-filename",
	Summary: "a pack's id equals its file name without the extension",
	Doc:     "`packs/failed-to-deliver.yaml` should hold `id: failed-to-deliver`, so that a pack is found by its id.",
	Bad:     "# in packs/failed-to-deliver.yaml\nid: missed-deadline",
	Good:    "# in packs/failed-to-deliver.yaml\nid: failed-to-deliver",
	Default: lint.Warning,
	Run: func(p *lint.Pass) {
		id := p.Pack.ID
		base := filepath.Base(p.File.Path)
		if id == "" || pack.FileStem(base) == id {
			return
		}
		p.Reportf("/id", "id %q differs from the file name %q: rename the file to %s%s or change the id", id, base, id, filepath.Ext(base))
	},
}
