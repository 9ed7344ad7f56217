package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/starlint-dev/starlint/internal/testfs"
)

// fullDisk fails every write, as stdout redirected to a full disk does.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

func TestReportToAFullDisk(t *testing.T) {
	var errOut bytes.Buffer
	code := Run([]string{"lint", "../testdata/packs"}, &IO{Out: fullDisk{}, ErrOut: &errOut})
	if code != ExitTrouble || !strings.Contains(errOut.String(), "writing the report: no space left on device") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestExportIntoAFile(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "out")
	if err := os.WriteFile(notADir, []byte("a file where the output directory should be"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Run([]string{"export", "--to", "json", "--out", notADir, "../testdata/packs"}, &IO{Out: &out, ErrOut: &errOut})
	if code != ExitTrouble || !strings.Contains(errOut.String(), "not a directory") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if got, _ := os.ReadFile(notADir); !strings.HasPrefix(string(got), "a file where") {
		t.Error("the file in the way was changed")
	}
}

func TestVanishingAndOddFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	data, err := os.ReadFile("../testdata/packs/disagreed-with-manager.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(good, data, 0o644)
	testfs.Mkfifo(t, filepath.Join(dir, "pipe.yaml"))
	if err := os.Symlink(filepath.Join(dir, "gone.yaml"), filepath.Join(dir, "dangling.yaml")); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Run([]string{"lint", dir}, &IO{Out: &out, ErrOut: &errOut})
	if code != ExitTrouble {
		t.Errorf("exit %d, want 2 for unreadable files", code)
	}
	// the walk skips the named pipe; the dangling link is a file that vanished
	if want := "dangling.yaml: no such file or directory\n"; !strings.Contains(errOut.String(), want) || strings.Contains(errOut.String(), "pipe") {
		t.Errorf("stderr = %q, want only %q", errOut.String(), want)
	}
	if !strings.Contains(out.String(), "1 file checked") {
		t.Errorf("the good file was not checked: %s", out.String())
	}

	// named on the command line, the pipe is an error, not a hang
	out.Reset()
	errOut.Reset()
	code = Run([]string{"lint", filepath.Join(dir, "pipe.yaml"), good}, &IO{Out: &out, ErrOut: &errOut})
	if code != ExitTrouble || !strings.Contains(errOut.String(), "pipe.yaml: not a regular file") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// An --out that holds a control character is printed escaped, never sent
// to the terminal as it is.
func TestExportSummaryEscapesTheOutDirectory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site\x1b[31mred")
	var stdout, errOut bytes.Buffer
	code := Run([]string{"export", "--to", "json", "--out", out, "../testdata/packs"}, &IO{Out: &stdout, ErrOut: &errOut})
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if strings.Contains(stdout.String(), "\x1b") || !strings.Contains(stdout.String(), `site\x1b[31mred: json`) {
		t.Errorf("summary %q, want the directory escaped", stdout.String())
	}
}
