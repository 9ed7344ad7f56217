package anki

import (
	"bufio"
	"io"
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
	case clozeType:
		return "anki-cloze.txt"
	}
	return "anki-star.txt"
}

// Start implements export.Exporter: one file per note type, a row per
// note written as each pack arrives.
func (TextExporter) Start(opt export.Options, out export.Output) (export.Writer, error) {
	w := &textWriter{opt: opt, files: map[*noteType]*textFile{}}
	for _, nt := range noteTypes {
		f, err := out.Create(TextFileName(nt))
		if err != nil {
			w.close()
			return nil, err
		}
		tf := &textFile{Closer: f, Writer: bufio.NewWriter(f)}
		w.files[nt] = tf
		writeTextHeader(tf.Writer, nt)
	}
	return w, nil
}

type textWriter struct {
	opt       export.Options
	files     map[*noteType]*textFile
	deckNames deckNamer
}

type textFile struct {
	io.Closer
	*bufio.Writer
}

// Prepare implements export.Preparer, as packageWriter's does.
func (w *textWriter) Prepare(src *export.Source) (any, error) {
	return notesFor(src, "", w.opt.WordsPerMinute), nil
}

func (w *textWriter) Add(src *export.Source) error {
	for _, n := range preparedNotes(w, src, &w.deckNames) {
		writeTextRow(w.files[n.Type].Writer, n)
	}
	return nil
}

func (w *textWriter) Finish() error { return w.close() }

func (w *textWriter) Abort() { w.close() }

func (w *textWriter) close() error {
	var first error
	for _, nt := range noteTypes {
		f := w.files[nt]
		if f == nil {
			continue
		}
		err := f.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// writeTextHeader writes the header lines Anki 2.1.54+ reads: the fields,
// then deck, tags and GUID columns. The GUID is never in column 1, where a
// leading '#' would make the row a comment.
func writeTextHeader(b *bufio.Writer, nt *noteType) {
	n := len(nt.Fields)
	b.WriteString("#separator:tab\n#html:true\n")
	b.WriteString("#notetype:" + nt.Name + "\n")
	b.WriteString("#deck column:" + strconv.Itoa(n+1) + "\n")
	b.WriteString("#tags column:" + strconv.Itoa(n+2) + "\n")
	b.WriteString("#guid column:" + strconv.Itoa(n+3) + "\n")
	b.WriteString("#columns:" + strings.Join(append(append([]string(nil), nt.Fields...), "Deck", "Tags", "GUID"), "\t") + "\n")
}

// writeTextRow writes one note's row.
func writeTextRow(b *bufio.Writer, note note) {
	row := append(append([]string(nil), note.Fields...), note.Deck, strings.Join(note.Tags, " "), note.GUID)
	for i, f := range row {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(textField(f))
	}
	b.WriteByte('\n')
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
