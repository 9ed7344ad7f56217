package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffOnATerminalIsEscaped: fmt --diff prints a file name's control
// characters escaped on a terminal (YAML keeps raw ones out of a pack's
// text), and byte for byte into a pipe, where the diff is a patch to apply.
func TestDiffOnATerminalIsEscaped(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "esc\x1b]0;owned\x07.yaml")
	pack := "id: messy\nstarlint: 1\ntitle: \"Red \\e[31mtext\"\n"
	if err := os.WriteFile(path, []byte(pack), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, terminal := range []bool{true, false} {
		var out, errOut bytes.Buffer
		Run([]string{"fmt", "--diff", path}, &IO{Out: &out, ErrOut: &errOut, Terminal: terminal, Getenv: func(string) string { return "" }})
		got := out.String()
		if !strings.Contains(got, "@@ -1,3 +1,3 @@") {
			t.Fatalf("terminal=%v: no diff: %q (stderr %q)", terminal, got, errOut.String())
		}
		raw := strings.ContainsAny(got, "\x1b\x07")
		if terminal && raw {
			t.Errorf("on a terminal the diff holds raw control characters: %q", got)
		}
		if terminal && !strings.Contains(got, `esc\x1b]0;owned\x07.yaml`) {
			t.Errorf("on a terminal the escapes are not shown: %q", got)
		}
		if !terminal && !raw {
			t.Errorf("into a pipe the diff is not byte for byte: %q", got)
		}
	}
}
