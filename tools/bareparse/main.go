// Command bareparse is the baseline of scripts/bench-peers.sh: it reads
// every *.yaml under a directory and parses each into yaml.v3 nodes with the
// same parallelism as starlint (one worker per CPU), doing nothing else.
//
//	go run ./tools/bareparse /tmp/corpus-1000
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bareparse DIR")
		os.Exit(2)
	}
	var paths []string
	filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			paths = append(paths, p)
		}
		return nil
	})
	next := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				src, err := os.ReadFile(p)
				var n yaml.Node
				if err == nil {
					err = yaml.NewDecoder(bytes.NewReader(src)).Decode(&n)
				}
				if err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	fmt.Printf("parsed %d files, %d failed\n", len(paths), failed)
}
