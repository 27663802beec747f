import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entries, rss, startServer, type TestServer } from "../helpers/feed-server.js";
import { makeHarness } from "../helpers/harness.js";

// One loopback server that behaves like the worst of the real web, one route per misbehaviour.
let server: TestServer;
const xml = (
  res: import("node:http").ServerResponse,
  body: string | Buffer,
  headers: Record<string, string> = {},
) => res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", ...headers }).end(body);

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://x.example/1</link></item></channel></rss>`;

beforeAll(async () => {
  server = await startServer({
    "/good": (_req, res) => xml(res, rss("Good feed", entries("good", 5))),
    "/gzip": (_req, res) =>
      xml(res, gzipSync(rss("Gzip feed", entries("gzip", 3))), { "content-encoding": "gzip" }),
    "/cp1252": (_req, res) =>
      xml(
        res,
        iconv.encode(
          rss(
            "Windows feed",
            [
              {
                title: "Nvidia’s “Rubin” — €2 billion deal",
                link: "https://news.example.com/cp/1",
                guid: "cp-1",
              },
            ],
            "windows-1252",
          ),
          "windows-1252",
        ),
        { "content-type": "application/rss+xml" },
      ),
    "/utf16": (_req, res) =>
      xml(
        res,
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          iconv.encode(
            rss(
              "UTF-16 feed",
              [{ title: "Ünïcödé – 東京 data centre", link: "https://news.example.com/u16/1" }],
              "UTF-16",
            ),
            "utf-16le",
          ),
        ]),
        { "content-type": "application/xml" },
      ),
    "/hop1": (_req, res) => res.writeHead(301, { location: "/hop2" }).end(),
    "/hop2": (_req, res) => res.writeHead(302, { location: "/hop3" }).end(),
    "/hop3": (_req, res) => res.writeHead(307, { location: "/good-redirected" }).end(),
    "/good-redirected": (_req, res) => xml(res, rss("Redirected feed", entries("redir", 2))),
    "/loop-a": (_req, res) => res.writeHead(302, { location: "/loop-b" }).end(),
    "/loop-b": (_req, res) => res.writeHead(302, { location: "/loop-a" }).end(),
    "/to-metadata": (_req, res) =>
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
    "/to-lan": (_req, res) => res.writeHead(302, { location: "http://10.1.2.3/feed" }).end(),
    "/to-ftp": (_req, res) => res.writeHead(302, { location: "ftp://example.com/feed" }).end(),
    "/endless": (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (res.write(chunk)) {
          if (res.destroyed) return;
        }
        if (!res.destroyed) res.once("drain", pump);
      };
      res.write("<rss version='2.0'><channel><title>");
      pump();
    },
    "/silent": () => {
      // Never answers: the socket stays open until the client gives up.
    },
    "/html": (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(
          `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/good"></head><body>Hi</body></html>`,
        ),
    "/broken": (_req, res) => xml(res, `<rss version="2.0"><channel><title>Broken<item><title>x</channel>`),
    "/laughs": (_req, res) => xml(res, BILLION_LAUGHS),
    "/gone": (_req, res) => res.writeHead(410).end("gone"),
    "/limited": (_req, res) => res.writeHead(429, { "retry-after": "7200" }).end("slow down"),
  });
});
afterAll(async () => {
  await server.close();
});

describe("a poll cycle over hostile feeds", () => {
  it("completes, stores good items exactly once and records a readable reason for every failure", async () => {
    const h = makeHarness({ timeoutMs: 1_500, maxBytes: 512 * 1024 });
    const paths = [
      "/good",
      "/gzip",
      "/cp1252",
      "/utf16",
      "/hop1",
      "/loop-a",
      "/to-metadata",
      "/to-lan",
      "/to-ftp",
      "/endless",
      "/silent",
      "/html",
      "/broken",
      "/laughs",
      "/missing",
      "/gone",
      "/limited",
    ];
    const ids = new Map<string, number>();
    for (const p of paths) ids.set(p, (await h.feeds.add(server.url(p), h.now())).feed.id);
    const rssBefore = process.memoryUsage().rss;
    const report = await h.poller.runCycle();
    const rssGrowth = process.memoryUsage().rss - rssBefore;

    expect(report.feeds).toBe(paths.length);
    const feedsNow = new Map((await h.feeds.all()).map((f) => [f.id, f]));
    const byPath = (p: string) => feedsNow.get(ids.get(p) as number);
    const reason = (p: string) => byPath(p)?.lastError ?? "";

    for (const p of ["/good", "/gzip", "/cp1252", "/utf16", "/hop1"]) {
      expect(byPath(p)?.status, `${p}: ${reason(p)}`).toBe("ok");
    }
    // 5 + 3 + 1 + 1 + 2 good items, each exactly once.
    expect(await h.items.count()).toBe(12);
    const titles = (await h.items.latest(50)).map((i) => i.title);
    expect(titles).toContain("Nvidia’s “Rubin” — €2 billion deal");
    expect(titles).toContain("Ünïcödé – 东京 data centre".replace("东", "東"));

    expect(reason("/loop-a")).toMatch(/redirects in a loop/);
    expect(reason("/to-metadata")).toMatch(/169\.254\.169\.254 is private.*INFRAWIRE_ALLOW_PRIVATE_FEEDS/);
    expect(reason("/to-lan")).toMatch(/10\.1\.2\.3 is private/);
    expect(reason("/to-ftp")).toMatch(/redirected to a ftp URL/);
    expect(reason("/endless")).toMatch(/larger than the 512 KB limit/);
    expect(reason("/silent")).toMatch(/did not answer within 2 s/);
    expect(reason("/html")).toMatch(/HTML page.*feed at http:\/\/127\.0\.0\.1:\d+\/good/);
    expect(reason("/broken")).toMatch(/not well-formed XML/);
    expect(reason("/laughs")).toMatch(/billion-laughs/);
    expect(reason("/missing")).toMatch(/not found \(HTTP 404\)/);
    expect(reason("/gone")).toMatch(/gone for good \(HTTP 410\)/);
    expect(reason("/limited")).toMatch(/rate-limiting us \(HTTP 429\).*retry in 2\.0 h/);

    // Refused addresses and 410 cannot heal by retrying: disabled at once. The rest back off.
    expect(byPath("/to-metadata")?.status).toBe("disabled");
    expect(byPath("/gone")?.status).toBe("disabled");
    expect(byPath("/broken")?.status).toBe("failing");
    // 429's Retry-After (2 h) beats the first backoff step (5 min).
    const limitedNext = Date.parse(byPath("/limited")?.nextPollAt ?? "");
    expect(limitedNext - h.now().getTime()).toBe(2 * 3_600_000);
    const brokenNext = Date.parse(byPath("/broken")?.nextPollAt ?? "");
    expect(brokenNext - h.now().getTime()).toBe(5 * 60_000);

    // The endless body was cut at the cap, not buffered.
    expect(rssGrowth).toBeLessThan(200 * 1024 * 1024);

    // A second cycle at once finds nothing due, and a forced one adds no duplicates.
    expect((await h.poller.runCycle()).feeds).toBe(0);
    await h.poller.runCycle({ force: true });
    expect(await h.items.count()).toBe(12);
    await h.close();
  }, 30_000);
});
