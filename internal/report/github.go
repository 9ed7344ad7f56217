package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/starlint-dev/starlint/internal/lint"
)

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// GitHub writes one GitHub Actions workflow command per diagnostic, so pull
// requests show inline annotations.
func GitHub(w io.Writer, run Run) error {
	bw := bufio.NewWriter(w)
	for _, d := range run.Diagnostics {
		cmd := "notice"
		switch d.Severity {
		case lint.Error:
			cmd = "error"
		case lint.Warning:
			cmd = "warning"
		}
		end := ""
		if d.End.Line > 0 {
			end = fmt.Sprintf(",endLine=%d,endColumn=%d", d.End.Line, d.End.Col)
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d%s,title=%s::%s\n", cmd,
			ghProperty.Replace(EscapeControls(d.File)), d.Pos.Line, d.Pos.Col, end, ghProperty.Replace(d.Rule), ghData.Replace(escapeControls(d.Message, true)))
	}
	return bw.Flush()
}
