import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import {
  compileCues,
  DEAL_STATUS_CUES,
  EVENT_CUES,
  LEGAL_STATUS_CUES,
  plainCueSource,
} from "../../src/intel/cues.js";
import { loadGold } from "../helpers/gold.js";
import { shippedIntel } from "../helpers/intel.js";

// Every row of the cue tables carries a headline that uses its wording: each must match its own
// row and come out of the extractor as an event of the row's type (or stage).
const context = shippedIntel();
const events = (title: string) => analyzeArticle({ title, body: "" }, context).events;

describe("event cue table", () => {
  for (const row of EVENT_CUES)
    it(`${row.type}: ${row.example}`, () => {
      expect(compileCues([row]).test(row.example.toLowerCase())).toBe(true);
      expect(events(row.example).map((e) => e.type)).toContain(row.type);
    });
});

describe("status cue tables", () => {
  for (const row of DEAL_STATUS_CUES)
    it(`${row.type}: ${row.example}`, () => {
      expect(compileCues([row]).test(row.example.toLowerCase())).toBe(true);
      expect(events(row.example)[0]?.status).toBe(row.type);
    });
  for (const row of LEGAL_STATUS_CUES)
    it(`${row.type}: ${row.example}`, () => {
      expect(compileCues([row]).test(row.example.toLowerCase())).toBe(true);
      expect(events(row.example).find((e) => e.type === "legal")?.status).toBe(row.type);
    });
});

describe("compiled cue tables", () => {
  // The compiled form of a table is rewritten for speed; it must find a cue exactly where the
  // plain alternation does, on every example, every gold sentence and currency-led variants.
  const sentences = [
    ...[...EVENT_CUES, ...DEAL_STATUS_CUES, ...LEGAL_STATUS_CUES].map((r) => r.example),
    ...loadGold(["tuning", "held-out"]).flatMap((g) => [g.title, ...g.body.split(/(?<=[.!?])\s+/)]),
  ].map((s) => s.toLowerCase());
  const variants = sentences.flatMap((s) => [
    s,
    s.replaceAll("$", "us$"),
    s.replaceAll("$", "plus$"),
    s.replaceAll("$", "€"),
    s.replaceAll(" $", "$"),
    s.replaceAll(/\$([\d.]+)/g, "$$$1 raise $$$1bn bet"),
  ]);
  const tables = { EVENT_CUES, DEAL_STATUS_CUES, LEGAL_STATUS_CUES };
  for (const [name, rows] of Object.entries(tables))
    for (const type of new Set(rows.map((r) => r.type)))
      it(`${name} ${type}: same matches as the plain alternation`, () => {
        const table = rows.filter((r) => r.type === type);
        const compiled = compileCues(table);
        const plain = new RegExp(plainCueSource(table));
        const differ = variants.filter((s) => compiled.exec(s)?.index !== plain.exec(s)?.index);
        expect(differ).toEqual([]);
      });
  it("the investment table takes the fast form", () => {
    const table = EVENT_CUES.filter((r) => r.type === "investment");
    expect(compileCues(table).source).not.toBe(plainCueSource(table));
  });
});
