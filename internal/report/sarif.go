package report

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/starlint-dev/starlint/internal/jsonfmt"
	"github.com/starlint-dev/starlint/internal/lint"
)

// The SARIF 2.1.0 subset starlint writes; see the OASIS specification.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifText     `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

const docsURL = "https://github.com/starlint-dev/starlint/blob/main/docs/rules.md"

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Info:
		return "note"
	}
	return "none"
}

// SARIF writes a SARIF 2.1.0 log, ready for GitHub code scanning upload.
func SARIF(w io.Writer, run Run) error {
	rules := sortedRules(run.Rules)
	index := map[string]int{}
	driver := sarifDriver{Name: "starlint", Version: run.Version, InformationURI: "https://github.com/starlint-dev/starlint", Rules: []sarifRule{}}
	for i, r := range rules {
		index[r.Name] = i
		help := r.Doc
		if r.Bad != "" {
			help += "\n\nBad:\n\n" + r.Bad + "\n\nGood:\n\n" + r.Good
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.Name, Name: r.Name,
			ShortDescription:     sarifText{Text: r.Summary},
			FullDescription:      sarifText{Text: r.Doc},
			Help:                 sarifText{Text: help},
			HelpURI:              helpURI(r),
			DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Default)},
		})
	}
	results := []sarifResult{}
	for _, d := range run.Diagnostics {
		ri, ok := index[d.Rule]
		if !ok {
			ri = -1
		}
		results = append(results, sarifResult{
			RuleID: d.Rule, RuleIndex: ri, Level: sarifLevel(d.Severity), Message: sarifText{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: artifact(d.File),
				Region:           sarifRegion{StartLine: max(1, d.Pos.Line), StartColumn: max(1, d.Pos.Col), EndLine: d.End.Line, EndColumn: d.End.Col},
			}}},
		})
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: results}},
	}
	return jsonfmt.Encode(w, log, "", "  ", true)
}

// artifact turns a file path into a SARIF artifact location: a relative URI
// against the source root, or an absolute file URI.
func artifact(path string) sarifArtifact {
	p := filepath.ToSlash(path)
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := strings.Join(segs, "/")
	if filepath.IsAbs(path) {
		return sarifArtifact{URI: "file://" + u}
	}
	return sarifArtifact{URI: strings.TrimPrefix(u, "./"), URIBaseID: "%SRCROOT%"}
}

// helpURI is a rule's documentation: docs/rules.md for the built-in rules,
// a team rule's own link (or none).
func helpURI(r *lint.Rule) string {
	if r.Kind != "" {
		return r.Link
	}
	return docsURL + "#" + r.Name
}
