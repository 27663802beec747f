import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BinaryRun as Run, runBinary } from "../helpers/binary.js";

/** The built CLI as a user runs it; never rejects, so a failing command can be inspected. */
function cli(args: string[], env: Record<string, string>, options: { cwd?: string; uid?: number } = {}) {
  return runBinary(args, { env, ...options });
}

/** One `error:` line and one `fix:` line, and nothing that looks like a stack trace. */
function expectOneSentence(run: Run, problem: RegExp) {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^error: [^\n]+\nfix: [^\n]+\n$/);
  expect(run.stderr).toMatch(problem);
  expect(run.stderr).not.toMatch(/\n\s+at |SqliteError|failed unexpectedly/);
}

const commands = [
  ["poll", "--once"],
  ["feeds", "list"],
  ["run", "--once"],
];

describe("INFRAWIRE_DB that cannot be a database", () => {
  it("a file of garbage bytes: one sentence with the fix for poll, feeds list and run, file untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-dberr-"));
    const file = join(dir, "notes.db");
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    writeFileSync(file, garbage);
    for (const args of commands) {
      const run = await cli(args, { INFRAWIRE_DB: file });
      expectOneSentence(run, /is not an infrawire database/);
      expect(run.stderr).toContain(file);
    }
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it("/dev/null: one sentence with the fix for poll, feeds list and run", async () => {
    for (const args of commands) {
      expectOneSentence(await cli(args, { INFRAWIRE_DB: "/dev/null" }), /\/dev\/null, which is not a file/);
    }
  });

  it("a folder that does not exist is refused, not created with an empty database in it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-dberr-"));
    const typo = join(dir, "dta", "infrawire.db");
    const run = await cli(["feeds", "list"], { INFRAWIRE_DB: typo });
    expectOneSentence(run, /a folder that does not exist/);
    expect(run.stderr).toContain(join(dir, "dta"));
    expect(existsSync(join(dir, "dta"))).toBe(false);
  });

  it(":memory: is a database in memory: no file of that name, and the log says nothing persists", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "iw-dbmem-"));
    const run = await cli(["feeds", "list"], { INFRAWIRE_DB: ":memory:" }, { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^No feeds yet/);
    expect(run.stderr).toMatch(/nothing will persist/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("a read-only database", () => {
  it("feeds add says so in one sentence with the fix, and the stored feeds stay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-dbro-"));
    const file = join(dir, "ro.db");
    await cli(["feeds", "add", "--no-poll", "https://feeds.example.com/first.xml"], { INFRAWIRE_DB: file });
    // Root writes any file whatever its mode, so as root the check runs as the unprivileged `nobody`.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    chmodSync(dir, 0o777);
    chmodSync(file, 0o444);
    const env = { INFRAWIRE_DB: file };
    const add = await cli(["feeds", "add", "--no-poll", "https://feeds.example.com/second.xml"], env, {
      ...(uid !== undefined ? { uid } : {}),
    });
    expectOneSentence(add, /is read-only/);
    chmodSync(file, 0o644);
    const list = await cli(["feeds", "list", "--json"], env);
    expect((JSON.parse(list.stdout) as { url: string }[]).map((f) => f.url)).toEqual([
      "https://feeds.example.com/first.xml",
    ]);
  });
});
