import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { CONSOLE_CHANNEL, ConsoleTransport } from "../../src/chat/console-transport.js";
import { createChatCore, localCaller } from "../../src/chat/core.js";
import { renderText } from "../../src/chat/render/text.js";
import { FakeClock } from "../../src/clock.js";
import { destinationKey } from "../../src/delivery/destination.js";
import { Sender } from "../../src/delivery/sender.js";
import { runTick } from "../../src/delivery/tick.js";
import type { NormalizedItem } from "../../src/ingest/item.js";
import { silentLogger } from "../../src/log.js";
import { readSeed } from "../helpers/intel.js";
import { FakePlatform } from "./fake-transport.js";

const CONSOLE = destinationKey(CONSOLE_CHANNEL);
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function open(start: string): Promise<{ app: App; clock: FakeClock }> {
  const clock = new FakeClock(start);
  app = await createApp({ env: { INFRAWIRE_DB: ":memory:" }, log: silentLogger, clock });
  return { app, clock };
}

function item(guid: string, title: string, body: string, publishedAt: string): NormalizedItem {
  return {
    id: guid,
    url: `https://wire.example/${guid}`,
    title,
    summary: body,
    content: "",
    categories: [],
    enclosures: [],
    publishedAt,
  };
}

/** The console channel's sender, printing what it posts into `printed`. */
function consoleSender(a: App, clock: FakeClock, printed: string[], extra: { slack?: FakePlatform } = {}) {
  return new Sender({
    clock,
    outbox: a.store.delivery.outbox,
    destinations: a.store.delivery.destinations,
    transports: { console: new ConsoleTransport((t) => printed.push(t)), ...extra },
    notifyAdmins: async () => {},
    random: () => 0,
    leaseMs: 60_000,
  });
}

async function drain(sender: Sender): Promise<void> {
  while ((await sender.pump()) > 0) await sender.idle();
}

const admin = "console:tester";

async function whyText(a: App, ref: string): Promise<string> {
  const core = createChatCore(a);
  return renderText(await core.run({ command: "why", input: { text: ref }, ...localCaller("console") }));
}

describe("digests through the real store", () => {
  for (const [name, from, days, time] of [
    ["spring forward (01:30 falls in the gap)", "2026-03-27T00:00:00Z", 4, "01:30"],
    ["fall back (01:30 happens twice)", "2026-10-23T00:00:00Z", 4, "01:30"],
  ] as const) {
    it(`posts exactly one digest per local day across London's ${name}`, async () => {
      const { app: a, clock } = await open(from);
      await a.actions.changeSettings(
        CONSOLE_CHANNEL,
        { digestEnabled: true, digestTime: time, digestTimezone: "Europe/London" },
        admin,
      );
      const printed: string[] = [];
      const sender = consoleSender(a, clock, printed);
      const deps = {
        destinations: a.store.delivery.destinations,
        slots: a.store.delivery.slots,
        outbox: a.store.delivery.outbox,
        schedule: a.delivery.schedule,
        clock,
        buildDigest: a.delivery.buildDigest,
      };
      const end = new Date(from).getTime() + days * 86_400_000;
      const postedAt: string[] = [];
      while (clock.now().getTime() < end) {
        const tick = await runTick(deps);
        if (tick.queued.length > 0) postedAt.push(clock.now().toISOString());
        await drain(sender);
        // Five-minute steps (the bot ticks every 30 s): each due instant is still hit exactly.
        clock.advance(300_000);
      }
      const digests = printed.filter((t) => t.includes("Daily digest"));
      expect(digests).toHaveLength(days);
      expect(postedAt).toHaveLength(days);
      // Every local date once: the gap's 01:30 runs at the end of the gap (02:00 BST = 01:00Z),
      // the repeated 01:30 runs at its first occurrence only.
      const local = postedAt.map((t) =>
        new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", dateStyle: "short" }).format(
          new Date(t),
        ),
      );
      expect(new Set(local).size).toBe(days);
      if (from.startsWith("2026-03")) expect(postedAt).toContain("2026-03-29T01:00:00.000Z");
      else expect(postedAt).toContain("2026-10-25T00:30:00.000Z");
      // A restart (a new scheduler over the same store) sends nothing again.
      expect((await runTick(deps)).queued).toEqual([]);
    });
  }

  it("shows the next run in the channel's local time, and /digest now posts through the outbox", async () => {
    const { app: a, clock } = await open("2026-07-01T12:00:00Z");
    await a.actions.changeSettings(
      CONSOLE_CHANNEL,
      { digestEnabled: true, digestTime: "08:30", digestTimezone: "America/New_York" },
      admin,
    );
    expect((await a.actions.nextDigest(CONSOLE_CHANNEL))?.toISOString()).toBe("2026-07-01T12:30:00.000Z");
    const printed: string[] = [];
    const sender = consoleSender(a, clock, printed);
    await a.actions.postDigest(CONSOLE_CHANNEL, { title: "Daily digest — now", sections: [] }, admin);
    await drain(sender);
    expect(printed.filter((t) => t.includes("Daily digest — now"))).toHaveLength(1);
  });
});

