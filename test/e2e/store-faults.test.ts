import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { runBinary } from "../helpers/binary.js";
import { rss, startServer, type TestServer } from "../helpers/feed-server.js";

const FEEDS = 120;
const ITEMS_PER_FEED = 8;

let server: TestServer;
let randomGuids = 0;
beforeAll(async () => {
  const routes: Parameters<typeof startServer>[0] = {};
  for (let f = 0; f < FEEDS; f++) {
    const items = Array.from({ length: ITEMS_PER_FEED }, (_, i) => ({
      title: `Feed ${f} story ${i}: Nvidia ships racks to CoreWeave`,
      link: `https://f${f}.example/story-${i}`,
      guid: `f${f}-${i}`,
      description: "A delivery of accelerators for a new data centre.",
    }));
    routes[`/feed/${f}`] = (_q, s) =>
      s.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(`Feed ${f}`, items));
  }
  // A feed that invents new GUIDs and links on every fetch.
  routes["/random"] = (_q, s) => {
    const batch = Array.from({ length: 500 }, () => {
      randomGuids++;
      return {
        title: `Item ${randomGuids}`,
        link: `https://r.example/${randomGuids}`,
        guid: `r${randomGuids}`,
      };
    });
    s.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("Random", batch));
  };
  server = await startServer(routes);
});
afterAll(async () => {
  await server.close();
});

const env = (db: string) => ({ INFRAWIRE_DB: db, INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1" });

async function databaseWithFeeds(urls: string[]): Promise<string> {
  const db = join(mkdtempSync(join(tmpdir(), "iw-faults-")), "faults.db");
  const store = await openStore(db);
  for (const url of urls) await store.feeds.add(url, new Date("2026-01-01T00:00:00Z"));
  await store.close();
  return db;
}

describe("two processes on one database", () => {
  it("two `poll --once --force` at once over 120 feeds: no lock errors, nothing missing, no feed blamed", async () => {
    const db = await databaseWithFeeds(Array.from({ length: FEEDS }, (_, f) => server.url(`/feed/${f}`)));
    const [a, b] = await Promise.all([
      runBinary(["poll", "--once", "--force", "--json"], { env: env(db) }),
      runBinary(["poll", "--once", "--force", "--json"], { env: env(db) }),
    ]);
    for (const run of [a, b]) {
      expect(run.stderr).not.toMatch(/locked|busy/i);
      expect(run.code).toBe(0);
    }
    const store = await openStore(db);
    try {
      expect(await store.items.count()).toBe(FEEDS * ITEMS_PER_FEED);
      const feeds = await store.feeds.all();
      expect(feeds.filter((f) => f.status !== "ok").map((f) => `${f.url}: ${f.lastError}`)).toEqual([]);
      expect(feeds.every((f) => f.consecutiveFailures === 0)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe("a read-only database", () => {
  it("poll says so, exits non-zero, and does not count it against the feeds", async () => {
    const db = await databaseWithFeeds([server.url("/feed/1"), server.url("/feed/2")]);
    // Root writes any file whatever its mode, so as root the poll runs as the unprivileged `nobody`.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    chmodSync(join(db, ".."), 0o755);
    chmodSync(db, 0o444);
    const run = await runBinary(["poll", "--once", "--force"], {
      env: env(db),
      ...(uid !== undefined ? { uid } : {}),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: The database.* is read-only/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    chmodSync(db, 0o644);
    const store = await openStore(db);
    try {
      const feeds = await store.feeds.all();
      expect(feeds.map((f) => [f.status, f.consecutiveFailures, f.lastError])).toEqual([
        ["ok", 0, null],
        ["ok", 0, null],
      ]);
      expect(await store.items.count()).toBe(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe("a feed that invents new items on every fetch", () => {
  it("stores at most the per-poll cap each time and says so in feeds list", async () => {
    const db = await databaseWithFeeds([server.url("/random")]);
    for (let i = 0; i < 2; i++) {
      const poll = await runBinary(["poll", "--once", "--force"], { env: env(db) });
      expect(poll.code).toBe(0);
    }
    const list = await runBinary(["feeds", "list", "--json"], { env: env(db) });
    const [feed] = JSON.parse(list.stdout) as { itemCount: number; note?: string }[];
    // The shipped cap is 200 new items per feed per poll.
    expect(feed?.itemCount).toBe(400);
    expect(feed?.note).toBe("300 new items over the cap of 200 per poll were left out");
    const text = await runBinary(["feeds", "list"], { env: env(db) });
    expect(text.stdout).toContain("↳ 300 new items over the cap of 200 per poll were left out");
  }, 60_000);
});
