package pack

import "testing"

func TestFileStem(t *testing.T) {
	for path, want := range map[string]string{
		"packs/failed-to-deliver.yaml": "failed-to-deliver",
		"a/b/missed-deadline.yml":      "missed-deadline",
		"notes.txt":                    "notes.txt",
		"x.yaml.yml":                   "x.yaml", // one extension comes off
	} {
		if got := FileStem(path); got != want {
			t.Errorf("FileStem(%q) = %q, want %q", path, got, want)
		}
	}
}
