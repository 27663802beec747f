import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { createChatCore } from "../../src/chat/core.js";
import {
  createDiscordGateway,
  discordNonce,
  discordRest,
  postDiscordMessage,
} from "../../src/chat/discord.js";
import { type ChatFrontEnd, startChatFrontEnd } from "../../src/chat/front.js";
import { silentLogger } from "../../src/log.js";
import {
  discordInteraction,
  discordKeys,
  type FakeServer,
  seededChatApp,
  startFakeDiscord,
} from "../helpers/chat.js";
import { rss, startServer, type TestServer } from "../helpers/feed-server.js";

const keys = discordKeys();
const MANAGE_GUILD = String(1 << 5);

let app: App;
let discord: FakeServer;
let front: ChatFrontEnd;
let slowFeed: TestServer;

interface InteractionReply {
  type: number;
  data?: {
    flags?: number;
    embeds?: { title?: string; description?: string; footer?: { text: string } }[];
    allowed_mentions?: { parse: string[] };
    components?: { components: { custom_id: string; label: string }[] }[];
    choices?: { name: string; value: string }[];
  };
}

async function post(body: string, headers: Record<string, string> = keys.sign(body)) {
  const res = await fetch(`${front.url}/discord/interactions`, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as InteractionReply) : undefined };
}

const command = (name: string, options: Record<string, string>, extra: { permissions?: string } = {}) =>
  discordInteraction(
    2,
    {
      id: "9",
      name,
      type: 1,
      options: Object.entries(options).map(([k, v]) => ({ name: k, type: 3, value: v })),
    },
    extra,
  );

