// Package exportjob is `starlint export` without its command line: lint
// the packs, refuse them when a rule reports an error, and write every
// chosen format into the output directory at once or not at all.
package exportjob

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// Job is one export: the packs at Paths, linted by Linter (whose rules
// decide whether the export goes ahead), written in Formats into Out.
type Job struct {
	Ctx     context.Context
	Linter  *lint.Linter
	Paths   []string
	Formats []export.Exporter
	Out     string
	Options export.Options // Time is Run's to set
	Force   bool           // export packs that have errors
	// Time, when set (SOURCE_DATE_EPOCH), is every pack's modification
	// time; otherwise each pack file's last change is.
	Time time.Time
}

// Result is what Run did.
type Result struct {
	Lint       lint.Result       // the lint of every pack
	Errors     []lint.Diagnostic // its error-level findings
	ErrorPacks int               // how many packs have them
	Refused    bool              // Errors and no Force: nothing was written
	Skipped    []Skip            // packs left out, in path order, once the export is past its lint
	Packs      int               // packs exported
	Files      []int             // files written, for each of Formats
	// SecondPass: the formats that need the packs in order read them
	// again after the lint, because they did not come in that order.
	SecondPass bool
}

// Skip is a pack left out of an export, and why: "not a readable pack,
// skipped", "id ...: skipped", or the error that stopped its stat.
type Skip struct {
	Path, Why string
	// Trouble: the user must act (an unreadable file, an id that cannot
	// name a file), so the run fails once the rest is written.
	Trouble bool
}

// Interrupted is Run's error when Ctx is cancelled: Staged files were
// ready, Written of them moved into place (each one complete).
type Interrupted struct{ Written, Staged int }

func (e *Interrupted) Error() string {
	if e.Written == 0 {
		return "nothing exported"
	}
	files := "files"
	if e.Staged == 1 {
		files = "file"
	}
	return fmt.Sprintf("%d of %d %s written, each one complete", e.Written, e.Staged, files)
}

// Run lints the packs and exports them. Every file moves into Out only
// once all formats succeeded; an error or a refusal leaves Out as it was.
// The result is filled in as far as Run got, error or not.
func Run(job Job) (Result, error) {
	var res Result
	cancelled := func() bool { return job.Ctx != nil && job.Ctx.Err() != nil }
	opt := job.Options
	// Formats whose files for a pack need that pack alone (JSON) take each
	// pack as it is linted, into a staging directory inside Out. The
	// others need the packs in id order: they take them during the lint
	// too when the packs come in that order (alongside), and otherwise in
	// a second pass that reads the packs again (export.Stream).
	direct, streamed, along, staging, err := startEarly(job, opt)
	if err != nil {
		return res, err
	}
	// undo drops what the formats wrote, and Out when this run made it,
	// for an export that stops before its second pass
	undo := func() {
		along.abandon()
		for _, r := range direct {
			r.Abort()
		}
		if staging != nil {
			staging.Undo()
		}
	}

	linted, read, taken := lintAll(job, direct, along, &res)
	if cancelled() {
		undo()
		return res, &Interrupted{}
	}
	for _, d := range res.Lint.Diagnostics {
		if d.Severity == lint.Error {
			res.Errors = append(res.Errors, d)
		}
	}
	res.ErrorPacks = countFiles(res.Errors)
	if len(res.Errors) > 0 && !job.Force {
		undo()
		res.Refused = true
		return res, nil
	}
	// the first pack, in path order, that a direct format failed on
	if i := slices.IndexFunc(taken, func(err error) bool { return err != nil }); i >= 0 {
		undo()
		return res, fmt.Errorf("%v; nothing was exported", taken[i])
	}

	var times []time.Time
	if along != nil {
		times = along.times
	}
	planned := plan(job, linted, read, times, len(streamed) > 0, &res)
	for _, p := range planned {
		if p.Modified.After(opt.Time) {
			opt.Time = p.Modified
		}
	}

	if staging == nil {
		if staging, err = export.NewStaging(job.Out); err != nil {
			return res, err
		}
	}
	streamedCounts, done, err := along.finish(planned, opt.Time)
	if len(streamed) > 0 && !done && err == nil {
		// Second pass, for the formats that need the packs in order.
		res.SecondPass = true
		streamedCounts, err = export.Stream(job.Ctx, streamed, planned, opt, staging)
	}
	if err == nil {
		for _, r := range direct {
			if err = r.Finish(); err != nil {
				break
			}
		}
	}
	if err != nil {
		for _, r := range direct {
			r.Abort()
		}
		staging.Discard()
		// an exporter that saw the interrupt first says "context
		// canceled": the interrupt is the news, not its error
		if errors.Is(err, export.ErrStopped) || errors.Is(err, context.Canceled) || cancelled() {
			return res, &Interrupted{}
		}
		return res, fmt.Errorf("%v; nothing was exported", err)
	}
	if cancelled() {
		staging.Discard()
		return res, &Interrupted{}
	}
	staged := staging.Len()
	n, err := staging.Commit(job.Ctx)
	if err != nil {
		if cancelled() {
			return res, &Interrupted{Written: n, Staged: staged}
		}
		return res, err
	}
	res.Packs = len(planned)
	res.Files = fileCounts(job.Formats, streamed, streamedCounts, direct)
	return res, nil
}

