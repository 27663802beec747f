/**
 * bench/intel: 100,000 synthetic articles of about 400 characters against 2,000 aliases.
 * Measures, on one core: match + money + events per item, a naive per-alias RegExp loop for
 * comparison, and story grouping over the whole day, after a warm-up on 5,000 other articles.
 * Run: npm run bench:intel [-- --items 100000 --aliases 2000 --warmup 5000 --passes 3]
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadEntities, loadFxRates } from "../src/config/load.js";
import type { EntityConfig } from "../src/config/schema.js";
import { analyzeArticle } from "../src/intel/analyze.js";
import { type ClusterItem, clusterEvents, clusterStories } from "../src/intel/cluster.js";
import { EntityMatcher } from "../src/intel/entities.js";
import { escapeRegExp } from "../src/intel/fold.js";
import { projectRoot } from "../src/paths.js";
import { syntheticNews } from "./articles.js";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    aliases: { type: "string", default: "2000" },
    warmup: { type: "string", default: "5000" },
    passes: { type: "string", default: "3" },
  },
});
const ITEMS = Number(values.items);
const ALIASES = Number(values.aliases);
const WARMUP = Number(values.warmup);
const PASSES = Math.max(1, Number(values.passes));

const news = syntheticNews(42);

const config = join(projectRoot(), "config");
const shipped = loadEntities(join(config, "entities.yaml")).entities;
const rates = loadFxRates(join(config, "fx-rates.yaml")).rates;
const entities: EntityConfig[] = [...shipped];
let aliasCount = shipped.reduce((n, e) => n + 1 + e.aliases.length + e.products.length + e.people.length, 0);
for (let i = 0; aliasCount < ALIASES; i++) {
  const name = news.companyName(i);
  entities.push({
    id: `synthetic-${i}`,
    name,
    kind: "neocloud",
    aliases: [`${name} Inc`],
    caseSensitive: false,
    products: [`${name} Cloud`],
    people: [],
    veto: [],
  });
  aliasCount += 3;
}
const names = entities.flatMap((e) => [e.name, ...e.aliases, ...e.products, ...e.people]);

function article(i: number): { title: string; body: string; publishedAt: number } {
  return {
    ...news.article(names),
    publishedAt: Date.UTC(2025, 10, 3) + Math.floor((i / ITEMS) * 86_400_000),
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);

const t0 = performance.now();
const matcher = new EntityMatcher(entities);
const buildMs = performance.now() - t0;
const articles = Array.from({ length: ITEMS }, (_, i) => article(i));
const chars = articles.reduce((n, a) => n + a.title.length + a.body.length, 0);

// Warm-up on other articles, untimed in the results below: the first few thousand items run
// while V8 compiles the RegExps and tiers the code up, which a long-running bot pays once.
const warmup = Array.from({ length: WARMUP }, (_, i) => article(i));
let t = performance.now();
for (const a of warmup) analyzeArticle({ title: a.title, body: a.body }, { matcher, rates });
const coldPerSec = WARMUP / ((performance.now() - t) / 1000);
for (const a of warmup) matcher.mentions(`${a.title}\n${a.body}`);

// Combined matcher alone, then the naive loop on a 10,000-item slice (it is much slower).
const slice = articles.slice(0, Math.min(10_000, ITEMS));
t = performance.now();
let found = 0;
for (const a of slice) found += matcher.mentions(`${a.title}\n${a.body}`).length;
const combinedPerSec = slice.length / ((performance.now() - t) / 1000);

const naive = names.map((name) => new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(name)}(?![A-Za-z0-9])`, "gi"));
t = performance.now();
let naiveFound = 0;
for (const a of slice) {
  const text = `${a.title}\n${a.body}`;
  for (const re of naive) {
    re.lastIndex = 0;
    while (re.exec(text)) naiveFound++;
  }
}
const naivePerSec = slice.length / ((performance.now() - t) / 1000);

// End to end per item: entities + money + events (+ lead sentences and salience). Only what
// grouping needs is kept, as the pipeline does, so memory stays that of one day's index. The
// pass runs PASSES times (each keeps its own results, the previous ones are let go) and the median
// is reported: this machine's neighbours move single runs by ±10%.
function analyseAll(): { seconds: number; events: number; kept: ClusterItem[] } {
  const started = performance.now();
  let events = 0;
  const kept = articles.map((a, i) => {
    const r = analyzeArticle({ title: a.title, body: a.body }, { matcher, rates });
    events += r.events.length;
    const headline = clusterEvents(r.events);
    return {
      key: String(i),
      title: a.title,
      text: a.body,
      publishedAt: a.publishedAt,
      about: r.entities.filter((e) => e.about).map((e) => e.id),
      eventType: headline[0]?.type,
      amountUsd: headline[0]?.amountUsd,
      events: headline,
    };
  });
  return { seconds: (performance.now() - started) / 1000, events, kept };
}
const passes: number[] = [];
let toGroup: ClusterItem[] = [];
let events = 0;
for (let pass = 0; pass < PASSES; pass++) {
  toGroup = [];
  const result = analyseAll();
  passes.push(ITEMS / result.seconds);
  toGroup = result.kept;
  events = result.events;
  sample();
}
const sortedPasses = [...passes].sort((a, b) => a - b);
const medianPerSec = sortedPasses[Math.floor(sortedPasses.length / 2)] as number;

t = performance.now();
const groups = clusterStories(toGroup);
const clusterSeconds = (performance.now() - t) / 1000;
sample();
clearInterval(sampler);

console.log(
  `bench/intel: ${ITEMS} items (avg ${Math.round(chars / ITEMS)} chars), ${names.length} aliases in ${entities.length} entities`,
);
console.log("| measure | result |");
console.log("|---|---|");
console.log(`| matcher build (one RegExp) | ${buildMs.toFixed(0)} ms |`);
console.log(
  `| match only, combined RegExp | ${Math.round(combinedPerSec).toLocaleString("en")} items/s (${found} mentions in ${slice.length} items) |`,
);
console.log(
  `| match only, naive per-alias loop | ${Math.round(naivePerSec).toLocaleString("en")} items/s (${naiveFound} raw hits) |`,
);
console.log(
  `| match + money + events, first ${WARMUP} items (cold, warm-up) | ${Math.round(coldPerSec).toLocaleString("en")} items/s |`,
);
const itemsPerSec = (n: number) => Math.round(n).toLocaleString("en");
console.log(
  `| match + money + events, end to end | ${itemsPerSec(medianPerSec)} items/s (median of ${PASSES} passes: ${passes.map(itemsPerSec).join(", ")}; ${events} events) |`,
);
console.log(
  `| story grouping, ${ITEMS} items in one day | ${clusterSeconds.toFixed(1)} s (${groups.length} stories) |`,
);
console.log(`| peak RSS | ${mb(Math.max(peak, process.resourceUsage().maxRSS * 1024))} |`);
