import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { createApp } from "../../src/app.js";
import { dispatch } from "../../src/chat/dispatch.js";
import { localContext, servicesFor } from "../../src/chat/services.js";
import { createEnrichmentRunner } from "../../src/enrich-runner.js";
import { cleanText } from "../../src/ingest/text.js";
import { createLogger, silentLogger } from "../../src/log.js";
import { loadGold } from "../helpers/gold.js";

describe("enrichment in a worker thread", () => {
  it("answers a command while a large pass runs, then stores what the pass found", async () => {
    const now = new Date("2025-11-05T12:00:00Z");
    const dir = mkdtempSync(join(tmpdir(), "iw-worker-"));
    const lines: string[] = [];
    const app = createApp({
      env: { INFRAWIRE_DB: join(dir, "w.db") },
      log: createLogger("info", (line) => lines.push(line), false),
      clock: () => now,
    });
    // 3,000 articles of the last three days: a pass of a second or more.
    const gold = loadGold();
    const feed = app.feeds.add("https://wire.example/feed", now, "Wire").feed.id;
    app.items.insert(
      feed,
      Array.from({ length: 3_000 }, (_, i) => {
        const g = gold[i % gold.length] as (typeof gold)[number];
        return {
          id: `w${i}`,
          url: `https://wire.example/${i}`,
          title: `${cleanText(g.title)} (${i})`,
          summary: cleanText(g.body),
          content: "",
          categories: [],
          enclosures: [],
          publishedAt: new Date(now.getTime() - ((i * 37) % 60) * 3_600_000).toISOString(),
        };
      }),
      { now, backfill: false },
    );
    const runner = createEnrichmentRunner(app);
    expect(runner.threaded).toBe(true);

    const finished: string[] = [];
    const pass = runner.run(now).then((result) => {
      finished.push("pass");
      return result;
    });
    const answer = dispatch(
      commands,
      "help",
      { text: "" },
      localContext(servicesFor(app), "console"),
      silentLogger,
    ).then((message) => {
      finished.push("command");
      return message;
    });
    // Items stored while the pass runs may be too late for it: the next call gets a pass that
    // follows it, shared by everyone who asks meanwhile.
    app.items.insert(
      feed,
      [
        {
          id: "late",
          url: "https://wire.example/late",
          title: "Nebius signs $17 billion capacity deal with Microsoft",
          summary: "Nebius will provide Microsoft with GPU capacity over five years.",
          content: "",
          categories: [],
          enclosures: [],
          publishedAt: now.toISOString(),
        },
      ],
      { now, backfill: false },
    );
    const following = runner.run(now);
    expect(runner.run(now)).toBe(following);
    const [result, message] = await Promise.all([pass, answer]);
    expect(finished).toEqual(["command", "pass"]);
    expect(message.title).toContain("infrawire");
    expect(result.analyzed).toBeGreaterThanOrEqual(3_000);
    expect(result.analyzed + (await following).analyzed).toBe(3_001);
    // The worker wrote through its own connection; this one reads what it stored.
    expect(app.intelStore.storyCount()).toBeGreaterThan(0);
    expect(app.intelStore.eventCount()).toBeGreaterThan(1_000);
    // Its log lines come out of this thread's logger.
    expect(lines.some((line) => line.includes("items analysed"))).toBe(true);
    await runner.close();
    await app.close();
  }, 60_000);
});
