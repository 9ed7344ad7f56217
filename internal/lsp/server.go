// Package lsp is `starlint lsp`: a language server (LSP 3.17 over stdio)
// that gives editors starlint's findings as the writer types, with quick
// fixes, rule docs and schema descriptions on hover, schema-driven
// completion, formatting and each STAR step's speaking time. It is a thin
// shell over lint.Engine: every feature is a function of the engine's
// current file plus a position, and this package only translates protocol
// types, as gopls's server does over its snapshots.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// Options configures a server.
type Options struct {
	Rules   []*lint.Rule // the registry
	Version string       // starlint's version, for serverInfo
	// Logf, when set, receives the server's own troubles (never findings).
	Logf func(format string, args ...any)
	// WatchConfig starts a file watcher on the workspace's config so that
	// an edit outside the editor applies; tests may turn it off.
	WatchConfig bool
}

// Server is one editor session.
type Server struct {
	opt  Options
	conn *jsonrpc2.Conn

	mu        sync.Mutex
	engine    *lint.Engine
	config    *lint.Config
	cfgPath   string // the workspace's .starlint.yaml, "" if none
	cfgErr    *lint.ConfigError
	root      string               // workspace root directory
	docs      map[string]*document // by URI
	utf8      bool                 // client chose UTF-8 positions
	inlay     bool                 // client supports inlay hints
	shutdown  bool
	stopWatch func()

	exit chan int
}

// document is one open text document.
type document struct {
	uri     string
	path    string // file system path (or the URI when it is not a file)
	version int
	text    []byte
	pack    bool // linted as a pack
}

// Serve runs a server on r and w until the client sends exit or goes
// away. It returns the process exit status: 0 after shutdown and exit, 1
// when the client exits without shutdown or disappears.
func Serve(ctx context.Context, r io.Reader, w io.Writer, opt Options) int {
	s := &Server{opt: opt, docs: map[string]*document{}, exit: make(chan int, 1)}
	linter, _ := lint.New(opt.Rules, nil, nil)
	s.engine = lint.NewEngine(linter, true)
	stream := newStream(r, w)
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle))
	defer s.stopWatching()
	select {
	case code := <-s.exit:
		conn.Close()
		return code
	case <-conn.DisconnectNotify():
		return 1
	case <-ctx.Done():
		conn.Close()
		return 1
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Logf != nil {
		s.opt.Logf(format, args...)
	}
}

// handle dispatches one message. Requests get a result or an error;
// notifications nothing. A panic in a feature is turned into an error
// reply, so no document can take the server down.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	s.mu.Lock()
	s.conn = conn // the handler may run before NewConn returns
	s.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			s.logf("internal error in %s: %v\n%s", req.Method, p, debug.Stack())
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("starlint: internal error in %s (please report it): %v", req.Method, p)}
		}
	}()
	if s.isShutdown() && req.Method != "exit" {
		if req.Notif {
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "the server is shutting down"}
	}
	switch req.Method {
	case "initialize":
		var p InitializeParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.initialize(p), nil
	case "initialized":
		s.startWatching()
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "exit":
		code := 1
		if s.isShutdown() {
			code = 0
		}
		s.exit <- code
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didOpen(ctx, p)
		return nil, nil
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didChange(ctx, p)
		return nil, nil
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didSave(ctx, p)
		return nil, nil
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didClose(ctx, p)
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		for _, c := range p.Changes {
			if s.isConfigURI(c.URI) {
				s.reloadConfig(ctx)
				break
			}
		}
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.codeActions(p), nil
	case "textDocument/hover":
		var p TextDocumentPositionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.hover(p), nil
	case "textDocument/completion":
		var p CompletionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.completion(p), nil
	case "textDocument/formatting":
		var p DocumentFormattingParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.formatting(p), nil
	case "textDocument/inlayHint":
		var p InlayHintParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.inlayHints(p.TextDocument.URI), nil
	case "textDocument/codeLens":
		var p CodeLensParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.codeLenses(p.TextDocument.URI), nil
	}
	if req.Notif {
		return nil, nil // $/cancelRequest, $/setTrace and the like: nothing to do
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "starlint does not implement " + req.Method}
}

func decode(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + ": missing params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + ": " + err.Error()}
	}
	return nil
}

func (s *Server) isShutdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shutdown
}

func (s *Server) initialize(p InitializeParams) InitializeResult {
	s.mu.Lock()
	root := ""
	switch {
	case p.RootURI != "":
		root = uriPath(p.RootURI)
	case len(p.WorkspaceFolders) > 0:
		root = uriPath(p.WorkspaceFolders[0].URI)
	case p.RootPath != "":
		root = p.RootPath
	}
	s.root = root
	for _, enc := range p.Capabilities.General.PositionEncodings {
		if enc == "utf-8" {
			s.utf8 = true
		}
	}
	s.inlay = p.Capabilities.TextDocument.InlayHint != nil
	s.mu.Unlock()
	s.loadConfig()
	encoding := "utf-16"
	if s.utf8 {
		encoding = "utf-8"
	}
	caps := ServerCapabilities{
		PositionEncoding:           encoding,
		TextDocumentSync:           TextDocumentSync{OpenClose: true, Change: 1, Save: SaveOptions{IncludeText: false}},
		HoverProvider:              true,
		CompletionProvider:         &CompletionOptions{TriggerCharacters: []string{":", " "}},
		CodeActionProvider:         &CodeActionOptions{CodeActionKinds: []string{"quickfix", fixAllKind}},
		DocumentFormattingProvider: true,
		InlayHintProvider:          s.inlay,
	}
	if !s.inlay {
		caps.CodeLensProvider = &CodeLensOptions{}
	}
	return InitializeResult{Capabilities: caps, ServerInfo: ServerInfo{Name: "starlint", Version: s.opt.Version}}
}

