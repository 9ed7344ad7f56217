// Package rules holds starlint's built-in rules, one file each, and the
// registry that lists them.
package rules

import "github.com/starlint-dev/starlint/internal/lint"

// All returns every built-in rule, sorted by name. The list is explicit (no
// init-time registration) so it can be grepped and validated.
func All() []*lint.Rule {
	return []*lint.Rule{
		ActionFirstPerson,
		AnswerPositionBalance,
		HintRevealsAnswer,
		IDMatchesFilename,
		IDUnique,
		ItemIDs,
		NoPlaceholder,
		NoWe,
		PhraseInExample,
		QuizAnswer,
		QuizDifficultyMix,
		QuizHint,
		QuizMistakes,
		QuizSolution,
		ReflectionNotGeneric,
		ResultHasMetric,
		Schema,
		SolutionNamesAnswer,
		TargetTime,
		Typography,
		UnusedDisable,
		YAML,
	}
}

// Structural returns the rules `starlint validate` runs: YAML and schema.
func Structural() []*lint.Rule {
	return []*lint.Rule{Schema, UnusedDisable, YAML}
}

// Lookup returns the rule with the given name, or nil.
func Lookup(name string) *lint.Rule {
	for _, r := range All() {
		if r.Name == name {
			return r
		}
	}
	return nil
}
