package prose

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// numberWords are words that state a quantity on their own.
var numberWords = map[string]bool{
	"zero": true, "one": true, "two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"eleven": true, "twelve": true, "fifteen": true, "twenty": true, "thirty": true,
	"forty": true, "fifty": true, "hundred": true, "hundreds": true,
	"thousand": true, "thousands": true, "million": true, "millions": true,
	"billion": true, "billions": true, "dozen": true, "dozens": true,
	"half": true, "halved": true, "halving": true, "quarter": true,
	"double": true, "doubled": true, "doubling": true, "twice": true,
	"triple": true, "tripled": true, "tripling": true, "thrice": true,
	"quadrupled": true, "tenfold": true, "percent": true,
}

// fromToRE matches "from X to Y" where X and Y are quantity-like words:
// "from daily to weekly", "from hours to minutes".
var fromToRE = regexp.MustCompile(`(?i)\bfrom\s+(?:an?\s+)?(\w+)\s+to\s+(?:an?\s+)?(\w+)`)

var quantityUnits = map[string]bool{
	"seconds": true, "minutes": true, "hours": true, "days": true, "weeks": true,
	"months": true, "years": true, "second": true, "minute": true, "hour": true,
	"day": true, "week": true, "month": true, "year": true,
	"hourly": true, "daily": true, "weekly": true, "monthly": true, "quarterly": true,
	"yearly": true, "annually": true, "never": true, "always": true,
}

// Quantity returns the first quantity stated in text: a number that is not
// part of a name (0.3%, $8,000, 2x, 3×, 40 ms, 3 weeks; not "SDE2" or
// "p99"), a number word (zero to ten, dozen, hundred, thousand, million,
// half, doubled, tripled, ...), or "from X to Y" between quantity words.
// It returns "" when there is none.
func Quantity(text string) string {
	words := Words(text)
	for i, w := range words {
		first, _ := utf8.DecodeRuneInString(w.Text)
		if unicode.IsDigit(first) {
			if w.Start > 0 {
				prev, _ := utf8.DecodeLastRuneInString(text[:w.Start])
				if unicode.IsLetter(prev) {
					continue
				}
			}
			if isNumberToken(w.Text) {
				return numberWithUnit(text, w)
			}
			continue
		}
		lw := strings.ToLower(w.Text)
		if lw == "one" && !countingOne(words, i) {
			continue
		}
		if numberWords[lw] {
			return w.Text
		}
		// hyphenated: "two-thirds", "ten-fold", "three-day"
		if i := strings.IndexByte(lw, '-'); i > 0 && numberWords[lw[:i]] {
			return w.Text
		}
	}
	for _, m := range fromToRE.FindAllStringSubmatch(text, -1) {
		a, b := strings.ToLower(m[1]), strings.ToLower(m[2])
		if (quantityUnits[a] || numberWords[a]) && (quantityUnits[b] || numberWords[b]) {
			return m[0]
		}
	}
	return ""
}

// isNumberToken accepts "8,000", "0.3", "2x", "3×", "40ms", "99th", "10k".
func isNumberToken(s string) bool {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ',' || s[i] == '.') {
		i++
	}
	rest := strings.ToLower(s[i:])
	if rest == "" {
		return true
	}
	// a short unit or multiplier glued to the number
	switch rest {
	case "x", "×", "k", "m", "b", "bn", "mm", "ms", "s", "h", "hr", "hrs", "min", "d", "w",
		"st", "nd", "rd", "th", "gb", "mb", "kb", "tb", "pb", "qps", "rps", "fold":
		return true
	}
	return strings.HasPrefix(rest, "-") // "3-day", "10-fold"
}

func numberWithUnit(text string, w Word) string {
	start := w.Start
	if start > 0 {
		prev, size := utf8.DecodeLastRuneInString(text[:start])
		if strings.ContainsRune("$€£¥", prev) {
			start -= size
		}
	}
	end := w.Start + len(w.Text)
	if end < len(text) {
		next, size := utf8.DecodeRuneInString(text[end:])
		if next == '%' || next == '×' {
			end += size
		}
	}
	return text[start:end]
}

var durationRE = regexp.MustCompile(`^(?:(\d+)m)?(?:(\d+)s)?$`)

// maxDuration is the longest duration read, in seconds: a week.
const maxDuration = 7 * 24 * 3600

// ParseDuration reads a pack duration ("30s", "2m", "1m30s") into seconds.
func ParseDuration(s string) (int, bool) {
	m := durationRE.FindStringSubmatch(s)
	if m == nil || s == "" {
		return 0, false
	}
	// Digits past what a speaking time can be would overflow into negative
	// seconds: a week is the bound.
	min, err1 := strconv.Atoi("0" + m[1])
	sec, err2 := strconv.Atoi("0" + m[2])
	if err1 != nil || err2 != nil || min > maxDuration/60 || sec > maxDuration || min*60+sec > maxDuration {
		return 0, false
	}
	return min*60 + sec, true
}

// ParseDurationRange reads "2m" or "2m30s-3m" into lower and upper seconds.
func ParseDurationRange(s string) (lo, hi int, ok bool) {
	a, b, isRange := strings.Cut(s, "-")
	if lo, ok = ParseDuration(a); !ok {
		return 0, 0, false
	}
	if !isRange {
		return lo, lo, true
	}
	hi, ok = ParseDuration(b)
	return lo, hi, ok
}

// FormatSeconds writes seconds as a pack duration: 90 -> "1m30s".
func FormatSeconds(n int) string {
	switch {
	case n < 60:
		return strconv.Itoa(n) + "s"
	case n%60 == 0:
		return strconv.Itoa(n/60) + "m"
	}
	return strconv.Itoa(n/60) + "m" + strconv.Itoa(n%60) + "s"
}

// countingOne tells "one outage a week" (a count) from "the new one" or
// "one of the teams" (a pronoun).
func countingOne(words []Word, i int) bool {
	if i+1 >= len(words) {
		return false
	}
	switch strings.ToLower(words[i+1].Text) {
	case "of", "another", "way", "thing", "day", "time":
		return false
	}
	if i > 0 {
		switch strings.ToLower(words[i-1].Text) {
		case "the", "a", "this", "that", "new", "old", "any", "every", "each", "no", "which", "another", "only", "right", "wrong":
			return false
		}
	}
	return true
}
