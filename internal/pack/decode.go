package pack

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// decodePack builds the typed model straight from the node tree, without a
// second parse or reflection. Values of the wrong type are skipped: schema
// validation reports them with their position.
func decodePack(root *yaml.Node) *Pack {
	p := &Pack{}
	eachPair(root, func(key string, v *yaml.Node) {
		switch key {
		case "starlint":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
				p.Starlint, _ = strconv.Atoi(v.Value)
			}
		case "id":
			p.ID = str(v)
		case "title":
			p.Title = str(v)
		case "category":
			p.Category = str(v)
		case "competency":
			p.Competency = str(v)
		case "level":
			p.Level = str(v)
		case "tags":
			p.Tags = strs(v)
		case "scenario":
			p.Scenario = str(v)
		case "analysis":
			p.Analysis = str(v)
		case "takeaways":
			p.Takeaways = strs(v)
		case "star":
			eachPair(v, func(name string, sv *yaml.Node) {
				if s := p.Star.Step(name); s != nil {
					*s = decodeStep(sv)
				}
			})
		case "reflections":
			eachItem(v, func(n *yaml.Node) {
				var r Reflection
				eachPair(n, func(k string, v *yaml.Node) {
					switch k {
					case "id":
						r.ID = str(v)
					case "level":
						r.Level = str(v)
					case "text":
						r.Text = str(v)
					}
				})
				p.Reflections = append(p.Reflections, r)
			})
		case "followups":
			eachItem(v, func(n *yaml.Node) { p.Followups = append(p.Followups, decodeFollowup(n)) })
		case "weak_answer":
			if v.Kind == yaml.MappingNode {
				w := &WeakAnswer{}
				eachPair(v, func(k string, v *yaml.Node) {
					switch k {
					case "text":
						w.Text = str(v)
					case "problems":
						w.Problems = strs(v)
					case "verdict":
						w.Verdict = str(v)
					case "checks":
						eachItem(v, func(n *yaml.Node) { w.Checks = append(w.Checks, decodeCheck(n)) })
					}
				})
				p.WeakAnswer = w
			}
		case "angles":
			eachItem(v, func(n *yaml.Node) {
				var a Angle
				eachPair(n, func(k string, v *yaml.Node) {
					switch k {
					case "id":
						a.ID = str(v)
					case "principle":
						a.Principle = str(v)
					case "lead":
						a.Lead = str(v)
					case "emphasize":
						a.Emphasize = str(v)
					case "downplay":
						a.Downplay = str(v)
					}
				})
				p.Angles = append(p.Angles, a)
			})
		case "levels":
			eachItem(v, func(n *yaml.Node) {
				var l Level
				eachPair(n, func(k string, v *yaml.Node) {
					switch k {
					case "id":
						l.ID = str(v)
					case "level":
						l.Level = str(v)
					case "guidance":
						l.Guidance = str(v)
					case "reflection":
						l.Reflection = str(v)
					case "bar":
						l.Bar = str(v)
					case "duration":
						l.Duration = str(v)
					}
				})
				p.Levels = append(p.Levels, l)
			})
		case "quiz":
			eachItem(v, func(n *yaml.Node) { p.Quiz = append(p.Quiz, decodeQuizItem(n)) })
		}
	})
	return p
}

func decodeStep(n *yaml.Node) Step {
	s := Step{Present: n.Kind == yaml.MappingNode}
	eachPair(n, func(k string, v *yaml.Node) {
		switch k {
		case "target":
			s.Target = str(v)
		case "example":
			s.Example = str(v)
		case "phrases":
			s.Phrases = strs(v)
		case "coaching":
			s.Coaching = str(v)
		case "mistake":
			s.Mistake = str(v)
		}
	})
	return s
}

func decodeFollowup(n *yaml.Node) Followup {
	var f Followup
	eachPair(n, func(k string, v *yaml.Node) {
		switch k {
		case "id":
			f.ID = str(v)
		case "question":
			f.Question = str(v)
		case "probes":
			f.Probes = str(v)
		case "weak":
			eachPair(v, func(k string, v *yaml.Node) {
				switch k {
				case "answer":
					f.Weak.Answer = str(v)
				case "critique":
					f.Weak.Critique = str(v)
				}
			})
		case "strong":
			eachPair(v, func(k string, v *yaml.Node) {
				switch k {
				case "answer":
					f.Strong.Answer = str(v)
				case "quote":
					f.Strong.Quote = str(v)
				}
			})
		}
	})
	return f
}

func decodeQuizItem(n *yaml.Node) QuizItem {
	var q QuizItem
	eachPair(n, func(k string, v *yaml.Node) {
		switch k {
		case "id":
			q.ID = str(v)
		case "question":
			q.Question = str(v)
		case "difficulty":
			q.Difficulty = str(v)
		case "options":
			q.Options = strs(v)
		case "answer":
			q.Answer = str(v)
		case "solution":
			q.Solution = strs(v)
		case "hint":
			q.HasHint = true
			q.Hint = str(v)
		case "mistakes":
			q.Mistakes = strs(v)
		}
	})
	return q
}

// eachPair calls fn for every key/value of a mapping node, and does nothing
// for any other kind of node.
func eachPair(n *yaml.Node, fn func(key string, v *yaml.Node)) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fn(n.Content[i].Value, n.Content[i+1])
	}
}

func eachItem(n *yaml.Node, fn func(*yaml.Node)) {
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	for _, item := range n.Content {
		fn(item)
	}
}

// str returns a scalar's text when the schema would accept it as a string.
func str(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && isStringTag(n.Tag) {
		return n.Value
	}
	return ""
}

func strs(n *yaml.Node) []string {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		out = append(out, str(item))
	}
	return out
}

func decodeCheck(n *yaml.Node) Check {
	var c Check
	eachPair(n, func(k string, v *yaml.Node) {
		switch k {
		case "id":
			c.ID = str(v)
		case "question":
			c.Question = str(v)
		case "options":
			c.Options = strs(v)
		case "answer":
			c.Answer = str(v)
		case "explanation":
			c.Explanation = str(v)
		}
	})
	return c
}
