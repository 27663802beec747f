import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { createChatCore } from "../../src/chat/core.js";
import { renderText } from "../../src/chat/render/text.js";
import { FakeClock } from "../../src/clock.js";
import type { ChannelRef } from "../../src/delivery/destination.js";
import { DeliveryError } from "../../src/delivery/transport.js";
import { type Logger, silentLogger } from "../../src/log.js";
import { FakePlatform } from "./fake-transport.js";

const slack = (channelId: string, workspaceId = "T1"): ChannelRef => ({
  platform: "slack",
  workspaceId,
  channelId,
});

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** An app on an in-memory store whose warnings are kept, with a fake Slack as its transport. */
async function open() {
  const clock = new FakeClock("2026-06-01T12:00:00Z");
  const warnings: string[] = [];
  const log: Logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  app = await createApp({ env: { INFRAWIRE_DB: ":memory:" }, log, clock });
  const platform = new FakePlatform(() => clock.now().getTime());
  app.delivery.transports.slack = platform;
  return { app, clock, platform, warnings };
}

async function drain(a: App): Promise<void> {
  while ((await a.delivery.sender.pump()) > 0) await a.delivery.sender.idle();
}

async function alertsOn(a: App, channel: ChannelRef): Promise<void> {
  await a.actions.track(channel, "openai", "UADMIN");
  await a.actions.changeSettings(channel, { alertsEnabled: true }, "UADMIN");
}

async function feedsCommand(a: App, channel: ChannelRef, text: string): Promise<string> {
  return renderText(
    await createChatCore(a).run({
      command: "feeds",
      input: { text },
      caller: { id: "UADMIN", isAdmin: true },
      channel,
    }),
  );
}

describe("where the bot's notices go", () => {
  it("a paused channel's notice goes once to its workspace's notice channel, not another workspace's", async () => {
    const { app: a, platform } = await open();
    expect(await feedsCommand(a, slack("CADMIN"), "notices")).toContain("Notices come to this channel");
    await a.actions.setNoticeChannel(slack("COTHER", "T2"));
    await alertsOn(a, slack("CGONE"));
    await a.delivery.post(slack("CGONE"), "notice", { title: "hello", sections: [] }, "test");
    await a.delivery.post(slack("CGONE"), "notice", { title: "again", sections: [] }, "test");
    platform.script("CGONE", new DeliveryError("permanent", "Slack: channel_not_found", "channel_not_found"));
    await drain(a);
    await drain(a);
    const told = platform.posted.filter((p) => p.title === "Posting stopped");
    expect(told.map((p) => p.channelId)).toEqual(["CADMIN"]);
    expect(platform.calls.filter((c) => c.channelId === "CGONE")).toHaveLength(1);
    const status = await feedsCommand(a, slack("C1"), "status");
    expect(status).toContain("Feeds are healthy; posting stopped in 1 channel");
    expect(status).toMatch(/Channels where posting stopped \(1\)[\s\S]*CGONE/);
  });

  it("with no notice channel, or when the notice channel itself is gone, the log says it with the fix", async () => {
    const { app: a, platform, warnings } = await open();
    await a.actions.setNoticeChannel(slack("CADMIN"));
    await a.delivery.post(slack("CADMIN"), "notice", { title: "hello", sections: [] }, "test");
    platform.script("CADMIN", new DeliveryError("permanent", "Slack: is_archived", "is_archived"));
    await drain(a);
    expect(platform.posted).toHaveLength(0);
    expect(warnings.some((w) => w.startsWith("Posting stopped") && w.includes("CADMIN"))).toBe(true);
    expect(await feedsCommand(a, slack("CADMIN"), "notices off")).toContain("Notices off");
    expect(await a.actions.noticeChannel(slack("CADMIN"))).toBeUndefined();
  });

  it("a disabled feed is told to the channel that added it, else to every notice channel, else the log", async () => {
    const { app: a, clock, platform, warnings } = await open();
    const at = clock.now();
    const owned = (await a.store.feeds.add("https://one.example/feed", at, "One")).feed;
    await a.store.settings.setFeedOwner(owned.url, slack("C1"));
    expect(await a.delivery.feedDisabled(owned, "HTTP 404 (disabled after 10 failures in a row)", at)).toBe(
      1,
    );
    // The same disabling reported again (a retried write) is the same row: said once.
    expect(await a.delivery.feedDisabled(owned, "HTTP 404 (disabled after 10 failures in a row)", at)).toBe(
      0,
    );

    const orphan = (await a.store.feeds.add("https://two.example/feed", at, "Two")).feed;
    expect(await a.delivery.feedDisabled(orphan, "HTTP 410", at)).toBe(0);
    expect(warnings.some((w) => w.startsWith("Feed disabled: Two") && w.includes("/feeds enable"))).toBe(
      true,
    );

    await a.actions.setNoticeChannel(slack("CADMIN"));
    await a.actions.setNoticeChannel(slack("DADMIN", "G1"));
    expect(await a.delivery.feedDisabled(orphan, "HTTP 410", at)).toBe(2);
    await drain(a);
    expect(platform.posted.map((p) => [p.channelId, p.title]).sort()).toEqual([
      ["C1", "Feed disabled: One"],
      ["CADMIN", "Feed disabled: Two"],
      ["DADMIN", "Feed disabled: Two"],
    ]);
  });
});
