package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNoTerminalQueries runs starlint under a pseudo-terminal that never
// answers terminal queries (util-linux's script): it must not ask the
// terminal anything (which stalled each command for 10 s and printed
// ESC]10;? and ESC[6n), and with NO_COLOR or -f json print no escape
// sequence at all.
func TestNoTerminalQueries(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		if os.Getenv("STARLINT_E2E") == "1" {
			t.Fatal("STARLINT_E2E=1 but script (util-linux) is missing")
		}
		t.Skip("needs script (util-linux) for a pseudo-terminal")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "starlint")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/starlint").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "p.yaml"), []byte("starlint: 1\nid: p\n"), 0o644)
	for _, tc := range []struct {
		name, args, env string
		noEscapes       bool
	}{
		{"validate", "validate p.yaml", "", false},
		{"stats with debug logs", "stats --log-level debug p.yaml", "", false},
		{"NO_COLOR", "lint --log-level debug p.yaml", "NO_COLOR=1", true},
		{"json", "lint -f json p.yaml", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(scriptBin, "-q", "-e", "-c", bin+" "+tc.args, "/dev/null")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TERM=xterm-256color")
			if tc.env != "" {
				cmd.Env = append(cmd.Env, tc.env)
			}
			start := time.Now()
			out, _ := cmd.CombinedOutput()
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v under a silent terminal", took)
			}
			text := string(out)
			if strings.Contains(text, "\x1b]1") || strings.Contains(text, "\x1b[6n") {
				t.Errorf("queried the terminal: %q", text)
			}
			if tc.noEscapes && strings.Contains(text, "\x1b") {
				t.Errorf("escape sequences despite %s: %q", tc.env, text)
			}
			if tc.name == "json" && strings.Contains(text, "\x1b") {
				t.Errorf("escape sequences in JSON output: %q", text)
			}
		})
	}
}
