import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../../src/app.js";
import type { CommandContext } from "../../src/chat/command.js";
import { commandContext } from "../../src/chat/core.js";
import { FakeClock } from "../../src/clock.js";
import { cleanText } from "../../src/ingest/text.js";
import { silentLogger } from "../../src/log.js";
import { type GoldItem, loadGold } from "./gold.js";

export const NOW = new Date("2026-01-10T12:00:00Z");

/** Stores gold articles as if polled from one feed per outlet (feeds are added on first sight). */
export async function storeGold(
  app: App,
  items: readonly GoldItem[],
  now: Date,
  feedUrl = (slug: string) => `https://${slug}.example/feed`,
): Promise<void> {
  for (const item of items) {
    const feed = await app.store.feeds.add(
      feedUrl(item.outlet.toLowerCase().replace(/[^a-z]+/g, "-")),
      now,
      item.outlet,
    );
    await app.store.items.insert(
      feed.feed.id,
      [
        {
          id: item.guid,
          url: item.link,
          title: cleanText(item.title),
          summary: cleanText(item.body),
          content: "",
          categories: [],
          enclosures: [],
          publishedAt: item.publishedAt,
        },
      ],
      { now, backfill: false },
    );
  }
}

/** An app on a fresh database holding the gold set as if polled from one feed per outlet. */
export async function goldApp(): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), "iw-brief-"));
  const app = await createApp({
    env: { INFRAWIRE_DB: join(dir, "brief.db") },
    log: silentLogger,
    clock: new FakeClock(NOW),
  });
  await storeGold(app, loadGold(), NOW);
  // The path the bot takes: the enrichment pass (in its worker thread, the database being a file).
  await app.enrich();
  return app;
}

export function contextFor(
  app: App,
  caller: { id: string; isAdmin: boolean },
  channelId = "C1",
): Promise<CommandContext> {
  return commandContext(app, caller, { platform: "slack", workspaceId: "T1", channelId });
}
