package schema

import (
	"testing"

	"github.com/starlint-dev/starlint/internal/fuzzseed"
	"github.com/starlint-dev/starlint/internal/pack"
)

// FuzzValidate: the error mapper never panics, every violation has a
// message, and the precheck never calls an invalid pack valid.
func FuzzValidate(f *testing.F) {
	for _, src := range fuzzseed.Packs() {
		f.Add(src)
	}
	v, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file := pack.Load("fuzz.yaml", src)
		if file.Root == nil {
			return
		}
		violations := v.Validate(file.Value())
		for _, viol := range violations {
			if viol.Message == "" || viol.Keyword == "" {
				t.Fatalf("empty violation %+v", viol)
			}
		}
		if v.Valid(file.Root) && len(violations) > 0 {
			t.Fatalf("precheck says valid, validator found %v", violations)
		}
		if len(file.Problems) == 0 && !v.Valid(file.Root) && len(violations) == 0 {
			t.Fatalf("precheck says invalid, validator found nothing")
		}
	})
}
