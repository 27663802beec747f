import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BinaryRun, runBinary } from "../helpers/binary.js";
import { startServer, type TestServer } from "../helpers/feed-server.js";
import { readSeed, seedFeed } from "../helpers/intel.js";

// The two seed articles (../shared/seeds) as two outlets' feeds on loopback, polled and asked
// about through the built binary as a user would. Outlet B reports, beside the Amazon talks, a
// lawsuit over how OpenAI handles ChatGPT data after a user's death: /controversies and /brief
// must show it on a line of its own while the deal stays one story of both outlets.
const dir = mkdtempSync(join(tmpdir(), "iw-seed-desk-"));
let server: TestServer;
const env = {
  INFRAWIRE_DB: join(dir, "desk.db"),
  INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1",
  LOG_LEVEL: "warn",
};
const cli = (...args: string[]): Promise<BinaryRun> => runBinary(args, { env });

/** One outlet's feed: its seed as an RSS item, under the outlet's own channel title. */
function outletFeed(seed: string, outlet: string, at: string): string {
  return seedFeed([readSeed(seed)], [at]).replace("<title>seeds</title>", `<title>${outlet}</title>`);
}

beforeAll(async () => {
  const feeds: Record<string, string> = {
    "/a.rss": outletFeed("amazon-openai-10b-outlet-a", "Outlet A", "2025-12-16T09:00:00Z"),
    "/b.rss": outletFeed("amazon-openai-10b-outlet-b", "Outlet B", "2025-12-16T15:00:00Z"),
  };
  server = await startServer(
    Object.fromEntries(
      Object.entries(feeds).map(([path, xml]) => [
        path,
        (_req, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(xml),
      ]),
    ),
  );
  for (const path of ["/a.rss", "/b.rss"]) {
    const added = await cli("feeds", "add", server.url(path), "--no-poll");
    expect(added.code, added.stderr).toBe(0);
  }
  const poll = await cli("poll", "--once");
  expect(poll.code, poll.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const chatgptLawsuit = /OpenAI · legal · filed · [^\n]*ChatGPT data[^\n]*reported in [^\n]*Outlet B/;

describe("the seed desk: polled from two outlets, asked through the binary", () => {
  it("lists the ChatGPT data lawsuit from outlet B's body as its own line in /controversies", async () => {
    const run = await cli("controversies", "--since", "3y");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(chatgptLawsuit);
    // Its line is the lawsuit's, not the deal's: no amount, no deal status.
    const line = run.stdout.split("\n").find((l) => chatgptLawsuit.test(l)) ?? "";
    expect(line).not.toMatch(/investment|\$10B|talks/);
    // Outlet B's text arrives as UTF-8 although it carries U+FFFD of its own: no mojibake.
    expect(line).toContain("OpenAI’s handling of ChatGPT data");
    // Its "?" full stops read as full stops.
    expect(line).toMatch(/murder-suicide\. \(/);
    expect(run.stdout).not.toContain("â€");
    // Background deals are not disputes.
    expect(run.stdout).not.toMatch(/\$38|Stargate|\$1\.5T/);
  });

  it("mentions the lawsuit in /brief, beside the deal it was reported in", async () => {
    const run = await cli("brief", "--since", "3y");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(chatgptLawsuit);
    expect(run.stdout).toContain("Amazon → OpenAI · investment · $10B (1) vs >$10B (1) · talks");
    const company = await cli("brief", "openai", "--since", "3y");
    expect(company.code, company.stderr).toBe(0);
    expect(company.stdout).toMatch(chatgptLawsuit);
  });

  it("keeps the Amazon–OpenAI $10B story one story of both outlets, its deal line unchanged", async () => {
    const run = await cli("deals", "--since", "3y");
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n").filter((l) => l.includes("Amazon → OpenAI · investment"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("$10B (1) vs >$10B (1) · talks");
    expect(lines[0]).toMatch(/2 sources: Outlet A <[^>]+>, Outlet B/);
    // No background figure became a deal of its own.
    expect(run.stdout).not.toMatch(/\$38B|\$1\.5T|\$500B · /);
  });
});
