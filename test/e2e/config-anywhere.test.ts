import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createChatCore, localCaller } from "../../src/chat/core.js";
import { renderText } from "../../src/chat/render/text.js";
import { silentLogger } from "../../src/log.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const bin = join(root, "dist/src/cli.js");
const dir = mkdtempSync(join(tmpdir(), "iw-anywhere-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the configuration the bot reads", () => {
  it("is the one it ships with when the binary runs from a folder without config/", async () => {
    const { stdout, stderr } = await run("node", [bin, "deals", "openai"], {
      cwd: dir,
      env: { ...process.env, INFRAWIRE_DB: join(dir, "anywhere.db") },
    });
    expect(stderr).not.toMatch(/does not exist/);
    // "openai" resolved: the shipped entity list was read.
    expect(stdout).toMatch(/OpenAI/);
  });

  it("going missing while the bot runs answers a command with the fix, and the next one works again", async () => {
    const configDir = join(dir, "config");
    cpSync(join(root, "config"), configDir, { recursive: true });
    const app = await createApp({
      configDir,
      env: { INFRAWIRE_DB: join(dir, "console.db") },
      log: silentLogger,
    });
    try {
      const core = createChatCore(app);
      const ask = async (command: string) =>
        renderText(await core.run({ command, input: { text: "" }, ...localCaller("console") }));
      renameSync(join(configDir, "entities.yaml"), join(configDir, "entities.yaml.moved"));
      const answer = await ask("controversies");
      expect(answer).toMatch(/entities\.yaml does not exist/);
      expect(answer).toMatch(/restore config\/entities\.yaml/);
      expect(answer).not.toMatch(/\bat \S+\.js:\d+/);
      renameSync(join(configDir, "entities.yaml.moved"), join(configDir, "entities.yaml"));
      expect(await ask("controversies")).not.toMatch(/does not exist/);
    } finally {
      await app.close();
    }
  });
});
