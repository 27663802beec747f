import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnalyzeReport } from "../../src/cli/analyze.js";
import { runCli } from "../helpers/cli.js";
import { entries, rss, startServer, type TestServer } from "../helpers/feed-server.js";

let server: TestServer;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startServer({
    "/chips": (_q, s) =>
      s.writeHead(200, { "content-type": "application/rss+xml" }).end(
        rss("Chip Wire", [
          {
            title: "Nvidia to invest $5 billion in Intel",
            link: "https://w.example/nvidia-intel",
            guid: "1",
          },
          {
            title: "AMD and OpenAI sign 6 GW Instinct deal",
            link: "https://w.example/amd-openai",
            guid: "2",
          },
          ...entries("filler", 3),
        ]),
      ),
    "/down": (_q, s) => s.writeHead(503).end(),
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "iw-cli-"));
  env = { INFRAWIRE_DB: join(dir, "test.db"), LOG_LEVEL: "silent" };
});

describe("infrawire feeds", () => {
  it("refuses a loopback feed without the opt-in, in one sentence with the fix", async () => {
    const run = await runCli(["feeds", "add", server.url("/chips")], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: The address 127.0.0.1 is private, which infrawire refuses.\nfix: set INFRAWIRE_ALLOW_PRIVATE_FEEDS=1 or list the range in network.allowedPrivateNetworks to allow it\n",
    );
    const list = await runCli(["feeds", "list", "--json"], env);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it("adds a feed, polls it at once, lists it as JSON, and removes it", async () => {
    const allow = { ...env, INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1" };
    const add = await runCli(["feeds", "add", server.url("/chips")], allow);
    expect(add.stdout).toBe("Added feed 1: Chip Wire — 5 items stored.\n");
    expect((await runCli(["feeds", "add", server.url("/chips")], allow)).stdout).toBe(
      "Feed 1 is already in the list: Chip Wire\n",
    );
    const failing = await runCli(["feeds", "add", server.url("/down")], allow);
    expect(failing.code).toBe(0);
    expect(failing.stdout).toMatch(
      /Added feed 2: .*but its first poll failed: the server failed \(HTTP 503\)/,
    );

    const list = JSON.parse((await runCli(["feeds", "list", "--json"], env)).stdout) as Record<
      string,
      unknown
    >[];
    expect(list).toEqual([
      {
        id: 1,
        url: server.url("/chips"),
        title: "Chip Wire",
        status: "ok",
        lastError: null,
        itemCount: 5,
        lastPolledAt: expect.any(String),
      },
      {
        id: 2,
        url: server.url("/down"),
        title: null,
        status: "failing",
        lastError: "the server failed (HTTP 503)",
        itemCount: 0,
        lastPolledAt: expect.any(String),
      },
    ]);
    const table = (await runCli(["feeds", "list"], env)).stdout;
    expect(table).toMatch(/1\s+ok\s+5\s+.*Chip Wire/);
    expect(table).toMatch(/↳ the server failed \(HTTP 503\)/);

    expect((await runCli(["feeds", "remove", "2"], env)).stdout).toMatch(/^Removed feed 2/);
    const missing = await runCli(["feeds", "remove", "99"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No feed matches "99"\.\nfix: run `infrawire feeds list`/);
  });

  it("imports and exports OPML", async () => {
    const opml = join(dir, "in.opml");
    writeFileSync(
      opml,
      `<opml version="2.0"><body><outline text="AI"><outline text="A" xmlUrl="https://a.example/rss"/><outline text="B" xmlUrl="https://b.example/atom"/></outline></body></opml>`,
    );
    expect((await runCli(["feeds", "import", opml], env)).stdout).toMatch(
      /Imported 2 new feeds \(0 already present\)/,
    );
    expect((await runCli(["feeds", "import", opml], env)).stdout).toMatch(
      /Imported 0 new feeds \(2 already present\)/,
    );
    const out = join(dir, "out.opml");
    await runCli(["feeds", "export", "-o", out], env);
    const text = readFileSync(out, "utf8");
    expect(text).toContain('xmlUrl="https://a.example/rss"');
    expect(text).toContain('xmlUrl="https://b.example/atom"');
  });
});

describe("infrawire poll and search", () => {
  it("polls once, exits 0 even when a feed fails, and finds stored items by words", async () => {
    const allow = { ...env, INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1" };
    await runCli(["feeds", "add", "--no-poll", server.url("/chips")], allow);
    await runCli(["feeds", "add", "--no-poll", server.url("/down")], allow);
    const poll = await runCli(["poll", "--once"], allow);
    expect(poll.code).toBe(0);
    expect(poll.stdout).toMatch(
      /^Polled 2 feeds in [\d.]+ s: 1 with new items, 0 unchanged, 1 failed, 0 disabled; 5 new items stored\./,
    );
    expect(poll.stdout).toMatch(/✗ .*\/down: the server failed \(HTTP 503\)/);

    const again = JSON.parse((await runCli(["poll", "--once", "--json"], allow)).stdout) as { feeds: number };
    expect(again.feeds).toBe(0);
    const forced = JSON.parse((await runCli(["poll", "--force", "--json"], allow)).stdout) as {
      feeds: number;
      itemsAdded: number;
    };
    expect(forced).toMatchObject({ feeds: 2, itemsAdded: 0 });

    const hits = JSON.parse((await runCli(["search", "instinct", "openai", "--json"], env)).stdout) as {
      title: string;
    }[];
    expect(hits.map((h) => h.title)).toEqual(["AMD and OpenAI sign 6 GW Instinct deal"]);
    const text = await runCli(["search", "nvidia"], env);
    expect(text.stdout).toMatch(
      /Nvidia to invest \$5 billion in Intel {2}— Chip Wire\n\s+https:\/\/w\.example\/nvidia-intel/,
    );
    const none = await runCli(["search", "quantum"], env);
    expect(none.stdout).toBe(
      'No stored item matches "quantum" (searched 5 items). Try fewer or shorter words.\n',
    );
    const bad = await runCli(["search", "x", "--limit", "0"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--limit must be a whole number from 1 to 200 \(got 0\)/);
  });
});

describe("configuration errors and doctor", () => {
  it("stops at start with every config problem listed, not a stack trace", async () => {
    const configDir = mkdtempSync(join(tmpdir(), "iw-badconf-"));
    writeFileSync(
      join(configDir, "infrawire.yaml"),
      "poll:\n  concurrency: -1\nretention:\n  days: forever\n",
    );
    const run = await runCli(["--config-dir", configDir, "feeds", "list"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("infrawire.yaml has 2 problems:");
    expect(run.stderr).toContain("  - poll.concurrency: Too small: expected number to be >=1 (got -1)");
    expect(run.stderr).toMatch(/retention\.days: .*\(got "forever"\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("doctor reports each check and exits 0 on a healthy setup", async () => {
    await runCli(["feeds", "import", join(import.meta.dirname, "../../feeds/default.opml")], env);
    const run = await runCli(["doctor"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ Node\.js v\d+/);
    expect(run.stdout).toMatch(/✓ entities .*: \d+ tracked/);
    expect(run.stdout).toMatch(/✓ \d+ feeds, 0 failing or disabled/);
    expect(run.stdout).toContain("All checks passed.");
  });

  it("doctor exits 1 and says what to do when there are no feeds", async () => {
    const run = await runCli(["doctor"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ 0 feeds.*\n\s+run `npm start` once/);
  });

  it("doctor lists a failing feed under its check, and fails when no feed can be read", async () => {
    const allow = { ...env, INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1" };
    await runCli(["feeds", "add", server.url("/down")], allow);
    const none = await runCli(["doctor"], allow);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(
      /^✗ 1 feed, 1 failing or disabled\n\s+no feed can be read: check the network.*\n\s+failing: http:\/\/127\.0\.0\.1:\d+\/down — the server failed \(HTTP 503\)$/m,
    );

    await runCli(["feeds", "add", server.url("/chips")], allow);
    const some = await runCli(["doctor"], allow);
    expect(some.stdout).toMatch(
      /^✓ 2 feeds, 1 failing or disabled\n\s+failing: .*\/down — the server failed/m,
    );
    expect(some.stdout).not.toContain("no feed can be read");
    expect(some.stdout.indexOf("failing: ")).toBeGreaterThan(some.stdout.indexOf("✓ Node.js"));
  });

  it("unknown commands exit non-zero with a pointer to help", async () => {
    const run = await runCli(["frobnicate"], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});

describe("infrawire analyze", () => {
  it("prints the JSON contract for a feed file", async () => {
    const run = await runCli(
      ["analyze", join(import.meta.dirname, "../../feeds/samples/compute.atom.xml"), "--json"],
      env,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as AnalyzeReport;
    expect(report.items.length).toBe(10);
    for (const item of report.items) {
      expect(Object.keys(item).sort()).toEqual([
        "entities",
        "events",
        "guid",
        "link",
        "publishedAt",
        "storyId",
        "title",
      ]);
      expect(report.stories.some((s) => s.id === item.storyId && s.itemGuids.includes(item.guid))).toBe(true);
      for (const e of item.entities) expect(Object.keys(e).sort()).toEqual(["id", "mentions", "salience"]);
    }
    const oracle = report.items.find((i) => /Oracle/.test(i.title) && /300/.test(i.title));
    expect(oracle?.events[0]).toMatchObject({
      type: "compute_contract",
      amountUsd: 300e9,
      qualifier: "about",
      parties: ["openai", "oracle"],
      status: "reported",
    });
    expect(oracle?.events[0]?.evidence).toMatch(/Oracle/);
  });

  it("prints readable stories with one deal line each", async () => {
    const run = await runCli(
      ["analyze", join(import.meta.dirname, "../../feeds/samples/deals.rss.xml")],
      env,
    );
    expect(run.stdout).toMatch(/^■ /m);
    expect(run.stdout).toContain("Amazon → Anthropic · investment · $8B · closed · 1 source");
    // A listing is money raised, not capacity bought from the cloud that lists.
    expect(run.stdout).toMatch(/IPO at \$40 a share\n {2}CoreWeave · investment · ~\$1\.5B · /);
    expect(run.stdout).toMatch(/10 items, \d+ events, \d+ stories\./);
  });

  it("reads a regulator's inquiry into deals as the inquiry, not as one of the deals", async () => {
    const run = await runCli(
      ["analyze", join(import.meta.dirname, "../../feeds/samples/legal.rss.xml")],
      env,
    );
    expect(run.stdout).toMatch(
      /FTC opens inquiry into AI investments and partnerships\n {2}US government · legal · filed · /,
    );
  });

  it("names a missing file in one sentence", async () => {
    const run = await runCli(["analyze", "no/such/file.xml"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: no/such/file.xml is neither a file nor an http(s) URL.\nfix: give the path of an RSS/Atom file or a feed URL\n",
    );
  });
});
