/**
 * bench/delivery: 1,000 destinations whose digests fall due in the same minute, in 24 zones, and
 * 10,000 alerts queued for them (10 per channel). Measures the scheduler's tick and the time to
 * drain the 11,000 outbox rows through the sender against an in-memory platform that answers at
 * once: with Slack's per-channel pacing on (a fake clock moved to each next opening gives the wall
 * time the limits impose; the CPU time is measured) and with the limits off (raw throughput).
 * Beside each, a naive baseline in the same run. Run: npm run bench:delivery [-- --destinations
 * 1000 --alerts 10 --store memory|sqlite] (sqlite: the store's repositories on a fresh file each run;
 * the naive baselines stay in memory).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import cron from "node-cron";
import type { Message } from "../src/chat/message.js";
import type { Clock } from "../src/clock.js";
import { type Destination, destinationKey, type OutboxRow } from "../src/delivery/destination.js";
import { InMemoryDeliveryStore } from "../src/delivery/memory.js";
import { DigestSchedule } from "../src/delivery/schedule.js";
import { Sender } from "../src/delivery/sender.js";
import { runTick } from "../src/delivery/tick.js";
import type { Transport } from "../src/delivery/transport.js";
import { localParts } from "../src/delivery/zone.js";
import { openStore } from "../src/store/index.js";
import type { SqliteDeliveryStore } from "../src/store/sqlite/delivery.js";

const { values } = parseArgs({
  options: {
    destinations: { type: "string", default: "1000" },
    alerts: { type: "string", default: "10" },
    runs: { type: "string", default: "20" },
    store: { type: "string", default: "memory" },
  },
});
const SQLITE = values.store === "sqlite";
const dir = mkdtempSync(join(tmpdir(), "iw-bench-delivery-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const DESTINATIONS = Number(values.destinations);
const ALERTS_PER = Number(values.alerts);
const RUNS = Number(values.runs);

const ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Helsinki",
  "Europe/Moscow",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "Pacific/Chatham",
  "America/Sao_Paulo",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/St_Johns",
];

class MovableClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

const DUE = Date.parse("2026-12-01T14:00:00Z");
const pad = (n: number) => String(n).padStart(2, "0");

/** Destinations whose digest is due at DUE in their own zone's wall time. */
function destinations(): Destination[] {
  return Array.from({ length: DESTINATIONS }, (_, i) => {
    const zone = ZONES[i % ZONES.length] as string;
    const p = localParts(zone, DUE);
    const ref = { platform: "slack" as const, workspaceId: `T${i % 50}`, channelId: `C${i}` };
    return {
      ...ref,
      key: destinationKey(ref),
      digest: { time: `${pad(p.hour)}:${pad(p.minute)}`, zone, since: new Date(DUE - 3_600_000) },
    };
  });
}

const digest: Message = { title: "digest", sections: [] };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const summary = (xs: number[]) => `${ms(median(xs))} (min ${ms(Math.min(...xs))})`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

type BenchStore = InMemoryDeliveryStore | SqliteDeliveryStore;

async function fresh(memory = !SQLITE): Promise<BenchStore> {
  const store: BenchStore = memory
    ? new InMemoryDeliveryStore()
    : ((await openStore(join(dir, `bench-${++files}.db`))).delivery.outbox as SqliteDeliveryStore);
  for (const d of destinations()) await store.upsert(d, new Date(DUE));
  return store;
}

// --- scheduler tick

/** The naive tick: every destination's local time read with toLocaleString, slot asked one by one. */
async function naiveTick(store: BenchStore, now: Date): Promise<number> {
  let due = 0;
  for (const d of await store.listWithDigest()) {
    const digestSettings = d.digest;
    if (!digestSettings) continue;
    const local = now.toLocaleString("en-CA", { timeZone: digestSettings.zone, hourCycle: "h23" });
    const [date, time] = local.split(", ") as [string, string];
    if (time.slice(0, 5) !== digestSettings.time) continue;
    if (await store.findSlot(`${d.key}@${date}`)) continue;
    due++;
  }
  return due;
}

