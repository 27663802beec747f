import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { startConsole } from "../../src/chat/console.js";
import { createChatCore } from "../../src/chat/core.js";
import { createLogger } from "../../src/log.js";
import { goldApp } from "../helpers/briefing.js";
import { runCli } from "../helpers/cli.js";

const app = await goldApp();
afterAll(async () => {
  await app.close();
});

describe("the console adapter", () => {
  it("answers commands typed at the prompt until /quit", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on("data", (c: Buffer) => chunks.push(c.toString()));
    const prompt = startConsole(createChatCore(app), { input, output, terminal: false });
    input.write("/help\n");
    input.write("/valuations anthropic\n");
    input.write("/deals min:nope\n");
    input.write("/quit\n");
    await prompt.done;
    const text = chunks.join("");
    expect(text).toContain("type /help for commands");
    expect(text).toContain("infrawire commands");
    expect(text).toMatch(/Valuations: Anthropic\n\n== Newest first ==\n• Anthropic \$183B/);
    expect(text).toContain("✗ Sorry");
    expect(text).toContain("min:nope is not an amount like $1B, 500M or 1.5bn.");
  });
});

describe("the console adapter on a terminal", () => {
  it("prints log lines above the prompt and keeps what the user was typing", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const logs = new PassThrough();
    let screen = "";
    let logged = "";
    output.on("data", (c: Buffer) => {
      screen += c.toString();
    });
    logs.on("data", (c: Buffer) => {
      logged += c.toString();
    });
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const log = createLogger("info");
    const prompt = startConsole(createChatCore(app), {
      input,
      output,
      terminal: true,
      logOutput: logs,
    });
    input.write("/valu");
    await tick();
    log.info("poll cycle done", { items: 3 });
    await tick();
    expect(logged).toContain("poll cycle done items=3");
    // The prompt and the half-typed command are drawn again after the log line.
    const visible = screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
    expect(visible.slice(visible.lastIndexOf("infrawire> "))).toBe("infrawire> /valu");
    input.write("ations anthropic\r");
    await tick();
    expect(screen).toContain("Valuations: Anthropic");
    input.write("/quit\r");
    await prompt.done;
    // Once the prompt is closed, log lines no longer go to it.
    const before = logged.length;
    createLogger("info", undefined, false).info("after close (this line goes to stderr)");
    expect(logged.length).toBe(before);
  });
});

describe("chat commands from the shell", () => {
  it("prints the registry as JSON with Discord option types", async () => {
    const run = await runCli(["commands", "--json"], { LOG_LEVEL: "silent" });
    const registry = JSON.parse(run.stdout) as {
      name: string;
      options: { name: string; type: number; choices?: unknown[] }[];
    }[];
    expect(registry.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    const deals = registry.find((c) => c.name === "deals");
    expect(deals?.options.map((o) => o.name)).toEqual(["entity", "min", "type", "since"]);
    expect(deals?.options.every((o) => o.type === 3)).toBe(true);
    expect(deals?.options.find((o) => o.name === "type")?.choices?.length).toBeGreaterThan(3);
  });

  it("runs one command and exits, with flags for options; a bad option exits 1", async () => {
    const env = { INFRAWIRE_DB: app.config.databasePath, LOG_LEVEL: "silent" };
    const ok = await runCli(["deals", "openai", "--min", "100B", "--since", "2y"], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Deals: OpenAI — the last 2 years/);
    expect(ok.stdout).not.toMatch(/\$(1\d|[2-9]\d)B /);
    const bad = await runCli(["brief", "--since", "forever"], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("since:forever is not a period like 7d, 24h, 2w, 3m or 2y.");
  });
});
