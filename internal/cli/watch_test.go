package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/log"

	"github.com/starlint-dev/starlint/internal/lint/rules"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const watchedPack = `starlint: 1
id: watched
title: Tell Me About a Time You Failed to Deliver
category: General Behavioral
competency: Failure and Resilience
scenario: I noticed a 0.3% webhook drop rate outside my team.
star:
  situation: {target: 30s, example: I noticed the drops., coaching: Be brief., mistake: Long setup.}
  task: {target: 20s, example: Nobody had asked me., coaching: Scope it., mistake: No boundary.}
  action: {target: 90s, example: ACTION, coaching: Say I., mistake: Saying we.}
  result: {target: 20s, example: Drops fell to zero., coaching: Quantify., mistake: No metric.}
  reflection: {target: 15s, coaching: Be specific., mistake: Generic lessons.}
reflections:
  - {id: sde2, level: SDE2, text: I learned to check the webhook retry logic for races.}
`

// TestWatch edits a pack and the config while watching and sees the report
// follow each save; cancelling (Ctrl-C) stops it cleanly.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	packPath := filepath.Join(dir, "packs", "watched.yaml")
	cfgPath := filepath.Join(dir, ".starlint.yaml")
	write := func(path, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(packPath, strings.Replace(watchedPack, "ACTION", "I fixed the race.", 1))
	write(cfgPath, "rules: {}\n")

	out, errOut := &syncBuffer{}, &syncBuffer{}
	io := &IO{Out: out, ErrOut: errOut, Getenv: func(string) string { return "" }}
	o := &checkOptions{IO: io, Log: log.New(errOut), ConfigPath: cfgPath, Rules: rules.All(),
		Paths: []string{filepath.Join(dir, "packs")}, Format: "text", MaxWarnings: -1}
	draws := make(chan string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runWatch(ctx, o, func() { draws <- out.String() }) }()

	next := func(want string) string {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case report := <-draws:
				last := report[strings.LastIndex(report, "--- "):]
				if strings.Contains(last, want) {
					return last
				}
			case <-timeout:
				t.Fatalf("no report with %q; output so far:\n%s", want, out.String())
			}
		}
	}
	next("1 file checked: no problems")

	write(packPath, strings.Replace(watchedPack, "ACTION", "I pulled the logs. We fixed the race.", 1))
	report := next("action-first-person")
	if !strings.Contains(report, "no-we") {
		t.Errorf("report after the edit:\n%s", report)
	}

	write(cfgPath, "rules:\n  no-we: off\n")
	report = next("1 file checked: 1 error, 0 warnings")
	if strings.Contains(report, "no-we") {
		t.Errorf("the config change was not applied:\n%s", report)
	}

	write(filepath.Join(dir, "packs", "second.yaml"), strings.Replace(strings.Replace(watchedPack, "id: watched", "id: second", 1), "ACTION", "I fixed it.", 1))
	next("2 files checked")

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("runWatch = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("watch did not stop when cancelled")
	}
}
