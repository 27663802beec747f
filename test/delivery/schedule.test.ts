import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { InMemoryDeliveryStore } from "../../src/delivery/memory.js";
import { DigestSchedule, parseDigestTime } from "../../src/delivery/schedule.js";
import { runTick, startScheduler, type TickDeps } from "../../src/delivery/tick.js";
import { destination, textMessage } from "./helpers.js";

const TICK = 30_000;

type Spec = [channel: string, time: string, zone: string];

/** Destinations whose digest was turned on an hour before `start` (or as given). */
async function setup(start: string, specs: Spec[], since = new Date(Date.parse(start) - 3_600_000)) {
  const store = new InMemoryDeliveryStore();
  for (const [channel, time, zone] of specs)
    await store.upsert(destination(channel, { digest: { time, zone, since } }));
  const clock = new FakeClock(start);
  const deps: TickDeps = {
    destinations: store,
    slots: store,
    outbox: store,
    schedule: new DigestSchedule(),
    clock,
    buildDigest: async (d, slot) => textMessage(`digest for ${d.channelId} on ${slot.localDate}`),
  };
  return { store, clock, deps };
}

/** Ticks every 30 s from the clock's time until `until`, as the cron job would. */
async function runUntil(deps: TickDeps, clock: FakeClock, until: string) {
  const end = Date.parse(until);
  while (clock.now().getTime() <= end) {
    await runTick(deps);
    clock.advance(TICK);
  }
}

const digests = (store: InMemoryDeliveryStore, channelId?: string) =>
  store
    .allRows()
    .filter((r) => r.kind === "digest" && (!channelId || r.destinationKey.endsWith(`:${channelId}`)))
    .map((r) => ({ key: r.key, at: r.notBefore.toISOString() }));

