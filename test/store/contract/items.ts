import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/store/index.js";
import { article, at, DAY, iso, seed, T0 } from "../fixtures.js";

function itemCounts(summaries: { id: number; itemCount: number }[]): Record<number, number> {
  return Object.fromEntries(summaries.map((f) => [f.id, f.itemCount]));
}

export function itemContract(store: () => Store): void {
  describe("items: dedupe", () => {
    it("stores an item with every field a later stage reads", async () => {
      const s = store();
      const { feed } = await s.feeds.add("https://wire.example/feed", T0);
      const result = await s.items.insert(
        feed.id,
        [
          article("g-1", {
            url: "https://wire.example/nvidia-oracle",
            title: "Nvidia ships racks to Oracle",
            summary: "The racks arrive in spring.",
            author: "A. Writer",
            categories: ["chips", "cloud"],
            publishedAt: iso(-30),
          }),
          article("g-2", { url: undefined, publishedAt: undefined }),
        ],
        { now: T0, backfill: true },
      );
      expect(result).toMatchObject({ known: 0, linked: 0, capped: 0 });
      expect(result.added).toHaveLength(2);
      const [first, second] = result.added as [number, number];
      expect(await s.items.byId(first)).toEqual({
        id: first,
        feedId: feed.id,
        guid: "g-1",
        url: "https://wire.example/nvidia-oracle",
        title: "Nvidia ships racks to Oracle",
        summary: "The racks arrive in spring.",
        author: "A. Writer",
        categories: ["chips", "cloud"],
        publishedAt: iso(-30),
        fetchedAt: T0.toISOString(),
        backfill: true,
      });
      expect(await s.items.byId(second)).toMatchObject({
        guid: "g-2",
        url: null,
        author: null,
        categories: [],
        publishedAt: null,
        backfill: true,
      });
      expect(await s.items.byId(second + 1000)).toBeUndefined();
    });

    it("knows a guid its feed already gave, in a later poll or twice in one poll, and stores it once", async () => {
      const s = store();
      const { feedId, ids } = await seed(s, "https://wire.example/feed", [article("a"), article("b")]);
      const again = await s.items.insert(
        feedId,
        [article("a", { title: "Edited title" }), article("b"), article("c"), article("c")],
        { now: at(1), backfill: false },
      );
      expect(again.known).toBe(3);
      expect(again.linked).toBe(0);
      expect(again.added).toHaveLength(1);
      expect(await s.items.count()).toBe(3);
      expect((await s.items.byId(ids[0] as number))?.title).toBe("Article a");
    });

    it("stores at most `maxNew` new items of one poll and says how many it left out", async () => {
      const s = store();
      const { feedId } = await seed(s, "https://wire.example/feed", [article("known")]);
      const { feed: other } = await s.feeds.add("https://daily.example/rss", T0);
      await s.items.insert(other.id, [article("elsewhere", { url: "https://news.example/shared" })], {
        now: T0,
        backfill: false,
      });
      const result = await s.items.insert(
        feedId,
        [
          article("known"),
          article("n1"),
          article("shared", { url: "https://news.example/shared" }),
          article("n2"),
          article("n3"),
          article("n4"),
        ],
        { now: at(1), backfill: false, maxNew: 2 },
      );
      // Known and linked items are not new: only stored ones count against the cap.
      expect(result).toMatchObject({ known: 1, linked: 1, capped: 2 });
      expect(result.added).toHaveLength(2);
      expect((await s.items.latest(10)).map((i) => i.guid).sort()).toEqual([
        "elsewhere",
        "known",
        "n1",
        "n2",
      ]);
    });

    it("takes a guid as an identity inside its feed only: two feeds may use the same one", async () => {
      const s = store();
      await seed(s, "https://wire.example/feed", [article("1", { url: "https://wire.example/one" })]);
      const daily = await seed(s, "https://daily.example/rss", [
        article("1", { url: "https://daily.example/one" }),
      ]);
      expect(daily.ids).toHaveLength(1);
      expect(await s.items.count()).toBe(2);
    });

    it("stores one article once when two feeds carry it under different tracking links, and links both", async () => {
      const s = store();
      const a = await seed(s, "https://a.example/feed", [
        article("a-guid", { url: "https://www.news.example/openai-aws?utm_source=rss&id=7#top" }),
      ]);
      const { feed: b } = await s.feeds.add("https://b.example/feed", T0);
      const linked = await s.items.insert(
        b.id,
        [
          article("b-guid", { url: "http://news.example/openai-aws/?id=7&utm_medium=feed&fbclid=x1" }),
          // Another query value is another article.
          article("b-other", { url: "https://news.example/openai-aws?id=8" }),
        ],
        { now: T0, backfill: false },
      );
      expect(linked.linked).toBe(1);
      expect(linked.added).toHaveLength(1);
      expect(await s.items.count()).toBe(2);
      expect(itemCounts(await s.feeds.summaries())).toEqual({ [a.feedId]: 1, [b.id]: 2 });
      // Its second feed polled again: known, not linked twice.
      const again = await s.items.insert(
        b.id,
        [article("b-guid", { url: "http://news.example/openai-aws/?id=7&utm_medium=feed&fbclid=x1" })],
        { now: at(1), backfill: false },
      );
      expect(again).toEqual({ added: [], known: 1, linked: 0, capped: 0 });
      expect(itemCounts(await s.feeds.summaries())).toEqual({ [a.feedId]: 1, [b.id]: 2 });
    });

    it("stores items without a link by their guid", async () => {
      const s = store();
      const { feedId } = await seed(s, "https://wire.example/feed", [
        article("t1", { url: undefined }),
        article("t2", { url: undefined }),
      ]);
      expect(await s.items.count()).toBe(2);
      const again = await s.items.insert(feedId, [article("t1", { url: undefined })], {
        now: at(1),
        backfill: false,
      });
      expect(again.known).toBe(1);
      expect(await s.items.count()).toBe(2);
    });

    it("lists the latest items newest first, an undated item at the time it was fetched", async () => {
      const s = store();
      const { feedId } = await seed(s, "https://wire.example/feed", [
        article("old", { publishedAt: iso(-48) }),
        article("new", { publishedAt: iso(-1) }),
      ]);
      await s.items.insert(feedId, [article("undated", { publishedAt: undefined })], {
        now: at(-10),
        backfill: false,
      });
      expect((await s.items.latest(10)).map((i) => i.guid)).toEqual(["new", "undated", "old"]);
      expect((await s.items.latest(2)).map((i) => i.guid)).toEqual(["new", "undated"]);
    });
  });

  describe("items: retention and tombstones", () => {
    it("purges by fetch time, not publication time, and keeps each feed's item count right", async () => {
      const s = store();
      const old = await seed(s, "https://wire.example/feed", [article("o1"), article("o2")], at(-100 * 24));
      const { feed: daily } = await s.feeds.add("https://daily.example/rss", at(-100 * 24));
      await s.items.insert(daily.id, [article("d-o1", { url: "https://wire.example/o1" })], {
        now: at(-99 * 24),
        backfill: false,
      });
      // A backfill of an old article, fetched today: kept for the whole retention period.
      await s.items.insert(
        daily.id,
        [article("d-backfill", { publishedAt: new Date(T0.getTime() - 400 * DAY).toISOString() })],
        { now: T0, backfill: true },
      );
      expect(itemCounts(await s.feeds.summaries())).toEqual({ [old.feedId]: 2, [daily.id]: 2 });

      const cutoff = new Date(T0.getTime() - 90 * DAY);
      expect(await s.items.purgeBefore(cutoff)).toBe(2);
      expect(await s.items.count()).toBe(1);
      expect((await s.items.latest(10)).map((i) => i.guid)).toEqual(["d-backfill"]);
      expect(await s.items.byId(old.ids[0] as number)).toBeUndefined();
      expect(itemCounts(await s.feeds.summaries())).toEqual({ [old.feedId]: 0, [daily.id]: 1 });
      expect(await s.items.purgeBefore(cutoff)).toBe(0);
    });

    it("never stores a purged article again while its feeds still list it", async () => {
      const s = store();
      const wire = await seed(s, "https://wire.example/feed", [article("p1"), article("p2")], at(-100 * 24));
      const { feed: daily } = await s.feeds.add("https://daily.example/rss", at(-100 * 24));
      await s.items.insert(daily.id, [article("d-p1", { url: "https://wire.example/p1?utm_campaign=x" })], {
        now: at(-100 * 24),
        backfill: false,
      });
      expect(await s.items.purgeBefore(new Date(T0.getTime() - 90 * DAY))).toBe(2);

      const again = await s.items.insert(wire.feedId, [article("p1"), article("p2"), article("p3")], {
        now: T0,
        backfill: false,
      });
      expect(again.known).toBe(2);
      expect(again.added).toHaveLength(1);
      const linkedFeed = await s.items.insert(
        daily.id,
        [article("d-p1", { url: "https://wire.example/p1?utm_campaign=x" })],
        { now: T0, backfill: false },
      );
      expect(linkedFeed).toEqual({ added: [], known: 1, linked: 0, capped: 0 });
      expect((await s.items.latest(10)).map((i) => i.guid)).toEqual(["p3"]);
      expect(itemCounts(await s.feeds.summaries())).toEqual({ [wire.feedId]: 1, [daily.id]: 0 });
    });

    it("finds no purged article in search", async () => {
      const s = store();
      await seed(
        s,
        "https://wire.example/feed",
        [article("x", { title: "Cerebras files for listing" })],
        at(-2400),
      );
      await seed(s, "https://daily.example/rss", [article("y", { title: "Cerebras raises again" })], T0);
      expect(await s.items.search("cerebras")).toHaveLength(2);
      await s.items.purgeBefore(at(-24));
      expect((await s.items.search("cerebras")).map((h) => h.guid)).toEqual(["y"]);
    });
  });
}
