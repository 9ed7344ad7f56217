package export

import (
	"github.com/starlint-dev/starlint/internal/pack"
	"github.com/starlint-dev/starlint/internal/prose"
)

// StepTitles names each STAR step as learners see it.
var StepTitles = map[string]string{
	"situation": "Situation", "task": "Task", "action": "Action", "result": "Result", "reflection": "Reflection",
}

// StepPrompts are the questions a learner answers for each step.
var StepPrompts = map[string]string{
	"situation":  "What context does a strong answer set, and how briefly?",
	"task":       "What was yours to do, and how does a strong answer show it was not assigned?",
	"action":     "What does a strong answer say you did?",
	"result":     "What outcome does a strong answer state?",
	"reflection": "What does a strong answer say you learned?",
}

// StepTiming is what an exporter shows of a step's length.
type StepTiming struct {
	TargetSeconds   int // 0 when the target does not parse
	Words           int
	SpeakingSeconds int
	Over            bool // the example takes longer to say than its target
}

// Timing computes a step's timing at wpm words per minute.
func Timing(s *pack.Step, wpm int) StepTiming {
	if wpm <= 0 {
		wpm = 150
	}
	target, _ := prose.ParseDuration(s.Target)
	t := StepTiming{TargetSeconds: target, Words: prose.WordCount(s.Example), SpeakingSeconds: prose.SpeakingSeconds(s.Example, wpm)}
	t.Over = s.Example != "" && target > 0 && t.SpeakingSeconds > target
	return t
}

// AnswerText is the text of the correct option, or "".
func AnswerText(q *pack.QuizItem) string {
	if i := q.AnswerIndex(); i >= 0 {
		return q.Options[i]
	}
	return ""
}
