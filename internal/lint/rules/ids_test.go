package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// TestSharedIDsAcrossPacks: over random sets with many and with no shared
// ids, id-unique's set pass reports exactly the packs a plain grouping by
// id finds, in file order, each naming the others; also over sets large
// enough that the set rules run side by side (with the balance rule).
func TestSharedIDsAcrossPacks(t *testing.T) {
	l, err := lint.New([]*lint.Rule{IDUnique, AnswerPositionBalance}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 204; round++ {
		n, kinds := 1+rng.IntN(40), 1+rng.IntN(60) // few kinds: many shared
		if round >= 200 {
			n, kinds = 2500+rng.IntN(2000), 1000+rng.IntN(4000)
		}
		var refs []*lint.PackRef
		for i := 0; i < n; i++ {
			refs = append(refs, &lint.PackRef{File: fmt.Sprintf("p%05d.yaml", i), ID: fmt.Sprint("id-", rng.IntN(kinds)),
				Pos: pack.Pos{Line: 2, Col: 5}, End: pack.Pos{Line: 2, Col: 9}})
		}
		files := map[string][]string{}
		for _, r := range refs {
			files[r.ID] = append(files[r.ID], r.File)
		}
		var want []string
		for _, r := range refs {
			if others := slices.DeleteFunc(slices.Clone(files[r.ID]), func(f string) bool { return f == r.File }); len(others) > 0 {
				want = append(want, fmt.Sprintf("%s:2:5: id %q is also used by %s: pack ids must be unique", r.File, r.ID, strings.Join(others, ", ")))
			}
		}
		var got []string
		for _, d := range l.RunSet(refs) {
			if d.Rule != IDUnique.Name {
				t.Fatalf("round %d: %s reported without any answers: %s", round, d.Rule, d.Message)
			}
			got = append(got, fmt.Sprintf("%s:%d:%d: %s", d.File, d.Pos.Line, d.Pos.Col, d.Message))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: got\n%s\nwant\n%s", round, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
