// Package scaffold writes the skeleton of a new pack: every section, in
// canonical format, with placeholder text that the no-placeholder rule
// flags until the writer replaces it.
package scaffold

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/starlint-dev/starlint/internal/format"
)

// IDPattern is the pack id pattern of the schema.
var IDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Options are the values the writer gives up front.
type Options struct {
	ID         string
	Category   string // default "General Behavioral"
	Competency string // default a placeholder
	SchemaRef  string // the yaml-language-server $schema path or URL
}

// New returns the formatted skeleton.
func New(o Options) ([]byte, error) {
	if !IDPattern.MatchString(o.ID) {
		return nil, fmt.Errorf("%q is not a valid pack id: use lower-case letters and digits in words joined by hyphens, such as failed-to-deliver", o.ID)
	}
	if o.Category == "" {
		o.Category = "General Behavioral"
	}
	if o.Competency == "" {
		o.Competency = "TODO the competency the story shows"
	}
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	src := fmt.Sprintf(skeleton, o.SchemaRef, o.ID, q(o.Category), q(o.Competency))
	return format.Source(o.ID+".yaml", []byte(src))
}

const skeleton = `# yaml-language-server: $schema=%s
starlint: 1
id: %s
title: TODO Tell Me About a Time You ...
category: %s
competency: %s
level: TODO the narrator's level, such as SDE2
tags: []
scenario: TODO one paragraph that sets up the story.
analysis: TODO why the strong story works.
takeaways:
  - TODO a key takeaway
star:
  situation:
    target: 30s
    example: TODO the context and the problem, in two or three sentences.
    phrases: [TODO a key phrase from the example]
    coaching: TODO how to tell the situation.
    mistake: TODO the common mistake here.
  task:
    target: 20s
    example: TODO what was yours to do, and that nobody assigned it.
    phrases: [TODO a key phrase from the example]
    coaching: TODO how to tell the task.
    mistake: TODO the common mistake here.
  action:
    target: 90s
    example: TODO I did the first thing. I did the next thing.
    phrases: [TODO a key phrase from the example]
    coaching: TODO how to tell the action; every sentence starts with I.
    mistake: TODO the common mistake here.
  result:
    target: 20s
    example: TODO the outcome, with a number.
    phrases: [TODO a key phrase from the example]
    coaching: TODO how to tell the result.
    mistake: TODO the common mistake here.
  reflection:
    target: 15s
    phrases: [TODO a key phrase from the reflections]
    coaching: TODO how to reflect.
    mistake: TODO the common mistake here.
reflections:
  - id: sde2
    level: SDE2
    text: TODO what you learned, specific to this story.
  - id: senior
    level: Senior
    text: TODO the systemic lesson, specific to this story.
followups:
  - id: first-followup
    question: TODO a follow-up question?
    probes: TODO what the question probes.
    weak:
      answer: TODO a weak answer.
      critique: TODO why it fails.
    strong:
      answer: TODO a strong answer, in the first person.
      quote: TODO the one-line takeaway.
weak_answer:
  text: TODO a weak version of the whole answer.
  problems:
    - TODO what is wrong with it
  verdict: TODO what the bar raiser thinks.
angles:
  - id: first-angle
    principle: TODO a leadership principle
    lead: TODO what to lead with.
    emphasize: TODO what to emphasize.
    downplay: TODO what to downplay.
levels:
  - id: sde-1
    level: SDE 1
    guidance: TODO how to tell it at this level.
    reflection: TODO the reflection at this level.
    bar: TODO what clears the bar.
    duration: 2m
  - id: senior-sde
    level: Senior SDE
    guidance: TODO how to tell it at this level.
    reflection: TODO the reflection at this level.
    bar: TODO what clears the bar.
    duration: 2m30s-3m
quiz:
  - id: primary-principle
    question: TODO which principle does this story primarily demonstrate?
    difficulty: easy
    options: [TODO the right option, TODO a tempting wrong option, TODO another wrong option]
    answer: A
    solution:
      - TODO the step that leads to the right option
    hint: TODO a hint towards the answer
    mistakes:
      - TODO the tempting wrong choice and why it tempts
  - id: weakest-phrase
    question: TODO which phrase weakens the answer most?
    difficulty: medium
    options: [TODO the right option, TODO a wrong option]
    answer: A
    solution:
      - TODO the step that leads to the right option
    hint: TODO a hint towards the answer
    mistakes:
      - TODO the tempting wrong choice
  - id: hardest-check
    question: TODO a hard question about the pattern?
    difficulty: hard
    options: [TODO the right option, TODO a wrong option]
    answer: A
    solution:
      - TODO the step that leads to the right option
    hint: TODO a hint towards the answer
    mistakes:
      - TODO the tempting wrong choice
`
