import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commands } from "../../commands/index.js";
import { type FakeServer, startFake } from "../helpers/chat.js";
import { runCli } from "../helpers/cli.js";

let discord: FakeServer;

beforeAll(async () => {
  discord = await startFake((call) =>
    call.headers.authorization === "Bot good-token"
      ? { body: JSON.parse(call.body) as unknown }
      : { status: 401, body: { message: "401: Unauthorized", code: 0 } },
  );
});
afterAll(() => discord.close());

interface Manifest {
  features: { slash_commands: { command: string; url?: string }[] };
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: { socket_mode_enabled: boolean; interactivity: { request_url?: string } };
}

describe("infrawire slack manifest", () => {
  it("lists every registry command, the scopes, and Socket Mode when no URL is given", async () => {
    const run = await runCli(["slack", "manifest"]);
    expect(run.code).toBe(0);
    const manifest = parse(run.stdout) as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["commands", "chat:write", "users:read"]),
    );
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("points commands, buttons and the OAuth redirect at the public URL", async () => {
    const run = await runCli(["slack", "manifest", "--url", "https://bot.example.com/"]);
    const manifest = parse(run.stdout) as Manifest;
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(new Set(manifest.features.slash_commands.map((c) => c.url))).toEqual(
      new Set(["https://bot.example.com/slack/events"]),
    );
    expect(manifest.settings.interactivity.request_url).toBe("https://bot.example.com/slack/events");
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://bot.example.com/slack/oauth_redirect"]);
  });
});

describe("infrawire discord register", () => {
  it("overwrites the guild's commands in one PUT with native options and prints them", async () => {
    const before = discord.calls.length;
    const run = await runCli(["discord", "register", "--guild", "222222222222222222"], {
      DISCORD_TOKEN: "good-token",
      DISCORD_APP_ID: "111111111111111111",
      DISCORD_API_URL: `${discord.url}/api`,
    });
    expect(run.code, run.stderr).toBe(0);
    const calls = discord.calls.slice(before);
    expect(calls.map((c) => c.path)).toEqual([
      "PUT /api/v10/applications/111111111111111111/guilds/222222222222222222/commands",
    ]);
    const body = JSON.parse(calls[0]?.body ?? "[]") as {
      name: string;
      options: {
        name: string;
        type: number;
        required: boolean;
        choices?: unknown[];
        autocomplete?: boolean;
      }[];
    }[];
    expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    const deals = body.find((c) => c.name === "deals");
    expect(deals?.options.find((o) => o.name === "entity")?.autocomplete).toBe(true);
    expect(deals?.options.find((o) => o.name === "type")?.choices?.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`Registered ${commands.length} commands in server 222222222222222222`);
    expect(run.stdout).toContain("/deals");
  });

  it("registers globally without --guild and says what to fix when Discord refuses the token", async () => {
    const run = await runCli(["discord", "register"], {
      DISCORD_TOKEN: "bad-token",
      DISCORD_APP_ID: "111111111111111111",
      DISCORD_API_URL: `${discord.url}/api`,
    });
    expect(discord.calls.at(-1)?.path).toBe("PUT /api/v10/applications/111111111111111111/commands");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Discord refused the registration/);
    expect(run.stderr).toMatch(/fix: check DISCORD_TOKEN/);
  });

  it("asks for the token and application id when they are missing", async () => {
    const run = await runCli(["discord", "register"], { DISCORD_TOKEN: "", DISCORD_APP_ID: "" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DISCORD_TOKEN and DISCORD_APP_ID are both needed/);
  });
});

describe("infrawire doctor on chat settings", () => {
  it("says which mode will run and which token has the wrong shape", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-doctor-chat-"));
    const run = await runCli(["doctor"], {
      INFRAWIRE_DB: join(dir, "d.db"),
      SLACK_BOT_TOKEN: "xoxb-1234-5678-abcdef",
      SLACK_APP_TOKEN: "xapp-1-A123-456-abcdef",
      SLACK_SIGNING_SECRET: "",
      DISCORD_TOKEN: "not a token",
      DISCORD_APP_ID: "123456789012345678",
      INFRAWIRE_DISCORD_MODE: "",
    });
    expect(run.stdout).toContain("✓ chat: Slack in Socket Mode");
    expect(run.stdout).toContain("✓ chat: Discord gateway");
    expect(run.stdout).toMatch(/✗ DISCORD_TOKEN does not look right\n\s+set it to the bot token/);
    expect(run.stdout).not.toMatch(/SLACK_BOT_TOKEN does not look right/);
  });

  it("names the HTTP endpoints when Slack and Discord run over HTTP", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-doctor-chat-"));
    const run = await runCli(["doctor"], {
      INFRAWIRE_DB: join(dir, "d.db"),
      SLACK_BOT_TOKEN: "xoxb-1234-5678-abcdef",
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
      DISCORD_TOKEN: "",
      INFRAWIRE_DISCORD_MODE: "http",
      DISCORD_PUBLIC_KEY: "ab".repeat(31),
      DISCORD_APP_ID: "123456789012345678",
      PORT: "8080",
    });
    expect(run.stdout).toContain("chat: Slack in HTTP mode at http://<your host>:8080/slack/events");
    expect(run.stdout).toContain(
      "chat: Discord HTTP interactions at http://<your host>:8080/discord/interactions",
    );
    expect(run.stdout).toMatch(/✗ DISCORD_PUBLIC_KEY does not look right/);
  });
});