// lintAll lints every pack, keeping only its id and a hash of what was
// linted, and gives it to the direct formats and to along. linted[i] is
// nil for a path that is no pack; read[i] is false where reading failed (a
// lint failure, reported as such); taken[i] is a direct format's error on
// it.
func lintAll(job Job, direct []*export.DirectRun, along *alongside, res *Result) (linted []*export.Planned, read []bool, taken []error) {
	inputs := make([]lint.Input, len(job.Paths))
	linted = make([]*export.Planned, len(job.Paths))
	read = make([]bool, len(job.Paths))
	taken = make([]error, len(job.Paths))
	var refused atomic.Bool // a pack has errors and there is no Force
	for i, p := range job.Paths {
		inputs[i] = lint.Input{Path: p, Failed: func() { along.put(i, nil) }, Done: func(f *pack.File, c lint.Cached) {
			// along hears of every input once, even if a format panics
			// here (the lint recovers): the inputs after it wait for it
			var feed *export.Source
			defer func() { along.put(i, feed) }()
			read[i] = true
			if f.Root == nil {
				return
			}
			linted[i] = &export.Planned{Path: p, ID: strings.Clone(f.Pack.ID), Sum: sha256.Sum256(f.Src)}
			if !job.Force && slices.ContainsFunc(c.Diags, func(d lint.Diagnostic) bool { return d.Severity == lint.Error }) {
				if !refused.Swap(true) {
					along.abandon()
				}
			}
			if refused.Load() || export.CheckID(f.Pack.ID) != "" {
				return // the export will be refused; or skipped, and said so
			}
			src := &export.Source{Path: p, Pack: f.Pack, Ctx: job.Ctx}
			for _, r := range direct {
				if err := r.Take(src); err != nil && taken[i] == nil {
					taken[i] = err
				}
			}
			// a pack whose stat failed is not fed: plan says why
			if modified := along.modified(i); !modified.IsZero() {
				feed = &export.Source{Path: p, Pack: f.Pack, Modified: modified, Ctx: job.Ctx}
			}
		}}
	}
	opts := lint.RunOptions{Context: job.Ctx}
	if along != nil {
		// A worker waits in Done until the in-order formats are done with
		// its pack: more workers keep packs linted ahead of the slowest.
		opts.Jobs = 4 * runtime.GOMAXPROCS(0)
	}
	res.Lint = job.Linter.Run(inputs, opts)
	return linted, read, taken
}

// plan lists the packs to export in id order, with their modification
// times, and adds those it leaves out to res.Skipped (in path order).
func plan(job Job, linted []*export.Planned, read []bool, times []time.Time, needTimes bool, res *Result) []export.Planned {
	var planned []export.Planned
	for i, p := range linted {
		if p == nil {
			if read[i] {
				res.Skipped = append(res.Skipped, Skip{Path: job.Paths[i], Why: "not a readable pack, skipped"})
			}
			continue
		}
		if why := export.CheckID(p.ID); why != "" {
			res.Skipped = append(res.Skipped, Skip{Path: p.Path, Why: why + ": skipped", Trouble: true})
			continue
		}
		p.Modified = job.Time
		if times != nil && !times[i].IsZero() {
			p.Modified = times[i] // as alongside gave it
		} else if job.Time.IsZero() && needTimes { // only the in-order formats read the times
			st, err := os.Stat(p.Path)
			if err != nil {
				res.Skipped = append(res.Skipped, Skip{Path: p.Path, Why: fsutil.UnwrapPath(err).Error(), Trouble: true})
				continue
			}
			p.Modified = st.ModTime().UTC().Truncate(time.Second)
		}
		planned = append(planned, *p)
	}
	export.SortPlanned(planned)
	return planned
}

// startEarly starts the formats that take the packs during the lint,
// into a staging directory made for them: the direct ones
// (export.Direct), and the in-order ones when alongside can feed them. It
// returns the in-order formats, for alongside or the second pass. staging
// is nil when no format starts early: nothing is made before the packs
// are linted.
func startEarly(job Job, opt export.Options) (direct []*export.DirectRun, streamed []export.Exporter, along *alongside, staging *export.Staging, err error) {
	var early []export.Exporter
	for _, e := range job.Formats {
		if export.TakesDirect(e, opt) {
			early = append(early, e)
		} else {
			streamed = append(streamed, e)
		}
	}
	feedAlong := len(streamed) > 0 && inPathOrder(job.Paths)
	if len(early) == 0 && !feedAlong {
		return nil, streamed, nil, nil, nil
	}
	if staging, err = export.NewStaging(job.Out); err != nil {
		return nil, nil, nil, nil, err
	}
	fail := func(err error) ([]*export.DirectRun, []export.Exporter, *alongside, *export.Staging, error) {
		for _, d := range direct {
			d.Abort()
		}
		staging.Undo()
		return nil, nil, nil, nil, err
	}
	for _, e := range early {
		r, err := export.StartDirect(e, opt, staging)
		if err != nil {
			return fail(err)
		}
		direct = append(direct, r)
	}
	if feedAlong {
		if along, err = startAlongside(job, streamed, opt, staging); err != nil {
			return fail(err)
		}
	}
	return direct, streamed, along, staging, nil
}

// fileCounts is how many files each chosen format wrote.
func fileCounts(chosen, streamed []export.Exporter, streamedCounts []int, direct []*export.DirectRun) []int {
	byFormat := map[export.Exporter]int{}
	for i, e := range streamed {
		byFormat[e] = streamedCounts[i]
	}
	for _, r := range direct {
		byFormat[r.Exporter()] = r.Files()
	}
	counts := make([]int, len(chosen))
	for i, e := range chosen {
		counts[i] = byFormat[e]
	}
	return counts
}

// countFiles is how many files the diagnostics are in.
func countFiles(diags []lint.Diagnostic) int {
	files := map[string]bool{}
	for _, d := range diags {
		files[d.File] = true
	}
	return len(files)
}