describe("alerts from a poll, through the real store", () => {
  const T = "2026-12-01T10:00:00Z";
  const talks = item(
    "a1",
    "OpenAI in talks to raise $40 billion in funding led by SoftBank",
    "OpenAI is in talks to raise $40 billion in a funding round led by SoftBank, people familiar with the matter said.",
    "2026-12-01T10:00:00Z",
  );
  const agreed = item(
    "a2",
    "SoftBank agrees to lead $40 billion funding round in OpenAI",
    "SoftBank has agreed to lead a $40 billion funding round in OpenAI, the companies said on Tuesday.",
    "2026-12-01T14:00:00Z",
  );

  async function trackingChannel(start: string) {
    const opened = await open(start);
    await opened.app.actions.track(CONSOLE_CHANNEL, "openai", admin);
    await opened.app.actions.changeSettings(CONSOLE_CHANNEL, { alertsEnabled: true }, admin);
    const feed = (await opened.app.store.feeds.add("https://wire.example/feed", new Date(start), "Wire One"))
      .feed;
    return { ...opened, feedId: feed.id };
  }

  it("alerts once for a tracked company, then threads the follow-up (talks -> agreed) under it", async () => {
    const { app: a, clock, feedId } = await trackingChannel(T);
    const printed: string[] = [];
    const sender = consoleSender(a, clock, printed);
    await a.store.items.insert(feedId, [talks], { now: clock.now(), backfill: false });
    expect((await a.enrich()).alerts).toBe(1);
    await drain(sender);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^── #1 /);
    expect(printed[0]).toContain("OpenAI in talks to raise $40 billion");
    expect(printed[0]).toContain("Tracked here: OpenAI");

    clock.set("2026-12-01T14:05:00Z");
    await a.store.items.insert(feedId, [agreed], { now: clock.now(), backfill: false });
    await a.enrich();
    // A second pass over the same stories changes nothing and queues nothing.
    expect((await a.enrich()).alerts ?? 0).toBe(0);
    await drain(sender);
    expect(printed).toHaveLength(2);
    expect(printed[1]).toMatch(/^ {2}↳ in thread #1: Update: /);
    expect(printed[1]).toContain("status now agreed");
    const rows = await a.store.delivery.outbox.alertsForStory(CONSOLE, "s1");
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ["alert", "sent"],
      ["follow_up", "sent"],
    ]);
    // Regrouping again (another item arrives) leaves the story's revision where its facts put it.
    await a.store.items.insert(
      feedId,
      [
        item(
          "x1",
          "Oracle opens a data centre in Spain",
          "Oracle opened a data centre in Spain.",
          "2026-12-01T14:30:00Z",
        ),
      ],
      { now: clock.now(), backfill: false },
    );
    await a.enrich();
    expect((await a.store.intel.storyFacts(["s1"])).get("s1")?.revision).toBe(2);
    const why = await whyText(a, "https://wire.example/a2");
    expect(why).toContain("Reported by 1 outlet: Wire One.");
    expect(why).toContain("Alert (revision 1): posted.");
    expect(why).toContain("Follow-up (revision 2): posted.");
  });

  it("stays silent on backfill and on companies the channel does not track", async () => {
    const { app: a, clock, feedId } = await trackingChannel(T);
    const printed: string[] = [];
    await a.store.items.insert(feedId, [talks], { now: clock.now(), backfill: true });
    await a.store.items.insert(
      feedId,
      [
        item(
          "n1",
          "Nvidia agrees to buy a chip start-up for $2 billion",
          "Nvidia agreed to buy a chip start-up for $2 billion.",
          T,
        ),
      ],
      { now: clock.now(), backfill: false },
    );
    await a.enrich();
    await drain(consoleSender(a, clock, printed));
    expect(printed).toEqual([]);
    expect(await a.store.delivery.outbox.alertsForStory(CONSOLE, "s1")).toEqual([]);
    expect(await whyText(a, "s1")).toContain("Not alerted: it was stored as backfill");
    expect(await whyText(a, "https://wire.example/n1")).toContain(
      "Not alerted: it is about none of the channel's tracked companies.",
    );
    expect(await whyText(a, "s999")).toContain('No stored story matches "s999".');
  });

  it("posts an alert once when its sender dies between claim and send, or after a post it did not record", async () => {
    const { app: a, clock, feedId } = await trackingChannel(T);
    const slackRef = { platform: "slack", workspaceId: "T1", channelId: "C1" } as const;
    await a.actions.track(slackRef, "openai", admin);
    await a.actions.changeSettings(slackRef, { alertsEnabled: true }, admin);
    await a.store.items.insert(feedId, [talks], { now: clock.now(), backfill: false });
    expect((await a.enrich()).alerts).toBe(2);
    const printed: string[] = [];
    const slack = new FakePlatform(() => clock.now().getTime());
    // The first sender claims both rows, posts the Slack one without recording it, and dies.
    const claimed = await a.store.delivery.outbox.claimDue({ now: clock.now(), leaseMs: 60_000, limit: 10 });
    expect(claimed).toHaveLength(2);
    const slackRow = claimed.find((r) => r.destinationKey === "slack:T1:C1");
    if (!slackRow) throw new Error("no slack row claimed");
    await slack.post(slackRef, slackRow.message, { idempotencyKey: slackRow.key });
    // A new sender finds nothing while the dead one's lease lives, then each row once.
    const sender = consoleSender(a, clock, printed, { slack });
    await drain(sender);
    expect(printed).toEqual([]);
    clock.advance(60_000);
    await drain(sender);
    expect(printed).toHaveLength(1);
    expect(slack.posted).toHaveLength(1);
    expect((await a.store.delivery.outbox.find(slackRow.key))?.state).toBe("sent");
  });
});

