/**
 * bench/chat: the first response to a signed Slack /deals and a signed Discord /deals interaction
 * through the one chat HTTP server (signature check, Bolt or the interaction handler, the command,
 * rendering) on a store of 1,000,000 items. Beside it, in the same run: the command alone (no
 * transport) and the naive pattern of always acknowledging first and sending the answer later
 * (Slack's response_url, Discord's PATCH of @original), timed until the answer arrives.
 * Run: npm run bench:chat [-- --items 1000000 --runs 50]
 */
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { createChatCore } from "../src/chat/core.js";
import { startChatFrontEnd } from "../src/chat/front.js";
import { silentLogger } from "../src/log.js";
import { fillStore } from "./fill-store.js";

const { values } = parseArgs({
  options: { items: { type: "string", default: "1000000" }, runs: { type: "string", default: "50" } },
});
const ITEMS = Number(values.items);
const RUNS = Number(values.runs);
const SECRET = "0123456789abcdef0123456789abcdef";
const APP_ID = "1000000000000000001";

const dir = mkdtempSync(join(tmpdir(), "iw-bench-chat-"));
const path = join(dir, "bench.db");
let t = performance.now();
const filled = await fillStore(path, ITEMS, new Date());
await filled.store.close();
const fillSeconds = (performance.now() - t) / 1000;

// The fake platform: Slack's Web API and response_url, Discord's webhooks. Answers arrive here.
const waiting = new Map<string, () => void>();
const fake = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const url = req.url ?? "/";
    const body = url.endsWith("/users.info")
      ? { ok: true, user: { id: "U1", is_admin: false, is_owner: false } }
      : { ok: true, id: "1" };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    const key = /\/respond\/(\w+)/.exec(url)?.[1] ?? /interaction-token-(\w+)/.exec(url)?.[1];
    if (key) waiting.get(key)?.();
  });
});
await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
const fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
const arrival = (key: string) => new Promise<void>((resolve) => waiting.set(key, resolve));

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const publicHex = publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");

const app = await createApp({ env: { INFRAWIRE_DB: path }, log: silentLogger });
const core = createChatCore(app);
const env = {
  SLACK_BOT_TOKEN: "xoxb-bench",
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: `${fakeUrl}/api/`,
  INFRAWIRE_DISCORD_MODE: "http",
  DISCORD_PUBLIC_KEY: publicHex,
  DISCORD_APP_ID: APP_ID,
  DISCORD_API_URL: `${fakeUrl}/api`,
};
const front = await startChatFrontEnd(core, { env, port: 0, host: "127.0.0.1", log: silentLogger });
const naive = await startChatFrontEnd(core, {
  env,
  port: 0,
  host: "127.0.0.1",
  log: silentLogger,
  answerBudgetMs: 0,
});

const big = ["openai", "nvidia", "microsoft", "amazon", "google", "meta", "oracle", "anthropic"];
let n = 0;

async function slack(base: string, entity: string, deferred: boolean): Promise<number> {
  const key = `s${++n}`;
  const body = new URLSearchParams({
    team_id: "T1",
    channel_id: "C1",
    user_id: "U1",
    user_name: "bench",
    command: "/deals",
    text: entity,
    response_url: `${fakeUrl}/respond/${key}`,
    trigger_id: key,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
  const arrived = arrival(key);
  const started = performance.now();
  const res = await fetch(`${base}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": signature,
    },
    body,
  });
  await res.text();
  if (deferred) await arrived;
  else waiting.delete(key);
  return performance.now() - started;
}

async function discord(base: string, entity: string, deferred: boolean): Promise<number> {
  const key = `d${++n}`;
  const body = JSON.stringify({
    id: String(n),
    application_id: APP_ID,
    type: 2,
    token: `interaction-token-${key}`,
    version: 1,
    guild_id: "2",
    channel: { id: "3", type: 0 },
    member: { user: { id: "4", username: "bench" }, permissions: "0" },
    data: { id: "9", name: "deals", type: 1, options: [{ name: "entity", type: 3, value: entity }] },
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const arrived = arrival(key);
  const started = performance.now();
  const res = await fetch(`${base}/discord/interactions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": sign(null, Buffer.from(ts + body), privateKey).toString("hex"),
      "x-signature-timestamp": ts,
    },
    body,
  });
  await res.text();
  if (deferred) await arrived;
  else waiting.delete(key);
  return performance.now() - started;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function measure(label: string, once: (entity: string) => Promise<number>) {
  const first = await once("openai");
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) times.push(await once(big[r % big.length] as string));
  times.sort((a, b) => a - b);
  console.log(
    `| ${label} | ${first.toFixed(1)} ms | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 99).toFixed(1)} ms |`,
  );
}

console.log(
  `bench/chat: ${ITEMS.toLocaleString("en")} items (filled in ${fillSeconds.toFixed(0)} s), ${RUNS} runs after the first`,
);
console.log("| path | first response | p50 | p99 |");
console.log("|---|---|---|---|");
await measure("Slack /deals <entity>, answer in the HTTP response", (e) => slack(front.url, e, false));
await measure("Discord /deals <entity>, answer in the interaction response", (e) =>
  discord(front.url, e, false),
);
await measure("command alone (core.run, no transport)", async (e) => {
  t = performance.now();
  await core.run({
    command: "deals",
    input: { text: e },
    caller: core.caller("U1", false),
    channel: { platform: "slack", workspaceId: "T1", channelId: "C1" },
  });
  return performance.now() - t;
});
await measure("naive Slack: ack first, answer via response_url", (e) => slack(naive.url, e, true));
await measure("naive Discord: defer, answer via PATCH @original", (e) => discord(naive.url, e, true));

await front.close();
await naive.close();
fake.close();
await app.close();
rmSync(dir, { recursive: true, force: true });
