import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.js";
import type { ChannelRef } from "../../src/delivery/destination.js";
import { silentLogger } from "../../src/log.js";
import { bin, root, runBinary } from "./binary.js";
import { startServer, type TestServer } from "./feed-server.js";

/** Stories a tracked channel alerts on, each its own story (checked with `infrawire analyze`). */
export const ALERT_STORIES = [
  {
    guid: "a1",
    title: "OpenAI raises $40 billion in a funding round led by SoftBank",
    body: "OpenAI raised $40 billion in a funding round led by SoftBank, the company said.",
  },
  {
    guid: "a2",
    title: "Microsoft signs $10 billion cloud computing contract with CoreWeave",
    body: "Microsoft signed a $10 billion contract for cloud computing capacity from CoreWeave.",
  },
  {
    guid: "a3",
    title: "Amazon to invest $4 billion in Anthropic",
    body: "Amazon will invest $4 billion in Anthropic, the companies said.",
  },
  {
    guid: "a4",
    title: "Nvidia to acquire Run:ai for $700 million",
    body: "Nvidia agreed to acquire Run:ai for $700 million.",
  },
  {
    guid: "a5",
    title: "Oracle plans $25 billion data center campus in Texas",
    body: "Oracle plans to build a $25 billion data center campus in Texas.",
  },
  {
    guid: "a6",
    title: "Meta is sued by authors over AI training data",
    body: "A group of authors sued Meta over the use of their books to train AI models.",
  },
] as const;

export const TRACKED = ["openai", "microsoft", "amazon", "nvidia", "oracle", "meta"];

export interface FeedItem {
  guid: string;
  title: string;
  body: string;
  at: Date;
}

export function rssOf(items: readonly FeedItem[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Fault Wire</title><link>https://fault.example/</link>${items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://fault.example/${i.guid}</link><pubDate>${i.at.toUTCString()}</pubDate><description>${i.body}</description></item>`,
    )
    .join("")}</channel></rss>`;
}

export interface Feed extends TestServer {
  /** What the next fetch answers; replace between polls. */
  items: FeedItem[];
  /** Anything but 200 makes the fetch fail with that status. */
  status: number;
  feedUrl: string;
}

/** A loopback feed whose body the test replaces between polls. */
export async function startFeed(): Promise<Feed> {
  let feed: Feed | undefined;
  const server = await startServer({
    "/feed": (_req, res) => {
      if (feed?.status !== 200) {
        res.writeHead(feed?.status ?? 503, { "content-type": "text/plain" }).end("unavailable");
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssOf(feed.items));
    },
  });
  feed = Object.assign(server, { items: [] as FeedItem[], status: 200, feedUrl: server.url("/feed") });
  return feed;
}

/** A scratch folder with a database path and a config folder (a copy of config/ plus `yaml`). */
export function scratch(yaml = ""): { dir: string; dbPath: string; configDir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "iw-faults-"));
  const configDir = join(dir, "config");
  mkdirSync(configDir);
  // A copy, so a test's infrawire.yaml never touches the checkout's.
  const source = join(root, "config");
  for (const f of readdirSync(source))
    if (f.endsWith(".yaml")) copyFileSync(join(source, f), join(configDir, f));
  if (yaml) writeFileSync(join(configDir, "infrawire.yaml"), yaml);
  return {
    dir,
    dbPath: join(dir, "bot.db"),
    configDir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const slackChannel = (channelId: string): ChannelRef => ({
  platform: "slack",
  workspaceId: "T1",
  channelId,
});

/**
 * Seeds what users would have set up: the feed, and per channel its watchlist and alerts on
 * (`/track add`, `/alerts on`), through the same actions the commands call.
 */
export async function seed(
  dbPath: string,
  options: { feedUrl: string; channels: string[]; noticeChannel?: string },
): Promise<void> {
  const app = await createApp({
    env: { INFRAWIRE_DB: dbPath, INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1" },
    log: silentLogger,
  });
  try {
    await app.store.feeds.add(options.feedUrl, app.clock.now(), "Fault Wire");
    for (const id of options.channels) {
      const channel = slackChannel(id);
      for (const entity of TRACKED) await app.actions.track(channel, entity, "UADMIN");
      await app.actions.changeSettings(channel, { alertsEnabled: true }, "UADMIN");
    }
    // What `/feeds notices` in that channel sets.
    if (options.noticeChannel) await app.actions.setNoticeChannel(slackChannel(options.noticeChannel));
  } finally {
    await app.close();
  }
}

export function botEnv(dbPath: string, slackUrl: string): Record<string, string> {
  return {
    INFRAWIRE_DB: dbPath,
    INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1",
    SLACK_BOT_TOKEN: "xoxb-faults",
    SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
    SLACK_API_URL: `${slackUrl}/api/`,
    PORT: "0",
  };
}

/** `infrawire poll --once --force` in its own process, as a user beside the bot would run it. */
export async function pollOnce(env: Record<string, string>, configDir: string): Promise<string> {
  const run = await runBinary(["poll", "--once", "--force"], { env, configDir });
  if (run.code !== 0) throw new Error(`poll --once failed (${run.code}):\n${run.stderr}`);
  return run.stdout;
}

/**
 * The feed's first poll (backfill: never alerted), then a poll that finds `stories`: their alert
 * rows are in the outbox when this returns, for the bot to send.
 */
export async function queueAlerts(
  feed: { items: FeedItem[] },
  env: Record<string, string>,
  configDir: string,
  stories: readonly { guid: string; title: string; body: string }[],
): Promise<void> {
  const now = Date.now();
  feed.items = [
    {
      guid: "old",
      title: "OpenAI opens an office in a new city",
      body: "OpenAI said it opened an office.",
      at: new Date(now - 3_600_000),
    },
  ];
  await pollOnce(env, configDir);
  feed.items = stories.map((s, i) => ({ ...s, at: new Date(now - 60_000 + i * 1000) }));
  const out = await pollOnce(env, configDir);
  if (!/Queued \d+ post/.test(out)) throw new Error(`the poll queued no alerts:\n${out}`);
}

export interface Bot {
  child: ChildProcess;
  /** The bot's HTTP server (Slack events at /slack/events). */
  url: string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** `infrawire run` with a Slack token against the fake, until it says delivery is wired. */
export async function startBot(env: Record<string, string>, configDir: string): Promise<Bot> {
  const child = spawn("node", [bin, "--config-dir", configDir, "run"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  await waitFor(
    () => /delivery transports .*slack/.test(stderr) || child.exitCode !== null,
    30_000,
    () => stderr,
  );
  if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}):\n${stderr}`);
  const url = /chat listening url=(\S+)/.exec(stderr)?.[1] ?? "";
  return { child, url, stderr: () => stderr, exited };
}

export async function stopBot(bot: Bot): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  bot.child.kill("SIGTERM");
  await bot.exited;
}

/** Polls `condition` every 50 ms until it holds or `ms` pass (then throws with `what`). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  ms: number,
  what: () => string = () => "",
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
