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
import { createIntelSource } from "../src/enrich/context.js";
import { FeedFetcher } from "../src/ingest/fetch.js";
import { Poller } from "../src/ingest/poller.js";
import { silentLogger } from "../src/log.js";
import { projectRoot } from "../src/paths.js";
import { fillStore, reuseStore, WORDS } from "./fill-store.js";
import { seededRandom } from "./random.js";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "1000000" },
    runs: { type: "string", default: "100" },
    // Filling a million items takes minutes: a kept file is filled once and read by later runs.
    keep: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`bench/commands: every slash command against a large store.
  --items N     items to fill the store with (default 1000000; stories are N/5)
  --runs N      timed runs per command, after 5 warm-up runs (default 100)
  --keep FILE   fill FILE once and keep it; a later run with the same FILE and --items reads it
                as it is (new migrations apply) instead of filling a fresh temporary file`);
  process.exit(0);
}
const ITEMS = Number(values.items);
const STORIES = Math.floor(ITEMS / 5);
const RUNS = Number(values.runs);

const now = new Date("2025-12-01T00:00:00Z");
const dir = values.keep ? undefined : mkdtempSync(join(tmpdir(), "iw-bench-commands-"));
const path = values.keep ?? join(dir as string, "bench.db");
const reused = await reuseStore(path, ITEMS);
const { store, feeds, items, intel, context, itemsSeconds, storiesSeconds } = reused
  ? { ...reused, itemsSeconds: 0, storiesSeconds: 0 }
  : await fillStore(path, ITEMS, now);
// The arguments come from their own sequence, so that a run on a kept file asks the same as a fresh one.
const { pick } = seededRandom(11);

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
  // The commands measured here read; the actions serve only their lists (watchlist, feeds).
  actions: createActions({
    feeds,
    fetcher,
    poller: new Poller({
      feeds,
      items,
      fetcher,
      settings: appConfigSchema.parse({}).poll,
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
  `bench/commands: ${ITEMS.toLocaleString("en")} items, ${STORIES.toLocaleString("en")} stories (${reused ? `kept in ${path}` : `filled in ${itemsSeconds.toFixed(0)} s + ${storiesSeconds.toFixed(0)} s`})`,
);
// The CPU time this process spent on each call (user + system) beside the wall time: on a
// machine shared with other jobs, waiting for a core inflates the wall time, not this.
console.log("| command | runs | p50 | p99 | cpu p50 | cpu p99 |");
console.log("|---|---|---|---|---|---|");
const ms = (sorted: number[], p: number) => `${percentile(sorted, p).toFixed(1)} ms`;
for (const [label, args] of cases) {
  const name = label.split(" ")[0]?.slice(1) ?? "";
  const times: number[] = [];
  const cpu: number[] = [];
  // Filling the store leaves garbage behind; collect it so that one pause is not charged to one command.
  (globalThis as { gc?: () => void }).gc?.();
  for (let r = 0; r < RUNS + 5; r++) {
    const text = args();
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    await dispatch(commands, name, { text }, ctx, silentLogger);
    const wall = performance.now() - started;
    const used = process.cpuUsage(startedCpu);
    if (r >= 5) {
      times.push(wall);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `| ${label} | ${RUNS} | ${ms(times, 50)} | ${ms(times, 99)} | ${ms(cpu, 50)} | ${ms(cpu, 99)} |`,
  );
}
await fetcher.close();
await store.close();
if (dir) rmSync(dir, { recursive: true, force: true });
