package sqlitefile

import (
	"math"
	"strconv"
	"strings"
)

type storedKind int

const (
	storedText storedKind = iota
	storedInt
	storedReal
)

// integerAffinity is what SQLite stores for text given to a column of
// INTEGER affinity (applyNumericAffinity with bTryForInt): a well-formed
// integer or real literal, allowing the spaces SQLite skips around it,
// becomes a number, a real that is a whole number becomes an integer,
// and anything else stays text. SQLite reads the number up to the first
// NUL, as C would. A real is converted correctly rounded, where SQLite's
// own conversion can differ in the last bit for a literal of more
// digits than a float64 holds (16 and more).
func integerAffinity(s string) (int64, float64, storedKind) {
	if nul := strings.IndexByte(s, 0); nul >= 0 {
		s = s[:nul]
	}
	lit := trimSQLSpace(s)
	integral, ok := numericLiteral(lit)
	if !ok {
		return 0, 0, storedText
	}
	if integral {
		if v, err := strconv.ParseInt(lit, 10, 64); err == nil {
			return v, 0, storedInt
		}
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil && !math.IsInf(f, 0) {
		return 0, 0, storedText
	}
	// sqlite3VdbeIntegerAffinity: whole, and strictly inside int64's range
	if f == math.Trunc(f) && f > math.MinInt64 && f < math.MaxInt64 {
		return int64(f), 0, storedInt
	}
	return 0, f, storedReal
}

// trimSQLSpace drops what sqlite3Isspace calls space: tab to carriage
// return, and the space.
func trimSQLSpace(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') }
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// numericLiteral reports whether s is [sign] digits [. digits] [e [sign]
// digits], with a digit before or after the point, and whether it has
// neither a point nor an exponent.
func numericLiteral(s string) (integral, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	mantissa := digits()
	integral = true
	if i < len(s) && s[i] == '.' {
		i++
		mantissa += digits()
		integral = false
	}
	if mantissa == 0 {
		return false, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false, false
		}
		integral = false
	}
	return integral, i == len(s)
}
