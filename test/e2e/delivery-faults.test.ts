import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runBinary } from "../helpers/binary.js";
import {
  ALERT_STORIES,
  type Bot,
  botEnv,
  queueAlerts,
  scratch,
  seed,
  startBot,
  startFeed,
  stopBot,
  waitFor,
} from "../helpers/bot-process.js";
import { slackSignature, slashCommandBody } from "../helpers/chat.js";
import { ADMIN_USER, type FakeWorkspace, startFakeWorkspace } from "../helpers/slack-workspace.js";

const SECRET = "0123456789abcdef0123456789abcdef";

/** A slash command as Slack sends it to the bot, signed; the bot's answer as the user sees it. */
async function slash(bot: Bot, command: string, text: string, channel: string): Promise<string> {
  const body = slashCommandBody(command, text, "http://127.0.0.1:9/respond", ADMIN_USER, channel);
  const res = await fetch(`${bot.url}/slack/events`, {
    method: "POST",
    headers: slackSignature(SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

/**
 * Faults with a real process: the built `infrawire run` posts alerts to a fake Slack workspace on
 * loopback that keeps what it was sent. Each test says what a person in the channel sees: every
 * alert's story exactly once — nothing lost, nothing doubled.
 */

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(options: {
  yaml?: string;
  channels: string[];
  stories?: readonly { guid: string; title: string; body: string }[];
  workspace: FakeWorkspace;
  noticeChannel?: string;
}) {
  const s = scratch(options.yaml);
  cleanup.push(() => s.remove());
  const feed = await startFeed();
  cleanup.push(() => feed.close());
  cleanup.push(() => options.workspace.close());
  await seed(s.dbPath, {
    feedUrl: feed.feedUrl,
    channels: options.channels,
    ...(options.noticeChannel ? { noticeChannel: options.noticeChannel } : {}),
  });
  const env = botEnv(s.dbPath, options.workspace.url);
  const stories = options.stories ?? ALERT_STORIES;
  await queueAlerts(feed, env, s.configDir, stories);
  return { ...s, env, stories, feed };
}

function track(bot: Bot): Bot {
  cleanup.push(() => stopBot(bot));
  return bot;
}

/** How many times each story's headline shows among the channel's messages. */
function sightings(slack: FakeWorkspace, channel: string, titles: readonly string[]): Record<string, number> {
  const seen = slack.inChannel(channel);
  return Object.fromEntries(titles.map((t) => [t, seen.filter((m) => m.text.includes(t)).length]));
}

const once = (titles: readonly string[]) => Object.fromEntries(titles.map((t) => [t, 1]));

/** Outbox rows not yet final (pending or in flight): 0 once the bot has nothing more to send. */
function openRows(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT count(*) FROM outbox WHERE state IN ('pending', 'in_flight')")
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

function sentRows(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT count(*) FROM outbox WHERE state = 'sent'").pluck().get() as number;
  } finally {
    db.close();
  }
}

function deadRows(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT key || ': ' || last_error FROM outbox WHERE state = 'dead'")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe("delivery faults against the built binary and a fake Slack", () => {
  it("kill -9 while a batch is in flight, restart: every alert is in each channel exactly once", async () => {
    // Slow answers: a post reaches Slack (kept) a second before the bot learns so, so a kill
    // lands between the two: that post's outcome is unknown to the next bot.
    const slack = await startFakeWorkspace(() => ({ keep: true, delayMs: 1_200 }));
    const t = await setUp({
      // Short claims, so the restarted bot takes over the dead one's sends within seconds.
      yaml: "delivery:\n  postTimeoutSeconds: 3\n  leaseSeconds: 4\n",
      channels: ["C1", "C2"],
      workspace: slack,
    });
    const titles = t.stories.map((s) => s.title);
    const first = await startBot(t.env, t.configDir);
    await waitFor(
      () => slack.posts().length >= 4,
      30_000,
      () => first.stderr(),
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const reachedBeforeKill = slack.messages.length;
    expect(reachedBeforeKill).toBeGreaterThanOrEqual(4);
    expect(reachedBeforeKill).toBeLessThan(titles.length * 2);
    // Slack holds posts the dead bot never learned were made: a blind resend would double them.
    expect(sentRows(t.dbPath)).toBeLessThan(reachedBeforeKill);
    expect(openRows(t.dbPath)).toBeGreaterThan(0);

    const second = track(await startBot(t.env, t.configDir));
    await waitFor(
      () => openRows(t.dbPath) === 0,
      40_000,
      () => second.stderr(),
    );
    expect(sightings(slack, "C1", titles)).toEqual(once(titles));
    expect(sightings(slack, "C2", titles)).toEqual(once(titles));
    expect(slack.messages).toHaveLength(titles.length * 2);
    // The unknown outcomes were settled by reading the channel, not by posting again.
    expect(slack.calls.some((c) => c.path.endsWith("/conversations.history"))).toBe(true);
    expect(deadRows(t.dbPath)).toEqual([]);
  }, 90_000);

  it("Slack answering 500 and then 200: the alert arrives once, after a retry", async () => {
    const slack = await startFakeWorkspace((_call, index) =>
      index === 0 ? { status: 500, body: { ok: false, error: "internal_error" } } : undefined,
    );
    const t = await setUp({ channels: ["C1"], stories: ALERT_STORIES.slice(0, 1), workspace: slack });
    const title = t.stories[0]?.title ?? "";
    const bot = track(await startBot(t.env, t.configDir));
    await waitFor(
      () => openRows(t.dbPath) === 0,
      30_000,
      () => bot.stderr(),
    );
    const posts = slack.posts();
    expect(posts).toHaveLength(2);
    expect(sightings(slack, "C1", [title])).toEqual({ [title]: 1 });
    expect(slack.messages).toHaveLength(1);
    expect(deadRows(t.dbPath)).toEqual([]);
  }, 60_000);

  it("429 with Retry-After: the next post to the channel waits that long, and each alert arrives once", async () => {
    const arrivals: number[] = [];
    const slack = await startFakeWorkspace((_call, index) => {
      arrivals.push(Date.now());
      return index === 0
        ? { status: 429, headers: { "retry-after": "2" }, body: { ok: false, error: "ratelimited" } }
        : undefined;
    });
    const t = await setUp({ channels: ["C1"], stories: ALERT_STORIES.slice(0, 3), workspace: slack });
    const titles = t.stories.map((s) => s.title);
    const bot = track(await startBot(t.env, t.configDir));
    await waitFor(
      () => openRows(t.dbPath) === 0,
      30_000,
      () => bot.stderr(),
    );
    expect(sightings(slack, "C1", titles)).toEqual(once(titles));
    expect(slack.messages).toHaveLength(3);
    const [limited, next] = arrivals;
    expect(next).toBeDefined();
    // Retry-After: 2 (seconds); a few ms of slack for the two clocks' rounding.
    expect((next ?? 0) - (limited ?? 0)).toBeGreaterThanOrEqual(1_990);
    expect(deadRows(t.dbPath)).toEqual([]);
  }, 60_000);

  it("a deleted channel pauses its destination: nothing more is tried there, others get theirs, admins are told once", async () => {
    let gone = true;
    const slack = await startFakeWorkspace((call) =>
      gone && call.json.channel === "CGONE" ? { body: { ok: false, error: "channel_not_found" } } : undefined,
    );
    const t = await setUp({
      channels: ["C1", "CGONE"],
      stories: ALERT_STORIES.slice(0, 3),
      workspace: slack,
      // An admin ran /feeds notices in #admin (CADMIN) earlier.
      noticeChannel: "CADMIN",
    });
    const titles = t.stories.map((s) => s.title);
    const bot = track(await startBot(t.env, t.configDir));
    await waitFor(
      () => sightings(slack, "C1", titles)[titles[2] ?? ""] === 1 && slack.inChannel("CADMIN").length > 0,
      30_000,
      () => bot.stderr(),
    );
    expect(sightings(slack, "C1", titles)).toEqual(once(titles));
    // One attempt in the deleted channel, then nothing: its other alerts wait, not retried.
    expect(slack.posts().filter((c) => c.json.channel === "CGONE")).toHaveLength(1);
    const notices = slack.inChannel("CADMIN");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("Posting stopped");
    expect(notices[0]?.blocks).toContain("CGONE");
    expect(notices[0]?.blocks).toContain("no longer exists");

    const doctor = await runBinary(["doctor"], { env: { INFRAWIRE_DB: t.dbPath }, configDir: t.configDir });
    expect(doctor.stdout).toContain("1 channel where posting stopped");
    expect(doctor.stdout).toMatch(/slack:T1:CGONE since .* the channel no longer exists/);
    const status = await slash(bot, "feeds", "status", "C1");
    expect(status).toContain("Channels where posting stopped (1)");
    expect(status).toContain("CGONE");
    // Still nothing more tried there, and no second notice.
    expect(slack.posts().filter((c) => c.json.channel === "CGONE")).toHaveLength(1);
    expect(slack.inChannel("CADMIN")).toHaveLength(1);
    // Nothing queued for it is lost: the channel is back, an admin turns alerts on again there,
    // and its waiting alerts go out, each once.
    expect(openRows(t.dbPath)).toBe(titles.length);
    gone = false;
    expect(await slash(bot, "alerts", "on", "CGONE")).toContain("Alerts on");
    await waitFor(
      () => openRows(t.dbPath) === 0,
      30_000,
      () => bot.stderr(),
    );
    expect(sightings(slack, "CGONE", titles)).toEqual(once(titles));
    expect(slack.inChannel("CADMIN")).toHaveLength(1);
  }, 60_000);
});