describe("dead letters are shown, not swallowed", () => {
  it("lists a post that failed for good in /feeds status of its channel and in the doctor's data", async () => {
    const { app: a, clock } = await open("2026-05-01T09:00:00Z");
    await a.actions.postDigest(CONSOLE_CHANNEL, { title: "Daily digest — refused", sections: [] }, admin);
    const [row] = await a.store.delivery.outbox.claimDue({ now: clock.now(), leaseMs: 60_000, limit: 1 });
    if (!row) throw new Error("nothing claimed");
    await a.store.delivery.outbox.deadLetter(row.key, "the platform refused the message", clock.now());
    const core = createChatCore(a);
    const text = renderText(
      await core.run({ command: "feeds", input: { text: "status" }, ...localCaller("console") }),
    );
    expect(text).toContain("Posts that could not be delivered here (1)");
    expect(text).toContain("Daily digest — refused · digest · the platform refused the message");
    expect((await a.actions.deadLetters()).map((d) => d.destinationKey)).toEqual([CONSOLE]);
  });
});

describe("shutdown", () => {
  it("lets a send under way finish and records it before the store closes", async () => {
    const { app: a } = await open(new Date().toISOString());
    let started!: () => void;
    const posting = new Promise<void>((resolve) => {
      started = resolve;
    });
    const posted: string[] = [];
    a.delivery.transports.console = {
      async post(_channel, message) {
        started();
        await new Promise((r) => setTimeout(r, 200));
        posted.push(message.title);
        return { messageRef: "#1" };
      },
    };
    const key = await a.actions.postDigest(
      CONSOLE_CHANNEL,
      { title: "Daily digest — slow", sections: [] },
      admin,
    );
    a.delivery.start();
    await posting;
    await a.delivery.stop();
    expect(posted).toEqual(["Daily digest — slow"]);
    expect((await a.store.delivery.outbox.find(key))?.state).toBe("sent");
  });
});

describe("the digest after the seed day", () => {
  it("lists the ChatGPT data lawsuit that outlet B told beside the Amazon talks, under legal", async () => {
    const { app: a, clock } = await open("2025-12-16T18:00:00Z");
    const seeds: [string, string, string][] = [
      ["amazon-openai-10b-outlet-a", "Outlet A", "2025-12-16T09:00:00Z"],
      ["amazon-openai-10b-outlet-b", "Outlet B", "2025-12-16T15:00:00Z"],
    ];
    for (const [name, outlet, at] of seeds) {
      const seed = readSeed(name);
      const feed = await a.store.feeds.add(`https://${name}.example/feed`, clock.now(), outlet);
      await a.store.items.insert(feed.feed.id, [item(name, seed.title, seed.paragraphs.join("\n\n"), at)], {
        now: clock.now(),
        backfill: false,
      });
    }
    await a.enrich();
    clock.set("2025-12-17T08:00:00Z");
    const core = createChatCore(a);
    const text = renderText(
      await core.run({ command: "digest", input: { text: "preview" }, ...localCaller("console") }),
    );
    const legal = text.slice(text.indexOf("Legal and controversies"));
    expect(text).toContain("Legal and controversies");
    expect(legal).toMatch(/OpenAI · legal · filed · [^\n]*ChatGPT data[^\n]*reported in [^\n]*Outlet B/);
    // The deal stays the deal line, once.
    expect(text.match(/Amazon → OpenAI · investment/g)).toHaveLength(1);
  });
});
