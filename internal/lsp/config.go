package lsp

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/fsnotify/fsnotify"

	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/lint"
)

// loadConfig finds and reads the workspace's .starlint.yaml at start-up.
func (s *Server) loadConfig() {
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	if root == "" {
		return
	}
	path := lint.FindConfig(root)
	if path == "" {
		return
	}
	s.mu.Lock()
	s.cfgPath = path
	s.mu.Unlock()
	src, err := os.ReadFile(path)
	if err != nil {
		s.logf("reading %s: %v", path, err)
		return
	}
	s.applyConfig(context.Background(), src)
}

func (s *Server) isConfigURI(uri string) bool {
	path := uriPath(uri)
	s.mu.Lock()
	cfgPath := s.cfgPath
	s.mu.Unlock()
	if cfgPath != "" {
		return fsutil.SamePath(path, cfgPath)
	}
	for _, n := range lint.ConfigFileNames {
		if filepath.Base(path) == n {
			return true
		}
	}
	return false
}

// reloadConfig reads the config from disk again (it changed outside the
// editor, or was saved).
func (s *Server) reloadConfig(ctx context.Context) {
	s.mu.Lock()
	path := s.cfgPath
	root := s.root
	s.mu.Unlock()
	if path == "" && root != "" {
		path = lint.FindConfig(root)
	}
	if path == "" {
		return
	}
	if d := s.doc(pathURI(path)); d != nil {
		s.applyConfig(ctx, d.text) // the editor's text is the newest
		return
	}
	src, err := os.ReadFile(path)
	if err != nil {
		s.logf("reading %s: %v", path, err)
		return
	}
	s.mu.Lock()
	s.cfgPath = path
	s.mu.Unlock()
	s.applyConfig(ctx, src)
}

// applyConfig parses config text. A broken config is shown as a diagnostic
// on the config file, and the last good one stays in force; a good one
// re-lints every open pack.
func (s *Server) applyConfig(ctx context.Context, src []byte) {
	s.mu.Lock()
	path := s.cfgPath
	if path == "" {
		path = filepath.Join(s.root, lint.ConfigFileNames[0])
		s.cfgPath = path
	}
	s.mu.Unlock()
	cfg, err := lint.ParseConfig(path, src, s.opt.Rules)
	var linter *lint.Linter
	if err == nil {
		linter, err = lint.New(lint.WithTeam(s.opt.Rules, cfg), cfg, nil)
	}
	uri := pathURI(path)
	if err != nil {
		var ce *lint.ConfigError
		if !errors.As(err, &ce) {
			ce = &lint.ConfigError{Path: path, Msg: err.Error()}
		}
		s.mu.Lock()
		s.cfgErr = ce
		s.mu.Unlock()
		m := newMapper(src, s.utf8)
		start := configOffset(src, ce.Line, ce.Col)
		end := start
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			end++
		}
		msg := ce.Msg + " (starlint keeps using the last good configuration)"
		s.publish(ctx, uri, nil, []Diagnostic{{Range: m.rangeOf(start, end), Severity: SeverityError, Code: "config", Source: "starlint", Message: msg}})
		return
	}
	s.mu.Lock()
	s.config, s.cfgErr = cfg, nil
	s.mu.Unlock()
	s.publish(ctx, uri, nil, nil)
	for _, p := range s.engine.SetLinter(linter) {
		if d := s.docByPath(p); d != nil {
			s.publishDoc(ctx, d)
		}
	}
}

// configOffset is the byte offset of a 1-based line and column (in
// characters) of the config text; line 0 means the start.
func configOffset(src []byte, line, col int) int {
	if line <= 1 && col <= 1 {
		return 0
	}
	off, l := 0, 1
	for off < len(src) && l < line {
		if src[off] == '\n' {
			l++
		}
		off++
	}
	for c := 1; c < col && off < len(src) && src[off] != '\n'; c++ {
		off++
		for off < len(src) && src[off]&0xC0 == 0x80 {
			off++
		}
	}
	return off
}

// startWatching watches the config's directory (or the workspace root),
// so a config edited outside the editor, created or removed, applies
// without a restart.
func (s *Server) startWatching() {
	if !s.opt.WatchConfig {
		return
	}
	s.mu.Lock()
	dir := s.root
	if s.cfgPath != "" {
		dir = filepath.Dir(s.cfgPath)
	}
	s.mu.Unlock()
	if dir == "" {
		return
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		s.logf("cannot watch the config: %v", err)
		return
	}
	if err := w.Add(dir); err != nil {
		s.logf("cannot watch %s: %v", dir, err)
		w.Close()
		return
	}
	done := make(chan struct{})
	s.mu.Lock()
	s.stopWatch = func() { close(done); w.Close() }
	s.mu.Unlock()
	go func() {
		for {
			select {
			case <-done:
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if s.isConfigURI(pathURI(ev.Name)) {
					s.reloadConfig(context.Background())
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
}

func (s *Server) stopWatching() {
	s.mu.Lock()
	stop := s.stopWatch
	s.stopWatch = nil
	s.mu.Unlock()
	if stop != nil {
		stop()
	}
}
