package lsp

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovim runs a writer's session in a real editor: Neovim (Debian's
// neovim package) starts `starlint lsp` with its built-in client, receives
// the diagnostics of a pack, sees one go when the Action is fixed in the
// buffer, and formats the buffer through the server. Like the browser
// tests it needs STARLINT_E2E=1 (set by .ci/run), which turns a missing
// nvim into a failure instead of a skip.
func TestNeovim(t *testing.T) {
	nvim := editor(t, "nvim", "neovim")
	text := editorSession(t, func(script string) *exec.Cmd {
		return exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	}, "testdata/nvim/session.lua")
	// Neovim shows columns in bytes, 1-based here: the curly quote is three.
	for _, want := range []string{
		"open 6:15-6:18 typography curly quote “",
		`open 13:26-14:31 action-first-person sentence 2 of the Action starts with "We"`,
		`open 13:26-13:28 no-we STAR action example uses "we"`,
		"edit action-first-person gone",
		"action applied:       I pulled the logs. I then figured out", // the lead-in fix, through a code action
		"formatted line 3: title: Tell Me About a Time You Failed",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Neovim did not show %q", want)
		}
	}
	if strings.Contains(text, "error:") || strings.Contains(text, "edited 13:26-14:31") {
		t.Errorf("session went wrong:\n%s", text)
	}
}

// TestEmacs does the same with Emacs's eglot (Debian's emacs-nox and
// elpa-eglot): flymake shows the diagnostics, columns in characters.
func TestEmacs(t *testing.T) {
	emacs := editor(t, "emacs", "emacs-nox elpa-eglot")
	text := editorSession(t, func(script string) *exec.Cmd {
		return exec.Command(emacs, "--batch", "-l", script)
	}, "testdata/emacs/session.el")
	for _, want := range []string{
		"6:15-6:16 starlint [typography]: curly quote “",
		"13:26-13:28 starlint [no-we]: STAR action example uses \"we\"",
		"13:26-14:31 starlint [action-first-person]: sentence 2 of the Action starts with \"We\"",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Emacs did not show %q", want)
		}
	}
}

// editor finds an editor's binary; under STARLINT_E2E=1 a missing one
// fails the test, otherwise it is skipped.
func editor(t *testing.T, name, debianPackages string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("STARLINT_E2E") == "1" {
			t.Fatalf("STARLINT_E2E=1 but %s is missing (apt-get install %s)", name, debianPackages)
		}
		t.Skipf("the editor test needs %s (run .ci/run, or apt-get install %s)", name, debianPackages)
	}
	return path
}

// editorSession builds starlint, writes the test pack, runs the editor's
// session script and returns what the script wrote.
func editorSession(t *testing.T, command func(script string) *exec.Cmd, scriptPath string) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "starlint")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/starlint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	packPath := filepath.Join(dir, "we-story.yaml")
	if err := os.WriteFile(packPath, []byte(strings.Replace(weStory, "title: Tell", "title:    Tell", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.txt")
	script, _ := filepath.Abs(scriptPath)
	cmd := command(script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "STARLINT_OUT="+out, "STARLINT_BIN="+bin, "STARLINT_PACK="+packPath, "HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	var combined strings.Builder
	cmd.Stdout, cmd.Stderr = &combined, &combined
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", filepath.Base(cmd.Path), err, combined.String())
		}
	case <-time.After(90 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("%s did not finish\n%s", filepath.Base(cmd.Path), combined.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no session output: %v\n%s", err, combined.String())
	}
	t.Logf("%s saw:\n%s", filepath.Base(cmd.Path), got)
	return string(got)
}
