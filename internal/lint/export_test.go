package lint

// Test access to the word-literal fast path.

type WordLiteralForTest = wordLiteral

func ParseWordLiteralForTest(p string) *WordLiteralForTest { return parseWordLiteral(p) }

func (w *wordLiteral) Usable(s string) bool { return w.usable(s) }

func (w *wordLiteral) FindAll(s string, n int) [][]int { return w.findAll(s, n) }
