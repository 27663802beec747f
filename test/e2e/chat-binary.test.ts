import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  discordInteraction,
  discordKeys,
  type FakeServer,
  seededChatApp,
  slackSignature,
  slashCommandBody,
  startFakeDiscord,
  startFakeSlack,
} from "../helpers/chat.js";

const root = join(import.meta.dirname, "../..");
// The `bin` of package.json, built by `npm ci` (prepare) and by `npm test`.
const bin = join(root, "dist/src/cli.js");
const SECRET = "0123456789abcdef0123456789abcdef";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Starts `infrawire run` as a user would, on a seeded database, and waits for /healthz 200. */
async function startBot(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const { app, dbPath } = await seededChatApp();
  await app.close();
  const child = spawn("node", [bin, "run"], {
    cwd: root,
    env: { ...process.env, INFRAWIRE_DB: dbPath, LOG_LEVEL: "info", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  cleanup.push(async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
  const deadline = Date.now() + 20_000;
  let url: string | undefined;
  while (Date.now() < deadline) {
    url ??= /chat listening url=(\S+)/.exec(stderr)?.[1];
    if (url) {
      const health = await fetch(`${url}/healthz`).catch(() => undefined);
      if (health?.status === 200) return { url, child, stderr: () => stderr };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the bot did not become healthy:\n${stderr}`);
}

function track(server: FakeServer): FakeServer {
  cleanup.push(() => server.close());
  return server;
}

describe("infrawire run with chat tokens (the built binary)", () => {
  it("answers a signed Slack /deals openai over HTTP and says so in its log", async () => {
    const slack = track(await startFakeSlack());
    const bot = await startBot({
      SLACK_BOT_TOKEN: "xoxb-e2e",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
    });
    expect(bot.stderr()).toMatch(/chat listening .*slack="HTTP at \/slack\/events" discord=off/);
    const body = slashCommandBody("deals", "openai", `${slack.url}/respond/e2e`);
    const res = await fetch(`${bot.url}/slack/events`, {
      method: "POST",
      headers: slackSignature(SECRET, body),
      body,
    });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { response_type: string; blocks: { type: string }[] };
    expect(reply.response_type).toBe("ephemeral");
    expect(JSON.stringify(reply.blocks)).toMatch(/OpenAI/);
    const forged = await fetch(`${bot.url}/slack/events`, {
      method: "POST",
      headers: slackSignature("another-secret", body),
      body,
    });
    expect(forged.status).toBe(401);
    bot.child.kill("SIGTERM");
    const [code] = (await once(bot.child, "exit")) as [number | null];
    expect(code).toBe(0);
  });

  it("answers a signed Discord interaction with INFRAWIRE_DISCORD_MODE=http", async () => {
    const keys = discordKeys();
    const discord = track(await startFakeDiscord());
    const bot = await startBot({
      INFRAWIRE_DISCORD_MODE: "http",
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_APP_ID: "1000000000000000001",
      DISCORD_API_URL: `${discord.url}/api`,
    });
    expect(bot.stderr()).toMatch(/discord="HTTP interactions at \/discord\/interactions"/);
    const body = JSON.stringify(
      discordInteraction(2, {
        id: "9",
        name: "deals",
        type: 1,
        options: [{ name: "entity", type: 3, value: "openai" }],
      }),
    );
    const res = await fetch(`${bot.url}/discord/interactions`, {
      method: "POST",
      headers: keys.sign(body),
      body,
    });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as {
      type: number;
      data: { allowed_mentions: unknown; embeds: unknown[] };
    };
    expect(reply.type).toBe(4);
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(reply.data.embeds)).toMatch(/OpenAI/);
  });
});
