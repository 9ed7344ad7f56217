// Package schemas embeds the published JSON Schemas so the binary works from
// any directory. The files here are the source of truth for the pack format.
package schemas

import _ "embed"

// Pack is schemas/pack.schema.json, the JSON Schema of a pattern pack.
//
//go:embed pack.schema.json
var Pack []byte

// PackName is the resource name the pack schema is compiled under.
const PackName = "pack.schema.json"

// Export is schemas/export.schema.json, the JSON Schema of `starlint export
// --to json` output.
//
//go:embed export.schema.json
var Export []byte
