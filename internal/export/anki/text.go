package anki

import (
	"strconv"
	"strings"

	"github.com/starlint-dev/starlint/internal/export"
)

// TextExporter is the anki-text format: Anki's plain-text import files,
// one per note type, with header lines. Import the .apkg once first: a
// text import needs the note types to exist already.
type TextExporter struct{}

// Name implements export.Exporter.
func (TextExporter) Name() string { return "anki-text" }

// TextFileName is the file for a note type.
func TextFileName(nt *noteType) string {
	switch nt {
	case quizType:
		return "anki-quiz.txt"
	case followupType:
		return "anki-followup.txt"
	}
	return "anki-star.txt"
}

// Export implements export.Exporter.
func (TextExporter) Export(packs []*export.Source, opt export.Options, out export.Output) error {
	byType := map[*noteType][]note{}
	for _, src := range packs {
		if opt.Stopped() {
			return export.ErrStopped
		}
		for _, n := range notesFor(src, opt.WordsPerMinute) {
			byType[n.Type] = append(byType[n.Type], n)
		}
	}
	for _, nt := range noteTypes {
		if err := out.WriteFile(TextFileName(nt), []byte(textFile(nt, byType[nt]))); err != nil {
			return err
		}
	}
	return nil
}

// textFile writes the header lines Anki 2.1.54+ reads, then one row per
// note: the fields, then deck, tags and GUID columns. The GUID is never in
// column 1, where a leading '#' would make the row a comment.
func textFile(nt *noteType, notes []note) string {
	var b strings.Builder
	n := len(nt.Fields)
	b.WriteString("#separator:tab\n#html:true\n")
	b.WriteString("#notetype:" + nt.Name + "\n")
	b.WriteString("#deck column:" + strconv.Itoa(n+1) + "\n")
	b.WriteString("#tags column:" + strconv.Itoa(n+2) + "\n")
	b.WriteString("#guid column:" + strconv.Itoa(n+3) + "\n")
	b.WriteString("#columns:" + strings.Join(append(append([]string(nil), nt.Fields...), "Deck", "Tags", "GUID"), "\t") + "\n")
	for _, note := range notes {
		row := append(append([]string(nil), note.Fields...), note.Deck, strings.Join(note.Tags, " "), note.GUID)
		for i, f := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(textField(f))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// textField quotes a field when the reader needs it: a quote, tab or line
// break inside, or a leading '#' (which would start a comment).
func textField(s string) string {
	s = strings.ReplaceAll(s, "\t", " ")
	if strings.ContainsAny(s, "\"\n\r") || strings.HasPrefix(s, "#") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