describe("digest schedule: one slot per destination and local date", () => {
  it("queues a digest at its local time in the destination's zone, and only once", async () => {
    const { store, clock, deps } = await setup("2026-06-01T11:59:00Z", [
      ["ny", "08:00", "America/New_York"],
      ["in", "17:30", "Asia/Kolkata"],
    ]);
    await runUntil(deps, clock, "2026-06-01T12:10:00Z");
    expect(digests(store, "ny")).toEqual([
      { key: "digest:slack:T1:ny@2026-06-01", at: "2026-06-01T12:00:00.000Z" },
    ]);
    // A clock set back (or a second pass over the same minutes) finds nothing new.
    clock.set("2026-06-01T11:59:30Z");
    await runUntil(deps, clock, "2026-06-01T12:05:00Z");
    expect(digests(store)).toHaveLength(2);
    expect(digests(store, "in")).toEqual([
      { key: "digest:slack:T1:in@2026-06-01", at: "2026-06-01T12:00:00.000Z" },
    ]);
  });

  it("runs once a day across New York's spring-forward gap", async () => {
    const { store, clock, deps } = await setup("2026-03-06T00:00:00Z", [["ny", "02:30", "America/New_York"]]);
    await runUntil(deps, clock, "2026-03-10T12:00:00Z");
    // 8 March has no 02:30 in New York: it runs at 03:00 EDT, the end of the gap.
    expect(digests(store).map((d) => d.at)).toEqual([
      "2026-03-06T07:30:00.000Z",
      "2026-03-07T07:30:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:30:00.000Z",
      "2026-03-10T06:30:00.000Z",
    ]);
    expect(store.allRows().filter((r) => r.kind === "notice")).toEqual([]);
  });

  it("runs once on New York's repeated 01:30", async () => {
    const { store, clock, deps } = await setup("2026-10-31T00:00:00Z", [["ny", "01:30", "America/New_York"]]);
    await runUntil(deps, clock, "2026-11-02T12:00:00Z");
    expect(digests(store)).toEqual([
      { key: "digest:slack:T1:ny@2026-10-31", at: "2026-10-31T05:30:00.000Z" },
      { key: "digest:slack:T1:ny@2026-11-01", at: "2026-11-01T05:30:00.000Z" },
      { key: "digest:slack:T1:ny@2026-11-02", at: "2026-11-02T06:30:00.000Z" },
    ]);
  });

  it("runs once a day across both of London's changes", async () => {
    const spring = await setup("2026-03-28T00:00:00Z", [["ldn", "01:15", "Europe/London"]]);
    await runUntil(spring.deps, spring.clock, "2026-03-30T12:00:00Z");
    // 01:15 does not exist on 29 March: 02:00 BST (01:00 UTC), the end of the gap.
    expect(digests(spring.store).map((d) => d.at)).toEqual([
      "2026-03-28T01:15:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:15:00.000Z",
    ]);
    const autumn = await setup("2026-10-24T00:00:00Z", [["ldn", "01:15", "Europe/London"]]);
    await runUntil(autumn.deps, autumn.clock, "2026-10-26T12:00:00Z");
    // 01:15 happens twice on 25 October: the first, in BST.
    expect(digests(autumn.store).map((d) => d.at)).toEqual([
      "2026-10-24T00:15:00.000Z",
      "2026-10-25T00:15:00.000Z",
      "2026-10-26T01:15:00.000Z",
    ]);
  });

  it("runs once on Lord Howe's repeated half hour", async () => {
    const { store, clock, deps } = await setup("2026-04-03T12:00:00Z", [
      ["lh", "01:45", "Australia/Lord_Howe"],
    ]);
    await runUntil(deps, clock, "2026-04-06T12:00:00Z");
    expect(digests(store, "lh").map((d) => d.at)).toEqual([
      "2026-04-03T14:45:00.000Z",
      "2026-04-04T14:45:00.000Z",
      "2026-04-05T15:15:00.000Z",
    ]);
  });

  it("sends a slot missed while the bot was down once at start when under 12 hours late", async () => {
    const { store, clock, deps } = await setup(
      "2026-06-01T18:00:00Z",
      [["ny", "08:00", "America/New_York"]],
      new Date("2026-06-01T00:00:00Z"),
    );
    // The bot was down from 07:00 to 14:00 New York time; it starts at 14:00 (18:00 UTC).
    const first = await runTick(deps);
    expect(first.queued.map((s) => [s.key, s.lateMs])).toEqual([["slack:T1:ny@2026-06-01", 6 * 3_600_000]]);
    // It restarts again a minute later: the slot is not sent twice.
    clock.advance(60_000);
    const again = await runTick({ ...deps, schedule: new DigestSchedule() });
    expect(again.queued).toEqual([]);
    expect(digests(store)).toHaveLength(1);
  });

  it("finds yesterday's slot after midnight when the bot was down across it", async () => {
    const { store, deps } = await setup(
      "2026-06-02T06:00:00Z",
      [["ldn", "23:30", "Europe/London"]],
      new Date("2026-06-01T12:00:00Z"),
    );
    // 07:00 BST on 2 June: yesterday's 23:30 slot is 7.5 hours late; today's is not due yet.
    await runTick(deps);
    expect(digests(store).map((d) => d.key)).toEqual(["digest:slack:T1:ldn@2026-06-01"]);
  });

  it("reports a slot more than 12 hours late as skipped, in its channel, once", async () => {
    const { store, clock, deps } = await setup(
      "2026-06-02T02:00:00Z",
      [["ny", "08:00", "America/New_York"]],
      new Date("2026-06-01T00:00:00Z"),
    );
    // 22:00 in New York on 1 June: the 08:00 slot fell due 14 hours ago.
    const result = await runTick(deps);
    expect(result.queued).toEqual([]);
    expect(result.skipped.map((s) => s.key)).toEqual(["slack:T1:ny@2026-06-01"]);
    expect(await store.findSlot("slack:T1:ny@2026-06-01")).toMatchObject({ state: "skipped" });
    clock.advance(TICK);
    expect((await runTick({ ...deps, schedule: new DigestSchedule() })).skipped).toEqual([]);
    const notices = store.allRows().filter((r) => r.kind === "notice");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message.sections[0]?.lines[0]?.[0]?.text).toContain("08:00 digest of 2026-06-01");
    expect(digests(store)).toEqual([]);
  });

  it("does not count a slot from before the digest was turned on as missed", async () => {
    const { store, deps } = await setup(
      "2026-06-01T15:00:00Z",
      [["ny", "08:00", "America/New_York"]],
      new Date("2026-06-01T14:00:00Z"),
    );
    const result = await runTick(deps);
    expect(result).toMatchObject({ queued: [], skipped: [] });
    expect(store.allRows()).toEqual([]);
  });

  it("lets one of two processes sharing a store send a slot", async () => {
    const { store, deps } = await setup("2026-06-01T12:00:30Z", [["ny", "08:00", "America/New_York"]]);
    // Both read the destinations before either claims, as two processes would.
    const list = await store.listWithDigest();
    const racing = { ...deps, destinations: { ...store, listWithDigest: async () => list } } as TickDeps;
    const [a, b] = await Promise.all([
      runTick({ ...racing, schedule: new DigestSchedule() }),
      runTick({ ...racing, schedule: new DigestSchedule() }),
    ]);
    expect(a.queued.length + b.queued.length).toBe(1);
    expect(a.taken.length + b.taken.length).toBe(1);
    expect(digests(store)).toHaveLength(1);
  });

  it("says when the next digest runs, and leaves a destination alone when its digest fails to build", async () => {
    const { store, deps } = await setup("2026-06-01T12:00:30Z", [["ny", "08:00", "America/New_York"]]);
    const failing = await runTick({
      ...deps,
      buildDigest: async () => {
        throw new Error("store unavailable");
      },
    });
    expect(failing.failed).toHaveLength(1);
    expect(store.allRows()).toEqual([]);
    expect((await runTick(deps)).queued).toHaveLength(1);
    const d = await store.get("slack:T1:ny");
    expect(deps.schedule.nextRun(d!, new Date("2026-06-01T12:01:00Z"))?.toISOString()).toBe(
      "2026-06-02T12:00:00.000Z",
    );
  });

  it("accepts HH:MM times only", () => {
    expect(parseDigestTime("07:05")).toEqual({ hour: 7, minute: 5 });
    expect(parseDigestTime("24:00")).toBeUndefined();
    expect(parseDigestTime("7pm")).toBeUndefined();
  });
});

describe("startScheduler: the one cron job", () => {
  it("runs a tick at start, so a slot missed while down goes out without waiting for the cron", async () => {
    const store = new InMemoryDeliveryStore();
    await store.upsert(
      destination("ny", {
        digest: { time: "08:00", zone: "America/New_York", since: new Date("2026-06-01T00:00:00Z") },
      }),
    );
    const scheduler = startScheduler({
      destinations: store,
      slots: store,
      outbox: store,
      schedule: new DigestSchedule(),
      clock: new FakeClock("2026-06-01T15:00:00Z"),
      buildDigest: async () => textMessage("digest"),
    });
    await scheduler.runNow();
    await scheduler.stop();
    const queued = store.allRows().filter((r) => r.kind === "digest");
    expect(queued.map((r) => r.key)).toEqual(["digest:slack:T1:ny@2026-06-01"]);
  });
});
