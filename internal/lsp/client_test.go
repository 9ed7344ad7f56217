package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/starlint-dev/starlint/internal/lint/rules"
)

// testClient drives a server in-process over pipes, speaking raw framed
// JSON-RPC, so the tests exercise the same bytes an editor sends.
type testClient struct {
	t      testing.TB
	w      io.WriteCloser
	r      *bufio.Reader
	done   chan int
	nextID int

	mu        sync.Mutex
	responses map[int]json.RawMessage
	errors    map[int]string
	published map[string][]publishEvent
	notify    chan struct{}
}

type publishEvent struct {
	at     time.Time
	params PublishDiagnosticsParams
}

func newTestClient(t testing.TB) *testClient {
	t.Helper()
	return newTestClientWith(t, Options{Rules: rules.All(), Version: "test"})
}

func newTestClientWith(t testing.TB, opt Options) *testClient {
	t.Helper()
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	c := &testClient{t: t, w: cw, r: bufio.NewReader(cr), done: make(chan int, 1),
		responses: map[int]json.RawMessage{}, errors: map[int]string{}, published: map[string][]publishEvent{}, notify: make(chan struct{}, 1)}
	go func() {
		c.done <- Serve(context.Background(), sr, sw, opt)
		sw.Close()
	}()
	go c.readLoop()
	t.Cleanup(func() { cw.Close() })
	return c
}

func (c *testClient) readLoop() {
	for {
		length := -1
		for {
			line, err := c.r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(c.r, body); err != nil {
			return
		}
		var msg struct {
			ID     *int            `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(body, &msg); err != nil {
			c.t.Errorf("server sent invalid JSON: %s", body)
			return
		}
		c.mu.Lock()
		switch {
		case msg.Method == "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			json.Unmarshal(msg.Params, &p)
			c.published[p.URI] = append(c.published[p.URI], publishEvent{time.Now(), p})
		case msg.ID != nil && msg.Error != nil:
			c.errors[*msg.ID] = msg.Error.Message
		case msg.ID != nil:
			c.responses[*msg.ID] = msg.Result
		case msg.Error != nil:
			c.errors[-1] = msg.Error.Message // a reply to a message without an id
		}
		c.mu.Unlock()
		select {
		case c.notify <- struct{}{}:
		default:
		}
	}
}

func (c *testClient) send(v any) {
	data, _ := json.Marshal(v)
	c.sendRaw(data)
}

func (c *testClient) sendRaw(data []byte) {
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(data), data)
}

// call sends a request and waits for its reply: the result, or the error
// message.
func (c *testClient) call(method string, params any) (json.RawMessage, string) {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	var res json.RawMessage
	var msg string
	ok := c.waitFor(func() bool {
		var got bool
		res, got = c.responses[id]
		if e, isErr := c.errors[id]; isErr {
			msg, got = e, true
		}
		return got
	})
	if !ok {
		c.t.Fatalf("no reply to %s", method)
	}
	return res, msg
}

func (c *testClient) notifyServer(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// waitFor polls cond (under the client's lock) until it holds or 5 s pass.
func (c *testClient) waitFor(cond func() bool) bool {
	deadline := time.After(5 * time.Second)
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-c.notify:
		case <-deadline:
			return false
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// diagnostics waits for the publication of uri at version and returns it.
func (c *testClient) diagnostics(uri string, version int) []Diagnostic {
	c.t.Helper()
	var found []Diagnostic
	ok := c.waitFor(func() bool {
		for _, ev := range c.published[uri] {
			if ev.params.Version != nil && *ev.params.Version == version {
				found = ev.params.Diagnostics
				return true
			}
		}
		return false
	})
	if !ok {
		c.t.Fatalf("no diagnostics for %s version %d", uri, version)
	}
	return found
}

// latest returns the newest publication for uri, if any.
func (c *testClient) latest(uri string) ([]Diagnostic, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	evs := c.published[uri]
	if len(evs) == 0 {
		return nil, false
	}
	return evs[len(evs)-1].params.Diagnostics, true
}

func (c *testClient) initialize(root string, caps map[string]any) InitializeResult {
	c.t.Helper()
	if caps == nil {
		caps = map[string]any{"textDocument": map[string]any{"inlayHint": map[string]any{}}}
	}
	res, errMsg := c.call("initialize", map[string]any{"processId": nil, "rootUri": pathURI(root), "capabilities": caps})
	if errMsg != "" {
		c.t.Fatalf("initialize: %s", errMsg)
	}
	var out InitializeResult
	if err := json.Unmarshal(res, &out); err != nil {
		c.t.Fatal(err)
	}
	c.notifyServer("initialized", map[string]any{})
	return out
}

func (c *testClient) open(uri, text string, version int) {
	c.notifyServer("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": version, "text": text}})
}

func (c *testClient) change(uri, text string, version int) {
	c.notifyServer("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version}, "contentChanges": []map[string]any{{"text": text}}})
}

// exitCode sends shutdown and exit and returns the server's status.
func (c *testClient) shutdownAndExit() int {
	c.t.Helper()
	if _, e := c.call("shutdown", nil); e != "" {
		c.t.Fatalf("shutdown: %s", e)
	}
	c.notifyServer("exit", nil)
	select {
	case code := <-c.done:
		return code
	case <-time.After(5 * time.Second):
		c.t.Fatal("the server did not exit")
	}
	return -1
}

// workspace writes files into a temporary directory and returns it.
func workspace(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// initializedClient is a client past initialize, with the default test
// capabilities, in an empty workspace; it returns the workspace too.
func initializedClient(t testing.TB) (*testClient, string) {
	t.Helper()
	dir := workspace(t, nil)
	c := newTestClient(t)
	c.initialize(dir, nil)
	return c, dir
}
