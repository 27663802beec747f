import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import type { Destination, NewOutboxRow } from "../../src/delivery/destination.js";
import { InMemoryDeliveryStore } from "../../src/delivery/memory.js";
import { Sender, type SenderOptions } from "../../src/delivery/sender.js";
import { DeliveryError, discordError, slackError } from "../../src/delivery/transport.js";
import { FakePlatform } from "./fake-transport.js";
import { destination, textMessage } from "./helpers.js";

const START = "2026-06-01T12:00:00Z";

async function setup(
  channels: Destination[],
  options: Partial<SenderOptions> & { platform?: FakePlatform } = {},
) {
  const store = new InMemoryDeliveryStore();
  for (const d of channels) await store.upsert(d);
  const clock = new FakeClock(START);
  const platform = options.platform ?? new FakePlatform(() => clock.now().getTime());
  const notices: { key: string; text: string }[] = [];
  const sender = new Sender({
    clock,
    outbox: store,
    destinations: store,
    transports: { slack: platform, discord: platform },
    notifyAdmins: async ({ key, message }) => {
      notices.push({ key, text: message.sections[0]?.lines[0]?.[0]?.text ?? "" });
    },
    random: () => 0,
    ...options,
  });
  const enqueue = async (channelId: string, key: string, extra: Partial<NewOutboxRow> = {}) =>
    store.enqueue(
      {
        key,
        destinationKey: `${extra.destinationKey ?? `slack:T1:${channelId}`}`,
        kind: "alert",
        message: textMessage(key),
        notBefore: clock.now(),
        ...extra,
      },
      clock.now(),
    );
  /** Pumps until nothing more can start, moving the clock to each next opening or due row. */
  const drain = async (ms = 600_000) => {
    const end = clock.now().getTime() + ms;
    while (clock.now().getTime() <= end) {
      const started = await sender.pump();
      await sender.idle();
      if (started > 0) continue;
      const now = clock.now().getTime();
      const times = store
        .allRows()
        .filter((r) => r.state === "pending" && r.notBefore.getTime() > now)
        .map((r) => r.notBefore.getTime());
      const opening = sender.nextOpening()?.getTime();
      if (opening !== undefined && opening > now) times.push(opening);
      if (times.length === 0) return;
      clock.set(Math.min(...times));
    }
  };
  return { store, clock, platform, sender, notices, enqueue, drain };
}

const t = (p: { at: number }) => p.at - Date.parse(START);

