/**
 * bench/commands: every slash command against a store of 1,000,000 items and 200,000 stories.
 * The store is filled through the store modules (no intel run: facts are generated), then each
 * command runs many times with varied arguments. Run: npm run bench:commands [-- --items 1000000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { commands } from "../commands/index.js";
import { createActions } from "../src/actions/index.js";
import { entityDirectory } from "../src/briefing/entity-directory.js";
import { createBriefing } from "../src/briefing/index.js";
import type { CommandContext } from "../src/chat/command.js";
import { dispatch } from "../src/chat/dispatch.js";
import { FakeClock } from "../src/clock.js";
import { appConfigSchema } from "../src/config/schema.js";
import { createIntelSource, loadIntelContext } from "../src/enrich/context.js";
import { FeedFetcher } from "../src/ingest/fetch.js";
import { Poller } from "../src/ingest/poller.js";
import type { ArticleIntel } from "../src/intel/analyze.js";
import { EVENT_TYPES, type EventType } from "../src/intel/events.js";
import type { Story } from "../src/intel/pipeline.js";
import { silentLogger } from "../src/log.js";
import { projectRoot } from "../src/paths.js";
import { openStore } from "../src/store/index.js";
import { seededRandom } from "./random.js";

const appDefaults = appConfigSchema.parse({});

const { values } = parseArgs({
  options: { items: { type: "string", default: "1000000" }, runs: { type: "string", default: "100" } },
});
const ITEMS = Number(values.items);
const STORIES = Math.floor(ITEMS / 5);
const RUNS = Number(values.runs);

const { random, pick } = seededRandom(7);

const context = loadIntelContext(join(projectRoot(), "config"));
const ids = [...context.matcher.entities.keys()];
const TYPES: EventType[] = EVENT_TYPES.filter((t) => t !== "regulation" && t !== "partnership");
const WORDS = [
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

const dir = mkdtempSync(join(tmpdir(), "iw-bench-commands-"));
const store = await openStore(join(dir, "bench.db"));
const { feeds, items, intel } = store;
const now = new Date("2025-12-01T00:00:00Z");
const DAY = 86_400_000;

let t = performance.now();
const feedIds: number[] = [];
for (let i = 0; i < 100; i++)
  feedIds.push((await feeds.add(`https://bench${i}.example/feed`, now, `Outlet ${i}`)).feed.id);
const BATCH = 5_000;
const itemIds: number[] = [];
for (let start = 0; start < ITEMS; start += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, ITEMS - start) }, (_, k) => {
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
{
  let analysed: { id: number; intel: ArticleIntel; at: Date }[] = [];
  let stories: Story[] = [];
  const partiesOf = new Map<string, string[]>();
  const flush = async () => {
    await intel.saveAnalysed(analysed);
    await intel.replaceStories([], stories, (key) => partiesOf.get(key) ?? []);
    analysed = [];
    stories = [];
    partiesOf.clear();
  };
  for (let s = 0; s < STORIES; s++) {
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
    stories.push(story);
    if (stories.length >= 2_000) await flush();
  }
  await flush();
}
const storiesSeconds = (performance.now() - t) / 1000;

const entities = entityDirectory(context.matcher);
const clock = new FakeClock(now);
const fetcher = new FeedFetcher({
  timeoutMs: 1_000,
  maxBytes: 1_024,
  maxRedirects: 0,
  userAgent: "bench",
  policy: { allowPrivate: false, allowedNetworks: [] },
});
const ctx: CommandContext = {
  caller: { id: "bench", isAdmin: true },
  channel: { platform: "slack", workspaceId: "T", channelId: "C" },
  now,
  entities,
  briefing: createBriefing({ stories: store.briefing, items, settings: store.settings, entities }),
  // The read-only commands measured here use the actions only for lists (watchlist, feeds).
  actions: createActions({
    feeds,
    fetcher,
    poller: new Poller({
      feeds,
      items,
      fetcher,
      settings: { ...appDefaults.poll },
      log: silentLogger,
      clock,
    }),
    policy: { allowPrivate: false, allowedNetworks: [] },
    clock,
    enrich: async () => undefined,
    settings: store.settings,
    intel: createIntelSource({
      configDir: join(projectRoot(), "config"),
      settings: store.settings,
      intel,
      clock,
      log: silentLogger,
    }),
  }),
};
const big = ["openai", "nvidia", "microsoft", "amazon", "google", "meta", "oracle", "anthropic"];
const cases: [string, () => string][] = [
  ["/brief", () => ""],
  ["/brief <entity>", () => pick(big)],
  ["/deals", () => `since:${pick(["7d", "30d", "90d"])}`],
  ["/deals <entity> min:$5B", () => `${pick(big)} min:$5B since:90d`],
  ["/deals type:compute_contract", () => "type:compute_contract since:1y"],
  ["/valuations", () => ""],
  ["/valuations <entity>", () => pick(big)],
  ["/controversies <entity>", () => `${pick(big)} since:1y`],
  ["/search <words>", () => `${pick(WORDS)} ${pick(WORDS)}`],
  ["/track list", () => "list"],
  ["/feeds status", () => "status"],
  ["/help", () => ""],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

console.log(
  `bench/commands: ${ITEMS.toLocaleString("en")} items, ${STORIES.toLocaleString("en")} stories (filled in ${itemsSeconds.toFixed(0)} s + ${storiesSeconds.toFixed(0)} s)`,
);
console.log("| command | runs | p50 | p99 |");
console.log("|---|---|---|---|");
for (const [label, args] of cases) {
  const name = label.split(" ")[0]?.slice(1) ?? "";
  const times: number[] = [];
  // Filling the store leaves garbage behind; collect it so that one pause is not charged to one command.
  (globalThis as { gc?: () => void }).gc?.();
  for (let r = 0; r < RUNS + 5; r++) {
    const started = performance.now();
    await dispatch(commands, name, { text: args() }, ctx, silentLogger);
    if (r >= 5) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${label} | ${RUNS} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 99).toFixed(1)} ms |`,
  );
}
await fetcher.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
