// A third-party reader (anki-reader) opens the exported package: what it
// sees is what a tool other than starlint sees. APKG names the package.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { readAnkiPackage } from "anki-reader";

test("anki-reader opens the package and sees the decks, note types and cards", async () => {
  const apkg = process.env.APKG;
  assert.ok(apkg, "APKG must name an exported package");
  const { collection } = await readAnkiPackage(new Blob([fs.readFileSync(apkg)]));
  const models = Object.values(collection.getModels()).map((m) => m.getName()).sort();
  assert.deepEqual(models, ["Follow-up (starlint)", "Key phrases (starlint)", "Quiz (starlint)", "STAR step (starlint)"]);
  const decks = Object.values(collection.getDecks());
  const names = decks.map((d) => d.getName());
  assert.ok(names.includes("General Behavioral::Tell Me About a Time You Failed to Deliver on a Commitment"), names.join(", "));
  let cards = 0;
  for (const d of decks) {
    for (const c of Object.values(d.getCards())) {
      cards++;
      const fields = c.getFields();
      assert.ok(Object.keys(fields).length >= 4, "every field is there");
    }
  }
  assert.ok(cards >= 25, `cards: ${cards}`);
});
