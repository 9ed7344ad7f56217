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
// "from monthly releases to weekly ones": one noun may follow the first.
var fromToRE = regexp.MustCompile(`(?i)\bfrom\s+(?:an?\s+)?(\w+)(?:\s+\w+)?\s+to\s+(?:an?\s+)?(\w+)`)

// magnitudeRE is a change stated as orders of magnitude.
var magnitudeRE = regexp.MustCompile(`(?i)\borders? of magnitude\b`)

var quantityUnits = map[string]bool{
	"seconds": true, "minutes": true, "hours": true, "days": true, "weeks": true,
	"months": true, "years": true, "second": true, "minute": true, "hour": true,
	"day": true, "week": true, "month": true, "year": true,
	"hourly": true, "daily": true, "weekly": true, "monthly": true, "quarterly": true,
	"yearly": true, "annually": true, "never": true, "always": true,
	"milliseconds": true, "millisecond": true, "microseconds": true, "nanoseconds": true,
}

// oneUnit are the time units that "a" or "an" makes a quantity of: "under
// a second", "a week early", "within an hour".
var oneUnit = map[string]bool{"second": true, "minute": true, "hour": true, "day": true, "week": true,
	"month": true, "year": true, "millisecond": true, "quarter": true}

// Quantity returns the first quantity stated in text: a number that is not
// part of a name (0.3%, $8,000, 2x, 3×, 40 ms, 3 weeks; not "SDE2" or
// "p99") nor a label (a year, a date, a time of day, a version, an
// ordinal, "step 2", "#4521"), a number word (zero to ten, dozen, hundred,
// thousand, million, half, doubled, tripled, ...), a fraction ("a third"),
// or "from X to Y" between quantity words. It returns "" when there is
// none.
func Quantity(text string) string { return QuantityIn(text, Words(text)) }

// QuantityIn is Quantity for a text already split into its words (as
// Words splits them), for callers that share one split between checks.
func QuantityIn(text string, words []Word) string {
	for i, w := range words {
		first, _ := utf8.DecodeRuneInString(w.Text)
		if unicode.IsDigit(first) {
			if w.Start > 0 {
				prev, _ := utf8.DecodeLastRuneInString(text[:w.Start])
				if unicode.IsLetter(prev) {
					continue
				}
			}
			if isNumberToken(w.Text) && !isLabelNumber(text, words, i) {
				return numberWithUnit(text, w)
			}
			continue
		}
		if isFraction(words, i) || isOneUnit(words, i) {
			return words[i-1].Text + " " + w.Text
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
	if m := magnitudeRE.FindString(text); m != "" {
		return m
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
		"gb", "mb", "kb", "tb", "pb", "qps", "rps", "fold":
		return true
	}
	// "3-day", "10-fold"; not a date such as 2023-05-01
	return len(rest) > 1 && rest[0] == '-' && !strings.ContainsAny(rest, "0123456789")
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

// labelWords name a thing by its number: "step 2", "sprint 14", "version 3".
var labelWords = toSet("step steps item items phase stage round sprint chapter section part level tier page line " +
	"option question number version release milestone ticket issue pr incident room floor grade priority " +
	"day week month quarter year q1 q2 q3 q4 fy")

// yearWords come before a year: "in 2023", "since 2019", "Q3 2023".
var yearWords = toSet("in since during until till early late mid fiscal circa q1 q2 q3 q4 fy spring summer autumn fall winter")

// weakYearWords come before years and before counts alike: "by 2025", "by
// 2000 requests". A year is told by what follows.
var weakYearWords = toSet("by of from around before after")

// countsSomething reports whether a word after a number looks like what it
// counts: a plural noun ("requests", "customers").
func countsSomething(w string) bool {
	switch w {
	case "was", "is", "has", "this", "us", "as", "its", "his", "yes":
		return false
	}
	return len(w) > 2 && strings.HasSuffix(w, "s")
}

// isClockSuffix reports text after a number that makes it a time of day.
func isClockSuffix(gap string) bool {
	g := strings.ToLower(strings.TrimLeft(gap, " "))
	for _, suf := range []string{"am", "pm", "a.m.", "p.m."} {
		if strings.HasPrefix(g, suf) && (len(g) == len(suf) || !unicode.IsLetter(rune(g[len(suf)]))) {
			return true
		}
	}
	return false
}

var monthWords = toSet("january february march april may june july august september october november december " +
	"jan feb mar apr jun jul aug sep sept oct nov dec")

// fractionWords follow "a", "one", "two"...: "a third", "two fifths".
var fractionWords = toSet("third thirds fifth fifths sixth sixths tenth tenths")

func toSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// isLabelNumber reports whether the number words[i] names or dates
// something rather than measuring it.
func isLabelNumber(text string, words []Word, i int) bool {
	w := words[i]
	lw := strings.ToLower(w.Text)
	prev, next := "", ""
	if i > 0 {
		prev = strings.ToLower(words[i-1].Text)
	}
	if i+1 < len(words) {
		next = strings.ToLower(words[i+1].Text)
	}
	before, after := byteBefore(text, w.Start), byteAt(text, w.Start+len(w.Text))
	gap := text[min(len(text), w.Start+len(w.Text)):]
	switch {
	case before == '#' || before == '/' || after == '/' || after == ':' || before == ':':
		return true // #4521, 3/14, 9:30
	case strings.Count(lw, ".") >= 2 || strings.HasPrefix(prev, "v") && len(prev) == 1:
		return true // 2.3.1, v 2
	case isOrdinal(lw):
		return true // 3rd, 99th
	case labelWords[prev] && !strings.ContainsAny(lw, "%") && before != '$':
		return true // step 2, sprint 14
	case monthWords[prev] || monthWords[next] && !quantityUnits[next]:
		return true // March 3, 3 March
	case isClockSuffix(gap):
		return true // 5 pm, 7 a.m.
	case isYear(lw) && before != '$' && (yearWords[prev] || weakYearWords[prev] && !countsSomething(next)):
		return true // in 2023, since 2019, by 2025 (not "of 2000 requests")
	}
	return false
}

func isYear(w string) bool {
	if len(w) != 4 {
		return false
	}
	n, err := strconv.Atoi(w)
	return err == nil && n >= 1900 && n <= 2099
}

func isOrdinal(w string) bool {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	switch w[i:] {
	case "st", "nd", "rd", "th":
		return i > 0
	}
	return false
}

// isFraction reports "a third", "two fifths": a fraction word after a count.
func isFraction(words []Word, i int) bool {
	if i == 0 || !fractionWords[strings.ToLower(words[i].Text)] {
		return false
	}
	switch strings.ToLower(words[i-1].Text) {
	case "a", "one", "two", "three", "four":
		return true
	}
	return false
}

func byteBefore(s string, i int) byte {
	if i <= 0 || i > len(s) {
		return 0
	}
	return s[i-1]
}

func byteAt(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isOneUnit reports "a second", "an hour": one of a time unit. "A second
// look" is an ordinal, so "second" counts only at the end of a clause or
// before a comparison ("a second faster").
func isOneUnit(words []Word, i int) bool {
	w := strings.ToLower(words[i].Text)
	if i == 0 || !oneUnit[w] {
		return false
	}
	if a := strings.ToLower(words[i-1].Text); a != "a" && a != "an" {
		return false
	}
	if w != "second" || i+1 == len(words) {
		return true
	}
	switch strings.ToLower(words[i+1].Text) {
	case "faster", "slower", "earlier", "later", "and", "or", "per", "to", "on", "of", "in", "at", "for", "with":
		return true
	}
	return false
}