beforeAll(async () => {
  ({ app } = await seededChatApp({ env: { INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1" } }));
  discord = await startFakeDiscord();
  // A feed that takes longer to answer than the adapter's budget: /feeds add polls it at once.
  slowFeed = await startServer({
    "/slow.xml": (_req, res) => {
      setTimeout(() => {
        res
          .writeHead(200, { "content-type": "application/rss+xml" })
          .end(rss("Slow Wire", [{ title: "Nvidia ships racks", link: "https://slow.example/1" }]));
      }, 600);
    },
  });
  front = await startChatFrontEnd(createChatCore(app), {
    env: {
      INFRAWIRE_DISCORD_MODE: "http",
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_APP_ID: "1000000000000000001",
      DISCORD_API_URL: `${discord.url}/api`,
    },
    port: 0,
    host: "127.0.0.1",
    log: silentLogger,
    answerBudgetMs: 250,
  });
});

afterAll(async () => {
  await front?.close();
  await discord?.close();
  await slowFeed?.close();
  await app?.close();
});

describe("Discord HTTP interactions", () => {
  it("answers PING with PONG and refuses a bad signature with 401", async () => {
    const ping = JSON.stringify({
      type: 1,
      id: "1",
      application_id: "1000000000000000001",
      token: "t",
      version: 1,
    });
    expect(await post(ping)).toEqual({ status: 200, json: { type: 1 } });
    const other = discordKeys();
    expect((await post(ping, other.sign(ping))).status).toBe(401);
    const tampered = ping.replace('"t"', '"u"');
    expect((await post(tampered, keys.sign(ping))).status).toBe(401);
    expect((await post(ping, { "content-type": "application/json" })).status).toBe(401);
  });

  it("answers /deals in time, ephemeral, with mentions disabled and a Share button", async () => {
    const res = await post(JSON.stringify(command("deals", { entity: "openai", since: "1y" })));
    expect(res.status).toBe(200);
    expect(res.json?.type).toBe(4);
    expect(res.json?.data?.allowed_mentions).toEqual({ parse: [] });
    expect(res.json?.data?.flags).toBe(64);
    expect(JSON.stringify(res.json?.data?.embeds)).toMatch(/OpenAI/);
    expect(res.json?.data?.components?.[0]?.components[0]?.label).toBe("Share");
  });

  it("keeps a hostile feed title from pinging anyone", async () => {
    const res = await post(JSON.stringify(command("search", { words: "softbank raises" })));
    const text = JSON.stringify(res.json?.data?.embeds);
    expect(text).toContain("OpenAI raises $9B");
    expect(text).not.toMatch(/@everyone|<@U123>|<!here>/);
    expect(res.json?.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it("defers a slow answer and sends it as a PATCH of @original, then announces the change", async () => {
    const url = slowFeed.url("/slow.xml");
    const res = await post(
      JSON.stringify(command("feeds", { action: "add", url }, { permissions: MANAGE_GUILD })),
    );
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    const patch = await discord.next(
      /^PATCH \/api\/v10\/webhooks\/1000000000000000001\/interaction-token-\d+\/messages\/%40original$/,
    );
    expect(patch.json.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(patch.json.embeds)).toMatch(/Slow Wire|Added/);
    const note = await discord.next(
      /^POST \/api\/v10\/webhooks\/1000000000000000001\/interaction-token-\d+$/,
    );
    expect(JSON.stringify(note.json)).toMatch(/jane ran/);
    expect(note.json.allowed_mentions).toEqual({ parse: [] });
  });

  it("refuses an admin action to a member without Manage Server", async () => {
    const res = await post(JSON.stringify(command("alerts", { action: "on", min: "$1B" })));
    expect(JSON.stringify(res.json?.data?.embeds)).toMatch(/is for admins/);
  });

  it("suggests company names while the user types", async () => {
    const body = discordInteraction(4, {
      id: "9",
      name: "deals",
      type: 1,
      options: [{ name: "entity", type: 3, value: "open", focused: true }],
    });
    const res = await post(JSON.stringify(body));
    expect(res.json?.type).toBe(8);
    expect(res.json?.data?.choices).toContainEqual({ name: "OpenAI", value: "openai" });
  });

  it("posts a shared answer for everyone in the channel", async () => {
    const body = discordInteraction(
      3,
      { custom_id: "iw_share", component_type: 2 },
      {
        message: {
          id: "6",
          channel_id: "3000000000000000003",
          flags: 64,
          embeds: [{ title: "Deals: OpenAI", description: "• SoftBank → OpenAI" }],
          content: "",
          components: [],
        },
      },
    );
    const res = await post(JSON.stringify(body));
    expect(res.json?.type).toBe(4);
    expect(res.json?.data?.flags).toBeUndefined();
    expect(res.json?.data?.embeds?.[0]?.footer?.text).toBe("shared by jane");
    expect(res.json?.data?.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("postDiscordMessage", () => {
  it("posts with a nonce Discord enforces, as a reply, with mentions disabled", async () => {
    const rest = discordRest({ token: "bot-token", apiUrl: `${discord.url}/api` });
    const sent = await postDiscordMessage(
      rest,
      { platform: "discord", workspaceId: "2", channelId: "3000000000000000003" },
      { title: "Alert: @everyone", sections: [] },
      { thread: "7000000000000000007", idempotencyKey: "alert:3000000000000000003:story-42" },
    );
    expect(sent.id).toBe("5000000000000000005");
    const call = await discord.next(/^POST \/api\/v10\/channels\/3000000000000000003\/messages/);
    expect(call.headers.authorization).toBe("Bot bot-token");
    // A digest of the whole key: two alerts of one channel share the key's first 25 characters.
    expect(call.json.nonce).toBe(discordNonce("alert:3000000000000000003:story-42"));
    expect(String(call.json.nonce)).toHaveLength(25);
    expect(discordNonce("alert:3000000000000000003:story-43")).not.toBe(call.json.nonce);
    expect(call.json.enforce_nonce).toBe(true);
    expect(call.json.message_reference).toEqual({
      message_id: "7000000000000000007",
      fail_if_not_exists: false,
    });
    expect(call.json.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(call.json)).not.toContain("@everyone");
  });
});

describe("Discord gateway mode, through discord.js's own interaction classes", () => {
  type Internals = { actions: { InteractionCreate: { handle(data: unknown): void } } };

  it("answers a chat command with an ephemeral reply, and autocomplete, over REST", async () => {
    const gateway = createDiscordGateway(
      createChatCore(app),
      { mode: "gateway", token: "bot-token", apiUrl: `${discord.url}/api` },
      { log: silentLogger },
    );
    gateway.client.rest.setToken("bot-token");
    try {
      const internals = gateway.client as unknown as Internals;
      const packet = command("deals", { entity: "nvidia", since: "1y" });
      internals.actions.InteractionCreate.handle(packet);
      const reply = await discord.next(
        new RegExp(`^POST /api/v10/interactions/${packet.id}/${packet.token}/callback`),
      );
      const body = reply.json as { type: number; data: InteractionReply["data"] };
      expect(body.type).toBe(4);
      expect(body.data?.flags).toBe(64);
      expect(body.data?.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(body.data?.embeds)).toMatch(/NVIDIA|Nvidia/);

      const auto = discordInteraction(4, {
        id: "9",
        name: "brief",
        type: 1,
        options: [{ name: "entity", type: 3, value: "anthr", focused: true }],
      });
      internals.actions.InteractionCreate.handle(auto);
      const choices = await discord.next(
        new RegExp(`^POST /api/v10/interactions/${auto.id}/${auto.token}/callback`),
      );
      expect(JSON.stringify(choices.json)).toMatch(/"value":"anthropic"/);
    } finally {
      await gateway.stop();
    }
  });
});

describe("Discord gateway mode when the answer is slow", () => {
  type Internals = { actions: { InteractionCreate: { handle(data: unknown): void } } };

  it("defers the reply through discord.js and edits it with the answer", async () => {
    const gateway = createDiscordGateway(
      createChatCore(app),
      { mode: "gateway", token: "bot-token", apiUrl: `${discord.url}/api` },
      { log: silentLogger, answerBudgetMs: 200 },
    );
    gateway.client.rest.setToken("bot-token");
    try {
      const packet = command(
        "feeds",
        { action: "add", url: slowFeed.url("/slow.xml?gateway") },
        { permissions: MANAGE_GUILD },
      );
      (gateway.client as unknown as Internals).actions.InteractionCreate.handle(packet);
      const deferred = await discord.next(
        new RegExp(`^POST /api/v10/interactions/${packet.id}/${packet.token}/callback`),
      );
      expect(deferred.json).toMatchObject({ type: 5, data: { flags: 64 } });
      const edit = await discord.next(
        new RegExp(`^PATCH /api/v10/webhooks/1000000000000000001/${packet.token}/messages/%40original`),
      );
      expect(edit.json.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(edit.json.embeds)).toMatch(/Slow Wire|Added|already/);
    } finally {
      await gateway.stop();
    }
  });
});
