package cli

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/report"
)

// watchDebounce is how long a burst of file events (an editor's save is
// often several) settles before the packs are linted again.
const watchDebounce = 150 * time.Millisecond

// watcher re-lints packs as they change and redraws the report.
type watcher struct {
	o       *checkOptions
	cfgPath string
	cfg     *lint.Config
	linter  *lint.Linter
	engine  *lint.Engine // the workspace, re-linted file by file
	// drawn is called after each report, for tests.
	drawn func()
}

func runWatch(ctx context.Context, o *checkOptions, drawn func()) error {
	if err := o.validate(); err != nil {
		return err
	}
	for _, p := range o.Paths {
		if _, err := os.Stat(p); err != nil {
			return trouble("%s: %s: nothing to watch", safe(p), safe(fsutil.UnwrapPath(err)))
		}
	}
	w := &watcher{o: o, drawn: drawn}
	if err := w.reload(); err != nil {
		return err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return trouble("cannot watch files: %v", err)
	}
	defer fw.Close()
	for _, dir := range w.dirs() {
		if err := fw.Add(dir); err != nil {
			o.Log.Warn("cannot watch", "dir", dir, "err", err)
		}
	}
	w.lintAll()
	w.draw()

	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(o.IO.ErrOut, "starlint: stopped watching")
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					fw.Add(ev.Name) // a new directory of packs
				}
			}
			pending[filepath.Clean(ev.Name)] = true
			timer.Reset(watchDebounce)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			o.Log.Warn("watching", "err", err)
		case <-timer.C:
			w.update(pending)
			pending = map[string]bool{}
			w.draw()
		}
	}
}

// reload reads the config and builds the linter.
func (w *watcher) reload() error {
	cfg, err := loadConfig(w.o.ConfigPath, w.o.Rules, w.o.Log)
	if err != nil {
		return err
	}
	ruleSet := w.o.Rules
	if w.o.Team {
		ruleSet = lint.WithTeam(ruleSet, cfg)
	}
	l, err := lint.New(ruleSet, cfg, w.o.Only)
	if err != nil {
		return trouble("%v", err)
	}
	w.cfg, w.linter = cfg, l
	w.cfgPath = w.o.ConfigPath
	if w.cfgPath == "" {
		w.cfgPath = lint.FindConfig(".")
	}
	return nil
}

// dirs lists the directories to watch: every directory under the paths,
// the directories of named files (editors save by renaming, so the file
// itself is a poor thing to watch), and the config's.
func (w *watcher) dirs() []string {
	set := map[string]bool{}
	paths := w.o.Paths
	if len(paths) == 0 {
		paths = []string{"packs"}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !st.IsDir() {
			set[filepath.Dir(p)] = true
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if path != p && len(d.Name()) > 0 && d.Name()[0] == '.' {
					return fs.SkipDir
				}
				set[path] = true
			}
			return nil
		})
	}
	if w.cfgPath != "" {
		set[filepath.Dir(w.cfgPath)] = true
	} else {
		set["."] = true // a config may be created
	}
	var out []string
	for d := range set {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

func (w *watcher) packPaths() []string {
	// quiet: a path that is missing now may appear with the next save
	paths, _, _ := findPacks(&IO{ErrOut: io.Discard}, w.o.Paths, w.cfg)
	return paths
}

func (w *watcher) lintAll() {
	w.engine = lint.NewEngine(w.linter, false)
	for _, p := range w.packPaths() {
		w.lintOne(p)
	}
}

func (w *watcher) lintOne(path string) {
	f, err := pack.ReadFile(path)
	if err != nil {
		w.engine.Fail(path, err)
		return
	}
	w.engine.Put(f)
}

// update re-lints what changed: every pack again after a config change,
// otherwise only the packs saved, created or removed.
func (w *watcher) update(changed map[string]bool) {
	for p := range changed {
		if w.cfgPath != "" && fsutil.SamePath(p, w.cfgPath) || isConfigName(p) {
			if err := w.reload(); err != nil {
				fmt.Fprintf(w.o.IO.ErrOut, "starlint: %s\n", safe(err))
				return
			}
			w.lintAll()
			return
		}
	}
	current := map[string]bool{}
	held := map[string]bool{}
	for _, p := range w.engine.Paths() {
		held[p] = true
	}
	for _, p := range w.packPaths() {
		current[p] = true
		if changed[p] || changed[filepath.Clean(p)] || !held[p] {
			w.lintOne(p)
		}
	}
	for p := range held {
		if !current[p] {
			w.engine.Remove(p)
		}
	}
}

func isConfigName(p string) bool {
	for _, n := range lint.ConfigFileNames {
		if filepath.Base(p) == n {
			return true
		}
	}
	return false
}

// draw clears the terminal (or, when output is not a terminal, prints a
// separator) and writes the current report.
func (w *watcher) draw() {
	res := w.engine.Result()
	for _, f := range res.Failures {
		fmt.Fprintf(w.o.IO.ErrOut, "starlint: %s: %s\n", safe(f.Path), safe(f.Err))
	}
	files, diags := res.Files, res.Diagnostics
	if w.o.IO.Color {
		fmt.Fprint(w.o.IO.Out, "\x1b[H\x1b[2J")
	} else {
		fmt.Fprintf(w.o.IO.Out, "--- %s ---\n", time.Now().Format("15:04:05"))
	}
	if err := report.Write(w.o.IO.Out, "text", report.Run{Files: files, Diagnostics: diags, Rules: w.o.Rules}, report.Options{Color: w.o.IO.Color}); err != nil {
		fmt.Fprintf(w.o.IO.ErrOut, "starlint: %s\n", safe(err))
	}
	fmt.Fprintln(w.o.IO.Out, "watching for changes; Ctrl-C to stop")
	if w.drawn != nil {
		w.drawn()
	}
}
