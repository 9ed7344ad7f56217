package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/starlint-dev/starlint/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"starlint": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the end-to-end sessions in testdata/script: each is a
// user's session with the real binary, in a fresh directory that holds a
// copy of the example packs kept for tests (internal/testdata/packs), never packs/ itself.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// gencorpus N DIR writes N generated packs (not in fmt's format).
			"gencorpus": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: gencorpus N DIR")
				}
				n, err := strconv.Atoi(args[0])
				ts.Check(err)
				ts.Check(corpus.WriteDir(ts.MkAbs(args[1]), n, 1, "block"))
			},
			// sleep DURATION waits, to let a background command get going.
			"sleep": func(ts *testscript.TestScript, neg bool, args []string) {
				d, err := time.ParseDuration(args[0])
				ts.Check(err)
				time.Sleep(d)
			},
			// waitfor GLOB waits (up to 30 s) until a file matches GLOB: a
			// background command has got that far, so a signal sent next
			// meets it at work, however slow its start on a busy machine.
			"waitfor": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: waitfor GLOB")
				}
				for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
					if m, _ := filepath.Glob(ts.MkAbs(args[0])); len(m) > 0 {
						return
					}
					if time.Now().After(deadline) {
						ts.Fatalf("nothing matched %s in 30 s", args[0])
					}
				}
			},
			// notmp DIR fails if a temporary file of an atomic write is left.
			"notmp": func(ts *testscript.TestScript, neg bool, args []string) {
				dir := ts.MkAbs(args[0])
				matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
				staging, _ := filepath.Glob(filepath.Join(dir, ".starlint-export-*"))
				matches = append(matches, staging...)
				if len(matches) > 0 {
					ts.Fatalf("temporary files left behind: %v", matches)
				}
			},
			// nulfile NAME writes a file that starts like YAML and then holds
			// binary bytes, which a txtar archive cannot carry.
			"nulfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: nulfile NAME")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("id: \x00\x01\x02\xff"), 0o644))
			},
		},
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return copyDir("../testdata/packs", filepath.Join(env.WorkDir, "packs"))
		},
	})
}

func copyDir(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
