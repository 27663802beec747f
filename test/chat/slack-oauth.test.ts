import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { type ChatCore, createChatCore } from "../../src/chat/core.js";
import { type ChatFrontEnd, startChatFrontEnd } from "../../src/chat/front.js";
import { silentLogger } from "../../src/log.js";
import {
  type FakeServer,
  seededChatApp,
  slackSignature,
  slashCommandBody,
  startFake,
} from "../helpers/chat.js";

const SECRET = "0123456789abcdef0123456789abcdef";

let app: App;
let core: ChatCore;
let slack: FakeServer;
let front: ChatFrontEnd;

beforeAll(async () => {
  ({ app } = await seededChatApp());
  core = createChatCore(app);
  slack = await startFake((call) => {
    if (call.path.endsWith("/oauth.v2.access"))
      return {
        body: {
          ok: true,
          app_id: "A1",
          authed_user: { id: "U_INSTALLER" },
          scope: "commands,chat:write,chat:write.public,users:read",
          token_type: "bot",
          access_token: "xoxb-team-two",
          bot_user_id: "UBOT2",
          team: { id: "T2", name: "Team Two" },
          enterprise: null,
          is_enterprise_install: false,
        },
      };
    if (call.path.endsWith("/auth.test"))
      return {
        body: { ok: true, user_id: "UBOT2", bot_id: "BBOT2", team_id: "T2", url: "https://two.example/" },
      };
    if (call.path.endsWith("/users.info"))
      return { body: { ok: true, user: { id: String(call.json.user), is_admin: false, is_owner: false } } };
    return { body: { ok: true } };
  });
  front = await startChatFrontEnd(core, {
    env: {
      SLACK_CLIENT_ID: "111.222",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "state-secret",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
    },
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

describe("Slack multi-workspace install (OAuth)", () => {
  it("installs a workspace through /slack/install and /slack/oauth_redirect, then answers there with its token", async () => {
    const install = await fetch(`${front.url}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get("location") ?? "");
    expect(authorize.searchParams.get("client_id")).toBe("111.222");
    expect(authorize.searchParams.get("scope")).toContain("commands");
    const state = authorize.searchParams.get("state") ?? "";
    const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

    const callback = await fetch(
      `${front.url}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: "manual",
      },
    );
    expect(callback.status).toBeLessThan(400);
    const exchange = slack.calls.find((c) => c.path.endsWith("/oauth.v2.access"));
    expect(exchange?.json.code).toBe("the-code");
    const stored = JSON.parse((await core.installations.find("slack", "T2")) ?? "{}") as {
      bot?: { token: string };
    };
    expect(stored.bot?.token).toBe("xoxb-team-two");

    const body = slashCommandBody("deals", "openai since:1y", `${slack.url}/respond/t2`).replace(
      "team_id=T1",
      "team_id=T2",
    );
    const res = await fetch(`${front.url}/slack/events`, {
      method: "POST",
      headers: slackSignature(SECRET, body),
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/OpenAI/);
    const lookup = slack.calls.find((c) => c.path.endsWith("/users.info"));
    expect(lookup?.headers.authorization).toBe("Bearer xoxb-team-two");
  });

  it("refuses a callback whose state was not issued by the bot", async () => {
    const before = slack.calls.filter((c) => c.path.endsWith("/oauth.v2.access")).length;
    const forged = await fetch(`${front.url}/slack/oauth_redirect?code=x&state=forged`, {
      redirect: "manual",
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(slack.calls.filter((c) => c.path.endsWith("/oauth.v2.access")).length).toBe(before);
  });
});
