// Package lintcache keeps each pack file's lint results between runs, keyed
// by the file's content hash, the effective configuration and the starlint
// binary, so a re-run over unchanged packs skips parsing them.
//
// Correctness comes first. A file is reused without being read only when
// its size, modification time, inode and change time (which every write
// updates and no tool can set back) are all unchanged, and its last change
// is not so close to when the cache was written that an edit in the same
// clock tick could hide (git's "racily clean" rule). Otherwise it is read
// and hashed, and reused only if its content hash matches. A cache file that is corrupt, from
// another version or for another configuration is ignored and rebuilt.
package lintcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/hugemem"
	"github.com/starlint-dev/starlint/internal/lint"
	"github.com/starlint-dev/starlint/internal/pack"
)

// magic starts every cache file; the number is the format version.
const magic = "starlint-lint-cache-v6\n" // v6: shorter records (v5: a CRC-32C check; v4: a table, results decoded on lookup)

// magicPrefix is what every version of the cache file starts with: a file
// without it is not a cache, and is never overwritten.
const magicPrefix = "starlint-lint-cache-"

// MaxSize bounds the cache file read: far above what 100,000 packs need,
// and far below what a hostile file could make the decoder allocate.
const MaxSize = 256 << 20

// racyWindow is how close to the cache's write time a file's modification
// may be before its metadata is no longer trusted.
const racyWindow = 2 * time.Second

// Entry is what the cache knows of one file: the metadata that lets a
// lookup trust it without reading, its content hash, and its results,
// kept encoded until a lookup needs them.
type Entry struct {
	Size    int64
	ModTime int64 // nanoseconds
	Inode   uint64
	CTime   int64          // nanoseconds
	Hash    [hashSize]byte // contentHash of the file
	result  string         // encodeResult's bytes
}

// Cache is an open cache file. It is safe for concurrent use.
//
// The file as read stays as it is: a lookup finds its entry by binary
// search in an index of offsets and decodes it there, so opening a cache
// of 50,000 packs builds no map and copies no string (on a machine where
// fresh memory is slow, a warm run's time follows the memory it touches).
type Cache struct {
	path     string
	key      string
	written  time.Time
	text     string            // the file as read; never changed
	records  []int32           // the offset in text of each entry's record, in path order (MaxSize fits an int32)
	tableEnd int               // where the last record ends
	mu       sync.RWMutex      // guards changed and dirty; lookups read side by side
	changed  map[string]*Entry // entries this run put or refreshed, by absolute path
	dirty    bool
	// refuse, when set, says why the file at path must not be replaced:
	// it is not a starlint cache, or not a regular file.
	refuse       string
	hits, misses atomic.Int64 // of this run, for logs and tests
	cwd          string       // for absolute paths without a getwd per file
	cwdPrefix    string       // cwd ending in a separator: a clean relative path's absolute form is cwdPrefix+path
	ahead        *ahead       // results decoded from Open to the first lookup (ahead.go)
}

// Open reads the cache at path for key. Anything unreadable or for another
// key gives an empty cache, never an error: the cache only saves time.
func Open(path, key string) *Cache {
	c := &Cache{path: path, key: key, changed: map[string]*Entry{}}
	c.cwd, _ = os.Getwd()
	c.cwdPrefix = c.cwd
	if !strings.HasSuffix(c.cwdPrefix, string(filepath.Separator)) {
		c.cwdPrefix += string(filepath.Separator)
	}
	data, refuse := readCacheFile(path)
	if refuse != "" {
		c.refuse = refuse
		return c
	}
	if data == nil || len(data) < len(magic)+checkSize || !bytes.HasPrefix(data, []byte(magic)) {
		return c // none yet, or another version: rebuilt and replaced
	}
	body := data[len(magic) : len(data)-checkSize]
	if !bytes.Equal(appendCheck(nil, body), data[len(data)-checkSize:]) {
		return c // corrupt or truncated
	}
	// data is never written from here on, so the string can share its
	// memory: every path and result string is then a piece of the file.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	records, written, ok := indexTable(text[:len(text)-checkSize], len(magic), key)
	if !ok {
		return c
	}
	c.text, c.records, c.tableEnd, c.written = text, records, len(text)-checkSize, time.Unix(0, written)
	c.decodeAhead()
	return c
}

// indexTable checks the table of text (which ends where the table must)
// from offset start for key, and returns the offset of every record. The
// paths must be in strictly increasing order, as Save writes them, so
// that lookups can search them.
func indexTable(text string, start int, key string) (records []int32, written int64, ok bool) {
	d := &decoder{s: text[start:]}
	if d.string() != key {
		return nil, 0, false
	}
	written = d.int()
	n := d.count()
	if d.err != nil {
		return nil, 0, false
	}
	records = make([]int32, n)
	var last string
	for i := range records {
		records[i] = int32(len(text) - len(d.s))
		path, _ := d.record()
		if d.err != nil || (i > 0 && path <= last) {
			return nil, 0, false
		}
		last = path
	}
	if len(d.s) != 0 {
		return nil, 0, false
	}
	return records, written, true
}

