/**
 * Fills a file database with `count` items in 100 feeds and count/5 stories (five items each, two
 * entities, random types and amounts, spread over the year before `now`) through the store
 * modules, without running intel: the facts are generated. Shared by bench/commands and bench/chat.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadIntelContext } from "../src/enrich/context.js";
import type { ArticleIntel } from "../src/intel/analyze.js";
import { EVENT_TYPES, type EventType } from "../src/intel/event-types.js";
import type { Story } from "../src/intel/pipeline.js";
import { projectRoot } from "../src/paths.js";
import { openStore } from "../src/store/index.js";
import { seededRandom } from "./random.js";

/** The words titles and summaries are made of: searches pick from these. */
export const WORDS = [
  "cloud",
  "chips",
  "data",
  "centre",
  "gigawatt",
  "funding",
  "round",
  "valuation",
  "lawsuit",
  "model",
  "inference",
  "training",
  "capacity",
  "power",
  "deal",
];

/**
 * Opens a store that an earlier run filled with `count` items and kept, without filling it
 * again (new migrations apply as usual); undefined when there is no such file.
 */
export async function reuseStore(path: string, count: number) {
  if (!existsSync(path)) return undefined;
  const store = await openStore(path);
  const stored = await store.items.count();
  if (stored !== count) {
    await store.close();
    // Filling it again would add to what is there: the caller must pick another file.
    throw new Error(`${path} holds ${stored} items, not ${count}: remove it or keep another file`);
  }
  const context = loadIntelContext(join(projectRoot(), "config"));
  return { store, feeds: store.feeds, items: store.items, intel: store.intel, context };
}

export async function fillStore(path: string, count: number, now: Date, seed = 7) {
  const stories = Math.floor(count / 5);
  const { random, pick } = seededRandom(seed);

  const context = loadIntelContext(join(projectRoot(), "config"));
  const ids = [...context.matcher.entities.keys()];
  const TYPES: EventType[] = EVENT_TYPES.filter((t) => t !== "regulation" && t !== "partnership");

  const store = await openStore(path);
  const { feeds, items, intel } = store;
  const DAY = 86_400_000;

  let t = performance.now();
  const feedIds: number[] = [];
  for (let i = 0; i < 100; i++)
    feedIds.push((await feeds.add(`https://bench${i}.example/feed`, now, `Outlet ${i}`)).feed.id);
  const BATCH = 5_000;
  const itemIds: number[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => {
      const n = start + k;
      const a = context.matcher.entities.get(pick(ids))?.name ?? "Acme";
      const b = context.matcher.entities.get(pick(ids))?.name ?? "Beta";
      return {
        id: `item-${n}`,
        url: `https://bench.example/${n}`,
        title: `${a} and ${b} ${pick(WORDS)} ${pick(WORDS)} story ${n}`,
        summary: `${a} said the ${pick(WORDS)} ${pick(WORDS)} would grow; ${b} declined to comment on the ${pick(WORDS)}.`,
        content: "",
        categories: [],
        enclosures: [],
        publishedAt: new Date(now.getTime() - Math.floor(random() * 365) * DAY).toISOString(),
      };
    });
    itemIds.push(...(await items.insert(pick(feedIds), batch, { now, backfill: false })).added);
  }
  const itemsSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  // Written in batches of 2,000 stories, each batch one transaction per repository call.
  let analysed: { id: number; intel: ArticleIntel; at: Date }[] = [];
  let batch: Story[] = [];
  const partiesOf = new Map<string, string[]>();
  const flush = async () => {
    await intel.saveAnalysed(analysed);
    await intel.replaceStories([], batch, (key) => partiesOf.get(key) ?? []);
    analysed = [];
    batch = [];
    partiesOf.clear();
  };
  for (let s = 0; s < stories; s++) {
    const members = itemIds.slice(s * 5, s * 5 + 5);
    const parties = [...new Set([pick(ids), pick(ids)])];
    const type = pick(TYPES);
    const amount = random() < 0.7 ? Math.round(random() * 100) * 1e9 + 1e8 : null;
    const event = {
      type,
      amountUsd: amount,
      qualifier: amount ? ("exact" as const) : null,
      parties,
      status: "agreed" as const,
      evidence: "",
    };
    const result: ArticleIntel = {
      entities: parties.map((id) => ({ id, mentions: 2, salience: 1, about: true })),
      events: [event],
      lead: [],
    };
    const lastSeen = now.getTime() - Math.floor(random() * 365) * DAY;
    for (const id of members) {
      analysed.push({ id, intel: result, at: new Date(lastSeen) });
      partiesOf.set(String(id), parties);
    }
    const story: Story = {
      id: `s${members[0]}`,
      keys: members.map(String),
      centre: String(members[0]),
      headline: `Story ${s}`,
      summary: "",
      event,
      amounts: amount ? [{ amountUsd: amount, qualifier: "exact", sources: members.length }] : [],
      firstSeen: lastSeen - DAY,
      lastSeen,
    };
    batch.push(story);
    if (batch.length >= 2_000) await flush();
  }
  await flush();
  const storiesSeconds = (performance.now() - t) / 1000;
  return { store, feeds, items, intel, context, ids, WORDS, pick, random, itemsSeconds, storiesSeconds };
}
