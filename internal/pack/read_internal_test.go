package pack

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestReadAllWhateverTheMeasure: a file read at its measured size, or
// measured before it grew or shrank, is read whole.
func TestReadAllWhateverTheMeasure(t *testing.T) {
	want := bytes.Repeat([]byte("0123456789"), 1000)
	path := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(path, want, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, measured := range []int{len(want), len(want) - 1, 10, 0, len(want) + 1, 2 * len(want)} {
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readAll(fh, measured)
		fh.Close()
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("measured %d: read %d bytes, %v", measured, len(got), err)
		}
	}
}

// lookupBySplit is Lookup over SplitPointer, as it was: the reference for
// walking the pointer in place.
func lookupBySplit(root *yaml.Node, ptr string) (key, value *yaml.Node, ok bool) {
	value = root
	for _, seg := range SplitPointer(ptr) {
		var found bool
		if key, value, found = child(key, value, seg); !found {
			return key, value, false
		}
	}
	return key, value, true
}

func TestLookupMatchesSplit(t *testing.T) {
	var doc yaml.Node
	src := "a: {b: [x, {c: y}], \"\": {\"\": z}, \"t~1u\": 1, \"s/t\": 2, \"m~0n\": 3}\nlist: [1, 2, [3]]\n"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	for _, ptr := range []string{"", "/", "/a", "a", "/a/b", "/a/b/0", "/a/b/1/c", "/a/b/2", "/a/b/-1", "/a/b/x", "/a/", "/a//", "//",
		"/a/t~01u", "/a/s~1t", "/a/m~00n", "/list/2/0", "/list/2/0/", "/nope", "/a/b/1/c/d", "/list/01"} {
		k1, v1, ok1 := Lookup(root, ptr)
		k2, v2, ok2 := lookupBySplit(root, ptr)
		if k1 != k2 || v1 != v2 || ok1 != ok2 {
			t.Errorf("Lookup(%q) = %v %v %v, by split %v %v %v", ptr, k1, v1, ok1, k2, v2, ok2)
		}
	}
}
