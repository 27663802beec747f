import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
// The `bin` of package.json, built by `npm ci` (prepare) and by `npm test`.
const bin = join(root, "dist/src/cli.js");

describe("the infrawire binary", () => {
  it("runs the demo on the bundled samples in its own database and can search it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-bin-"));
    const env = { ...process.env, INFRAWIRE_DB: join(dir, "main.db"), LOG_LEVEL: "info" };
    const demo = await run("node", [bin, "run", "--demo", "--once"], { cwd: root, env });
    expect(demo.stderr).toMatch(/added the bundled sample feeds feeds=4/);
    expect(demo.stderr).toMatch(/poll cycle done feeds=4 updated=4 unchanged=0 failed=0/);
    // The demo database sits next to the main one and leaves the main one empty.
    const demoDb = { ...env, INFRAWIRE_DB: join(dir, "demo.db") };
    const hits = await run("node", [bin, "search", "oracle", "--json"], { cwd: root, env: demoDb });
    expect((JSON.parse(hits.stdout) as unknown[]).length).toBeGreaterThan(0);
    const main = await run("node", [bin, "feeds", "list", "--json"], { cwd: root, env });
    expect(JSON.parse(main.stdout)).toEqual([]);
    // LOG_LEVEL=warn quiets the bot's progress lines.
    const quietDir = mkdtempSync(join(tmpdir(), "iw-bin-quiet-"));
    const quiet = await run("node", [bin, "run", "--demo", "--once"], {
      cwd: root,
      env: { ...process.env, INFRAWIRE_DB: join(quietDir, "main.db"), LOG_LEVEL: "warn" },
    });
    expect(quiet.stderr).not.toMatch(/ info /);
  });

  it("prints help with every command", async () => {
    const help = await run("node", [bin, "--help"], { cwd: root });
    for (const command of ["run", "poll", "feeds", "search", "doctor"])
      expect(help.stdout).toContain(command);
  });
});
