/**
 * bench/poll: 1,000 feeds x 20 items on loopback servers, first cycle (all 200) and second
 * cycle (all 304). The servers run in a child process so that the peak RSS is the poller's own.
 * Run: npm run bench:poll [-- --feeds 1000 --items 20]
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { systemClock } from "../src/clock.js";
import { appConfigSchema } from "../src/config/schema.js";
import { FeedFetcher } from "../src/ingest/fetch.js";
import { Poller } from "../src/ingest/poller.js";
import { silentLogger } from "../src/log.js";
import { openStore } from "../src/store/index.js";

const HOSTS = 20;
const { values } = parseArgs({
  options: {
    feeds: { type: "string", default: "1000" },
    items: { type: "string", default: "20" },
    serve: { type: "boolean", default: false },
  },
});
const feedCount = Number(values.feeds);
const itemCount = Number(values.items);

function feedXml(feed: number): string {
  const items = Array.from({ length: itemCount }, (_, i) => {
    const n = feed * itemCount + i;
    return `<item><title>Feed ${feed} story ${i}: Nvidia and Oracle expand $${(n % 90) + 10} billion cloud deal</title>
<link>https://news${feed % 97}.example.com/2025/11/story-${n}?utm_source=rss</link><guid isPermaLink="false">story-${n}</guid>
<description>&lt;p&gt;Story ${n}: a data-centre build-out of ${(n % 9) + 1} GW, financed by a consortium of investors. The deal, reported by people familiar with the matter, would run over seven years.&lt;/p&gt;</description>
<pubDate>Mon, 03 Nov 2025 ${String(i % 24).padStart(2, "0")}:00:00 GMT</pubDate><category>AI</category></item>`;
  }).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${feed}</title><link>https://bench.example/${feed}</link>\n${items}\n</channel></rss>`;
}

/** Child process: HOSTS servers on 127.0.1.x, each answering /feed/N with ETag support. */
async function serve(): Promise<void> {
  const bodies = Array.from({ length: feedCount }, (_, i) => Buffer.from(feedXml(i)));
  const ports: number[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = createServer((req, res) => {
      const n = Number((req.url ?? "").split("/").pop());
      const body = bodies[n];
      if (!body) return res.writeHead(404).end();
      const etag = `"f${n}"`;
      if (req.headers["if-none-match"] === etag) return res.writeHead(304, { etag }).end();
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag }).end(body);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, `127.0.1.${h + 1}`, resolve));
    ports.push((server.address() as { port: number }).port);
  }
  process.send?.({ ports });
}

async function measure(): Promise<void> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [
    "--serve",
    "--feeds",
    String(feedCount),
    "--items",
    String(itemCount),
  ]);
  const ports = await new Promise<number[]>((resolve) =>
    child.once("message", (m) => resolve((m as { ports: number[] }).ports)),
  );
  const dir = mkdtempSync(join(tmpdir(), "iw-bench-"));
  const store = await openStore(join(dir, "bench.db"));
  const { feeds, items } = store;
  const fetcher = new FeedFetcher({
    timeoutMs: 20_000,
    maxBytes: 5 * 1024 * 1024,
    maxRedirects: 5,
    userAgent: "infrawire-bench",
    policy: { allowPrivate: false, allowedNetworks: ["127.0.1.0/24"] },
  });
  const settings = appConfigSchema.parse({}).poll;
  const poller = new Poller({ feeds, items, fetcher, settings, log: silentLogger, clock: systemClock });
  const now = systemClock.now();
  for (let i = 0; i < feedCount; i++) {
    const host = i % HOSTS;
    await feeds.add(`http://127.0.1.${host + 1}:${ports[host]}/feed/${i}`, now);
  }
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const rows: string[] = [];
  for (const label of ["first cycle (200)", "second cycle (304)"]) {
    const report = await poller.runCycle({ force: true });
    peak = Math.max(peak, process.memoryUsage().rss);
    const seconds = report.durationMs / 1000;
    const itemsPerSecond = Math.round(report.itemsAdded / seconds);
    rows.push(
      `| ${label} | ${report.feeds} | ${report.updated} | ${report.unchanged} | ${report.failed + report.disabled} | ${report.itemsAdded} | ${seconds.toFixed(2)} s | ${itemsPerSecond} |`,
    );
  }
  clearInterval(sampler);
  const maxRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  console.log(
    `bench/poll: ${feedCount} feeds x ${itemCount} items, ${HOSTS} loopback hosts, concurrency 16, 2 per host`,
  );
  console.log("| cycle | feeds | updated | unchanged | failed | new items | wall time | items/s |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
  console.log(`peak RSS: ${(maxRss / 1024 / 1024).toFixed(0)} MB; stored items: ${await items.count()}`);
  await fetcher.close();
  await store.close();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}

if (values.serve) await serve();
else await measure();