// record reads one entry of the table.
func (d *decoder) record() (path string, e Entry) {
	path = d.string()
	e.Size, e.ModTime, e.Inode = d.int(), d.int(), d.uint()
	e.CTime = e.ModTime + d.int() // the change time is written from the modification time: most often the same
	d.fixed(&e.Hash)
	e.result = d.string()
	return path, e
}

// recordAt reads the record at offset off of the file, which Open checked.
func (c *Cache) recordAt(off int32) (path string, e Entry) {
	d := &decoder{s: c.text[off:c.tableEnd]}
	return d.record()
}

// pathAt is the path of the record at offset off, without the rest.
func (c *Cache) pathAt(off int32) string {
	d := &decoder{s: c.text[off:c.tableEnd]}
	return d.string()
}

// find returns the entry for the absolute path prefix+rel: this run's, or
// the file's. The path comes in two parts so that a walk's relative paths
// are looked up without building the absolute ones. next, when not nil,
// is where the record after the last one found is: a walk's paths come in
// order, so the next path's record is most often there, and is tried
// before a search.
//
// record is the entry's index in the file, or -1 for one of this run's.
func (c *Cache) find(prefix, rel string, next *int) (held Entry, record int, ok bool) {
	c.mu.RLock()
	var e *Entry
	if len(c.changed) > 0 {
		e = c.changed[prefix+rel]
	}
	if e != nil {
		held = *e
	}
	c.mu.RUnlock()
	if e != nil {
		return held, -1, true
	}
	var i int
	found := false
	if next != nil && *next < len(c.records) && compareJoined(prefix, rel, c.pathAt(c.records[*next])) == 0 {
		i, found = *next, true
	} else {
		i, found = sort.Find(len(c.records), func(i int) int { return compareJoined(prefix, rel, c.pathAt(c.records[i])) })
	}
	if !found {
		return Entry{}, -1, false
	}
	if next != nil {
		*next = i + 1
	}
	_, held = c.recordAt(c.records[i])
	return held, i, true
}

// readCacheFile reads the cache file, which must be a regular file (not a
// link, pipe or device) of a starlint cache's size. refuse says why a file
// that is there must not be read or replaced; data is nil when there is
// none.
func readCacheFile(path string) (data []byte, refuse string) {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ""
	case err != nil:
		return nil, fmt.Sprintf("cannot check %s: %v", path, fsutil.UnwrapPath(err))
	case st.Mode()&fs.ModeSymlink != 0:
		return nil, path + " is a symbolic link; the cache is never written through one"
	case !st.Mode().IsRegular():
		return nil, path + " is not a regular file"
	case st.Size() > MaxSize:
		return nil, fmt.Sprintf("%s is %d bytes, more than a starlint cache holds", path, st.Size())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|openNoFollow, 0)
	if err != nil {
		return nil, fmt.Sprintf("cannot read %s: %v", path, fsutil.UnwrapPath(err))
	}
	defer f.Close()
	// read at the size the stat gave (one read, no growing buffer), and
	// past it, in case the file grew since
	data = hugemem.Bytes(int(st.Size()) + 512)
	data, err = readAll(io.LimitReader(f, MaxSize+1), data)
	if err != nil || len(data) > MaxSize {
		return nil, fmt.Sprintf("cannot read %s as a cache", path)
	}
	if len(data) > 0 && !bytes.HasPrefix(data, []byte(magicPrefix)) {
		return nil, path + " is not a starlint cache"
	}
	return data, ""
}

// Lookup returns the results cached for the file at path, when the file is
// unchanged since they were put.
func (c *Cache) Lookup(path string) (lint.Cached, bool) {
	c.stopAhead()
	r, ok := c.lookup(path, statMeta, nil, nil)
	if !ok {
		return lint.Cached{}, false
	}
	return *r, true
}

