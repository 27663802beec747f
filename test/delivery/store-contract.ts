import { beforeEach, describe, expect, it } from "vitest";
import type {
  DestinationRepository,
  DigestSlotRepository,
  NewOutboxRow,
  OutboxRepository,
} from "../../src/delivery/destination.js";
import { destination, textMessage } from "./helpers.js";

export interface DeliveryRepositories {
  destinations: DestinationRepository;
  outbox: OutboxRepository;
  slots: DigestSlotRepository;
}

const T0 = new Date("2026-06-01T12:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const LEASE = 60_000;

const row = (key: string, channel: string, extra: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
  key,
  destinationKey: `slack:T1:${channel}`,
  kind: "alert",
  message: textMessage(key),
  notBefore: T0,
  ...extra,
});

/**
 * The behaviour delivery relies on from its repositories, run against every backend: the in-memory
 * one here, and the SQLite and PostgreSQL ones when the store implements them
 * (`describeDeliveryStore("sqlite", () => ...)`).
 */
export function describeDeliveryStore(name: string, open: () => Promise<DeliveryRepositories>): void {
  describe(`delivery repositories: ${name}`, () => {
    let r: DeliveryRepositories;
    beforeEach(async () => {
      r = await open();
      for (const c of ["a", "b"]) await r.destinations.upsert(destination(c), T0);
    });
    const claim = (now: Date, extra: { limit?: number; skip?: string[] } = {}) =>
      r.outbox.claimDue({
        now,
        leaseMs: LEASE,
        limit: extra.limit ?? 10,
        ...(extra.skip ? { skipDestinations: new Set(extra.skip) } : {}),
      });

    it("writes a key once: a second write of it changes nothing", async () => {
      expect(await r.outbox.enqueue(row("k", "a"), T0)).toBe(true);
      expect(await r.outbox.enqueue(row("k", "a", { message: textMessage("other") }), T0)).toBe(false);
      expect((await r.outbox.find("k"))?.message.title).toBe("k");
    });

    it("claims one due row per destination, the one due first, up to the limit", async () => {
      await r.outbox.enqueue(row("a-late", "a", { notBefore: at(5) }), T0);
      await r.outbox.enqueue(row("a-now", "a"), T0);
      await r.outbox.enqueue(row("b-now", "b"), T0);
      await r.outbox.enqueue(row("a-future", "a", { notBefore: at(600) }), T0);
      const first = await claim(at(10), { limit: 1 });
      expect(first).toHaveLength(1);
      const second = await claim(at(10));
      expect([...first, ...second].map((x) => x.key).sort()).toEqual(["a-now", "b-now"]);
      expect(await claim(at(10))).toEqual([]);
    });

    it("claims nothing for a destination with a live claim, a paused one, or one the sender holds", async () => {
      await r.outbox.enqueue(row("a1", "a"), T0);
      await r.outbox.enqueue(row("a2", "a"), T0);
      await r.outbox.enqueue(row("b1", "b"), T0);
      expect((await claim(T0, { skip: ["slack:T1:b"] })).map((x) => x.key)).toEqual(["a1"]);
      expect(await claim(at(1), { skip: ["slack:T1:b"] })).toEqual([]);
      expect(await r.destinations.pause("slack:T1:b", "gone", T0)).toBe(true);
      expect(await r.destinations.pause("slack:T1:b", "gone", T0)).toBe(false);
      expect(await claim(at(2))).toEqual([]);
      await r.destinations.resume("slack:T1:b");
      expect((await claim(at(3))).map((x) => x.key)).toEqual(["b1"]);
    });

    it("gives a row whose claim ran out back marked outcome-unknown", async () => {
      await r.outbox.enqueue(row("a1", "a"), T0);
      expect((await claim(T0))[0]?.outcomeUnknown).toBe(false);
      expect(await claim(at(59))).toEqual([]);
      const again = await claim(at(60));
      expect(again.map((x) => [x.key, x.outcomeUnknown])).toEqual([["a1", true]]);
    });

    it("records completion, failures with their retry time, dead letters and releases", async () => {
      for (const k of ["a1", "a2", "a3", "a4"]) await r.outbox.enqueue(row(k, k === "a4" ? "b" : "a"), T0);
      await claim(T0);
      await r.outbox.complete("a1", "ts-1", at(1));
      expect(await r.outbox.find("a1")).toMatchObject({ state: "sent", messageRef: "ts-1" });
      await claim(at(1));
      await r.outbox.fail("a2", {
        error: "Slack 500",
        retryAt: at(30),
        countAttempt: true,
        outcomeUnknown: true,
      });
      expect(await r.outbox.find("a2")).toMatchObject({
        state: "pending",
        attempts: 1,
        lastError: "Slack 500",
        outcomeUnknown: true,
        notBefore: at(30),
      });
      // a3 overtakes a2 while a2 waits for its retry.
      expect((await claim(at(2))).map((x) => x.key)).toEqual(["a3"]);
      await r.outbox.deadLetter("a3", "refused", at(3));
      await r.outbox.complete("a3", "late", at(4));
      expect(await r.outbox.find("a3")).toMatchObject({ state: "dead", lastError: "refused" });
      expect((await r.outbox.deadLetters()).map((x) => x.key)).toEqual(["a3"]);
      await r.outbox.release(["a4"]);
      expect(await r.outbox.find("a4")).toMatchObject({ state: "pending", outcomeUnknown: false });
    });

    it("holds a reply until the row it replies to is sent or dead", async () => {
      await r.outbox.enqueue(row("first", "a", { notBefore: at(100) }), T0);
      await r.outbox.enqueue(row("update", "a", { kind: "follow_up", threadOf: "first" }), T0);
      expect(await claim(at(10))).toEqual([]);
      expect((await claim(at(100))).map((x) => x.key)).toEqual(["first"]);
      await r.outbox.complete("first", "ts-1", at(100));
      expect((await claim(at(101))).map((x) => [x.key, x.threadOf])).toEqual([["update", "first"]]);
    });

    it("counts top-level alerts by the time they go out, and finds a story's alerts in order", async () => {
      const subject = (storyId: string, revision: number) => ({
        storyId,
        revision,
        amountUsd: null,
        status: null,
        parties: [],
        outletCount: 1,
      });
      await r.outbox.enqueue(row("s1", "a", { subject: subject("s1", 1) }), T0);
      await r.outbox.enqueue(row("s1u", "a", { kind: "follow_up", subject: subject("s1", 2) }), T0);
      await r.outbox.enqueue(row("s2", "a", { notBefore: at(3600), subject: subject("s2", 1) }), T0);
      await r.outbox.enqueue(row("s3", "a", { rolled: true, subject: subject("s3", 1) }), T0);
      expect(await r.outbox.countAlerts("slack:T1:a", at(-1), at(1))).toBe(1);
      expect(await r.outbox.countAlerts("slack:T1:a", at(0), at(3601))).toBe(2);
      expect((await r.outbox.alertsForStory("slack:T1:a", "s1")).map((x) => x.key)).toEqual(["s1", "s1u"]);
      expect((await r.outbox.rolledOver("slack:T1:a")).map((x) => x.key)).toEqual(["s3"]);
      await r.outbox.enqueue(row("digest", "a", { kind: "digest", carries: ["s3"] }), T0);
      expect(await r.outbox.rolledOver("slack:T1:a")).toEqual([]);
      expect((await r.outbox.find("s3"))?.state).toBe("digested");
    });

    it("claims a digest slot once, queues its row with it, and moves the destination's last slot", async () => {
      await r.destinations.upsert(
        destination("d", { digest: { time: "08:00", zone: "UTC", since: T0 } }),
        T0,
      );
      const slot = {
        key: "slack:T1:d@2026-06-01",
        destinationKey: "slack:T1:d",
        localDate: "2026-06-01",
        dueAt: T0,
      };
      const digestRow = row("digest:slack:T1:d@2026-06-01", "d", { kind: "digest" });
      expect(await r.slots.claim(slot, digestRow, T0)).toBe(true);
      expect(await r.slots.claim(slot, digestRow, T0)).toBe(false);
      expect(await r.slots.skip(slot, "late", T0)).toBe(false);
      expect((await r.outbox.find(digestRow.key))?.kind).toBe("digest");
      expect((await r.destinations.get("slack:T1:d"))?.digest?.lastSlot).toBe("2026-06-01");
      const next = { ...slot, key: "slack:T1:d@2026-06-02", localDate: "2026-06-02" };
      expect(await r.slots.skip(next, "the bot was down", T0)).toBe(true);
      expect(await r.slots.findSlot(next.key)).toMatchObject({
        state: "skipped",
        reason: "the bot was down",
      });
      expect(await r.slots.claim(next, { ...digestRow, key: "digest:2" }, T0)).toBe(false);
      expect(await r.outbox.find("digest:2")).toBeUndefined();
    });

    it("lists destinations with a digest that are not paused", async () => {
      await r.destinations.upsert(
        destination("d", { digest: { time: "08:00", zone: "UTC", since: T0 } }),
        T0,
      );
      await r.destinations.upsert(
        destination("e", { digest: { time: "09:00", zone: "UTC", since: T0 } }),
        T0,
      );
      await r.destinations.pause("slack:T1:e", "gone", T0);
      expect((await r.destinations.listWithDigest()).map((d) => d.key)).toEqual(["slack:T1:d"]);
    });
  });
}
