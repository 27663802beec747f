import { afterEach, describe, expect, it } from "vitest";
import { enrichNewItems } from "../../src/enrich.js";
import { silentLogger } from "../../src/log.js";
import { IntelStore } from "../../src/store/intel.js";
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
    h.feeds.add(server.url("/wire"), h.now());
    h.feeds.add(server.url("/daily"), h.now());
    await h.poller.runCycle();
    const store = new IntelStore(h.db);
    const result = enrichNewItems(store, shippedIntel(), silentLogger, h.now());
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
    expect(enrichNewItems(store, shippedIntel(), silentLogger, h.now()).analyzed).toBe(0);
    expect(store.storyCount()).toBe(2);
    await h.close();
  });
});
