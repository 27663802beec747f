import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { createChatCore } from "../../src/chat/core.js";
import { type ChatFrontEnd, startChatFrontEnd } from "../../src/chat/front.js";
import { postSlackMessage } from "../../src/chat/slack.js";
import { silentLogger } from "../../src/log.js";
import {
  type FakeServer,
  HOSTILE_TITLE,
  seededChatApp,
  slackSignature,
  slashCommandBody,
  startFakeSlack,
} from "../helpers/chat.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

let app: App;
let slack: FakeServer;
let front: ChatFrontEnd;

async function postSigned(url: string, body: string, headers = slackSignature(SECRET, body)) {
  const res = await fetch(`${url}/slack/events`, { method: "POST", headers, body });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: text.startsWith("{") ? (JSON.parse(text) as SlackReply) : undefined,
  };
}

interface SlackReply {
  response_type?: string;
  text?: string;
  blocks?: {
    type: string;
    text?: { text: string };
    elements?: { text?: string | { text: string }; action_id?: string; value?: string }[];
  }[];
  replace_original?: boolean;
  delete_original?: boolean;
}

const allText = (reply: SlackReply | Record<string, unknown> | undefined) => JSON.stringify(reply ?? {});

beforeAll(async () => {
  ({ app } = await seededChatApp());
  slack = await startFakeSlack({ admins: ["U_ADMIN"] });
  front = await startChatFrontEnd(createChatCore(app), {
    env: { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slack.url}/api/` },
    port: 0,
    host: "127.0.0.1",
    log: silentLogger,
  });
});

afterAll(async () => {
  await front?.close();
  await slack?.close();
  await app?.close();
});

describe("Slack over HTTP, through a real Bolt app", () => {
  it("reports healthy once the adapter is ready", async () => {
    const res = await fetch(`${front.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it("answers every registry command with an ephemeral Block Kit message", async () => {
    for (const command of createChatCore(app).commands) {
      const text = command.name === "feeds" ? "list" : command.name === "track" ? "list" : "";
      const res = await postSigned(
        front.url,
        slashCommandBody(command.name, text, `${slack.url}/respond/${command.name}`),
      );
      expect(res.status, command.name).toBe(200);
      expect(res.json?.response_type, command.name).toBe("ephemeral");
      expect(res.json?.blocks?.[0]?.type, command.name).toBe("header");
    }
  });

  it("lists OpenAI's deals with their sources for /deals openai and offers to share them", async () => {
    const res = await postSigned(
      front.url,
      slashCommandBody("deals", "openai since:1y", `${slack.url}/respond/d`),
    );
    expect(res.status).toBe(200);
    const text = allText(res.json);
    expect(text).toMatch(/OpenAI/);
    expect(text).toMatch(/source/);
    const actions = res.json?.blocks?.find((b) => b.type === "actions");
    expect(actions?.elements?.[0]?.action_id).toBe("iw_share");
  });

  it("posts a shared answer in the channel through chat.postMessage", async () => {
    const res = await postSigned(front.url, slashCommandBody("valuations", "", `${slack.url}/respond/v`));
    const value = res.json?.blocks?.find((b) => b.type === "actions")?.elements?.[0]?.value ?? "";
    const payload = JSON.stringify({
      type: "block_actions",
      team: { id: "T1", domain: "acme" },
      user: { id: "U_MEMBER", name: "jane", team_id: "T1" },
      api_app_id: "A1",
      token: "legacy",
      container: { type: "message", message_ts: "1.2", channel_id: "C1", is_ephemeral: true },
      trigger_id: "t-share",
      channel: { id: "C1", name: "deals" },
      response_url: `${slack.url}/respond/share`,
      actions: [
        {
          type: "button",
          action_id: "iw_share",
          block_id: "b",
          value,
          action_ts: "1.3",
          text: { type: "plain_text", text: "Share in channel" },
        },
      ],
    });
    const body = new URLSearchParams({ payload }).toString();
    const click = await postSigned(front.url, body);
    expect(click.status).toBe(200);
    const post = await slack.next(/chat\.postMessage/);
    expect(post.json.channel).toBe("C1");
    expect(allText(post.json)).toMatch(/shared by jane/);
    const gone = await slack.next(/\/respond\/share/);
    expect(gone.json.delete_original).toBe(true);
  });

  it("announces a settings change in the channel with who made it", async () => {
    const res = await postSigned(
      front.url,
      slashCommandBody("track", "add nvidia", `${slack.url}/respond/track`),
    );
    expect(allText(res.json)).toMatch(/NVIDIA/i);
    const note = await slack.next(/\/respond\/track/);
    expect(note.json.response_type).toBe("in_channel");
    expect(allText(note.json)).toMatch(/jane ran.*\/track add nvidia/);
  });

  it("refuses admin actions to members and lets workspace admins (users.info) run them", async () => {
    const member = await postSigned(
      front.url,
      slashCommandBody("alerts", "on min:$1B", `${slack.url}/respond/a1`),
    );
    expect(allText(member.json)).toMatch(/is for admins/);
    const admin = await postSigned(
      front.url,
      slashCommandBody("alerts", "on min:$1B", `${slack.url}/respond/a2`, "U_ADMIN"),
    );
    expect(allText(admin.json)).not.toMatch(/is for admins/);
    expect(slack.calls.some((c) => c.path.endsWith("/users.info") && c.json.user === "U_ADMIN")).toBe(true);
  });

  it("refuses a bad signature, a stale or future timestamp and a replay with 401", async () => {
    const body = slashCommandBody("deals", "", `${slack.url}/respond/x`);
    const now = Math.floor(Date.now() / 1000);
    const bad = { ...slackSignature(SECRET, body), "x-slack-signature": `v0=${"0".repeat(64)}` };
    expect((await postSigned(front.url, body, bad)).status).toBe(401);
    expect((await postSigned(front.url, body, slackSignature("wrong-secret", body))).status).toBe(401);
    expect((await postSigned(front.url, body, slackSignature(SECRET, body, now - 6 * 60))).status).toBe(401);
    expect((await postSigned(front.url, body, slackSignature(SECRET, body, now + 6 * 60))).status).toBe(401);
    const once = slackSignature(SECRET, body);
    expect((await postSigned(front.url, body, once)).status).toBe(200);
    expect((await postSigned(front.url, body, once)).status).toBe(401);
  });

  it("never lets a hostile feed title reach Slack unescaped", async () => {
    const res = await postSigned(
      front.url,
      slashCommandBody("search", "softbank raises", `${slack.url}/respond/h`),
    );
    const text = allText(res.json);
    expect(text).toContain("&lt;!here&gt;");
    expect(text).toContain("&lt;!here&gt; &lt;@U123&gt; @everyone &lt;http://evil¦click&gt;");
    for (const raw of ["<!here>", "<@U123>", "<http://evil|click>"]) expect(text).not.toContain(raw);
    expect(text).not.toContain(HOSTILE_TITLE);
  });

  it("answers a command that throws with an apology and an error id", async () => {
    const res = await postSigned(front.url, slashCommandBody("nosuch", "", `${slack.url}/respond/n`));
    expect(allText(res.json)).toMatch(/There is no \/nosuch command/);
  });

  it("posts a message with a thread and an idempotency key in its metadata", async () => {
    const { webApi } = await import("@slack/bolt");
    const { slackClientOptions } = await import("../../src/chat/slack.js");
    const client = new webApi.WebClient("xoxb-test", slackClientOptions(`${slack.url}/api/`));
    const sent = await postSlackMessage(
      client,
      { platform: "slack", workspaceId: "T1", channelId: "C9" },
      { title: "Daily digest <!channel>", sections: [] },
      { thread: "1700000000.000001", idempotencyKey: "digest:C9:2026-12-01" },
    );
    expect(sent.ts).toBe("1700000000.000100");
    const call = slack.calls.filter((c) => c.path.endsWith("/chat.postMessage")).at(-1);
    expect(call?.json.channel).toBe("C9");
    expect(call?.json.thread_ts).toBe("1700000000.000001");
    expect(call?.json.metadata).toEqual({
      event_type: "infrawire_post",
      event_payload: { key: "digest:C9:2026-12-01" },
    });
    // The fallback text is mrkdwn (Slack would ping the channel); the header is plain_text, never parsed.
    expect(call?.json.text).toBe("Daily digest &lt;!channel&gt;");
  });
});

describe("Slack when an answer takes longer than the budget", () => {
  it("acknowledges with 'working on it' at once and sends the answer through response_url", async () => {
    const { app: slowApp } = await seededChatApp();
    const slowSlack = await startFakeSlack({ usersInfoDelayMs: 700 });
    const slowFront = await startChatFrontEnd(createChatCore(slowApp), {
      env: {
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${slowSlack.url}/api/`,
      },
      port: 0,
      host: "127.0.0.1",
      log: silentLogger,
      answerBudgetMs: 200,
    });
    try {
      const started = performance.now();
      const res = await postSigned(
        slowFront.url,
        slashCommandBody("deals", "openai since:1y", `${slowSlack.url}/respond/slow`),
      );
      expect(performance.now() - started).toBeLessThan(650);
      expect(res.json?.text).toBe("Working on it…");
      const late = await slowSlack.next(/\/respond\/slow/);
      expect(late.json.replace_original).toBe(true);
      expect(allText(late.json)).toMatch(/OpenAI/);
    } finally {
      await slowFront.close();
      await slowSlack.close();
      await slowApp.close();
    }
  });
});
