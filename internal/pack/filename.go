package pack

import (
	"path/filepath"
	"strings"
)

// FileStem is a pack file's name without its directory and its .yaml or
// .yml extension: what the pack's id should be (packs/failed-to-deliver.yaml
// holds id failed-to-deliver).
func FileStem(path string) string {
	return strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".yaml"), ".yml")
}