// uriPath turns a file: URI into a path; other URIs stay as they are.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.FromSlash(u.Path)
}

// pathURI turns a path into a file: URI.
func pathURI(path string) string {
	if strings.Contains(path, "://") {
		return path
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	return u.String()
}

// packKeyRE finds a top-level key every pack has: a file without one is
// some other YAML (a workflow, a compose file) and gets no findings.
var packKeyRE = regexp.MustCompile(`(?m)^(starlint|star|id):`)

// isPack decides whether a document is linted: a YAML file by name, not
// the config, not ignored by it, and with a pack's top-level keys.
func (s *Server) isPack(path string, text []byte) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	for _, n := range lint.ConfigFileNames {
		if filepath.Base(path) == n {
			return false
		}
	}
	s.mu.Lock()
	cfg := s.config
	s.mu.Unlock()
	if cfg != nil && cfg.Ignored(path) {
		return false
	}
	return packKeyRE.Match(text)
}

func (s *Server) didOpen(ctx context.Context, p DidOpenTextDocumentParams) {
	d := &document{uri: p.TextDocument.URI, path: uriPath(p.TextDocument.URI), version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.mu.Lock()
	s.docs[d.uri] = d
	s.mu.Unlock()
	s.update(ctx, d)
}

func (s *Server) didChange(ctx context.Context, p DidChangeTextDocumentParams) {
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		s.mu.Unlock()
		return
	}
	text := d.text
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = []byte(c.Text)
			continue
		}
		// incremental edits, should a client send them anyway
		m := newMapper(text, s.utf8)
		start, end := m.offset(c.Range.Start), m.offset(c.Range.End)
		if start > end {
			start, end = end, start
		}
		text = append(append(append([]byte(nil), text[:start]...), c.Text...), text[end:]...)
	}
	nd := &document{uri: d.uri, path: d.path, version: p.TextDocument.Version, text: text}
	s.docs[d.uri] = nd
	s.mu.Unlock()
	s.update(ctx, nd)
}

func (s *Server) didSave(ctx context.Context, p DidSaveTextDocumentParams) {
	if s.isConfigURI(p.TextDocument.URI) {
		s.reloadConfig(ctx)
	}
}

func (s *Server) didClose(ctx context.Context, p DidCloseTextDocumentParams) {
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	delete(s.docs, p.TextDocument.URI)
	s.mu.Unlock()
	if !ok {
		return
	}
	changed := s.engine.Remove(d.path)
	s.publish(ctx, d.uri, nil, nil)
	s.publishPaths(ctx, changed, d.path)
}

// update lints a document as it now reads (or, for the config, reloads
// it) and publishes what changed.
func (s *Server) update(ctx context.Context, d *document) {
	if s.isConfigURI(d.uri) {
		s.applyConfig(ctx, d.text)
		return
	}
	d.pack = s.isPack(d.path, d.text)
	if !d.pack {
		changed := s.engine.Remove(d.path)
		s.publish(ctx, d.uri, &d.version, nil)
		s.publishPaths(ctx, changed, d.path)
		return
	}
	changed := s.engine.Put(pack.Load(d.path, d.text))
	s.publishDoc(ctx, d)
	s.publishPaths(ctx, changed, d.path)
}

// publishPaths republishes the open documents among paths, except skip.
func (s *Server) publishPaths(ctx context.Context, paths []string, skip string) {
	for _, p := range paths {
		if p == skip {
			continue
		}
		if d := s.docByPath(p); d != nil {
			s.publishDoc(ctx, d)
		}
	}
}

func (s *Server) docByPath(path string) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.path == path {
			return d
		}
	}
	return nil
}

func (s *Server) doc(uri string) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[uri]
}

func (s *Server) publishDoc(ctx context.Context, d *document) {
	diags := s.engine.Diagnostics(d.path)
	m := newMapper(d.text, s.utf8)
	out := make([]Diagnostic, 0, len(diags))
	linter := s.engine.Linter()
	for _, ld := range diags {
		out = append(out, toProtocol(m, ld, linter.Rule(ld.Rule)))
	}
	s.publish(ctx, d.uri, &d.version, out)
}

func (s *Server) publish(ctx context.Context, uri string, version *int, diags []Diagnostic) {
	if diags == nil {
		diags = []Diagnostic{}
	}
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn == nil {
		return
	}
	if err := conn.Notify(ctx, "textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags}); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.logf("publishing diagnostics: %v", err)
	}
}
