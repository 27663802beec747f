import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../../src/app.js";
import { silentLogger } from "../../src/log.js";
import { storeGold } from "./briefing.js";
import { loadGold } from "./gold.js";

/** A feed title written to try every way of pinging a channel or hiding a link. */
export const HOSTILE_TITLE = "<!here> <@U123> @everyone <http://evil|click> OpenAI raises $9B from SoftBank";

const DAY = 86_400_000;

/**
 * An app on a fresh SQLite file holding the gold set, moved in time so its newest article is a
 * day old (the commands' default windows count back from the real clock), plus one article
 * with a hostile title. Feed URLs point at a closed loopback port: a poll refuses them offline.
 */
export async function seededChatApp(
  options: { dbPath?: string; env?: Record<string, string> } = {},
): Promise<{ app: App; dbPath: string }> {
  const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), "iw-chat-")), "chat.db");
  const app = await createApp({ env: { ...options.env, INFRAWIRE_DB: dbPath }, log: silentLogger });
  const gold = loadGold();
  const newest = Math.max(...gold.map((g) => Date.parse(g.publishedAt)));
  const now = app.clock.now();
  const shift = now.getTime() - DAY - newest;
  const shifted = gold.map((g) => ({
    ...g,
    publishedAt: new Date(Date.parse(g.publishedAt) + shift).toISOString(),
  }));
  await storeGold(app, shifted, now, (slug) => `http://127.0.0.1:9/${slug}`);
  // Stored as is, not cleaned like the gold text: the renderers must hold even against raw markup.
  const feed = await app.store.feeds.add("http://127.0.0.1:9/hostile-wire", now, "Hostile Wire");
  await app.store.items.insert(
    feed.feed.id,
    [
      {
        id: "hostile-1",
        url: "https://hostile.example/a",
        title: HOSTILE_TITLE,
        summary: "SoftBank agreed to invest $9 billion in OpenAI, the companies said on Monday.",
        content: "",
        categories: [],
        enclosures: [],
        publishedAt: new Date(now.getTime() - DAY / 2).toISOString(),
      },
    ],
    { now, backfill: false },
  );
  await app.enrich();
  return { app, dbPath };
}

export interface Recorded {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Form fields or JSON, whichever the client sent. */
  json: Record<string, unknown>;
}

function parse(contentType: string | undefined, body: string): Record<string, unknown> {
  if (!body) return {};
  if ((contentType ?? "").includes("json")) return JSON.parse(body) as Record<string, unknown>;
  const form: Record<string, unknown> = Object.fromEntries(new URLSearchParams(body));
  for (const key of ["blocks", "metadata"])
    if (typeof form[key] === "string") form[key] = JSON.parse(form[key] as string);
  return form;
}

export interface FakeServer {
  url: string;
  calls: Recorded[];
  /** Resolves with the first call (already made or still to come) whose path matches. */
  next(path: RegExp): Promise<Recorded>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that records every request and answers through `answer` (method path
 * and parsed body in, status and JSON out): the fake Slack Web API, response_url and Discord REST.
 */
export async function startFake(
  answer: (call: Recorded) => {
    status?: number;
    body?: unknown;
    delayMs?: number;
    headers?: Record<string, string>;
  },
): Promise<FakeServer> {
  const calls: Recorded[] = [];
  const waiters: { path: RegExp; resolve: (c: Recorded) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const call: Recorded = {
        path: `${req.method} ${req.url ?? "/"}`,
        headers: req.headers,
        body,
        json: parse(req.headers["content-type"], body),
      };
      calls.push(call);
      for (const w of [...waiters])
        if (w.path.test(call.path)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(call);
        }
      const reply = answer(call);
      setTimeout(() => {
        if (reply.body === undefined) res.writeHead(reply.status ?? 200, reply.headers).end();
        else
          res
            .writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers })
            .end(JSON.stringify(reply.body));
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    next(path) {
      const done = calls.find((c) => path.test(c.path));
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => waiters.push({ path, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Slack's Web API as the adapter uses it: auth.test, users.info, chat.postMessage. */
export function startFakeSlack(options: { admins?: string[]; usersInfoDelayMs?: number } = {}) {
  return startFake((call) => {
    if (call.path.endsWith("/auth.test"))
      return {
        body: { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", url: "https://t1.slack.example/" },
      };
    if (call.path.endsWith("/users.info")) {
      const user = String(call.json.user);
      return {
        body: {
          ok: true,
          user: { id: user, is_admin: options.admins?.includes(user) ?? false, is_owner: false },
        },
        delayMs: options.usersInfoDelayMs ?? 0,
      };
    }
    if (call.path.endsWith("/chat.postMessage"))
      return { body: { ok: true, channel: call.json.channel, ts: "1700000000.000100" } };
    // response_url and anything else.
    return { body: { ok: true } };
  });
}

/** Headers Slack sends with a request signed by `secret` at `timestamp` (seconds). */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  };
}

let triggers = 0;

/** The form body of a slash command as Slack posts it. */
export function slashCommandBody(
  command: string,
  text: string,
  responseUrl: string,
  user = "U_MEMBER",
  channel = "C1",
): string {
  triggers++;
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T1",
    team_domain: "acme",
    channel_id: channel,
    channel_name: "deals",
    user_id: user,
    user_name: "jane",
    command: `/${command}`,
    text,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `trigger-${triggers}`,
  }).toString();
}

/** An Ed25519 key pair as the Discord developer portal shows the public half (hex). */
export function discordKeys() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicHex = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");
  return {
    publicHex,
    sign(body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
      return {
        "content-type": "application/json",
        "x-signature-ed25519": sign(null, Buffer.from(timestamp + body), privateKey).toString("hex"),
        "x-signature-timestamp": timestamp,
      };
    },
  };
}

let interactions = 0;

/** An interaction as Discord posts it; `member` carries the caller's permissions in the guild. */
export function discordInteraction(
  type: number,
  data: Record<string, unknown> | undefined,
  options: { permissions?: string; message?: Record<string, unknown> } = {},
) {
  interactions++;
  return {
    id: String(1_100_000_000_000_000_000n + BigInt(interactions)),
    application_id: "1000000000000000001",
    type,
    ...(data ? { data } : {}),
    guild_id: "2000000000000000002",
    channel_id: "3000000000000000003",
    channel: { id: "3000000000000000003", type: 0, name: "deals", guild_id: "2000000000000000002" },
    member: {
      user: {
        id: "4000000000000000004",
        username: "jane",
        discriminator: "0",
        global_name: "Jane",
        avatar: null,
      },
      roles: [],
      permissions: options.permissions ?? "0",
      joined_at: "2025-01-01T00:00:00.000Z",
      deaf: false,
      mute: false,
      flags: 0,
    },
    token: `interaction-token-${interactions}`,
    version: 1,
    app_permissions: "0",
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    ...(options.message ? { message: options.message } : {}),
  };
}

/** Discord's REST API as the adapter uses it: interaction callbacks, webhooks, channel posts. */
export function startFakeDiscord() {
  return startFake((call) => {
    if (/^POST .*\/channels\/\d+\/messages/.test(call.path))
      return { body: { id: "5000000000000000005", channel_id: "3000000000000000003", ...call.json } };
    if (/^(PATCH|POST) .*\/webhooks\//.test(call.path))
      return { body: { id: "5000000000000000006", ...call.json } };
    if (/\/callback/.test(call.path)) return { status: 204 };
    return { body: {} };
  });
}
