import { describe, expect, it } from "vitest";
import { articleSentences } from "../../src/intel/analyze.js";
import { FirstMatches } from "../../src/intel/cue-gate.js";
import { compileByType, DEAL_STATUS_CUES, EVENT_CUES, LEGAL_STATUS_CUES } from "../../src/intel/cues.js";
import { CUES, cueIndex, EVENT_TYPES, findCues } from "../../src/intel/event-types.js";
import { loadGold } from "../helpers/gold.js";

// The gate decides which cue tables are run on a sentence: a table it wrongly passed over would
// be an event the extractor silently misses. Every answer is held to the plain `search`.
function plainFirst(patterns: readonly RegExp[], text: string): number[] {
  return patterns.map((p) => text.search(new RegExp(p.source, p.flags.replace(/[gy]/g, ""))));
}

const built = new WeakMap<readonly RegExp[], FirstMatches>();
function gatedFirst(patterns: readonly RegExp[], text: string): number[] {
  let index = built.get(patterns);
  if (!index) {
    index = new FirstMatches(patterns);
    built.set(patterns, index);
  }
  const out = new Int32Array(patterns.length);
  index.find(text, (1 << patterns.length) - 1, out);
  return [...out];
}

const goldTexts = loadGold(["tuning", "held-out"]).flatMap((item) => [
  item.title.toLowerCase(),
  ...articleSentences(item.body).map((s) => s.text.toLowerCase()),
]);

describe("cue gate", () => {
  it("finds every event cue where the plain search does, in every sentence of the gold set", () => {
    expect(goldTexts.length).toBeGreaterThan(3000);
    let hits = 0;
    for (const text of goldTexts) {
      const plain = EVENT_TYPES.map((type) => text.search(CUES[type]));
      const gated = findCues(text, EVENT_TYPES);
      expect(
        EVENT_TYPES.map((type) => gated.get(type) ?? -1),
        text,
      ).toEqual(plain);
      expect(EVENT_TYPES.map((type) => cueIndex(text, type))).toEqual(plain);
      hits += gated.size;
    }
    // The sentences hold cues of most kinds: the comparison is not over texts that match nothing.
    expect(hits).toBeGreaterThan(goldTexts.length / 2);
  });

  it("keeps the order of the types asked for, and answers only those", () => {
    const text = "openai raises $6bn and signs a cloud deal with oracle";
    const asked = ["compute_contract", "investment"] as const;
    expect([...findCues(text, asked).keys()]).toEqual(["compute_contract", "investment"]);
    expect(findCues(text, ["legal"]).size).toBe(0);
  });

  it("finds the status cues where the plain search does", () => {
    const tables = [DEAL_STATUS_CUES, LEGAL_STATUS_CUES].map((rows) => [...compileByType(rows).values()]);
    for (const patterns of tables)
      for (const text of goldTexts.slice(0, 1500))
        expect(gatedFirst(patterns, text), text).toEqual(plainFirst(patterns, text));
  });

  it("finds every cue table's own examples", () => {
    for (const row of EVENT_CUES) {
      const text = row.example.toLowerCase();
      expect(findCues(text, EVENT_TYPES).get(row.type), row.example).toBe(text.search(CUES[row.type]));
      expect(cueIndex(text, row.type), row.example).toBeGreaterThanOrEqual(0);
    }
  });

  it("reads look-behinds, optional boundaries, classes, repeats and characters past ASCII", () => {
    const patterns = [
      /(?<!\bnot )\bbuys?\b/,
      /(?:\bus)?\$[\d.]+\s?(?:bn|billion)\b/,
      /['’]s loss\b/,
      /\b(?:[a-c]x|licen[cs]e|co-?develop)\b/,
      /\b(?:\w+ ){1,3}?at the end\b/,
      /\b(?:chips?|gpus?)\b.{0,20}\bdeal\b/,
      /—\s?exclusive\b/,
      /\bdeal\b/i,
      /\bdata\s+cent(?:er|re)s?\b/,
    ];
    const texts = [
      "the lab buys chips",
      "the lab does not buy chips, it buys time",
      "a us$5bn raise and $2.5 billion more",
      "intel’s loss is amd’s gain",
      "a bx and a licence to co-develop",
      "we met at the end of it",
      "gpus for a big deal",
      "exclusive — exclusive news",
      "a deal; a DEAL",
      "a data  centre and data centers",
      "",
      "$",
      "nothing here at all",
    ];
    for (const text of texts) expect(gatedFirst(patterns, text), text).toEqual(plainFirst(patterns, text));
  });

  it("agrees with the plain search on generated sentences built from the cue examples' words", () => {
    const words = [
      ...new Set(EVENT_CUES.flatMap((r) => r.example.toLowerCase().split(/\s+/))),
      "$4bn",
      "us$2",
      "—",
      "’s",
      "-",
      "é",
    ];
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const patterns = EVENT_TYPES.map((type) => CUES[type]);
    let matched = 0;
    for (let k = 0; k < 3000; k++) {
      const length = 3 + (next() % 14);
      const text = Array.from({ length }, () => words[next() % words.length]).join(
        next() % 5 === 0 ? "" : " ",
      );
      const plain = plainFirst(patterns, text);
      expect(gatedFirst(patterns, text), text).toEqual(plain);
      if (plain.some((at) => at >= 0)) matched++;
    }
    expect(matched).toBeGreaterThan(1000);
  });
});
