package export_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/export/anki"
	"github.com/starlint-dev/starlint/internal/export/exporttest"
	"github.com/starlint-dev/starlint/internal/export/html"
)

// TestBrowser exports a site and a package and runs the Node tests in e2e/:
// the site in a real headless Chromium (quiz, escaping, no requests, axe
// accessibility checks) and the package in a third-party reader. They need
// chromium, node and `npm ci` in e2e/; .ci/run installs them and sets
// STARLINT_E2E=1, which turns a missing tool into a failure, not a skip.
func TestBrowser(t *testing.T) {
	required := os.Getenv("STARLINT_E2E") == "1"
	missing := func(what string) {
		if required {
			t.Fatalf("STARLINT_E2E=1 but %s is missing", what)
		}
		t.Skipf("browser tests need %s (run .ci/run, or install chromium and run npm ci in e2e/)", what)
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		missing("chromium")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node")
	}
	if _, err := os.Stat("../../e2e/node_modules/playwright-core"); err != nil {
		missing("e2e/node_modules (npm ci in e2e/)")
	}

	packs := exporttest.Load(t, "../testdata/packs/*.yaml", "testdata/*.yaml")
	dir := t.TempDir()
	for _, e := range []export.Exporter{html.Exporter{}, anki.Exporter{}} {
		out := exporttest.Run(t, e, packs, export.Options{})
		if _, err := out.WriteDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(node, "--test", "--test-reporter=spec", "site.test.mjs", "anki.test.mjs")
	cmd.Dir = "../../e2e"
	cmd.Env = append(os.Environ(), "SITE_DIR="+dir, "APKG="+filepath.Join(dir, anki.PackageName), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("node --test:\n%s", out)
	if err != nil {
		t.Fatalf("browser tests failed: %v", err)
	}
}
