//go:build unix

// Permission bits and running as another user are Unix's.

package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// restricted is a directory tree for permission tests, and a way to run
// starlint in it as a user whom permission bits stop. Root ignores them, so
// when the tests run as root (as in CI containers) the command runs as the
// user nobody; otherwise as the current user.
type restricted struct {
	t    *testing.T
	root string // world-readable, so that nobody can reach what it should
	bin  string
}

func newRestricted(t *testing.T) *restricted {
	t.Helper()
	root, err := os.MkdirTemp("", "starlint-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			os.Chmod(p, 0o755) // so that the removal can enter every directory
			return nil
		})
		os.RemoveAll(root)
	})
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	// The test binary runs as starlint under that name (see TestMain); copy
	// it where nobody may execute it.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r := &restricted{t: t, root: root, bin: filepath.Join(root, "bin", "starlint")}
	r.mkdir("bin", 0o755)
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(r.bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *restricted) path(name string) string { return filepath.Join(r.root, name) }

func (r *restricted) mkdir(name string, mode os.FileMode) {
	r.t.Helper()
	if err := os.MkdirAll(r.path(name), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Chmod(r.path(name), mode); err != nil {
		r.t.Fatal(err)
	}
}

func (r *restricted) write(name string, data []byte, mode os.FileMode) {
	r.t.Helper()
	if err := os.WriteFile(r.path(name), data, 0o644); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Chmod(r.path(name), mode); err != nil {
		r.t.Fatal(err)
	}
}

func (r *restricted) read(name string) string {
	r.t.Helper()
	data, err := os.ReadFile(r.path(name))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(data)
}

// run runs starlint with args in the tree's root and returns its exit code,
// standard output and standard error.
func (r *restricted) run(args ...string) (int, string, string) {
	r.t.Helper()
	cmd := exec.Command(r.bin, args...)
	cmd.Dir = r.root
	cmd.Env = append(os.Environ(), "HOME="+r.root, "XDG_CACHE_HOME="+r.root, "NO_COLOR=1")
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		r.t.Fatalf("running starlint: %v", err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// entries lists a directory's names, as root sees them.
func (r *restricted) entries(name string) []string {
	r.t.Helper()
	list, err := os.ReadDir(r.path(name))
	if err != nil {
		r.t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func examplePack(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/packs/disagreed-with-manager.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestUnreadableFilesAndDirectories(t *testing.T) {
	r := newRestricted(t)
	r.mkdir("packs/locked", 0o755)
	r.write("packs/disagreed-with-manager.yaml", examplePack(t), 0o644)
	r.write("packs/secret.yaml", examplePack(t), 0o000)
	r.write("packs/locked/inside.yaml", examplePack(t), 0o644)
	r.mkdir("packs/locked", 0o000)

	code, out, errOut := r.run("lint", "packs")
	if code != ExitTrouble {
		t.Errorf("exit %d, want %d: files could not be read", code, ExitTrouble)
	}
	for _, want := range []string{"packs/secret.yaml: permission denied", "packs/locked: permission denied"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "1 file checked") {
		t.Errorf("the readable pack was not checked:\n%s", out)
	}
}

func TestReadOnlyExportDirectory(t *testing.T) {
	r := newRestricted(t)
	r.write("disagreed-with-manager.yaml", examplePack(t), 0o644)
	r.mkdir("site", 0o555)

	code, _, errOut := r.run("export", "--to", "html", "--out", "site", "disagreed-with-manager.yaml")
	if code != ExitTrouble || !strings.Contains(errOut, "site") || !strings.Contains(errOut, "permission denied") {
		t.Errorf("exit %d, stderr %q: want exit 2 naming the directory", code, errOut)
	}
	if names := r.entries("site"); len(names) != 0 {
		t.Errorf("export left %v in the read-only directory", names)
	}
}

func TestFmtAndFixRespectPermissions(t *testing.T) {
	r := newRestricted(t)
	messy := strings.Replace(string(examplePack(t)), "title: ", "title:    ", 1)
	fixable := strings.Replace(string(examplePack(t)), "manager's goal", "manager’s goal", 1) // mixed quotes: typography fixes it
	// a read-only directory: no temporary file can be made beside the pack
	r.mkdir("frozen", 0o755)
	r.write("frozen/disagreed-with-manager.yaml", []byte(messy), 0o666)
	r.mkdir("frozen", 0o555)
	// a read-only pack in a writable directory: renaming over it would work,
	// but the writer said it must not change
	r.mkdir("open", 0o777)
	r.write("open/disagreed-with-manager.yaml", []byte(messy), 0o444)
	r.mkdir("open2", 0o777)
	r.write("open2/disagreed-with-manager.yaml", []byte(fixable), 0o444)

	for _, tc := range []struct {
		args []string
		file string
		want string
	}{
		{[]string{"fmt", "frozen/disagreed-with-manager.yaml"}, "frozen/disagreed-with-manager.yaml", messy},
		{[]string{"fmt", "open/disagreed-with-manager.yaml"}, "open/disagreed-with-manager.yaml", messy},
		{[]string{"lint", "--fix", "open2/disagreed-with-manager.yaml"}, "open2/disagreed-with-manager.yaml", fixable},
	} {
		code, _, errOut := r.run(tc.args...)
		if code != ExitTrouble || !strings.Contains(errOut, tc.file) || !strings.Contains(errOut, "permission denied") {
			t.Errorf("starlint %s: exit %d, stderr %q: want exit 2 naming the file", strings.Join(tc.args, " "), code, errOut)
		}
		if got := r.read(tc.file); got != tc.want {
			t.Errorf("starlint %s changed the file it may not write", strings.Join(tc.args, " "))
		}
		if names := r.entries(filepath.Dir(tc.file)); len(names) != 1 {
			t.Errorf("starlint %s left %v", strings.Join(tc.args, " "), names)
		}
	}
}
