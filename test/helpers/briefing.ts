import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../../src/app.js";
import type { CommandContext } from "../../src/chat/command.js";
import { servicesFor } from "../../src/chat/services.js";
import { enrichNewItems } from "../../src/enrich.js";
import { cleanText } from "../../src/ingest/text.js";
import { silentLogger } from "../../src/log.js";
import { loadGold } from "./gold.js";

export const NOW = new Date("2026-01-10T12:00:00Z");

/** An app on a fresh database holding the gold set as if polled from one feed per outlet. */
export function goldApp(): App {
  const dir = mkdtempSync(join(tmpdir(), "iw-brief-"));
  const app = createApp({ env: { INFRAWIRE_DB: join(dir, "brief.db") }, log: silentLogger });
  const byOutlet = new Map<string, number>();
  for (const item of loadGold()) {
    let feedId = byOutlet.get(item.outlet);
    if (feedId === undefined) {
      feedId = app.feeds.add(
        `https://${item.outlet.toLowerCase().replace(/[^a-z]+/g, "-")}.example/feed`,
        NOW,
        item.outlet,
      ).feed.id;
      byOutlet.set(item.outlet, feedId);
    }
    app.items.insert(
      feedId,
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
      { now: NOW, backfill: false },
    );
  }
  enrichNewItems(app.intelStore, app.intel(), silentLogger, NOW);
  return app;
}

export function contextFor(
  app: App,
  caller: { id: string; isAdmin: boolean },
  channelId = "C1",
): CommandContext {
  return { caller, channel: { platform: "slack", channelId }, now: NOW, services: servicesFor(app) };
}
