import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { entityDirectory } from "../../src/briefing/entity-directory.js";
import { createBriefing } from "../../src/briefing/index.js";
import { renderText } from "../../src/chat/render/text.js";
import { FakeClock } from "../../src/clock.js";
import { silentLogger } from "../../src/log.js";

// Lawsuits that deal stories report further down: each case one line in /controversies and
// /brief, whichever articles tell it, and none repeated beside the story that is about it.
const NOW = new Date("2026-03-10T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const filler = [
  "Analysts said the terms were in line with earlier rounds.",
  "The companies did not say when the money would arrive.",
  "Both sides have worked together on data-centre plans since last spring.",
  "Shares of suppliers moved little on the news.",
];
const article = (guid: string, title: string, lead: string, later: string, hours: number) => ({
  id: guid,
  url: `https://news.example/${guid}`,
  title,
  summary: [lead, ...filler, later].join(" "),
  content: "",
  categories: [],
  enclosures: [],
  publishedAt: hoursAgo(hours),
});

const dir = mkdtempSync(join(tmpdir(), "iw-secondary-"));
let app: App;
beforeAll(async () => {
  app = await createApp({
    env: { INFRAWIRE_DB: join(dir, "desk.db") },
    log: silentLogger,
    clock: new FakeClock(NOW),
  });
  const feed = async (url: string, title: string) => (await app.store.feeds.add(url, NOW, title)).feed.id;
  const wire = await feed("https://wire.example/feed", "Wire");
  const daily = await feed("https://daily.example/feed", "Daily");
  await app.store.items.insert(
    wire,
    [
      article(
        "nvidia-xai",
        "Nvidia agrees to invest $2 billion in xAI",
        "Nvidia will invest $2 billion in xAI as part of its latest funding round.",
        "The round closes while xAI fights a lawsuit from musicians who say their songs were copied without permission to train Grok.",
        30,
      ),
      article(
        "times-suit",
        "The New York Times sues Microsoft over copyright",
        "The New York Times sued Microsoft, saying its articles were copied without permission.",
        "The paper wants damages.",
        20,
      ),
    ],
    { now: NOW, backfill: false },
  );
  await app.store.items.insert(
    daily,
    [
      article(
        "oracle-xai",
        "Oracle signs $5 billion cloud contract with xAI",
        "Oracle will provide xAI with $5 billion of cloud capacity over five years.",
        "The contract comes as a lawsuit by musicians accuses xAI of copyright infringement over songs used to train Grok.",
        10,
      ),
      article(
        "microsoft-cloud",
        "Microsoft signs $3 billion data-centre lease with Nebius",
        "Microsoft agreed to rent $3 billion of GPU capacity from Nebius.",
        "The lease comes as Microsoft faces a lawsuit from The New York Times over copyright.",
        5,
      ),
    ],
    { now: NOW, backfill: false },
  );
  await app.enrich();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = async (command: "controversies" | "brief", entity?: string) => {
  const entities = entityDirectory((await app.intel.get()).matcher);
  const briefing = createBriefing({
    stories: app.store.briefing,
    items: app.store.items,
    settings: app.store.settings,
    entities,
  });
  const period = { now: NOW, since: 7 * 86_400_000, entity: entity ? entities.get(entity) : undefined };
  return renderText(await briefing[command](period));
};

describe("lawsuits told inside deal stories", () => {
  it("gives one case told by two outlets' deal stories one line with both, in /controversies", async () => {
    const out = await text("controversies");
    const lines = out.split("\n").filter((l) => /musicians/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^• Musicians v\. xAI · legal · filed · /);
    expect(lines[0]).toMatch(/“Oracle signs \$5 billion cloud contract with xAI”: Daily/);
    expect(lines[0]).toMatch(/“Nvidia agrees to invest \$2 billion in xAI”: Wire/);
  });

  it("leaves a case to the story about it rather than repeating it", async () => {
    const out = await text("controversies");
    expect(out.split("\n").filter((l) => /New York Times/.test(l))).toHaveLength(1);
    expect(out).toMatch(
      /The New York Times v\. Microsoft · legal · filed · The New York Times sues Microsoft/,
    );
  });

  it("lists the case with the lawsuits of /brief and of the company's brief, not as the deal", async () => {
    const brief = await text("brief");
    const legal = brief.slice(brief.indexOf("== Legal =="));
    expect(legal).toMatch(/Musicians v\. xAI · legal · filed · [^\n]*musicians/);
    const company = await text("brief", "xai");
    expect(company.slice(company.indexOf("== Controversies and legal =="))).toMatch(/musicians/);
    expect(company).toMatch(/Nvidia → xAI · investment · \$2B/);
  });
});
