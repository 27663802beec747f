import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/ingest/text.js";
import { analyzeBatch } from "../../src/intel/pipeline.js";
import { GOLD_VOCABULARY, loadGold } from "../helpers/gold.js";
import { shippedIntel } from "../helpers/intel.js";

// The gold set: 113 hand-labelled articles (events, second outlets, distractors, broken text).
const gold = loadGold();
const result = analyzeBatch(
  gold.map((g) => ({
    key: g.guid,
    title: cleanText(g.title),
    body: cleanText(g.body),
    publishedAt: Date.parse(g.publishedAt),
  })),
  shippedIntel(),
);
const byKey = new Map(result.items.map((i) => [i.key, i.intel]));

function ratio(hit: number, total: number): number {
  return total === 0 ? 1 : hit / total;
}

describe("intel against the gold set", () => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let goldEvents = 0;
  let typeHits = 0;
  let amounts = 0;
  let amountHits = 0;
  let distractorEvents = 0;
  let ordered = 0;
  let orderedRight = 0;
  let predicted = 0;
  let predictedRight = 0;
  for (const item of gold) {
    const intel = byKey.get(item.guid);
    const got = new Set((intel?.entities ?? []).map((e) => e.id).filter((id) => GOLD_VOCABULARY.has(id)));
    const want = new Set(item.expect.entities);
    for (const id of got) want.has(id) ? tp++ : fp++;
    for (const id of want) if (!got.has(id)) fn++;
    const events = intel?.events ?? [];
    if (item.expect.story.startsWith("distractor-")) distractorEvents += events.length;
    predicted += events.length;
    predictedRight += events.filter((e) => item.expect.events.some((g) => g.type === e.type)).length;
    for (const g of item.expect.events) {
      goldEvents++;
      const match = events.find((e) => e.type === g.type);
      if (match) typeHits++;
      // Party order: of the parties both name, the same come first (investor, buyer, customer).
      if (match && g.parties.length >= 2) {
        const shared = match.parties.filter((id) => g.parties.includes(id));
        if (shared.length >= 2) {
          ordered++;
          if (shared.join() === g.parties.filter((id) => shared.includes(id)).join()) orderedRight++;
        }
      }
      if (g.amountUsd !== null) {
        amounts++;
        if (match?.amountUsd && Math.abs(match.amountUsd - g.amountUsd) <= 0.02 * g.amountUsd) amountHits++;
      }
    }
  }
  const storyOf = new Map(gold.map((g) => [g.guid, g.expect.story]));
  const predictedStory = new Map<string, string>();
  for (const story of result.stories) for (const key of story.keys) predictedStory.set(key, story.id);
  let pairTp = 0;
  let pairFp = 0;
  let pairFn = 0;
  for (let i = 0; i < gold.length; i++) {
    for (let j = i + 1; j < gold.length; j++) {
      const a = (gold[i] as (typeof gold)[number]).guid;
      const b = (gold[j] as (typeof gold)[number]).guid;
      const same = storyOf.get(a) === storyOf.get(b);
      const grouped = predictedStory.get(a) === predictedStory.get(b);
      if (same && grouped) pairTp++;
      else if (grouped) pairFp++;
      else if (same) pairFn++;
    }
  }
  const scores = {
    entityPrecision: ratio(tp, tp + fp),
    entityRecall: ratio(tp, tp + fn),
    eventTypeRecall: ratio(typeHits, goldEvents),
    eventPrecision: ratio(predictedRight, predicted),
    amountAccuracy: ratio(amountHits, amounts),
    partyOrder: ratio(orderedRight, ordered),
    distractorEvents,
    storyPairPrecision: ratio(pairTp, pairTp + pairFp),
    storyPairRecall: ratio(pairTp, pairTp + pairFn),
  };
  const storyF1 =
    (2 * scores.storyPairPrecision * scores.storyPairRecall) /
    (scores.storyPairPrecision + scores.storyPairRecall);
  console.log(
    [
      `gold set: ${gold.length} items, ${goldEvents} events, ${new Set(storyOf.values()).size} stories`,
      `entities     P ${scores.entityPrecision.toFixed(3)}  R ${scores.entityRecall.toFixed(3)}`,
      `event types  recall ${scores.eventTypeRecall.toFixed(3)}  (precision ${scores.eventPrecision.toFixed(3)}, not gated)`,
      `amounts      accuracy ${scores.amountAccuracy.toFixed(3)} (${amountHits}/${amounts}, within 2%)`,
      `parties      order ${scores.partyOrder.toFixed(3)} (${orderedRight}/${ordered} multi-party events)`,
      `distractors  ${distractorEvents} events`,
      `story pairs  P ${scores.storyPairPrecision.toFixed(3)}  R ${scores.storyPairRecall.toFixed(3)}  F1 ${storyF1.toFixed(3)}`,
    ].join("\n"),
  );

  it("recognises tracked entities with precision and recall of at least 0.95", () => {
    expect(scores.entityPrecision).toBeGreaterThanOrEqual(0.95);
    expect(scores.entityRecall).toBeGreaterThanOrEqual(0.95);
  });
  it("finds at least 90% of the labelled event types", () => {
    expect(scores.eventTypeRecall).toBeGreaterThanOrEqual(0.9);
  });
  it("gets at least 90% of the labelled amounts right", () => {
    expect(scores.amountAccuracy).toBeGreaterThanOrEqual(0.9);
  });
  it("orders at least 90% of multi-party events investor, buyer or customer first", () => {
    expect(scores.partyOrder).toBeGreaterThanOrEqual(0.9);
  });
  it("raises no event for an article that uses a tracked name in another sense", () => {
    expect(scores.distractorEvents).toBe(0);
  });
  it("groups the outlets of one event with a pair F1 of at least 0.9", () => {
    expect(storyF1).toBeGreaterThanOrEqual(0.9);
  });
});
