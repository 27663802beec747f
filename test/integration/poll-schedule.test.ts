import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { backoffMs } from "../../src/ingest/poller.js";
import { entries, rss, startServer, type TestServer } from "../helpers/feed-server.js";
import { makeHarness, pollSettings } from "../helpers/harness.js";

const MINUTE = 60_000;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function conditional(body: () => string, validators: { etag?: string; lastModified?: string }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (validators.etag && req.headers["if-none-match"] === validators.etag) return res.writeHead(304).end();
    if (validators.lastModified && req.headers["if-modified-since"] === validators.lastModified) {
      return res.writeHead(304).end();
    }
    const headers: Record<string, string> = { "content-type": "application/rss+xml" };
    if (validators.etag) headers.etag = validators.etag;
    if (validators.lastModified) headers["last-modified"] = validators.lastModified;
    res.writeHead(200, headers).end(body());
  };
}

describe("conditional GET", () => {
  it("answers an unchanged feed with one 304 and stores nothing twice (ETag and Last-Modified)", async () => {
    const lastModified = "Wed, 05 Nov 2025 10:00:00 GMT";
    server = await startServer({
      "/etag": conditional(() => rss("E", entries("etag", 3)), { etag: '"v1"' }),
      "/lm": conditional(() => rss("L", entries("lm", 2)), { lastModified }),
    });
    const h = makeHarness();
    await h.feeds.add(server.url("/etag"), h.now());
    await h.feeds.add(server.url("/lm"), h.now());
    const first = await h.poller.runCycle();
    expect(first.itemsAdded).toBe(5);

    h.advance(16 * MINUTE);
    const before = server.requests.length;
    const second = await h.poller.runCycle();
    expect(second.unchanged).toBe(2);
    expect(second.itemsAdded).toBe(0);
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.find((r) => r.path === "/etag")?.headers["if-none-match"]).toBe('"v1"');
    expect(sent.find((r) => r.path === "/lm")?.headers["if-modified-since"]).toBe(lastModified);
    expect(await h.items.count()).toBe(5);
    await h.close();
  });

  it("does not poll a healthy feed again before its interval", async () => {
    server = await startServer({ "/f": (_q, s) => s.writeHead(200).end(rss("F", entries("f", 1))) });
    const h = makeHarness();
    await h.feeds.add(server.url("/f"), h.now());
    await h.poller.runCycle();
    h.advance(14 * MINUTE);
    expect((await h.poller.runCycle()).feeds).toBe(0);
    h.advance(1 * MINUTE);
    expect((await h.poller.runCycle()).feeds).toBe(1);
    await h.close();
  });
});

describe("failures and backoff", () => {
  it("backs off 5 min x 2^n up to a day", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, pollSettings) / MINUTE)).toEqual([5, 10, 20, 40]);
    expect(backoffMs(12, pollSettings)).toBe(24 * 60 * MINUTE);
  });

  it("disables a feed after 10 failures in a row with its reason, and a success resets the count", async () => {
    let healthy = false;
    server = await startServer({
      "/flaky": (_q, s) =>
        healthy ? s.writeHead(200).end(rss("F", entries("flaky", 1))) : s.writeHead(500).end(),
    });
    const h = makeHarness();
    const id = (await h.feeds.add(server.url("/flaky"), h.now())).feed.id;
    for (let i = 1; i <= 3; i++) {
      const report = await h.poller.runCycle();
      expect(report.failed).toBe(1);
      const feed = await h.feeds.byId(id);
      expect(feed?.consecutiveFailures).toBe(i);
      expect(Date.parse(feed?.nextPollAt ?? "") - h.now().getTime()).toBe(5 * MINUTE * 2 ** (i - 1));
      h.advance(24 * 60 * MINUTE);
    }
    healthy = true;
    await h.poller.runCycle();
    expect(await h.feeds.byId(id)).toMatchObject({ status: "ok", consecutiveFailures: 0, lastError: null });

    healthy = false;
    for (let i = 1; i <= 10; i++) {
      h.advance(24 * 60 * MINUTE);
      await h.poller.runCycle();
    }
    const feed = await h.feeds.byId(id);
    expect(feed?.status).toBe("disabled");
    expect(feed?.lastError).toBe("the server failed (HTTP 500) (disabled after 10 failures in a row)");
    h.advance(48 * 60 * MINUTE);
    expect((await h.poller.runCycle()).feeds).toBe(0);
    // --force does not wake disabled feeds; enabling does.
    expect((await h.poller.runCycle({ force: true })).feeds).toBe(0);
    await h.feeds.enable(id);
    expect((await h.poller.runCycle()).feeds).toBe(1);
    await h.close();
  });

  it("--force polls a feed that is backing off", async () => {
    server = await startServer({ "/down": (_q, s) => s.writeHead(503).end() });
    const h = makeHarness();
    await h.feeds.add(server.url("/down"), h.now());
    await h.poller.runCycle();
    expect((await h.poller.runCycle()).feeds).toBe(0);
    expect((await h.poller.runCycle({ force: true })).feeds).toBe(1);
    await h.close();
  });
});

