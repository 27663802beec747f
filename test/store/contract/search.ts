import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/store/index.js";
import { article, iso, seed } from "../fixtures.js";

async function newsroom(s: Store): Promise<void> {
  await seed(
    s,
    "https://wire.example/feed",
    [
      article("old-title", {
        title: "Nvidia ships Blackwell chips to Oracle",
        summary: "A delivery of racks.",
        publishedAt: iso(-96),
      }),
      article("body-only", {
        title: "Market wrap",
        summary: "Nvidia chips lifted the index.",
        publishedAt: iso(-24),
      }),
      article("new-title", {
        title: "Nvidia chips sold out for next year",
        summary: "Demand outruns supply.",
        publishedAt: iso(-48),
      }),
      article("one-in-title", {
        title: "Nvidia earnings beat",
        summary: "Analysts asked about chips.",
        publishedAt: iso(-20),
      }),
      article("unrelated", { title: "Oracle earnings", summary: "Cloud growth.", publishedAt: iso(-10) }),
      article("one-word", { title: "Nvidia hires", summary: "A new chief scientist.", publishedAt: iso(-5) }),
    ],
    undefined,
    "Wire",
  );
}

// What users type into /search, including FTS and SQL syntax that must be taken as plain words.
const HOSTILE = [
  "",
  "   ",
  '"',
  '"nvidia',
  "nvidia*",
  "*",
  "nvidia AND",
  "OR",
  "NOT nvidia",
  "NEAR(nvidia chips)",
  "title:nvidia",
  "title : (nvidia",
  "^nvidia",
  "nvidia -chips",
  "(((",
  "'; DROP TABLE items; --",
  "' OR 1=1 --",
  "\\",
  "nvidia\u0000chips",
  "% _",
  "{nvidia}",
  "🚀 nvidia",
];

export function searchContract(store: () => Store): void {
  describe("items: full-text search", () => {
    it("needs every word, ranks items with every word in the title first, then newest first", async () => {
      const s = store();
      await newsroom(s);
      const hits = await s.items.search("nvidia chip");
      // "chip" finds "chips": words match in their inflected forms.
      expect(hits.map((h) => h.guid)).toEqual(["new-title", "old-title", "one-in-title", "body-only"]);
      expect(hits[0]?.feedTitle).toBe("Wire");
      expect(hits[0]?.title).toBe("Nvidia chips sold out for next year");
      expect(hits[0]?.snippet).toBe("[Nvidia] [chips] sold out for next year");
      expect((await s.items.search("nvidia chip", 1)).map((h) => h.guid)).toEqual(["new-title"]);
      expect((await s.items.search("NVIDIA")).map((h) => h.guid)).toEqual([
        "one-word",
        "one-in-title",
        "new-title",
        "old-title",
        "body-only",
      ]);
      expect(await s.items.search("quantum")).toEqual([]);
      expect(await s.items.search("nvidia quantum")).toEqual([]);
    });

    it("highlights the matched words in each hit's own title", async () => {
      const s = store();
      await newsroom(s);
      const hits = await s.items.search("nvidia chip");
      expect(hits.map((h) => h.snippet)).toEqual([
        "[Nvidia] [chips] sold out for next year",
        "[Nvidia] ships Blackwell [chips] to Oracle",
        "[Nvidia] earnings beat",
        // The words are in the summary only: the title is shown as it is.
        "Market wrap",
      ]);
    });

    it("matches words whatever their accents", async () => {
      const s = store();
      await seed(s, "https://wire.example/feed", [
        article("accent", { title: "Schneider Électrique builds a data centre", publishedAt: iso(-2) }),
      ]);
      expect((await s.items.search("electrique")).map((h) => h.guid)).toEqual(["accent"]);
      expect((await s.items.search("ÉLECTRIQUE")).map((h) => h.guid)).toEqual(["accent"]);
    });

    it("takes FTS and SQL syntax as plain text: it never throws and never changes stored data", async () => {
      const s = store();
      await newsroom(s);
      for (const words of HOSTILE) {
        const hits = await s.items.search(words);
        expect(Array.isArray(hits)).toBe(true);
      }
      // Punctuation around a word is not part of it.
      expect((await s.items.search('"nvidia" (chips)*')).map((h) => h.guid)).toEqual(
        (await s.items.search("nvidia chips")).map((h) => h.guid),
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), async (words) => {
          await s.items.search(words);
        }),
        { numRuns: 150, seed: 20260302 },
      );
      expect(await s.items.count()).toBe(6);
      expect(await s.feeds.count()).toBe(1);
    });
  });
}
