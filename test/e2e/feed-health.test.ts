import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Bot,
  botEnv,
  pollOnce,
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

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A slash command from the admin in `channel`; the slow part of the answer goes to the fake's response_url. */
async function slash(bot: Bot, slack: FakeWorkspace, command: string, text: string, channel: string) {
  const body = slashCommandBody(command, text, `${slack.url}/respond/${command}`, ADMIN_USER, channel);
  const res = await fetch(`${bot.url}/slack/events`, {
    method: "POST",
    headers: slackSignature(SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
  return res.text();
}

function count(dbPath: string, sql: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe("feed health in chat (the built binary)", () => {
  it("a feed added in a channel and then disabled is reported there once, with the command that re-enables it", async () => {
    const s = scratch("poll:\n  disableAfterFailures: 2\n");
    cleanup.push(() => s.remove());
    const slack = await startFakeWorkspace();
    cleanup.push(() => slack.close());
    const catalogue = await startFeed();
    cleanup.push(() => catalogue.close());
    const added = await startFeed();
    cleanup.push(() => added.close());
    added.items = [{ guid: "n1", title: "Nvidia opens a lab", body: "Nvidia opened a lab.", at: new Date() }];
    await seed(s.dbPath, { feedUrl: catalogue.feedUrl, channels: [] });
    const env = botEnv(s.dbPath, slack.url);
    const bot = await startBot(env, s.configDir);
    cleanup.push(() => stopBot(bot));

    // An admin adds a feed in #C1, as in Slack.
    await slash(bot, slack, "feeds", `add ${added.feedUrl}`, "C1");
    await waitFor(
      () => count(s.dbPath, `SELECT count(*) FROM feeds WHERE url = '${added.feedUrl}'`) === 1,
      20_000,
      () => bot.stderr(),
    );
    const feedId = count(s.dbPath, `SELECT id FROM feeds WHERE url = '${added.feedUrl}'`);

    // It breaks; two polls beside the bot (its own process, as a cron job would) disable it.
    added.status = 500;
    await pollOnce(env, s.configDir);
    await pollOnce(env, s.configDir);
    expect(count(s.dbPath, `SELECT count(*) FROM feeds WHERE id = ${feedId} AND status = 'disabled'`)).toBe(
      1,
    );

    const disabledNotes = () => slack.inChannel("C1").filter((m) => m.text.includes("Feed disabled"));
    await waitFor(
      () => disabledNotes().length > 0,
      20_000,
      () => bot.stderr(),
    );
    const [note] = disabledNotes();
    expect(note?.blocks).toContain(added.feedUrl);
    expect(note?.blocks).toMatch(/HTTP 500|500/);
    expect(note?.blocks).toContain(`/feeds enable ${feedId}`);

    // A disabled feed is not polled again, so nothing more is said; the notice row is one.
    await pollOnce(env, s.configDir);
    expect(count(s.dbPath, "SELECT count(*) FROM outbox WHERE key LIKE 'notice:feed-disabled:%'")).toBe(1);
    expect(count(s.dbPath, "SELECT count(*) FROM outbox WHERE state IN ('pending', 'in_flight')")).toBe(0);
    expect(disabledNotes()).toHaveLength(1);
    // No other channel heard of it (the catalogue feed is healthy; nobody else asked).
    expect(slack.messages.filter((m) => m.text.includes("Feed disabled"))).toHaveLength(1);

    // The command in the notice works.
    added.status = 200;
    const enable = await slash(bot, slack, "feeds", `enable ${feedId}`, "C1");
    const answered = enable.includes("Feed enabled")
      ? enable
      : JSON.stringify((await slack.next(/\/respond\/feeds/)).json);
    expect(answered).toContain("Feed enabled");
    expect(count(s.dbPath, `SELECT count(*) FROM feeds WHERE id = ${feedId} AND status != 'disabled'`)).toBe(
      1,
    );
  }, 90_000);
});
