import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { CONSOLE_CHANNEL, ConsoleTransport } from "../../src/chat/console-transport.js";
import { silentLogger } from "../../src/log.js";
import { startServer } from "../helpers/feed-server.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const bin = join(root, "dist/src/cli.js");
const dir = mkdtempSync(join(tmpdir(), "iw-beside-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rss = (items: { guid: string; title: string; body: string; at: Date }[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire One</title><link>https://one.example/</link>${items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://one.example/${i.guid}</link><pubDate>${i.at.toUTCString()}</pubDate><description>${i.body}</description></item>`,
    )
    .join("")}</channel></rss>`;

describe("infrawire poll --once beside a running bot", () => {
  it("writes alert rows in its own process that the bot's sender posts within seconds", async () => {
    const now = Date.now();
    let feed = rss([
      {
        guid: "old",
        title: "OpenAI opens an office in a new city",
        body: "OpenAI said it opened an office.",
        at: new Date(now - 3_600_000),
      },
    ]);
    const server = await startServer({
      "/feed": (_req, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed),
    });
    const env = {
      ...process.env,
      INFRAWIRE_DB: join(dir, "bot.db"),
      INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1",
      LOG_LEVEL: "warn",
    };
    const app = await createApp({ env, log: silentLogger });
    try {
      await app.actions.track(CONSOLE_CHANNEL, "openai", "tester");
      await app.actions.changeSettings(CONSOLE_CHANNEL, { alertsEnabled: true }, "tester");
      await app.store.feeds.add(server.url("/feed"), new Date(now), "Wire One");
      const printed: string[] = [];
      app.delivery.transports.console = new ConsoleTransport((t) => printed.push(t));
      app.delivery.start();

      // The first fetch of a feed is backfill: stored, never alerted.
      await run("node", [bin, "poll", "--once", "--force"], { cwd: root, env });
      feed = rss([
        {
          guid: "new",
          title: "OpenAI in talks to raise $40 billion in funding led by SoftBank",
          body: "OpenAI is in talks to raise $40 billion in a funding round led by SoftBank, people familiar with the matter said.",
          at: new Date(now),
        },
      ]);
      const second = await run("node", [bin, "poll", "--once", "--force"], { cwd: root, env });
      expect(second.stdout).toContain("Queued 1 post for the running bot to send");

      const deadline = Date.now() + 10_000;
      while (printed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(printed).toHaveLength(1);
      expect(printed[0]).toContain("OpenAI in talks to raise $40 billion");
      // Run again: the rows exist, so nothing more is queued or posted.
      const third = await run("node", [bin, "poll", "--once", "--force"], { cwd: root, env });
      expect(third.stdout).not.toContain("Queued");
      await new Promise((r) => setTimeout(r, 1_500));
      expect(printed).toHaveLength(1);
    } finally {
      await app.close();
      await server.close();
    }
  }, 60_000);
});
