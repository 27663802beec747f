import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { FakeClock } from "../../src/clock.js";
import { silentLogger } from "../../src/log.js";
import { storeGold } from "../helpers/briefing.js";
import { loadGold } from "../helpers/gold.js";

const HOUR = 3_600_000;

/**
 * The gold set as the running bot sees it: articles arrive in publication order, a few hours at
 * a time, each poll followed by the incremental enrichment pass (new items analysed, the 72-hour
 * window regrouped from stored intel, in the worker thread). Scores are read back from the store.
 */
const gold = [...loadGold()].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
const clock = new FakeClock(gold[0]?.publishedAt ?? "2025-01-01T00:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "iw-gold-enrich-"));
const app = await createApp({ env: { INFRAWIRE_DB: join(dir, "gold.db") }, log: silentLogger, clock });
afterAll(async () => {
  await app.close();
});

let passes = 0;
for (let i = 0; i < gold.length; ) {
  // One poll: everything published in the next six hours.
  const until = Date.parse((gold[i] as (typeof gold)[number]).publishedAt) + 6 * HOUR;
  clock.set(until);
  const batch: typeof gold = [];
  for (; i < gold.length && Date.parse((gold[i] as (typeof gold)[number]).publishedAt) <= until; i++)
    batch.push(gold[i] as (typeof gold)[number]);
  await storeGold(app, batch, clock.now());
  await app.enrich();
  passes++;
}

const guidOfLink = new Map(gold.map((g) => [g.link, g.guid]));
const { rows: stories } = await app.store.briefing.stories({
  since: new Date(0),
  limit: 100_000,
  order: "recent",
  withTotal: false,
});
const sources = await app.store.briefing.sources(stories.map((s) => s.id));
const predictedStory = new Map<string, string>();
for (const [storyId, list] of sources)
  for (const source of list) {
    const guid = source.url ? guidOfLink.get(source.url) : undefined;
    if (guid) predictedStory.set(guid, storyId);
  }

describe("the gold set through the bot's incremental enrichment", () => {
  it("gives every article a story, across many passes", () => {
    expect(passes).toBeGreaterThan(10);
    expect(predictedStory.size).toBe(gold.length);
  });

  it("groups the outlets of one event as well as the one-batch path does (pair F1 >= 0.9)", () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      for (let j = i + 1; j < gold.length; j++) {
        const a = gold[i] as (typeof gold)[number];
        const b = gold[j] as (typeof gold)[number];
        const same = a.expect.story === b.expect.story;
        const grouped = predictedStory.get(a.guid) === predictedStory.get(b.guid);
        if (same && grouped) tp++;
        else if (grouped) fp++;
        else if (same) fn++;
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(
      `incremental story pairs  P ${precision.toFixed(3)}  R ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`,
    );
    expect(f1).toBeGreaterThanOrEqual(0.9);
  });

  it("stores the labelled event types of at least 90% of the labelled events", async () => {
    const stored = await app.store.intel.intelSince(new Date(0));
    // Item ids follow insertion order, which is the sorted gold order.
    const byGuid = new Map(gold.map((g, index) => [g.guid, stored.get(index + 1)?.events ?? []]));
    let events = 0;
    let hits = 0;
    for (const item of gold) {
      for (const want of item.expect.events) {
        events++;
        if ((byGuid.get(item.guid) ?? []).some((e) => e.type === want.type)) hits++;
      }
    }
    console.log(`incremental event types  recall ${(hits / events).toFixed(3)} (${hits}/${events})`);
    expect(hits / events).toBeGreaterThanOrEqual(0.9);
  });
});
