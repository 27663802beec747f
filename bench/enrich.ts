/**
 * bench/enrich: one enrichment pass as the running bot makes it, on a SQLite file. A 72-hour
 * window of stored items (synthetic deal articles over the shipped names) is analysed; then the
 * timed passes: a few new items over that window (the steady state: new items analysed, the
 * window regrouped from stored intel), and the pass after the tracked names change (the whole
 * window read again). Run: npm run bench:enrich [-- --window 10000 --fresh 100]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { FakeClock } from "../src/clock.js";
import { loadEntities } from "../src/config/load.js";
import { enrichNewItems, reanalyzeWindow } from "../src/enrich/enrich.js";
import type { NormalizedItem } from "../src/ingest/item.js";
import { silentLogger } from "../src/log.js";
import { projectRoot } from "../src/paths.js";
import { syntheticNews } from "./articles.js";

const { values } = parseArgs({
  options: { window: { type: "string", default: "10000" }, fresh: { type: "string", default: "100" } },
});
const WINDOW = Number(values.window);
const FRESH = Number(values.fresh);

const news = syntheticNews(7);
const names = loadEntities(join(projectRoot(), "config", "entities.yaml")).entities.flatMap((e) => [
  e.name,
  ...e.aliases,
  ...e.products,
]);

const clock = new FakeClock("2025-11-05T12:00:00Z");
const now = clock.now();
const dir = mkdtempSync(join(tmpdir(), "iw-bench-enrich-"));
const app = await createApp({ env: { INFRAWIRE_DB: join(dir, "bench.db") }, log: silentLogger, clock });
const feed = (await app.store.feeds.add("https://wire.example/feed", now, "Wire")).feed.id;
function article(i: number, ageMinutes: number): NormalizedItem {
  const { title, body } = news.article(names);
  return {
    id: `b${i}`,
    url: `https://wire.example/${i}`,
    title,
    summary: body,
    content: "",
    categories: [],
    enclosures: [],
    publishedAt: new Date(now.getTime() - ageMinutes * 60_000).toISOString(),
  };
}
// Spread over the 72 hours before now; the new items are the newest.
await app.store.items.insert(
  feed,
  Array.from({ length: WINDOW }, (_, i) => article(i, 10 + ((i * 37) % (72 * 60 - 20)))),
  { now, backfill: false },
);
const timed = async (work: () => Promise<{ analyzed: number; stories: number }>) => {
  const started = performance.now();
  const result = await work();
  return { ...result, ms: performance.now() - started };
};
// On this thread (the bot runs the same pass in its worker thread).
const pass = async () => enrichNewItems(app.store.intel, await app.intel.get(), silentLogger, clock);

const first = await timed(pass);
await app.store.items.insert(
  feed,
  Array.from({ length: FRESH }, (_, i) => article(WINDOW + i, 1)),
  { now, backfill: false },
);
const steady = await timed(pass);
await reanalyzeWindow(app.store.intel, now);
const reread = await timed(pass);
await app.close();
rmSync(dir, { recursive: true, force: true });

console.log(`bench/enrich: ${WINDOW} synthetic articles in the 72-hour window, ${FRESH} new`);
console.log("| pass | items analysed | stories | time |");
console.log("|---|---|---|---|");
const row = (name: string, r: { analyzed: number; stories: number; ms: number }) =>
  console.log(`| ${name} | ${r.analyzed} | ${r.stories} | ${(r.ms / 1000).toFixed(2)} s |`);
row("first pass, whole window new", first);
row(`${FRESH} new items over the window`, steady);
row("after the tracked names changed", reread);