describe("items", () => {
  it("stores a new feed's first items as backfill and later ones as fresh news", async () => {
    let list = entries("bf", 3);
    server = await startServer({ "/bf": (_q, s) => s.writeHead(200).end(rss("B", list)) });
    const h = makeHarness();
    await h.feeds.add(server.url("/bf"), h.now());
    const first = await h.poller.runCycle();
    expect(first.itemsAdded).toBe(3);
    expect(first.freshItemIds).toEqual([]);
    expect((await h.items.latest(10)).every((i) => i.backfill)).toBe(true);

    list = [
      ...entries("bf", 3),
      { title: "Fresh deal", link: "https://news.example.com/fresh", guid: "fresh" },
    ];
    h.advance(16 * MINUTE);
    const second = await h.poller.runCycle();
    expect(second.freshItemIds).toHaveLength(1);
    expect(await h.items.byId(second.freshItemIds[0] as number)).toMatchObject({
      title: "Fresh deal",
      backfill: false,
    });
    await h.close();
  });

  it("stores one article once when two feeds carry it under different tracking links", async () => {
    const shared = { title: "OpenAI signs $38 billion AWS deal", guid: "x" };
    server = await startServer({
      "/a": (_q, s) =>
        s
          .writeHead(200)
          .end(rss("A", [{ ...shared, link: "https://www.news.example.com/openai-aws?utm_source=rss#top" }])),
      "/b": (_q, s) =>
        s
          .writeHead(200)
          .end(
            rss("B", [{ ...shared, guid: "y", link: "http://news.example.com/openai-aws/?utm_medium=feed" }]),
          ),
    });
    const h = makeHarness();
    const a = (await h.feeds.add(server.url("/a"), h.now())).feed.id;
    const b = (await h.feeds.add(server.url("/b"), h.now())).feed.id;
    await h.poller.runCycle();
    expect(await h.items.count()).toBe(1);
    const counts = Object.fromEntries((await h.feeds.summaries()).map((f) => [f.id, f.itemCount]));
    expect(counts).toEqual({ [a]: 1, [b]: 1 });
    await h.close();
  });

  it("identifies items without guid or link by title and date, so they are not stored twice", async () => {
    const body = `<rss version="2.0"><channel><title>T</title>
      <item><title>No link here</title><pubDate>Mon, 03 Nov 2025 12:00:00 GMT</pubDate></item>
      <item><title>No link either</title></item></channel></rss>`;
    server = await startServer({ "/nolink": (_q, s) => s.writeHead(200).end(body) });
    const h = makeHarness();
    await h.feeds.add(server.url("/nolink"), h.now());
    await h.poller.runCycle();
    await h.poller.runCycle({ force: true });
    expect(await h.items.count()).toBe(2);
    await h.close();
  });

  it("keeps purged items from coming back as news while the feed still lists them", async () => {
    server = await startServer({ "/old": (_q, s) => s.writeHead(200).end(rss("O", entries("old", 2))) });
    const h = makeHarness();
    await h.feeds.add(server.url("/old"), h.now());
    await h.poller.runCycle();
    h.advance(100 * 24 * 60 * MINUTE);
    expect(await h.items.purgeBefore(new Date(h.now().getTime() - 90 * 24 * 60 * MINUTE))).toBe(2);
    const again = await h.poller.runCycle();
    expect(again.itemsAdded).toBe(0);
    expect(await h.items.count()).toBe(0);
    await h.close();
  });
});

describe("politeness", () => {
  it("keeps at most 2 requests open per host name while other hosts proceed", async () => {
    const slow = (_q: IncomingMessage, s: ServerResponse) => {
      setTimeout(() => s.writeHead(200).end(rss("S", entries(String(Math.random()), 1))), 150);
    };
    const routes = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/s${i}`, slow]));
    server = await startServer(routes);
    const other = await startServer(routes, "127.0.0.2");
    const h = makeHarness({}, { concurrency: 16 });
    for (let i = 0; i < 8; i++) await h.feeds.add(server.url(`/s${i}`), h.now());
    for (let i = 0; i < 8; i++) await h.feeds.add(other.url(`/s${i}`), h.now());
    const report = await h.poller.runCycle();
    expect(report.updated).toBe(16);
    expect(server.maxConcurrent).toBe(2);
    expect(other.maxConcurrent).toBe(2);
    await other.close();
    await h.close();
  });
});