describe("sender", () => {
  it("posts one message at a time per channel, a second apart on Slack, channels side by side", async () => {
    const { platform, enqueue, drain, store } = await setup([destination("a"), destination("b")]);
    for (const key of ["a1", "a2", "a3"]) await enqueue("a", key);
    await enqueue("b", "b1");
    await drain();
    expect(platform.posted.map((p) => [p.key, t(p)])).toEqual([
      ["a1", 0],
      ["b1", 0],
      ["a2", 1000],
      ["a3", 2000],
    ]);
    expect(platform.maxActivePerChannel).toBe(1);
    expect(store.allRows().every((r) => r.state === "sent")).toBe(true);
  });

  it("waits out a 429's Retry-After and does not count it as a failed attempt", async () => {
    const s = await setup([destination("a")]);
    s.platform.script("a", slackError(429, "ratelimited", 5));
    await s.enqueue("a", "a1");
    await s.drain();
    expect(s.platform.posted.map((p) => [p.key, t(p)])).toEqual([["a1", 5000]]);
    expect((await s.store.find("a1"))?.attempts).toBe(0);
  });

  it("retries a 500 and a network error with backoff, and posts once when the API recovers", async () => {
    const s = await setup([destination("a")]);
    s.platform.script("a", slackError(500, "internal_error"), new TypeError("fetch failed"));
    await s.enqueue("a", "a1");
    await s.drain();
    // random() = 0: half of 2 s after the first failure, half of 4 s after the second.
    expect(s.platform.calls.map((c) => c.key)).toEqual(["a1", "a1", "a1"]);
    expect(s.platform.posted.map((p) => [p.key, t(p)])).toEqual([["a1", 3000]]);
    expect(await s.store.find("a1")).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("dead-letters a row after the attempt limit, with the last error, and the channel goes on", async () => {
    const s = await setup([destination("a")], { maxAttempts: 3 });
    s.platform.script(
      "a",
      slackError(503, undefined),
      slackError(502, undefined),
      slackError(500, undefined),
    );
    await s.enqueue("a", "a1");
    await s.drain();
    await s.enqueue("a", "a2");
    await s.drain();
    const dead = await s.store.deadLetters();
    expect(dead.map((r) => [r.key, r.lastError])).toEqual([["a1", "3 attempts failed, the last: Slack 500"]]);
    expect(s.platform.posted.map((p) => p.key)).toEqual(["a2"]);
  });

  it("dead-letters a message the platform refuses at once instead of retrying it", async () => {
    const s = await setup([destination("a")]);
    s.platform.script("a", slackError(200, "msg_too_long"));
    await s.enqueue("a", "a1");
    await s.drain();
    expect(s.platform.calls).toHaveLength(1);
    expect((await s.store.find("a1"))?.state).toBe("dead");
  });

  it("pauses a deleted channel, tells its admins once, keeps its rows, and sends them after it resumes", async () => {
    const s = await setup([destination("gone"), destination("ok")]);
    s.platform.script("gone", slackError(200, "channel_not_found"));
    for (const key of ["g1", "g2", "g3"]) await s.enqueue("gone", key);
    await s.enqueue("ok", "ok1");
    await s.drain();
    expect(s.platform.calls.filter((c) => c.channelId === "gone")).toHaveLength(1);
    expect(s.platform.posted.map((p) => p.key)).toEqual(["ok1"]);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]?.text).toContain("the channel no longer exists or the bot cannot see it");
    expect((await s.store.get("slack:T1:gone"))?.paused?.reason).toContain("no longer exists");
    expect(
      s.store
        .allRows()
        .filter((r) => r.state === "pending")
        .map((r) => r.key),
    ).toEqual(["g1", "g2", "g3"]);
    await s.store.resume("slack:T1:gone");
    await s.drain();
    expect(s.platform.posted.map((p) => p.key)).toEqual(["ok1", "g1", "g2", "g3"]);
  });

  it("treats Discord's 10003, 50001 and 50013 as permanent and a 500 as worth a retry", async () => {
    expect(discordError(404, 10003).kind).toBe("permanent");
    expect(discordError(403, 50001).kind).toBe("permanent");
    expect(discordError(403, 50013).kind).toBe("permanent");
    expect(discordError(500, undefined).kind).toBe("transient");
    expect(discordError(429, undefined, 2)).toMatchObject({ kind: "rate_limited", retryAfterMs: 2000 });
    const s = await setup([destination("d", {}, "discord")]);
    s.platform.script("d", discordError(403, 50013));
    await s.enqueue("d", "d1", { destinationKey: "discord:T1:d" });
    await s.drain();
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]?.text).toContain("Send Messages");
  });

  it("looks the key up in the channel before resending when a post's answer was lost", async () => {
    const s = await setup([destination("a")]);
    s.platform.script("a", "lost");
    await s.enqueue("a", "a1");
    await s.drain();
    expect(s.platform.calls).toHaveLength(1);
    expect(s.platform.posted.map((p) => p.key)).toEqual(["a1"]);
    expect(await s.store.find("a1")).toMatchObject({ state: "sent", messageRef: s.platform.posted[0]?.ref });
    expect(s.sender.outcomes.map((o) => o.result)).toEqual(["retry", "found"]);
  });

  it("treats a post that never answers as an unknown outcome and still posts it once", async () => {
    const s = await setup([destination("a")], { postTimeoutMs: 20 });
    s.platform.script("a", "hang");
    await s.enqueue("a", "a1");
    await s.drain();
    expect(s.platform.posted.map((p) => p.key)).toEqual(["a1"]);
    expect(s.sender.outcomes.map((o) => o.result)).toEqual(["retry", "found"]);
  });

  it("after a crash mid-send, a new sender finds what was posted and sends what was not, once each", async () => {
    const s = await setup([destination("a"), destination("b")], { leaseMs: 60_000 });
    await s.enqueue("a", "a1");
    await s.enqueue("b", "b1");
    // The first process claims both rows; its post to `a` reaches Slack, then it is killed.
    const claimed = await s.store.claimDue({ now: s.clock.now(), leaseMs: 60_000, limit: 10 });
    expect(claimed).toHaveLength(2);
    await s.platform.post({ platform: "slack", workspaceId: "T1", channelId: "a" }, textMessage("a1"), {
      idempotencyKey: "a1",
    });
    // A restarted process: nothing is claimable until the dead process's lease runs out.
    expect(await s.sender.pump()).toBe(0);
    s.clock.advance(60_000);
    await s.drain();
    expect(s.platform.posted.map((p) => p.key).sort()).toEqual(["a1", "b1"]);
    expect(s.store.allRows().every((r) => r.state === "sent")).toBe(true);
  });

  it("resends under the same key where the platform has no history lookup (Discord's nonce)", async () => {
    const clock = new FakeClock(START);
    const discord = new FakePlatform(() => clock.now().getTime(), false, true);
    const s = await setup([destination("d", {}, "discord")], { platform: discord });
    discord.script("d", "lost");
    await s.enqueue("d", "d1", { destinationKey: "discord:T1:d" });
    await s.drain();
    expect(discord.calls.map((c) => c.key)).toEqual(["d1", "d1"]);
    expect(discord.posted).toHaveLength(1);
  });

  it("posts a follow-up into the first alert's thread, after it, even when the first had to retry", async () => {
    const s = await setup([destination("a")]);
    s.platform.script("a", slackError(500, undefined));
    await s.enqueue("a", "first");
    await s.enqueue("a", "update", { kind: "follow_up", threadOf: "first" });
    await s.drain();
    const [first, update] = s.platform.posted;
    expect([first?.key, update?.key]).toEqual(["first", "update"]);
    expect(update?.threadOf).toBe(first?.ref);
  });

  it("posts a follow-up at the top level when its first alert became a dead letter", async () => {
    const s = await setup([destination("a")], { maxAttempts: 1 });
    s.platform.script("a", slackError(500, undefined));
    await s.enqueue("a", "first");
    await s.enqueue("a", "update", { kind: "follow_up", threadOf: "first" });
    await s.drain();
    expect(s.platform.posted.map((p) => [p.key, p.threadOf])).toEqual([["update", undefined]]);
  });

  it("finishes sends in flight on stop and starts no more", async () => {
    const s = await setup([destination("a"), destination("b")]);
    await s.enqueue("a", "a1");
    await s.enqueue("b", "b1");
    await s.sender.pump();
    await s.sender.stop();
    await s.enqueue("a", "a2");
    s.clock.advance(5000);
    expect(await s.sender.pump()).toBe(0);
    expect(s.platform.posted.map((p) => p.key)).toEqual(["a1", "b1"]);
    expect((await s.store.find("a2"))?.state).toBe("pending");
  });

  it("runs as a loop that picks up rows another process writes, until stopped", async () => {
    const s = await setup([destination("a"), destination("b")]);
    const loop = s.sender.run(5);
    await s.enqueue("a", "a1");
    await s.enqueue("b", "b1");
    for (let i = 0; i < 200 && s.platform.posted.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    await s.sender.stop();
    await loop;
    expect(s.platform.posted.map((p) => p.key).sort()).toEqual(["a1", "b1"]);
  });

  it("classifies errors it does not know as transient", () => {
    expect(new DeliveryError("transient", "x").kind).toBe("transient");
    expect(slackError(200, "not_in_channel").kind).toBe("permanent");
    expect(slackError(503, undefined).kind).toBe("transient");
  });
});
