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
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/starlint-dev/starlint/internal/fsutil"
	"github.com/starlint-dev/starlint/internal/lint"
)

// magic starts every cache file; the number is the format version.
const magic = "starlint-lint-cache-v4\n" // v4: a table, results decoded on lookup (format.go)

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
	CTime   int64 // nanoseconds
	Hash    [32]byte
	result  []byte // encodeResult's bytes
}

// Cache is an open cache file. It is safe for concurrent use.
type Cache struct {
	path    string
	key     string
	written time.Time
	mu      sync.RWMutex // lookups read entries side by side
	entries map[string]*Entry
	dirty   bool
	// refuse, when set, says why the file at path must not be replaced:
	// it is not a starlint cache, or not a regular file.
	refuse       string
	hits, misses atomic.Int64 // of this run, for logs and tests
	cwd          string       // for absolute paths without a getwd per file
}

// Open reads the cache at path for key. Anything unreadable or for another
// key gives an empty cache, never an error: the cache only saves time.
func Open(path, key string) *Cache {
	c := &Cache{path: path, key: key, entries: map[string]*Entry{}}
	c.cwd, _ = os.Getwd()
	data, refuse := readCacheFile(path)
	if refuse != "" {
		c.refuse = refuse
		return c
	}
	if data == nil || len(data) < len(magic)+sha256.Size || !bytes.HasPrefix(data, []byte(magic)) {
		return c // none yet, or another version: rebuilt and replaced
	}
	body := data[len(magic) : len(data)-sha256.Size]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], data[len(data)-sha256.Size:]) {
		return c // corrupt or truncated
	}
	entries, written, ok := decodeTable(body, key)
	if !ok {
		return c
	}
	c.entries, c.written = entries, time.Unix(0, written)
	return c
}

// decodeTable reads the body's table for key. The entries' results stay
// encoded: slices of body, which the cache then keeps.
func decodeTable(body []byte, key string) (map[string]*Entry, int64, bool) {
	d := &decoder{b: body}
	if string(d.bytes()) != key {
		return nil, 0, false
	}
	written := d.int()
	n := d.count()
	if d.err != nil {
		return nil, 0, false
	}
	entries := make(map[string]*Entry, n)
	all := make([]Entry, n) // one allocation for every entry
	for i := 0; i < n; i++ {
		path := d.string()
		e := &all[i]
		e.Size, e.ModTime, e.Inode, e.CTime = d.int(), d.int(), d.uint(), d.int()
		d.fixed(&e.Hash)
		e.result = d.bytes()
		if d.err != nil {
			return nil, 0, false
		}
		entries[path] = e
	}
	if len(d.b) != 0 {
		return nil, 0, false
	}
	return entries, written, true
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
	data = make([]byte, 0, st.Size()+512)
	data, err = readAll(io.LimitReader(f, MaxSize+1), data)
	if err != nil || len(data) > MaxSize {
		return nil, fmt.Sprintf("cannot read %s as a cache", path)
	}
	if len(data) > 0 && !bytes.HasPrefix(data, []byte(magicPrefix)) {
		return nil, path + " is not a starlint cache"
	}
	return data, ""
}

func (c *Cache) Lookup(path string) (lint.Cached, bool) {
	abs, err := c.abs(path)
	if err != nil {
		return lint.Cached{}, false
	}
	c.mu.RLock()
	e, ok := c.entries[abs]
	var held Entry
	if ok {
		held = *e
	}
	c.mu.RUnlock()
	if !ok {
		c.miss()
		return lint.Cached{}, false
	}
	st, err := statMeta(path)
	if err != nil || !st.regular {
		c.miss()
		return lint.Cached{}, false
	}
	racy := max(st.mod, st.ctime) >= c.written.Add(-racyWindow).UnixNano()
	if !(st.size == held.Size && st.mod == held.ModTime && st.ino == held.Inode && st.ctime == held.CTime && !racy) {
		// metadata changed or cannot be trusted: compare the content
		src, err := os.ReadFile(path)
		if err != nil || sha256.Sum256(src) != held.Hash {
			c.miss()
			return lint.Cached{}, false
		}
		held.Size, held.ModTime, held.Inode, held.CTime = st.size, st.mod, st.ino, st.ctime
		c.mu.Lock()
		*e = held
		c.dirty = true
		c.mu.Unlock()
	}
	r, err := decodeResult(held.result, path)
	if err != nil {
		c.miss() // a damaged entry: lint the file again
		return lint.Cached{}, false
	}
	c.hit()
	return r, true
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
	encodeResult(enc, r)
	e := &Entry{Size: int64(len(src)), ModTime: st.mod, Inode: st.ino, CTime: st.ctime, Hash: sha256.Sum256(src), result: enc.b}
	if st.size != e.Size {
		e.ModTime = 0 // changed since it was read: force a hash check next time
	}
	c.mu.Lock()
	c.entries[abs] = e
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
	paths := make([]string, 0, len(c.entries))
	size := len(magic) + sha256.Size + len(c.key) + 32
	for p, e := range c.entries {
		paths = append(paths, p)
		size += len(p) + len(e.result) + 80
	}
	sort.Strings(paths) // the same entries give the same file
	enc := &encoder{b: make([]byte, 0, size)}
	enc.b = append(enc.b, magic...)
	enc.string(c.key)
	enc.int(time.Now().UnixNano())
	enc.uint(uint64(len(paths)))
	for _, p := range paths {
		e := c.entries[p]
		enc.string(p)
		enc.int(e.Size)
		enc.int(e.ModTime)
		enc.uint(e.Inode)
		enc.int(e.CTime)
		enc.fixed(&e.Hash)
		enc.bytes(e.result)
	}
	sum := sha256.Sum256(enc.b[len(magic):])
	out := append(enc.b, sum[:]...)
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

// abs is filepath.Abs against the working directory of Open.
func (c *Cache) abs(path string) (string, error) {
	if filepath.IsAbs(path) || c.cwd == "" {
		return filepath.Abs(path)
	}
	return filepath.Join(c.cwd, path), nil
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
