import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyzeReport } from "../../src/cli/analyze.js";
import { runCli } from "../helpers/cli.js";
import { readSeed, seedFeed } from "../helpers/intel.js";

// The two articles the product started from (../shared/seeds): one event, two outlets, one of
// them with "?" for full stops and U+FFFD for dashes. Fed through `infrawire analyze` as RSS.
let dir: string;
let report: AnalyzeReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "iw-seeds-"));
  const feed = join(dir, "seeds.rss");
  const seeds = [readSeed("amazon-openai-10b-outlet-a"), readSeed("amazon-openai-10b-outlet-b")];
  writeFileSync(feed, seedFeed(seeds, ["2025-12-16T09:00:00Z", "2025-12-16T15:00:00Z"]));
  const run = await runCli(["analyze", feed, "--json"], {
    INFRAWIRE_DB: join(dir, "unused.db"),
    LOG_LEVEL: "silent",
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  report = JSON.parse(run.stdout) as AnalyzeReport;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const item = (name: string) => {
  const found = report.items.find((i) => i.guid.endsWith(name));
  if (!found) throw new Error(`no item ${name}`);
  return found;
};
const headline = (name: string) => item(name).events.filter((e) => !e.secondary);

describe("the seed story: Amazon in talks to invest $10B in OpenAI, two outlets", () => {
  it.each([
    ["outlet-a", "exact"],
    ["outlet-b", "more_than"],
  ])("%s yields the investment Amazon -> OpenAI with the amount as written, in talks", (name, qualifier) => {
    const [first] = headline(name);
    expect(first).toMatchObject({
      type: "investment",
      amountUsd: 10e9,
      qualifier,
      parties: ["amazon", "openai"],
      status: "talks",
    });
  });

  it.each(["outlet-a", "outlet-b"])("%s values OpenAI above $500B", (name) => {
    expect(headline(name).find((e) => e.type === "valuation")).toMatchObject({
      amountUsd: 500e9,
      qualifier: "more_than",
      parties: ["openai"],
    });
  });

  it.each(["outlet-a", "outlet-b"])(
    "%s takes none of the background figures for its headline event",
    (name) => {
      // $38B already committed to AWS, $1.5T of earlier deals, the $500B Stargate, Nvidia's $100B.
      const background = [38e9, 1.5e12, 100e9];
      for (const event of headline(name)) {
        expect(background).not.toContain(event.amountUsd);
        if (event.type !== "valuation") expect(event.amountUsd).not.toBe(500e9);
        expect(event.type).not.toBe("infrastructure");
      }
    },
  );

  it("puts both outlets in one story", () => {
    expect(item("outlet-a").storyId).toBe(item("outlet-b").storyId);
    expect(report.stories).toHaveLength(1);
    expect(report.stories[0]?.itemGuids).toHaveLength(2);
  });
});

describe("events the seed's body reports beside the headline", () => {
  it("flags the ChatGPT data lawsuit in outlet-b as a secondary legal event against OpenAI", () => {
    const secondary = item("outlet-b").events.filter((e) => e.secondary);
    expect(secondary).toHaveLength(1);
    expect(secondary[0]).toMatchObject({
      type: "legal",
      parties: ["openai"],
      status: "filed",
      secondary: true,
    });
    expect(secondary[0]?.evidence).toMatch(/lawsuit/i);
    expect(secondary[0]?.evidence).toMatch(/ChatGPT data/);
  });

  it("reads no new event from background deals and keeps the story that of the headline", () => {
    expect(item("outlet-a").events.filter((e) => e.secondary)).toEqual([]);
    expect(report.stories).toHaveLength(1);
  });
});

describe("the seed story as a reader sees it", () => {
  it("shows one deal line with both outlets and their amount conflict", async () => {
    const feed = join(dir, "seeds.rss");
    const run = await runCli(["analyze", feed], {
      INFRAWIRE_DB: join(dir, "unused.db"),
      LOG_LEVEL: "silent",
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Amazon → OpenAI · investment · $10B (1) vs >$10B (1) · talks · 2 sources");
    expect(run.stdout.match(/^■ /gm)).toHaveLength(1);
  });
});