// lookup is Lookup with the stat to use, find's hint of where the record
// is, and where a result decoded here goes (nil: new memory). The caller
// has called stopAhead.
func (c *Cache) lookup(path string, stat func(string) (meta, error), next *int, slots *resultSlab) (*lint.Cached, bool) {
	prefix, rel := c.cwdPrefix, path // the absolute path is prefix+rel
	if !c.joinsCleanly(path) {
		abs, err := c.abs(path)
		if err != nil {
			return nil, false
		}
		prefix, rel = "", abs
	}
	held, record, ok := c.find(prefix, rel, next)
	if !ok {
		c.miss()
		return nil, false
	}
	st, err := stat(path)
	if err != nil || !st.regular {
		c.miss()
		return nil, false
	}
	racy := max(st.mod, st.ctime) >= c.written.Add(-racyWindow).UnixNano()
	if !(st.size == held.Size && st.mod == held.ModTime && st.ino == held.Inode && st.ctime == held.CTime && !racy) {
		// metadata changed or cannot be trusted: compare the content
		src, err := os.ReadFile(path)
		if err != nil || contentHash(src) != held.Hash {
			c.miss()
			return nil, false
		}
		held.Size, held.ModTime, held.Inode, held.CTime = st.size, st.mod, st.ino, st.ctime
		refreshed := held
		c.mu.Lock()
		c.changed[prefix+rel] = &refreshed
		c.dirty = true
		c.mu.Unlock()
	}
	if r := c.takeAhead(record, path); r != nil {
		c.hit()
		return r, true
	}
	slot, ref := slots.next()
	r, err := decodeResult(held.result, path, pack.FileStem(path), ref)
	if err != nil {
		c.miss() // a damaged entry: lint the file again
		return nil, false
	}
	*slot = r
	c.hit()
	return slot, true
}

func (c *Cache) hit()  { c.hits.Add(1) }
func (c *Cache) miss() { c.misses.Add(1) }

// Stats says how many lookups this run found usable results, and how many
// did not.
func (c *Cache) Stats() (hits, misses int) { return int(c.hits.Load()), int(c.misses.Load()) }

// Put records a file's results; src is the content they were computed from.
func (c *Cache) Put(path string, src []byte, r lint.Cached) {
	abs, err := c.abs(path)
	if err != nil {
		return
	}
	st, err := statMeta(path)
	if err != nil {
		return
	}
	enc := &encoder{}
	encodeResult(enc, r, pack.FileStem(path))
	e := &Entry{Size: int64(len(src)), ModTime: st.mod, Inode: st.ino, CTime: st.ctime, Hash: contentHash(src), result: string(enc.b)}
	if st.size != e.Size {
		e.ModTime = 0 // changed since it was read: force a hash check next time
	}
	c.mu.Lock()
	c.changed[abs] = e
	c.dirty = true
	c.mu.Unlock()
}

// Save writes the cache atomically when anything changed.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	if c.refuse != "" {
		return fmt.Errorf("not writing the cache: %s; name another file with --cache-file or `cache:` in the config", c.refuse)
	}
	// Check again just before writing: the file may have appeared since.
	if _, refuse := readCacheFile(c.path); refuse != "" {
		return fmt.Errorf("not writing the cache: %s; name another file with --cache-file or `cache:` in the config", refuse)
	}
	// The file's records and this run's entries, merged in path order (the
	// same entries give the same file); a record this run replaced is
	// dropped, and the others are copied as they are.
	paths := make([]string, 0, len(c.changed))
	size := len(c.text) + len(c.key) + 32
	for p, e := range c.changed {
		paths = append(paths, p)
		size += len(p) + len(e.result) + 80
	}
	sort.Strings(paths)
	kept := make([]int, 0, len(c.records))
	for i, off := range c.records {
		if _, ok := c.changed[c.pathAt(off)]; !ok {
			kept = append(kept, i)
		}
	}
	enc := &encoder{b: make([]byte, 0, size)}
	enc.b = append(enc.b, magic...)
	enc.string(c.key)
	enc.int(time.Now().UnixNano())
	enc.uint(uint64(len(paths) + len(kept)))
	for len(paths) > 0 || len(kept) > 0 {
		if len(kept) > 0 && (len(paths) == 0 || c.pathAt(c.records[kept[0]]) < paths[0]) {
			i := kept[0]
			end := c.tableEnd
			if i+1 < len(c.records) {
				end = int(c.records[i+1])
			}
			enc.b = append(enc.b, c.text[c.records[i]:end]...)
			kept = kept[1:]
			continue
		}
		p, e := paths[0], c.changed[paths[0]]
		enc.string(p)
		enc.int(e.Size)
		enc.int(e.ModTime)
		enc.uint(e.Inode)
		enc.int(e.CTime - e.ModTime)
		enc.fixed(&e.Hash)
		enc.string(e.result)
		paths = paths[1:]
	}
	out := appendCheck(enc.b, enc.b[len(magic):])
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(c.path, out, 0o644)
}

// DefaultPath is the cache file for the working directory, under the
// user's cache directory.
func DefaultPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(wd))
	return filepath.Join(dir, "starlint", "lint-"+hex.EncodeToString(sum[:8])+".cache"), nil
}

// BinaryID identifies the running starlint binary: any rebuild changes its
// size or modification time, and with them the cache key.
func BinaryID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	st, err := os.Stat(exe)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "missing"
		}
		return "unknown"
	}
	return exe + "@" + st.ModTime().UTC().Format(time.RFC3339Nano) + "#" + strconv.FormatInt(st.Size(), 10)
}

// readAll reads r to its end into buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