async function benchTick() {
  const rows: string[][] = [];
  const schedule = new DigestSchedule();
  const clock = new MovableClock(DUE + 10_000);
  const findOnly: number[] = [];
  const list = await (await fresh()).listWithDigest();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { due } = schedule.findDue(list, clock.now());
    findOnly.push(performance.now() - t0);
    if (due.length !== DESTINATIONS) throw new Error(`expected ${DESTINATIONS} due, found ${due.length}`);
  }
  const cold = performance.now();
  new DigestSchedule().findDue(list, clock.now());
  const coldMs = performance.now() - cold;
  const full: number[] = [];
  const steady: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const store = await fresh();
    const deps = {
      destinations: store,
      slots: store,
      outbox: store,
      schedule: new DigestSchedule(),
      clock,
      buildDigest: async () => digest,
    };
    const t0 = performance.now();
    const r = await runTick(deps);
    full.push(performance.now() - t0);
    if (r.queued.length !== DESTINATIONS) throw new Error("not every slot was queued");
    const t1 = performance.now();
    await runTick(deps);
    steady.push(performance.now() - t1);
  }
  const naive: number[] = [];
  const store = await fresh();
  for (let i = 0; i < Math.max(1, RUNS / 2); i++) {
    const t0 = performance.now();
    const due = await naiveTick(store, clock.now());
    naive.push(performance.now() - t0);
    if (due !== DESTINATIONS) throw new Error(`naive tick found ${due}`);
  }
  // One node-cron job per destination, each with its zone: what scheduling them costs.
  const c0 = performance.now();
  const tasks = list.map((d) =>
    cron.schedule(
      `${Number(d.digest?.time.slice(3))} ${Number(d.digest?.time.slice(0, 2))} * * *`,
      () => {},
      {
        timezone: d.digest?.zone ?? "UTC",
      },
    ),
  );
  const cronMs = performance.now() - c0;
  for (const t of tasks) await t.destroy();
  rows.push(["find due slots (warm, formatters and instants cached)", summary(findOnly)]);
  rows.push(["find due slots, first tick of a process (cold caches)", ms(coldMs)]);
  // The first ticks run before V8 has compiled the claim path: shown apart, as a bot's first tick.
  const warmFull = full.slice(RUNS / 2);
  const warmSteady = steady.slice(RUNS / 2);
  rows.push(["tick: find, build (trivial), claim slot + queue digest row, first", ms(full[0] ?? 0)]);
  rows.push(["tick: find, build (trivial), claim slot + queue digest row, warm", summary(warmFull)]);
  rows.push(["tick after every slot is claimed (the steady state), warm", summary(warmSteady)]);
  rows.push(["naive: toLocaleString per destination, slot looked up one by one", summary(naive)]);
  rows.push(["naive: one node-cron job per destination (scheduling 1,000)", ms(cronMs)]);
  return rows;
}

// --- sender drain

class InstantPlatform implements Transport {
  posts = 0;
  async post(): Promise<{ messageRef: string }> {
    this.posts++;
    return { messageRef: String(this.posts) };
  }
}

async function queued(clock: MovableClock, memory = !SQLITE) {
  const store = await fresh(memory);
  await runTick({
    destinations: store,
    slots: store,
    outbox: store,
    schedule: new DigestSchedule(),
    clock,
    buildDigest: async () => digest,
  });
  const now = clock.now();
  for (const d of destinations()) {
    for (let j = 0; j < ALERTS_PER; j++) {
      await store.enqueue(
        {
          key: `alert:${d.key}:s${j}:1`,
          destinationKey: d.key,
          kind: "alert",
          message: digest,
          notBefore: now,
        },
        now,
      );
    }
  }
  return store;
}

async function drain(limits: boolean) {
  const clock = new MovableClock(DUE + 10_000);
  const store = await queued(clock);
  const platform = new InstantPlatform();
  const sender = new Sender({
    clock,
    outbox: store,
    destinations: store,
    transports: { slack: platform },
    notifyAdmins: async () => {},
    concurrency: 64,
    ...(limits ? {} : { minIntervalMs: { slack: 0 } }),
    random: () => 0.5,
  });
  const start = clock.t;
  const t0 = performance.now();
  while (true) {
    const started = await sender.pump();
    await sender.idle();
    if (started > 0) continue;
    const next = sender.nextOpening();
    if (!next) break;
    clock.t = Math.max(clock.t + 1, next.getTime());
  }
  const cpu = performance.now() - t0;
  const total = DESTINATIONS * (ALERTS_PER + 1);
  if (platform.posts !== total) throw new Error(`posted ${platform.posts} of ${total}`);
  return { cpu, modelled: clock.t - start, total };
}

/** The naive sender: one post at a time across all channels, the outbox rescanned for each. */
async function naiveDrain() {
  const clock = new MovableClock(DUE + 10_000);
  const store = (await queued(clock, true)) as InMemoryDeliveryStore;
  const rows: OutboxRow[] = store.allRows();
  const platform = new InstantPlatform();
  const t0 = performance.now();
  let sent = 0;
  while (true) {
    const row = rows.find((r) => r.state === "pending");
    if (!row) break;
    await platform.post();
    row.state = "sent";
    sent++;
  }
  // Pacing one global sender at Slack's one message a second keeps every channel within its limit.
  return { cpu: performance.now() - t0, modelled: sent * 1000 };
}

const tick = await benchTick();
const limited = await drain(true);
const raw = await drain(false);
const naive = await naiveDrain();
const rate = (n: number, t: number) => `${Math.round(n / (t / 1000)).toLocaleString("en-US")} rows/s`;

console.log(
  `destinations: ${DESTINATIONS} in ${ZONES.length} zones, digests due at the same minute; store: ${SQLITE ? "sqlite file" : "memory"}`,
);
console.log("\n| scheduler | median (min) |\n| --- | --- |");
for (const [what, value] of tick) console.log(`| ${what} | ${value} |`);
console.log(
  `\nsender: ${limited.total.toLocaleString("en-US")} rows (${DESTINATIONS} digests + ${DESTINATIONS * ALERTS_PER} alerts)`,
);
console.log("\n| drain | wall time the limits impose | CPU time | throughput |\n| --- | --- | --- | --- |");
console.log(
  `| sender, Slack pacing on (1/s per channel, 64 in flight) | ${(limited.modelled / 1000).toFixed(1)} s | ${ms(limited.cpu)} | — |`,
);
console.log(`| sender, limits off | — | ${ms(raw.cpu)} | ${rate(raw.total, raw.cpu)} |`);
console.log(
  `| naive: one global sender, 1 post/s, outbox rescanned per post | ${(naive.modelled / 3_600_000).toFixed(1)} h | ${ms(naive.cpu)} | ${rate(limited.total, naive.cpu)} |`,
);
