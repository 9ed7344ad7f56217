package lint

import (
	"regexp"
	"testing"
)

// TestHasDirectiveNeverMissesOne: wherever the directive pattern matches,
// the quick check says so.
func TestHasDirectiveNeverMissesOne(t *testing.T) {
	for _, src := range []string{
		"# starlint-disable no-we\n", "x: 1 #starlint-disable-file\n", "a: b\n#\t starlint-disable\n", "#\nstarlint-disable\n",
		"# yaml-language-server: $schema=x\nid: a # starlint-disable-file typography\n", "no directive here, starlint-disable\n",
		"## # starlint-disable\n", "#", "",
	} {
		want := regexp.MustCompile(`#\s*starlint-disable`).MatchString(src)
		if got := hasDirective([]byte(src)); got != want {
			t.Errorf("hasDirective(%q) = %v, want %v", src, got, want)
		}
	}
}
