// Package anki writes Anki decks: a real .apkg package (a zip holding a
// schema-11 SQLite collection, written straight into SQLite's file format
// by internal/sqlitefile, and the media map) and Anki's plain-text import
// format. Identity is
// stable across exports — note GUIDs, note-type ids and deck names derive
// from pack and item ids, never from text — so re-importing an edited pack
// updates its notes and keeps the learner's review history.
package anki

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"html"
	"regexp"
	"strings"
)

// guidAlphabet is Anki's (and genanki's) base-91 alphabet for GUIDs.
const guidAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"

// GUIDFor derives a note GUID from identifying values the way genanki's
// guid_for does: sha256 of the values joined by "__", the first 8 bytes as
// a big-endian number, written in base 91.
func GUIDFor(values ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(values, "__")))
	n := binary.BigEndian.Uint64(sum[:8])
	if n == 0 {
		return ""
	}
	var out []byte
	for n > 0 {
		out = append(out, guidAlphabet[n%91])
		n /= 91
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// stableID maps a name to an id in genanki's range [2^30, 2^31), the same
// for every export: note-type and deck ids must never change.
func stableID(kind, name string) int64 {
	sum := sha256.Sum256([]byte("starlint:" + kind + ":" + name))
	return 1<<30 + int64(binary.BigEndian.Uint64(sum[:8])%(1<<30))
}

// Checksum is Anki's first-field checksum: the first four bytes of the
// SHA-1 of the field's text without HTML, as a big-endian number.
func Checksum(text string) uint32 {
	sum := sha1.Sum([]byte(text))
	return binary.BigEndian.Uint32(sum[:4])
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// StripHTML returns a field's text without tags, entities decoded, as Anki
// stores sort fields.
func StripHTML(s string) string {
	return strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(s, " ")))
}

// tag makes a label an Anki tag: no spaces (a space separates tags).
func tag(s string) string {
	return strings.Join(strings.Fields(dropControls(s)), "_")
}

// deckName keeps "::" (Anki's subdeck separator) out of one name level.
func deckName(s string) string {
	s = strings.TrimSpace(dropControls(s))
	for strings.Contains(s, "::") { // ":::" would leave "::" after one pass
		s = strings.ReplaceAll(s, "::", ":")
	}
	return s
}
