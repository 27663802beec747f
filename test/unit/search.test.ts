import { describe, expect, it } from "vitest";
import type { NormalizedItem } from "../../src/ingest/item.js";
import { openStore } from "../../src/store/index.js";

function item(id: string, title: string, summary: string, publishedAt: string): NormalizedItem {
  return {
    id,
    url: `https://w.example/${id}`,
    title,
    summary,
    content: "",
    categories: [],
    enclosures: [],
    publishedAt,
  };
}

describe("search", () => {
  it("puts items with every word in the title first, newest first, and marks the words", async () => {
    const store = await openStore(":memory:");
    const now = new Date("2025-11-05T12:00:00Z");
    const feed = (await store.feeds.add("https://w.example/feed", now, "Wire")).feed.id;
    const items = store.items;
    await items.insert(
      feed,
      [
        item("old-title", "Nvidia ships Blackwell chips to Oracle", "A delivery.", "2025-11-01T09:00:00Z"),
        item("body-only", "Market wrap", "Nvidia chips lifted the index.", "2025-11-04T09:00:00Z"),
        item("new-title", "Nvidia chips sold out for 2026", "Demand.", "2025-11-03T09:00:00Z"),
        item("one-word", "Nvidia earnings beat", "No chips talk at all? Some chips.", "2025-11-04T10:00:00Z"),
        item("unrelated", "Oracle earnings", "Cloud growth.", "2025-11-04T11:00:00Z"),
      ],
      { now, backfill: false },
    );
    const hits = await items.search("nvidia chip");
    // "chip" finds "chips" through the stemmer; items must hold both words.
    expect(hits.map((h) => h.url)).toEqual([
      "https://w.example/new-title",
      "https://w.example/old-title",
      "https://w.example/one-word",
      "https://w.example/body-only",
    ]);
    expect(hits[0]?.snippet).toBe("[Nvidia] [chips] sold out for 2026");
    expect(hits[0]?.feedTitle).toBe("Wire");
    expect(await items.search("nvidia chip", 1)).toHaveLength(1);
    expect(await items.search("quantum")).toEqual([]);
    await store.close();
  });
});
