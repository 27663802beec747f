import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyzeReport } from "../../src/cli/analyze.js";
import { rss, startServer, type TestServer } from "../helpers/feed-server.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const bin = join(root, "dist/src/cli.js");

// What the probe sent: set the terminal's title, then clear the screen.
const ESCAPES = "\x1b]0;pwned\x07\x1b[2J";
// C0 and C1 controls other than newline and tab, and the invisible characters that reorder or split text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

let server: TestServer;

beforeAll(async () => {
  const feed = rss(`Wire${ESCAPES}`, [
    {
      title: `Open\u200bAI raises $40 billion${ESCAPES}`,
      link: "https://w.example/openai-round",
      guid: "a",
      description: `<p>Led by SoftBank\u202e.\x1b[31m red &amp;#27;[5m blink \x9b2J</p>`,
    },
    { title: "Nvidia \x00ships\x08 H200 \u2066racks\u2069", link: "https://w.example/h200", guid: "b" },
  ]).replace("<item>", `<item><author>Ann${ESCAPES}</author>`);
  server = await startServer({
    "/hostile": (_q, s) => s.writeHead(200, { "content-type": "application/rss+xml" }).end(feed),
  });
});
afterAll(async () => {
  await server.close();
});

async function cli(args: string[], env: Record<string, string>) {
  const result = await run("node", [bin, ...args], { cwd: root, env: { ...process.env, ...env } });
  return `${result.stdout}\n${result.stderr}`;
}

describe("feed text with escape sequences never reaches the terminal", () => {
  it("feeds add, poll, feeds list, search, analyze and run print no control character", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-hostile-"));
    const env = { INFRAWIRE_DB: join(dir, "t.db"), INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1", LOG_LEVEL: "info" };
    // `run` on a database that has this one feed (an empty one would import the whole catalogue).
    const runEnv = { ...env, INFRAWIRE_DB: join(dir, "run.db") };
    await cli(["feeds", "add", "--no-poll", server.url("/hostile")], runEnv);
    const outputs = {
      add: await cli(["feeds", "add", server.url("/hostile")], env),
      list: await cli(["feeds", "list"], env),
      poll: await cli(["poll", "--once", "--force"], env),
      search: await cli(["search", "pwned"], env),
      searchJson: await cli(["search", "raises", "--json"], env),
      analyze: await cli(["analyze", server.url("/hostile")], env),
      run: await cli(["run", "--once"], runEnv),
    };
    // The text itself survives, without what made it dangerous.
    expect(outputs.add).toContain("Added feed 1: Wire]0;pwned[2J — 2 items stored.");
    expect(outputs.search).toContain("OpenAI raises $40 billion]0;pwned[2J");
    expect(outputs.run).toMatch(/poll cycle done feeds=1 updated=1/);
    for (const [command, output] of Object.entries(outputs)) {
      expect({ command, control: CONTROL.exec(output)?.[0] }).toEqual({ command, control: undefined });
      expect({ command, invisible: INVISIBLE.exec(output)?.[0] }).toEqual({ command, invisible: undefined });
    }
  });

  it("a name split by a zero-width space is still recognised (Open\\u200bAI is OpenAI)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-hostile-"));
    const env = { INFRAWIRE_DB: join(dir, "t.db"), INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1", LOG_LEVEL: "silent" };
    const { stdout } = await run("node", [bin, "analyze", server.url("/hostile"), "--json"], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    const report = JSON.parse(stdout) as AnalyzeReport;
    const first = report.items.find((i) => i.guid === "a");
    expect(first?.title).toBe("OpenAI raises $40 billion]0;pwned[2J");
    expect(first?.entities.map((e) => e.id)).toContain("openai");
  });

  it("text stored by an older version with escape sequences in it is printed without them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-hostile-"));
    const env = { INFRAWIRE_DB: join(dir, "old.db"), INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1", LOG_LEVEL: "warn" };
    await cli(["feeds", "add", server.url("/hostile")], env);
    // What a database written before ingest stripped controls holds.
    const db = new Database(env.INFRAWIRE_DB);
    db.prepare("UPDATE items SET title = title || ?").run(ESCAPES);
    db.prepare("UPDATE feeds SET title = ?, last_error = ?").run(`Old${ESCAPES}`, `bad\x1b[2J\u202e`);
    db.close();
    const outputs = {
      list: await cli(["feeds", "list"], env),
      search: await cli(["search", "raises"], env),
      again: await cli(["feeds", "add", server.url("/hostile")], env),
    };
    expect(outputs.search).toContain("Old]0;pwned[2J");
    for (const [command, output] of Object.entries(outputs)) {
      expect({ command, control: CONTROL.exec(output)?.[0] }).toEqual({ command, control: undefined });
      expect({ command, invisible: INVISIBLE.exec(output)?.[0] }).toEqual({ command, invisible: undefined });
    }
  });
});
