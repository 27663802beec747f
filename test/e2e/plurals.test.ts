import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rss, startServer, type TestServer } from "../helpers/feed-server.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const bin = join(root, "dist/src/cli.js");

let server: TestServer;
let polls = 0;

beforeAll(async () => {
  const first = { title: "Oracle books a cloud contract", link: "https://w.example/1", guid: "1" };
  const second = { title: "A quiet week for chip makers", link: "https://w.example/2", guid: "2" };
  server = await startServer({
    // One item on the first poll, one more on the next.
    "/one": (_q, s) =>
      s
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rss("Single Wire", polls++ === 0 ? [first] : [second, first])),
    "/single": (_q, s) =>
      s.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("Solo", [first])),
  });
});
afterAll(async () => {
  await server.close();
});

describe("counts of one read as one", () => {
  it("feeds add, poll, feeds list, search and analyze say 1 item, 1 feed, 1 story", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-plural-"));
    const env = {
      ...process.env,
      INFRAWIRE_DB: join(dir, "t.db"),
      INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1",
      LOG_LEVEL: "warn",
    };
    const cli = async (...args: string[]) => (await run("node", [bin, ...args], { cwd: root, env })).stdout;
    const outputs = [
      await cli("feeds", "add", server.url("/one")),
      await cli("poll", "--once", "--force"),
      await cli("feeds", "list"),
      await cli("search", "zeppelin"),
      await cli("analyze", server.url("/single")),
    ];
    const [add, poll, list, search, analyze] = outputs;
    expect(add).toBe("Added feed 1: Single Wire — 1 item stored.\n");
    expect(poll).toMatch(
      /^Polled 1 feed in [\d.]+ s: 1 with new items, 0 unchanged, 0 failed, 0 disabled; 1 new item stored\./,
    );
    expect(list).toMatch(/\n1 feed, 0 failing or disabled\.\n$/);
    expect(search).toContain("(searched 2 items)");
    expect(analyze).toMatch(/\n1 item, \d+ events?, 1 story\.$/m);
    for (const output of outputs) {
      expect(output).not.toMatch(/\b1 (new )?(items|feeds|events|stories)\b/);
      expect(output).not.toMatch(/\b(0|[2-9]|\d\d+) (new )?(item|feed|event|story)\b(?![-\w])/);
    }
  });
});
