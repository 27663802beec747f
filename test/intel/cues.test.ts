import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import { compileCues, DEAL_STATUS_CUES, EVENT_CUES, LEGAL_STATUS_CUES } from "../../src/intel/cues.js";
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
