import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { FakeClock } from "../../src/clock.js";
import { loadIntelContext } from "../../src/enrich/context.js";
import { enrichNewItems, reanalyzeWindow } from "../../src/enrich/enrich.js";
import { analyzeArticle } from "../../src/intel/analyze.js";
import { silentLogger } from "../../src/log.js";
import { rss, startServer, type TestServer } from "../helpers/feed-server.js";
import { makeHarness } from "../helpers/harness.js";
import { shippedIntel } from "../helpers/intel.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe("the pipeline after a poll", () => {
  it("stores entities, events and one story for two outlets on one deal", async () => {
    const day = "Mon, 03 Nov 2025";
    server = await startServer({
      "/wire": (_q, s) =>
        s.writeHead(200).end(
          rss("Wire", [
            {
              title: "OpenAI signs $38 billion cloud deal with Amazon Web Services",
              link: "https://wire.example/openai-aws",
              description:
                "OpenAI has agreed to buy $38 billion of computing capacity from AWS over seven years.",
              pubDate: `${day} 14:00:00 GMT`,
            },
            {
              title: "Local council approves new bike lanes",
              link: "https://wire.example/bikes",
              description: "The council voted for the plan.",
              pubDate: `${day} 15:00:00 GMT`,
            },
          ]),
        ),
      "/daily": (_q, s) =>
        s.writeHead(200).end(
          rss("Daily", [
            {
              title: "AWS wins OpenAI as a customer in seven-year deal worth about $38 billion",
              link: "https://daily.example/aws-openai",
              description:
                "Amazon Web Services will supply OpenAI with Nvidia GPUs under a $38 billion contract.",
              pubDate: `${day} 16:30:00 GMT`,
            },
          ]),
        ),
    });
    const h = makeHarness();
    await h.feeds.add(server.url("/wire"), h.now());
    await h.feeds.add(server.url("/daily"), h.now());
    await h.poller.runCycle();
    const store = h.store.intel;
    const result = await enrichNewItems(store, shippedIntel(), silentLogger, h.clock);
    expect(result.analyzed).toBe(3);

    const stories = h.db
      .prepare(
        "SELECT id, headline, type, amount_usd AS amount, parties, amounts, source_count AS sources FROM stories ORDER BY source_count DESC",
      )
      .all() as {
      headline: string;
      type: string | null;
      amount: number;
      parties: string;
      amounts: string;
      sources: number;
    }[];
    expect(stories).toHaveLength(2);
    expect(stories[0]).toMatchObject({ type: "compute_contract", amount: 38e9, sources: 2 });
    expect(JSON.parse(stories[0]?.parties ?? "[]")).toEqual(["openai", "amazon"]);
    // Two outlets, two wordings of the amount: both kept with their counts.
    expect(JSON.parse(stories[0]?.amounts ?? "[]")).toEqual([
      { amountUsd: 38e9, qualifier: "exact", sources: 1 },
      { amountUsd: 38e9, qualifier: "about", sources: 1 },
    ]);
    expect(stories[1]).toMatchObject({ type: null, sources: 1 });
    const linked = h.db
      .prepare("SELECT DISTINCT entity_id FROM item_entities ORDER BY entity_id")
      .pluck()
      .all();
    expect(linked).toEqual(["amazon", "nvidia", "openai"]);

    // Nothing new: nothing analysed again, and the stories stay as they are.
    expect((await enrichNewItems(store, shippedIntel(), silentLogger, h.clock)).analyzed).toBe(0);
    expect(await store.storyCount()).toBe(2);
    await h.close();
  });

  it("joins a late outlet to a story from an earlier pass, and re-reads the window for a new company", async () => {
    const day = "Tue, 04 Nov 2025";
    let round = 1;
    const first = {
      title: "Anthropic signs $10 billion compute deal with TensorWave",
      link: "https://wire.example/anthropic-tensorwave",
      description: "Anthropic will rent $10 billion of computing capacity from TensorWave over five years.",
      pubDate: `${day} 09:00:00 GMT`,
    };
    const late = {
      title: "TensorWave wins $10 billion Anthropic compute contract",
      link: "https://daily.example/tensorwave-anthropic",
      description:
        "TensorWave will provide Anthropic with $10 billion of computing capacity, the companies said.",
      pubDate: `${day} 15:00:00 GMT`,
    };
    server = await startServer({
      "/wire": (_q, s) => s.writeHead(200).end(rss("Wire", [first])),
      "/daily": (_q, s) => s.writeHead(200).end(rss("Daily", round === 1 ? [] : [late])),
    });
    const h = makeHarness();
    await h.feeds.add(server.url("/wire"), h.now());
    await h.feeds.add(server.url("/daily"), h.now());
    const store = h.store.intel;
    const sources = () =>
      h.db.prepare("SELECT source_count FROM stories ORDER BY source_count DESC").pluck().all() as number[];

    await h.poller.runCycle();
    expect((await enrichNewItems(store, shippedIntel(), silentLogger, h.clock)).analyzed).toBe(1);
    expect(sources()).toEqual([1]);

    // The second outlet arrives in a later cycle: only it is analysed, and it joins the story.
    round = 2;
    h.advance(24 * 3_600_000);
    await h.poller.runCycle();
    expect((await enrichNewItems(store, shippedIntel(), silentLogger, h.clock)).analyzed).toBe(1);
    expect(sources()).toEqual([2]);

    // A user tracks TensorWave: the last three days are read again and the story is linked to it.
    const withTensorWave = loadIntelContext(join(import.meta.dirname, "../../config"), [
      { id: "tensorwave", name: "TensorWave", aliases: [] },
    ]);
    expect(await reanalyzeWindow(store, h.now())).toBe(2);
    expect((await enrichNewItems(store, withTensorWave, silentLogger, h.clock)).analyzed).toBe(2);
    expect(sources()).toEqual([2]);
    const linked = h.db
      .prepare("SELECT DISTINCT entity_id FROM story_entities ORDER BY entity_id")
      .pluck()
      .all();
    expect(linked).toEqual(["anthropic", "tensorwave"]);
    const items = h.db
      .prepare("SELECT count(DISTINCT item_id) FROM item_entities WHERE entity_id = 'tensorwave'")
      .pluck()
      .get();
    expect(items).toBe(2);
    await h.close();
  });

  it("joins an outlet that reports a deal six days later in other words, and keeps another deal of the same companies apart", async () => {
    // Past the 72 hours that each pass regroups whole, but within the ten days in which one event
    // told by two outlets is one story (issue 12): the later pass must find the stored story.
    let round = 1;
    const first = {
      title: "Nvidia to invest $5 billion in Intel",
      link: "https://wire.example/nvidia-intel",
      description: "Nvidia agreed to invest $5 billion in Intel, buying common stock from the chipmaker.",
      pubDate: "Tue, 28 Oct 2025 09:00:00 GMT",
    };
    const filler = {
      title: "Nvidia unveils new networking switch for AI clusters",
      link: "https://wire.example/nvidia-switch",
      description: "Nvidia launched a networking switch for large AI clusters.",
      pubDate: "Wed, 29 Oct 2025 09:00:00 GMT",
    };
    const late = {
      title: "Inside the $5bn lifeline Intel got from Nvidia",
      link: "https://daily.example/intel-lifeline",
      description:
        "Nvidia is putting $5 billion into Intel, a stake that makes the graphics giant one of Intel's largest shareholders.",
      pubDate: "Mon, 03 Nov 2025 10:00:00 GMT",
    };
    const other = {
      title: "Intel signs $2 billion chip packaging contract with Nvidia",
      link: "https://daily.example/intel-packaging",
      description: "Intel will package Nvidia's chips at its plants under a $2 billion supply contract.",
      pubDate: "Mon, 03 Nov 2025 12:00:00 GMT",
    };
    server = await startServer({
      "/wire": (_q, s) => s.writeHead(200).end(rss("Wire", [first, filler])),
      "/daily": (_q, s) => s.writeHead(200).end(rss("Daily", round === 1 ? [] : [late, other])),
    });
    const h = makeHarness();
    h.clock.set("2025-10-29T12:00:00Z");
    await h.feeds.add(server.url("/wire"), h.now());
    await h.feeds.add(server.url("/daily"), h.now());
    const store = h.store.intel;
    await h.poller.runCycle();
    await enrichNewItems(store, shippedIntel(), silentLogger, h.clock);

    round = 2;
    h.clock.set("2025-11-03T13:00:00Z");
    await h.poller.runCycle();
    expect((await enrichNewItems(store, shippedIntel(), silentLogger, h.clock)).analyzed).toBe(2);
    const stories = h.db
      .prepare(
        `SELECT s.type, s.amount_usd AS amount, group_concat(i.url, ' ') AS urls FROM stories s
           JOIN story_items si ON si.story_id = s.id JOIN items i ON i.id = si.item_id
          GROUP BY s.id ORDER BY s.first_seen_at, s.id`,
      )
      .all() as { type: string | null; amount: number | null; urls: string }[];
    const withUrl = (url: string) => stories.filter((s) => s.urls.includes(url));
    expect(withUrl(first.link)).toHaveLength(1);
    expect(withUrl(first.link)[0]?.urls.split(" ").sort()).toEqual([first.link, late.link].sort());
    expect(withUrl(first.link)[0]).toMatchObject({ type: "investment", amount: 5e9 });
    expect(withUrl(other.link)[0]?.urls).toBe(other.link);
    await h.close();
  });

  it("reads the last three days again after /track add, and only then", async () => {
    const clock = new FakeClock("2025-11-05T12:00:00Z");
    const now = clock.now();
    const dir = mkdtempSync(join(tmpdir(), "iw-track-"));
    const app = await createApp({ env: { INFRAWIRE_DB: join(dir, "t.db") }, log: silentLogger, clock });
    const feed = (await app.store.feeds.add("https://wire.example/feed", now, "Wire")).feed.id;
    await app.store.items.insert(
      feed,
      [
        {
          id: "a",
          url: "https://wire.example/a",
          title: "Anthropic signs $10 billion compute deal with TensorWave",
          summary: "Anthropic will rent capacity from TensorWave.",
          content: "",
          categories: [],
          enclosures: [],
          publishedAt: "2025-11-04T09:00:00Z",
        },
      ],
      { now, backfill: false },
    );
    const entitiesOfItems = async () => {
      const stored = await app.store.intel.intelSince(new Date(0));
      return [...new Set([...stored.values()].flatMap((i) => i.entities.map((e) => e.id)))].sort();
    };
    const pass = async () =>
      (await enrichNewItems(app.store.intel, await app.intel.get(), silentLogger, clock)).analyzed;
    expect(await pass()).toBe(1);
    expect(await entitiesOfItems()).toEqual(["anthropic"]);
    // Same entity list: nothing is read again.
    app.intel.refresh();
    expect(await pass()).toBe(0);

    await app.actions.addEntity("TensorWave", [], "U1");
    expect(await pass()).toBe(1);
    expect(await entitiesOfItems()).toEqual(["anthropic", "tensorwave"]);
    await app.close();
  });

  it("finishes a pass that stopped after saving a batch and before grouping, whatever the items' age", async () => {
    // The state a kill leaves: items read and saved, in no story. Half are older than the 72-hour
    // window that each pass regroups; the next pass must still give every one a story.
    const h = makeHarness();
    const feed = (await h.feeds.add("https://wire.example/feed", h.now(), "Wire")).feed.id;
    const articles = Array.from({ length: 40 }, (_, i) => ({
      id: `k${i}`,
      url: `https://wire.example/k${i}`,
      title: `Company ${i} raises $${i + 1} billion from SoftBank`,
      summary: `SoftBank invested $${i + 1} billion in company ${i}.`,
      content: "",
      categories: [],
      enclosures: [],
      publishedAt: new Date(h.now().getTime() - i * 6 * 3_600_000).toISOString(),
    }));
    const { added } = await h.items.insert(feed, articles, { now: h.now(), backfill: false });
    const store = h.store.intel;
    const unread = await store.unanalyzed(100);
    await store.saveAnalysed(
      unread.map((item) => ({
        id: item.id,
        intel: analyzeArticle({ title: item.title, body: item.summary }, shippedIntel()),
        at: new Date(item.publishedAt),
      })),
    );
    expect(await store.storyCount()).toBe(0);

    await enrichNewItems(store, shippedIntel(), silentLogger, h.clock);
    const grouped = h.db.prepare("SELECT count(DISTINCT item_id) FROM story_items").pluck().get();
    expect(grouped).toBe(added.length);
    expect(await store.unstoried()).toEqual([]);
    await h.close();
  });
});
