package anki

import (
	"strings"

	"github.com/starlint-dev/starlint/internal/export"
	"github.com/starlint-dev/starlint/internal/pack"
)

// deckNamer gives each pack its own deck, Category::Title. Two packs with
// the same category and title would share a deck and mix their cards, so
// a pack whose name is taken gets its id after the title. Packs arrive in
// id order, so the same packs give the same names in every export.
type deckNamer struct {
	owner map[string]string // deck name -> the pack id that has it
}

func (d *deckNamer) deckFor(p *pack.Pack) string {
	if d.owner == nil {
		d.owner = map[string]string{}
	}
	name := deckName(p.Category) + "::" + deckName(p.Title)
	if id, taken := d.owner[name]; taken && id != p.ID {
		name = deckName(p.Category) + "::" + deckName(p.Title+" ("+p.ID+")")
	}
	if _, kept := d.owner[name]; !kept {
		// copies: the map outlives the pack, whose strings share its file
		d.owner[strings.Clone(name)] = strings.Clone(p.ID)
	}
	return name
}

// preparedNotes are the pack's notes, from Prepare when it ran, in the
// deck deckFor gives the pack (decks depend on the packs before it, so
// they are named in order, in Add).
func preparedNotes(w export.Preparer, src *export.Source, decks *deckNamer) []note {
	notes, _ := export.PreparedOf[[]note](w, src) // Prepare never fails
	deck := decks.deckFor(src.Pack)
	for i := range notes {
		notes[i].Deck = deck
	}
	return notes
}
