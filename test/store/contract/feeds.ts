import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/store/index.js";
import { article, at, iso, seed, T0 } from "../fixtures.js";

function success(hours: number, nextHours: number, fields: { title?: string; etag?: string } = {}) {
  return { polledAt: iso(hours), nextPollAt: iso(nextHours), ...fields };
}

export function feedContract(store: () => Store): void {
  describe("feeds", () => {
    it("adds a feed once per URL and finds it by id, by its id typed as text, or by URL", async () => {
      const s = store();
      const first = await s.feeds.add("https://wire.example/feed", T0, "Wire");
      expect(first.created).toBe(true);
      expect(first.feed).toMatchObject({
        url: "https://wire.example/feed",
        title: "Wire",
        status: "ok",
        consecutiveFailures: 0,
        lastPolledAt: null,
        nextPollAt: null,
        backfilled: false,
        createdAt: T0.toISOString(),
      });
      const again = await s.feeds.add("https://wire.example/feed", at(5), "Other title");
      expect(again.created).toBe(false);
      expect(again.feed).toEqual(first.feed);
      const other = await s.feeds.add("https://daily.example/rss", T0);
      expect(other.feed.id).not.toBe(first.feed.id);
      expect(other.feed.title).toBeNull();

      const id = first.feed.id;
      expect(await s.feeds.byId(id)).toEqual(first.feed);
      expect(await s.feeds.byUrl("https://wire.example/feed")).toEqual(first.feed);
      expect(await s.feeds.find(String(id))).toEqual(first.feed);
      expect(await s.feeds.find("https://daily.example/rss")).toEqual(other.feed);
      expect(await s.feeds.find("https://nowhere.example/feed")).toBeUndefined();
      expect(await s.feeds.find("999999")).toBeUndefined();
      expect(await s.feeds.count()).toBe(2);
      expect((await s.feeds.all()).map((f) => f.url)).toEqual([
        "https://wire.example/feed",
        "https://daily.example/rss",
      ]);
    });

    it("removes a feed by id or by URL and keeps the items it brought", async () => {
      const s = store();
      const a = await seed(s, "https://wire.example/feed", [article("a1"), article("a2")]);
      await seed(s, "https://daily.example/rss", [article("b1")]);
      expect(await s.items.count()).toBe(3);

      expect((await s.feeds.remove(String(a.feedId)))?.url).toBe("https://wire.example/feed");
      expect(await s.feeds.byId(a.feedId)).toBeUndefined();
      expect((await s.feeds.remove("https://daily.example/rss"))?.url).toBe("https://daily.example/rss");
      expect(await s.feeds.remove("https://daily.example/rss")).toBeUndefined();
      expect(await s.feeds.count()).toBe(0);
      expect(await s.items.count()).toBe(3);
      const kept = await s.items.byId(a.ids[0] as number);
      expect(kept?.title).toBe("Article a1");
      // The URL is free again: adding it creates a new feed.
      expect((await s.feeds.add("https://wire.example/feed", T0)).created).toBe(true);
    });

    it("lists due feeds never polled first, then the most overdue, without feeds not due or disabled", async () => {
      const s = store();
      const add = async (name: string) => (await s.feeds.add(`https://${name}.example/feed`, T0)).feed.id;
      const soon = await add("soon");
      const overdue = await add("overdue");
      const fresh = await add("fresh");
      const exact = await add("exact");
      const never = await add("never");
      const dead = await add("dead");
      await s.feeds.recordSuccess(soon, success(-1, -0.25));
      await s.feeds.recordSuccess(overdue, success(-3, -2));
      await s.feeds.recordSuccess(fresh, success(-0.1, 0.15));
      await s.feeds.recordSuccess(exact, success(-1, 0));
      await s.feeds.recordFailure(dead, {
        error: "gone",
        polledAt: iso(-5),
        nextPollAt: iso(-4),
        disable: true,
      });

      const due = await s.feeds.due(T0, false);
      expect(due.map((f) => f.id)).toEqual([never, overdue, soon, exact]);
      // The clock moves on: the fresh feed becomes due in its turn.
      expect((await s.feeds.due(at(1), false)).map((f) => f.id)).toEqual([
        never,
        overdue,
        soon,
        exact,
        fresh,
      ]);
      // --force polls every enabled feed, whenever it is due, but never a disabled one.
      const forced = (await s.feeds.due(T0, true)).map((f) => f.id).sort((x, y) => x - y);
      expect(forced).toEqual([soon, overdue, fresh, exact, never].sort((x, y) => x - y));
    });

    it("records a success: status ok, validators and title kept until a poll brings new ones", async () => {
      const s = store();
      const id = (await s.feeds.add("https://wire.example/feed", T0)).feed.id;
      await s.feeds.recordFailure(id, {
        error: "timed out",
        polledAt: iso(0),
        nextPollAt: iso(1),
        disable: false,
      });
      await s.feeds.recordSuccess(id, {
        title: "Wire",
        siteUrl: "https://wire.example/",
        etag: '"v1"',
        lastModified: "Mon, 02 Mar 2026 08:00:00 GMT",
        polledAt: iso(1),
        nextPollAt: iso(1.25),
      });
      expect(await s.feeds.byId(id)).toMatchObject({
        status: "ok",
        lastError: null,
        consecutiveFailures: 0,
        title: "Wire",
        siteUrl: "https://wire.example/",
        etag: '"v1"',
        lastModified: "Mon, 02 Mar 2026 08:00:00 GMT",
        lastPolledAt: iso(1),
        lastSuccessAt: iso(1),
        nextPollAt: iso(1.25),
        backfilled: true,
      });
      // A 304 brings no title or validators: the stored ones stay. An empty title is no title.
      await s.feeds.recordSuccess(id, { title: "", polledAt: iso(2), nextPollAt: iso(2.25) });
      expect(await s.feeds.byId(id)).toMatchObject({
        title: "Wire",
        etag: '"v1"',
        lastModified: "Mon, 02 Mar 2026 08:00:00 GMT",
        lastPolledAt: iso(2),
        lastSuccessAt: iso(2),
        nextPollAt: iso(2.25),
      });
      await s.feeds.recordSuccess(id, success(3, 3.25, { title: "Wire Daily", etag: '"v2"' }));
      expect(await s.feeds.byId(id)).toMatchObject({ title: "Wire Daily", etag: '"v2"' });
    });

    it("keeps a note for the feed's owner from a poll that worked until a poll clears it", async () => {
      const s = store();
      const id = (await s.feeds.add("https://wire.example/feed", T0)).feed.id;
      const note = async () => (await s.feeds.summaries()).find((f) => f.id === id)?.note;
      expect(await note()).toBeNull();
      await s.feeds.recordSuccess(id, {
        ...success(0, 0.25),
        note: "12 new items over the cap were left out",
      });
      expect(await note()).toBe("12 new items over the cap were left out");
      // A poll that says nothing about it keeps it; one that says null clears it.
      await s.feeds.recordSuccess(id, success(1, 1.25));
      expect(await note()).toBe("12 new items over the cap were left out");
      await s.feeds.recordSuccess(id, { ...success(2, 2.25), note: null });
      expect(await note()).toBeNull();
    });

    it("records failures in a row with the reason, keeps the last success, and disables on request", async () => {
      const s = store();
      const id = (await s.feeds.add("https://wire.example/feed", T0)).feed.id;
      await s.feeds.recordSuccess(id, success(0, 0.25));
      await s.feeds.recordFailure(id, {
        error: "HTTP 500",
        polledAt: iso(1),
        nextPollAt: iso(1.1),
        disable: false,
      });
      await s.feeds.recordFailure(id, {
        error: "HTTP 502",
        polledAt: iso(2),
        nextPollAt: iso(2.2),
        disable: false,
      });
      expect(await s.feeds.byId(id)).toMatchObject({
        status: "failing",
        lastError: "HTTP 502",
        consecutiveFailures: 2,
        lastPolledAt: iso(2),
        lastSuccessAt: iso(0),
        nextPollAt: iso(2.2),
      });
      // A failing feed is still polled when its backoff ends.
      expect((await s.feeds.due(at(2.2), false)).map((f) => f.id)).toEqual([id]);

      await s.feeds.recordFailure(id, {
        error: "HTTP 410 (gone)",
        polledAt: iso(3),
        nextPollAt: iso(4),
        disable: true,
      });
      expect(await s.feeds.byId(id)).toMatchObject({
        status: "disabled",
        lastError: "HTTP 410 (gone)",
        consecutiveFailures: 3,
      });
      expect(await s.feeds.due(at(100), false)).toEqual([]);
      expect(await s.feeds.due(at(100), true)).toEqual([]);
    });

    it("enables a disabled feed: status ok, failures forgotten, due at once", async () => {
      const s = store();
      const id = (await s.feeds.add("https://wire.example/feed", T0)).feed.id;
      for (let i = 0; i < 3; i++)
        await s.feeds.recordFailure(id, {
          error: "HTTP 500",
          polledAt: iso(i),
          nextPollAt: iso(i + 48),
          disable: i === 2,
        });
      expect((await s.feeds.byId(id))?.status).toBe("disabled");
      await s.feeds.enable(id);
      expect(await s.feeds.byId(id)).toMatchObject({ status: "ok", consecutiveFailures: 0 });
      expect((await s.feeds.due(at(3), false)).map((f) => f.id)).toEqual([id]);
    });

    it("summarises each feed with how many stored items it gave, a shared article counting for both", async () => {
      const s = store();
      const wire = await seed(
        s,
        "https://wire.example/feed",
        [article("w1"), article("w2"), article("shared", { url: "https://news.example/deal" })],
        T0,
        "Wire",
      );
      const daily = await seed(s, "https://daily.example/rss", [
        article("d1"),
        article("d-shared", { url: "https://www.news.example/deal?utm_source=daily" }),
      ]);
      const empty = (await s.feeds.add("https://empty.example/feed", T0)).feed.id;
      await s.feeds.recordFailure(daily.feedId, {
        error: "HTTP 503",
        polledAt: iso(1),
        nextPollAt: iso(2),
        disable: false,
      });
      // Polling again what is already stored changes no count.
      await s.items.insert(wire.feedId, [article("w1"), article("w2")], { now: at(1), backfill: false });

      expect(await s.items.count()).toBe(4);
      expect(await s.feeds.summaries()).toEqual([
        {
          id: wire.feedId,
          url: "https://wire.example/feed",
          title: "Wire",
          status: "ok",
          lastError: null,
          itemCount: 3,
          lastPolledAt: null,
          note: null,
        },
        {
          id: daily.feedId,
          url: "https://daily.example/rss",
          title: null,
          status: "failing",
          lastError: "HTTP 503",
          itemCount: 2,
          lastPolledAt: iso(1),
          note: null,
        },
        {
          id: empty,
          url: "https://empty.example/feed",
          title: null,
          status: "ok",
          lastError: null,
          itemCount: 0,
          lastPolledAt: null,
          note: null,
        },
      ]);
    });
  });
}
