import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { alertRules, type Destination } from "../../src/delivery/destination.js";
import { InMemoryDeliveryStore } from "../../src/delivery/memory.js";
import {
  type AlertRenderer,
  enqueueDecision,
  planAlert,
  type StoryRevision,
} from "../../src/delivery/rules.js";
import { DigestSchedule } from "../../src/delivery/schedule.js";
import { Sender } from "../../src/delivery/sender.js";
import { runTick, type TickDeps } from "../../src/delivery/tick.js";
import { FakePlatform } from "./fake-transport.js";
import { destination } from "./helpers.js";

const render: AlertRenderer = (r) => ({ title: `alert ${r.storyId}`, sections: [] });

const revision = (storyId: string): StoryRevision => ({
  storyId,
  revision: 1,
  type: "investment",
  amountUsd: 1e9,
  status: "agreed",
  parties: ["openai"],
  entityIds: ["openai"],
  sourceCount: 1,
  outlets: ["Outlet A"],
  backfill: false,
});

function newSender(store: InMemoryDeliveryStore, clock: FakeClock, platform: FakePlatform, leaseMs = 60_000) {
  return new Sender({
    clock,
    outbox: store,
    destinations: store,
    transports: { slack: platform },
    notifyAdmins: async () => {},
    random: () => 0,
    leaseMs,
    postTimeoutMs: 60_000,
  });
}

async function drain(sender: Sender, store: InMemoryDeliveryStore, clock: FakeClock) {
  for (let i = 0; i < 10_000; i++) {
    if ((await sender.pump()) > 0) {
      await sender.idle();
      continue;
    }
    const now = clock.now().getTime();
    const times = store
      .allRows()
      .filter((r) => (r.state === "pending" || r.state === "in_flight") && r.notBefore.getTime() > now)
      .map((r) => r.notBefore.getTime());
    const opening = sender.nextOpening()?.getTime();
    if (opening !== undefined && opening > now) times.push(opening);
    if (times.length === 0) return;
    clock.set(Math.min(...times));
  }
}

describe("delivery end to end, in one process", () => {
  it("loses nothing and posts nothing twice when the sender dies in the middle of a batch", async () => {
    const store = new InMemoryDeliveryStore();
    const clock = new FakeClock("2026-06-01T12:00:00Z");
    const channels: Destination[] = ["a", "b", "c", "d"].map((c) =>
      destination(c, { alerts: alertRules({ trackedEntityIds: ["openai"], capPerHour: 100 }) }),
    );
    for (const d of channels) await store.upsert(d);
    for (let i = 0; i < 5; i++) {
      for (const d of channels) {
        await enqueueDecision(
          store,
          await planAlert(store, d, revision(`s${i}`), clock.now(), render),
          clock.now(),
        );
      }
    }
    const platform = new FakePlatform(() => clock.now().getTime());
    // The first process posts to every channel; two of its posts reach Slack, then it is killed
    // before it hears back from any of them.
    platform.script("a", "hang");
    platform.script("b", "hang");
    platform.script("c", new Error("socket hang up"));
    platform.script("d", new Error("socket hang up"));
    const doomed = newSender(store, clock, platform);
    expect(await doomed.pump()).toBe(4);
    await new Promise((r) => setTimeout(r, 10));
    // The restarted process; the dead one's leases run out after a minute.
    clock.advance(60_000);
    const restarted = newSender(store, clock, platform);
    await drain(restarted, store, clock);
    const keys = platform.posted.map((p) => p.key);
    expect(keys).toHaveLength(20);
    expect(new Set(keys).size).toBe(20);
    expect(store.allRows().filter((r) => r.state !== "sent")).toEqual([]);
    // What it lost: nothing. The two posts that had reached Slack were found by key, not resent.
    expect(restarted.outcomes.filter((o) => o.result === "found")).toHaveLength(2);
  });

  it("rolls alerts over the cap into the next digest once, even when two processes build it", async () => {
    const store = new InMemoryDeliveryStore();
    const clock = new FakeClock("2026-06-01T10:00:00Z");
    const d = destination("a", {
      alerts: alertRules({ trackedEntityIds: ["openai"], capPerHour: 2 }),
      digest: { time: "08:00", zone: "America/New_York", since: new Date("2026-06-01T00:00:00Z") },
    });
    await store.upsert(d);
    for (let i = 0; i < 4; i++) {
      await enqueueDecision(
        store,
        await planAlert(store, d, revision(`s${i}`), clock.now(), render),
        clock.now(),
      );
    }
    expect((await store.rolledOver(d.key)).map((r) => r.subject?.storyId)).toEqual(["s2", "s3"]);
    clock.set("2026-06-01T12:00:10Z");
    const deps = (): TickDeps => ({
      destinations: store,
      slots: store,
      outbox: store,
      schedule: new DigestSchedule(),
      clock,
      buildDigest: async (dest) => {
        const carried = await store.rolledOver(dest.key);
        return {
          message: { title: `digest with ${carried.map((r) => r.subject?.storyId).join(",")}`, sections: [] },
          carries: carried.map((r) => r.key),
        };
      },
    });
    const [one, two] = await Promise.all([runTick(deps()), runTick(deps())]);
    expect(one.queued.length + two.queued.length).toBe(1);
    expect(await store.rolledOver(d.key)).toEqual([]);
    const platform = new FakePlatform(() => clock.now().getTime());
    await drain(newSender(store, clock, platform), store, clock);
    expect(platform.posted.map((p) => p.title)).toEqual([
      "alert s0",
      "alert s1",
      "Alert limit reached",
      "digest with s2,s3",
    ]);
  });
});
