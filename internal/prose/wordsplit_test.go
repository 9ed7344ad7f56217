package prose

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceWords is the word splitter as it was before EachWord's table
// (a rune decoded at every byte that is not an ASCII letter or digit),
// kept as the oracle the faster one must agree with.
func referenceWords(text string) []Word {
	var out []Word
	i := 0
	for i < len(text) {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				i++
				continue
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				i += size
				continue
			}
		}
		start := i
		i += size
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf && isASCIIWord(c) {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if c >= utf8.RuneSelf && isWordRune(r) {
				i += size
				continue
			}
			if isJoiner(r) && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				if joinsAround(r, prev, next) {
					i += size
					continue
				}
			}
			break
		}
		out = append(out, Word{Text: text[start:i], Start: start})
	}
	return out
}

// wordPieces are what words are made of and cut at: letters and digits
// of one and more bytes, every joiner, spaces, marks that join nothing,
// and bytes that are not UTF-8.
var wordPieces = []string{"a", "Z", "7", "0", "é", "İ", "ß", "日", "٣", "'", "’", "-", ".", ",", " ", "\n", "\t",
	"$", "%", "“", "—", "…", "\u00a0", "\u0301", "\xff", "\xe2", "\xe2\x80", "‘", "_", "/"}

// TestEachWordAgreesWithReference compares the two splitters over random
// strings of wordPieces, every word and offset, and over every prefix of
// each string (a joiner or a rune cut short at the end).
func TestEachWordAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	for k := 0; k < 100000; k++ {
		var b strings.Builder
		for n := r.IntN(12); n > 0; n-- {
			b.WriteString(wordPieces[r.IntN(len(wordPieces))])
		}
		s := b.String()
		for end := len(s); end >= 0 && end >= len(s)-4; end-- {
			if got, want := Words(s[:end]), referenceWords(s[:end]); !slices.Equal(got, want) {
				t.Fatalf("Words(%q) = %v, want %v", s[:end], got, want)
			}
		}
	}
}

// FuzzEachWordAgrees is TestEachWordAgreesWithReference on any input.
func FuzzEachWordAgrees(f *testing.F) {
	for _, s := range []string{"team's US-East 8,000 0.3% $46,000", "a’b a’ ’a", "x-", "1.", "é-é", "\xffa\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Words(s), referenceWords(s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %v, want %v", s, got, want)
		}
	})
}

// BenchmarkEachWord splits prose of the packs' kind: ASCII words with
// some curly quotes, dashes and numbers.
func BenchmarkEachWord(b *testing.B) {
	text := strings.Repeat("I traced the 0.3% drop to the team’s retry queue — about $8,000 a week — and wrote a one-page fix. ", 100)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		n := 0
		EachWord(text, func(string, int) bool { n++; return true })
	}
}
