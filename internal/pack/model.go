// Package pack is the pattern-pack model: the typed Pack, and the File it was
// loaded from, which remembers where every value came from so that schema
// errors, rule diagnostics, fixes and exports can all speak in line, column
// and JSON pointer.
package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Pack is one pattern pack, format version 1 (docs/pack-format.md).
// Fields hold what the YAML says; a value of the wrong type is left empty
// here and reported by schema validation.
type Pack struct {
	Starlint    int
	ID          string
	Title       string
	Category    string
	Competency  string
	Level       string
	Tags        []string
	Scenario    string
	Analysis    string
	Takeaways   []string
	Star        Star
	Reflections []Reflection
	Followups   []Followup
	WeakAnswer  *WeakAnswer
	Angles      []Angle
	Levels      []Level
	Quiz        []QuizItem
}

// Star holds the five STAR steps.
type Star struct {
	Situation  Step
	Task       Step
	Action     Step
	Result     Step
	Reflection Step
}

// Step is one STAR step. Present is false when the pack lacks the step.
type Step struct {
	Present  bool
	Target   string
	Example  string
	Phrases  []string
	Coaching string
	Mistake  string
}

// StepNames lists the STAR steps in story order; they are also the keys
// under `star`.
var StepNames = [...]string{"situation", "task", "action", "result", "reflection"}

// Step returns the step with the given name (one of StepNames).
func (s *Star) Step(name string) *Step {
	switch name {
	case "situation":
		return &s.Situation
	case "task":
		return &s.Task
	case "action":
		return &s.Action
	case "result":
		return &s.Result
	case "reflection":
		return &s.Reflection
	}
	return nil
}

// Reflection is a model reflection pitched at one level.
type Reflection struct {
	ID    string // stable id, or "" (exports then key on ItemKey)
	Level string
	Text  string
}

// Followup is an interviewer's follow-up question with weak and strong answers.
type Followup struct {
	ID       string // stable id, or ""
	Question string
	Probes   string
	Weak     WeakFollowup
	Strong   StrongFollowup
}

// WeakFollowup is a weak answer to a follow-up and why it fails.
type WeakFollowup struct {
	Answer   string
	Critique string
}

// StrongFollowup is a strong answer to a follow-up and its one-line takeaway.
type StrongFollowup struct {
	Answer string
	Quote  string
}

// WeakAnswer is a weak version of the whole answer, taken apart.
type WeakAnswer struct {
	Text     string
	Problems []string
	Verdict  string
	Checks   []Check
}

// Check is a quick question about the weak answer, quiz-like: options, the
// answer's letter and why it is right.
type Check struct {
	ID          string
	Question    string
	Options     []string
	Answer      string
	Explanation string
}

// AnswerIndex is the index of the option the answer letter names, or -1.
func (c *Check) AnswerIndex() int { return letterIndex(c.Answer, len(c.Options)) }

// Angle frames the story for one leadership principle.
type Angle struct {
	ID        string // stable id, or ""
	Principle string
	Lead      string
	Emphasize string
	Downplay  string
}

// Level says how to pitch the story at one seniority level.
type Level struct {
	ID         string // stable id, or ""
	Level      string
	Guidance   string
	Reflection string
	Bar        string
	Duration   string
}

// QuizItem is one multiple-choice question.
type QuizItem struct {
	ID         string
	Question   string
	Difficulty string
	Options    []string
	Answer     string
	Solution   []string
	HasHint    bool
	Hint       string
	Mistakes   []string
}

// AnswerIndex returns the index of the option the answer letter names, or -1
// when the letter is malformed or names no option.
func (q *QuizItem) AnswerIndex() int { return letterIndex(q.Answer, len(q.Options)) }

// letterIndex is the index of the option an answer letter names among n
// options, or -1.
func letterIndex(answer string, n int) int {
	if len(answer) != 1 {
		return -1
	}
	i := int(answer[0]) - 'A'
	if i < 0 || i >= n {
		return -1
	}
	return i
}

// OptionLetter returns the letter of option i: A, B, C...
func OptionLetter(i int) string { return string(rune('A' + i)) }

// ItemKey is the identity exports give an item of a pack's list (a
// follow-up, a reflection, an angle, a level, a quiz item): its id when it
// has one, else a hash of its own text, so that an item keeps its identity
// (and a learner's study history) when the list is reordered, and loses it
// only when its text changes. Never its position.
func ItemKey(id string, text ...string) string {
	if id != "" {
		return id
	}
	h := sha256.New()
	for _, t := range text {
		h.Write([]byte(strings.Join(strings.Fields(strings.ToLower(t)), " ")))
		h.Write([]byte{0})
	}
	return "h" + hex.EncodeToString(h.Sum(nil)[:8])
}
