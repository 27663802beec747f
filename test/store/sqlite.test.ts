import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { migrations } from "../../src/store/sqlite/migrations.js";
import { describeStoreContract } from "./contract.js";
import { article, seed, slackA, T0 } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "iw-store-"));
let files = 0;
const freshFile = () => join(dir, `store-${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract("sqlite in memory", () => openStore(":memory:"));
describeStoreContract("sqlite file", () => openStore(freshFile()));

describe("sqlite file store", () => {
  it("keeps what it stored across a restart, at the latest schema version", async () => {
    const path = freshFile();
    const first = await openStore(path);
    await seed(first, "https://wire.example/feed", [article("kept")], T0, "Wire");
    await first.settings.watch(slackA, "openai", "U1", T0);
    await first.close();

    const again = await openStore(path);
    expect((await again.items.latest(5)).map((i) => i.guid)).toEqual(["kept"]);
    expect(await again.settings.watchlist(slackA)).toEqual(["openai"]);
    expect(await again.health()).toEqual({
      location: `sqlite ${path}`,
      schemaVersion: migrations.at(-1)?.version,
    });
    await again.close();
  });
});

describe("sqlite migrations", () => {
  it("moves channel rows of a version 4 database to channel references with a workspace", async () => {
    const path = freshFile();
    const old = new Database(path);
    for (const migration of migrations.filter((m) => m.version <= 4)) old.exec(migration.sql);
    old.pragma("user_version = 4");
    const watch = old.prepare(
      "INSERT INTO watchlist (platform, channel_id, entity_id, added_by, added_at) VALUES (?, ?, ?, 'U1', ?)",
    );
    watch.run("console", "console", "openai", T0.toISOString());
    watch.run("slack", "C100", "nvidia", T0.toISOString());
    old
      .prepare(
        `INSERT INTO channel_settings (platform, channel_id, digest_enabled, digest_time, digest_timezone, alerts_types, updated_by, updated_at)
         VALUES ('cli', 'cli', 1, '07:45', 'Asia/Tokyo', '["legal"]', 'U1', ?)`,
      )
      .run(T0.toISOString());
    old.close();

    const store = await openStore(path);
    expect((await store.health()).schemaVersion).toBe(migrations.at(-1)?.version);
    expect(
      await store.settings.watchlist({ platform: "console", workspaceId: "local", channelId: "console" }),
    ).toEqual(["openai"]);
    // A Slack row does not say its workspace: kept under "unknown" rather than guessed.
    expect(
      await store.settings.watchlist({ platform: "slack", workspaceId: "unknown", channelId: "C100" }),
    ).toEqual(["nvidia"]);
    expect(await store.settings.watchlist(slackA)).toEqual([]);
    expect(
      await store.settings.settings({ platform: "cli", workspaceId: "local", channelId: "cli" }),
    ).toMatchObject({
      digestEnabled: true,
      digestTime: "07:45",
      digestTimezone: "Asia/Tokyo",
      alertsTypes: ["legal"],
    });
    await store.close();
  });

  it("has a version 7 database read again where a lawsuit followed another event, so its flag is stored", async () => {
    const path = freshFile();
    const old = new Database(path);
    for (const migration of migrations.filter((m) => m.version <= 7)) old.exec(migration.sql);
    old.pragma("user_version = 7");
    const item = old.prepare(
      "INSERT INTO items (id, guid, title, summary, content, fetched_at, analyzed) VALUES (?, ?, ?, '', '', ?, 1)",
    );
    item.run(1, "deal", "Amazon in talks to invest in OpenAI", T0.toISOString());
    item.run(2, "suit", "Authors sue OpenAI", T0.toISOString());
    // As version 7 stored them: a deal with a lawsuit from its body, unflagged; a lawsuit story.
    const event = old.prepare(
      `INSERT INTO events (item_id, type, parties, status, evidence, at) VALUES (?, ?, '["openai"]', ?, 'x', ?)`,
    );
    event.run(1, "investment", "talks", T0.toISOString());
    event.run(1, "legal", "filed", T0.toISOString());
    event.run(2, "legal", "filed", T0.toISOString());
    old.close();

    const store = await openStore(path);
    expect((await store.health()).schemaVersion).toBe(migrations.at(-1)?.version);
    expect((await store.intel.unanalyzed(10)).map((i) => i.id)).toEqual([1]);
    await store.close();
  });

  it("finds one company's valuations stored before version 9 indexed them by first party", async () => {
    const path = freshFile();
    const old = new Database(path);
    for (const migration of migrations.filter((m) => m.version <= 8)) old.exec(migration.sql);
    old.pragma("user_version = 8");
    const item = old.prepare(
      "INSERT INTO items (id, guid, title, summary, content, fetched_at, analyzed) VALUES (?, ?, ?, '', '', ?, 1)",
    );
    item.run(1, "openai", "OpenAI valued at $300 billion", T0.toISOString());
    item.run(2, "anthropic", "Anthropic valued, OpenAI watching", T0.toISOString());
    const event = old.prepare(
      "INSERT INTO events (id, item_id, type, amount_usd, parties, status, evidence, at) VALUES (?, ?, 'valuation', ?, ?, 'closed', 'x', ?)",
    );
    const party = old.prepare("INSERT INTO event_parties (event_id, entity_id, position) VALUES (?, ?, ?)");
    event.run(1, 1, 300e9, '["openai"]', T0.toISOString());
    party.run(1, "openai", 0);
    event.run(2, 2, 183e9, '["anthropic","openai"]', T0.toISOString());
    party.run(2, "anthropic", 0);
    party.run(2, "openai", 1);
    old.close();

    const store = await openStore(path);
    expect((await store.briefing.valuations("openai", 10)).map((v) => v.title)).toEqual([
      "OpenAI valued at $300 billion",
    ]);
    expect((await store.briefing.valuations("anthropic", 10)).map((v) => v.amountUsd)).toEqual([183e9]);
    await store.close();
  });
});
