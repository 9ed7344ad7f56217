package lint

import "gopkg.in/yaml.v3"

// packKeys are keys that only a pattern pack has at its top: a file with
// none of them (a docker-compose.yml, a CI workflow) is not a broken pack
// but another kind of file.
var packKeys = map[string]bool{"starlint": true, "id": true, "title": true, "scenario": true, "star": true,
	"reflections": true, "followups": true, "quiz": true, "weak_answer": true}

// notAPack says why a parsed mapping is plainly not a pack, or "". (A
// list or a lone value is refused at load, as a yaml problem.)
func notAPack(root *yaml.Node) string {
	if root == nil || root.Kind != yaml.MappingNode || len(root.Content) == 0 {
		return ""
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if packKeys[root.Content[i].Value] {
			return ""
		}
	}
	return "this file is not a pattern pack: it has none of a pack's keys (starlint, id, title, star...)"
}

// firstKey is the node a file-level finding points at: the first key of a
// mapping, or the document itself.
func firstKey(root *yaml.Node) *yaml.Node {
	if root.Kind == yaml.MappingNode && len(root.Content) > 0 {
		return root.Content[0]
	}
	return root
}
