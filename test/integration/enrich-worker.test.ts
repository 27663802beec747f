import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createChatCore, localCaller } from "../../src/chat/core.js";
import { FakeClock } from "../../src/clock.js";
import { enrichNewItems } from "../../src/enrich/enrich.js";
import { createEnrichmentRunner } from "../../src/enrich/runner.js";
import { cleanText } from "../../src/ingest/text.js";
import { createLogger } from "../../src/log.js";
import { loadGold } from "../helpers/gold.js";

describe("enrichment in a worker thread", () => {
  it("answers a command while a large pass runs, then stores what the pass found", async () => {
    const clock = new FakeClock("2025-11-05T12:00:00Z");
    const now = clock.now();
    const dir = mkdtempSync(join(tmpdir(), "iw-worker-"));
    const lines: string[] = [];
    const app = await createApp({
      env: { INFRAWIRE_DB: join(dir, "w.db") },
      log: createLogger("info", (line) => lines.push(line), false),
      clock,
    });
    // 3,000 articles of the last three days: a pass of a second or more.
    const gold = loadGold();
    const feed = (await app.store.feeds.add("https://wire.example/feed", now, "Wire")).feed.id;
    await app.store.items.insert(
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
    const runner = createEnrichmentRunner({
      configDir: app.config.configDir,
      databasePath: app.config.databasePath,
      log: app.log,
      inline: async (at) =>
        enrichNewItems(app.store.intel, await app.intel.get(), app.log, { now: () => at }),
    });
    expect(runner.threaded).toBe(true);
    // The first context build records which entity names the stored intel was read with.
    await app.intel.get();
    // Hold the write lock from a third connection: the worker's pass cannot store anything until
    // it is released, so the order below does not depend on how fast the machine is.
    const blocker = new Database(app.config.databasePath);
    blocker.exec("BEGIN IMMEDIATE");

    let passDone = false;
    const pass = runner.run(now).then((result) => {
      passDone = true;
      return result;
    });
    const core = createChatCore(app);
    const message = await core.run({
      command: "deals",
      input: { text: "since:1y" },
      ...localCaller("console"),
    });
    // The command was answered from this thread while the pass waited in the worker.
    expect(message.title).toContain("Deals");
    expect(passDone).toBe(false);
    // Items stored while the pass runs may be too late for it: the next call gets a pass that
    // follows it, shared by everyone who asks meanwhile.
    blocker.exec("COMMIT");
    blocker.close();
    await app.store.items.insert(
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
    const result = await pass;
    expect(result.analyzed).toBeGreaterThanOrEqual(3_000);
    expect(result.analyzed + (await following).analyzed).toBe(3_001);
    // The worker wrote through its own connection; this one reads what it stored.
    expect(await app.store.intel.storyCount()).toBeGreaterThan(0);
    expect(await app.store.intel.eventCount()).toBeGreaterThan(1_000);
    // Its log lines come out of this thread's logger.
    expect(lines.some((line) => line.includes("items analysed"))).toBe(true);
    await runner.close();
    await app.close();
  }, 60_000);
});
