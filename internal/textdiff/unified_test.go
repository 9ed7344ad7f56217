package textdiff

import (
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	b := strings.Replace(strings.Replace(a, "2\n", "two\n", 1), "14\n", "fourteen\n", 1)
	want := `--- a/x
+++ b/x
@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -11,5 +11,5 @@
 11
 12
 13
-14
+fourteen
 15
`
	if got := Unified("a/x", "b/x", a, b); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnifiedNearbyChangesShareAHunk(t *testing.T) {
	a := "a\nb\nc\nd\ne\n"
	b := "A\nb\nc\nd\nE\n"
	got := Unified("a", "b", a, b)
	if strings.Count(got, "@@ ") != 1 || !strings.Contains(got, "@@ -1,5 +1,5 @@") {
		t.Errorf("got:\n%s", got)
	}
}

func TestUnifiedEqualAndNoNewline(t *testing.T) {
	if got := Unified("a", "b", "x\n", "x\n"); got != "" {
		t.Errorf("equal inputs: %q", got)
	}
	got := Unified("a", "b", "x", "y")
	if !strings.Contains(got, "-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file") {
		t.Errorf("got:\n%s", got)
	}
}

func TestFileLabels(t *testing.T) {
	for path, want := range map[string]string{
		"packs/x.yaml":   "a/packs/x.yaml",
		"/tmp/x.yaml":    "a/tmp/x.yaml",
		"./packs/x.yaml": "a/./packs/x.yaml",
	} {
		if a, b := FileLabels(path); a != want || b != "b"+want[1:] {
			t.Errorf("FileLabels(%q) = %q, %q; want %q", path, a, b, want)
		}
	}
}
