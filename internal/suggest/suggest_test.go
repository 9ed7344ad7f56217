package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"id", "question", "difficulty", "options", "answer", "solution", "hint", "mistakes"}
	for in, want := range map[string]string{
		"hnit": "hint", "solutions": "solution", "Question": "question", "optoins": "options",
		"difficult": "difficulty", "banana": "", "x": "",
	} {
		if got := Closest(in, keys); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}
