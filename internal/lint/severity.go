package lint

import (
	"fmt"
	"strings"
)

// Severity is how much a diagnostic matters. It is policy, set by the
// driver from a rule's default and the configuration, never by the rule.
type Severity int

const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s < Off || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads error, warning, info or off.
func ParseSeverity(s string) (Severity, error) {
	for i, name := range severityNames {
		if strings.EqualFold(s, name) {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q: use error, warning, info or off", s)
}

// MarshalText writes the severity's name, as in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
