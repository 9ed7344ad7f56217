package fastyaml

// plainTag returns the tag yaml.v3 gives a plain scalar with value v (its
// resolve function), or ok false for the numbers and other forms this
// package leaves to yaml.v3 rather than re-implement: it answers only for
// null, booleans, small decimal integers and text that cannot be a number.
func plainTag(v string) (tag string, ok bool) {
	if v == "" {
		return "!!null", true
	}
	switch c := v[0]; {
	case c == '~' || c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' ||
		c == 'f' || c == 'F' || c == 'o' || c == 'O':
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool", true
		case "~", "null", "Null", "NULL":
			return "!!null", true
		}
		return "!!str", true
	case c == '<':
		if v == "<<" {
			return "", false // the merge key
		}
	case c == '.' || c == '+' || c == '-' || ('0' <= c && c <= '9'):
		switch {
		case isDecimal(v):
			return "!!int", true
		case hasTextByte(v):
			return "!!str", true
		}
		return "", false // maybe a float, octal, hex or timestamp: left to yaml.v3
	}
	return "!!str", true
}

// isDecimal reports whether v is a small decimal integer without a leading
// zero, such as the format version "1".
func isDecimal(v string) bool {
	if len(v) > 18 || (len(v) > 1 && v[0] == '0') {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// numberBytes are the bytes any number or timestamp yaml.v3 resolves can
// hold (digits, signs, hexadecimal digits, base prefixes, exponents,
// "inf" and "nan", date and time separators).
var numberBytes = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEFxXoOpPtTzZiInNyY_.+-: " {
		t[c] = true
	}
	return t
}()

// hasTextByte reports whether v holds a byte no number or timestamp can,
// as "30s" or "3 teams" do, which makes it a string for certain.
func hasTextByte(v string) bool {
	for i := 0; i < len(v); i++ {
		if !numberBytes[v[i]] {
			return true
		}
	}
	return false
}
