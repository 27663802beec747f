import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/store/index.js";
import { article, at, entity, event, intel, iso, seed, storyOf, T0 } from "../fixtures.js";

const ABOUT = (key: string) => [`entity-of-${key}`];

export function intelContract(store: () => Store): void {
  describe("intel: reading, saving and grouping", () => {
    it("hands out unanalysed items oldest first, in batches, with their text and date", async () => {
      const s = store();
      const { feedId, ids } = await seed(s, "https://wire.example/feed", [
        article("a", { title: "First", summary: "One.", content: "Full text one.", publishedAt: iso(-30) }),
        article("b", { publishedAt: iso(-20) }),
      ]);
      const later = await s.items.insert(feedId, [article("c", { publishedAt: undefined })], {
        now: at(1),
        backfill: false,
      });
      const all = [...ids, ...later.added];
      expect((await s.intel.unanalyzed(10)).map((i) => i.id)).toEqual(all);
      expect((await s.intel.unanalyzed(2)).map((i) => i.id)).toEqual(all.slice(0, 2));
      const [first] = await s.intel.unanalyzed(1);
      expect(first).toMatchObject({
        id: ids[0],
        title: "First",
        summary: "One.",
        content: "Full text one.",
        url: "https://wire.example/a",
        publishedAt: at(-30).getTime(),
      });
      // An undated item is dated when it was fetched.
      expect((await s.intel.unanalyzed(10)).at(-1)?.publishedAt).toBe(at(1).getTime());
    });

    it("saves entities and events, marks the items read, and gives them back by id", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [article("a"), article("b"), article("c")]);
      const [a, b, c] = ids as [number, number, number];
      const deal = event("compute_contract", {
        amountUsd: 38e9,
        qualifier: "about",
        parties: ["openai", "amazon"],
        status: "agreed",
        evidence: "OpenAI agreed to buy about $38 billion of capacity from AWS.",
      });
      const euro = event("investment", {
        amountUsd: 1.9e9,
        qualifier: "exact",
        originalAmount: { amount: 1.7e9, currency: "EUR" },
        parties: ["asml", "mistral"],
        status: "closed",
      });
      await s.intel.saveAnalysed([
        {
          id: a,
          intel: intel(
            [
              entity("openai", { mentions: 4, salience: 0.9 }),
              entity("amazon", { mentions: 1, salience: 0.4, about: false }),
            ],
            [deal],
          ),
          at: at(-1),
        },
        { id: b, intel: intel([entity("mistral"), entity("asml", { salience: 0.5 })], [euro]), at: at(-1) },
      ]);
      expect((await s.intel.unanalyzed(10)).map((i) => i.id)).toEqual([c]);
      expect(await s.intel.eventCount()).toBe(2);

      const stored = await s.intel.intelOf([a, b, c]);
      expect([...stored.keys()].sort((x, y) => x - y)).toEqual([a, b]);
      expect(stored.get(a)?.events).toEqual([deal]);
      expect(stored.get(a)?.entities).toEqual([
        entity("openai", { mentions: 4, salience: 0.9 }),
        entity("amazon", { mentions: 1, salience: 0.4, about: false }),
      ]);
      expect(stored.get(b)?.events).toEqual([euro]);
      expect(stored.get(b)?.entities.map((e) => e.id)).toEqual(["mistral", "asml"]);
      expect((await s.intel.intelOf([])).size).toBe(0);
    });

    it("gives back an analysed item with nothing in it as analysed, with no entities or events", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [article("plain")]);
      const id = ids[0] as number;
      await s.intel.saveAnalysed([{ id, intel: intel([]), at: at(-1) }]);
      expect(await s.intel.unanalyzed(10)).toEqual([]);
      expect((await s.intel.intelOf([id])).get(id)).toEqual({ entities: [], events: [] });
      expect((await s.intel.intelSince(at(-48))).get(id)).toEqual({ entities: [], events: [] });
    });

    it("keeps analysed items in no story until they are grouped, so that a stopped pass is finished next time", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [
        article("a", { publishedAt: iso(-3) }),
        article("b", { publishedAt: iso(-5) }),
        article("c", { publishedAt: iso(-4) }),
      ]);
      const [a, b, c] = ids as [number, number, number];
      expect(await s.intel.unstoried()).toEqual([]);
      await s.intel.saveAnalysed([
        { id: a, intel: intel([entity("openai")]), at: at(-3) },
        { id: b, intel: intel([entity("nvidia")]), at: at(-5) },
      ]);
      // The pass stops here. The next one finds only c new to analyse, and two items to group.
      expect((await s.intel.unanalyzed(10)).map((i) => i.id)).toEqual([c]);
      expect((await s.intel.unstoried()).map((i) => i.id).sort((x, y) => x - y)).toEqual([a, b]);

      await s.intel.replaceStories([a, b], [storyOf([a]), storyOf([b])], ABOUT);
      expect(await s.intel.unstoried()).toEqual([]);
      expect(await s.intel.storyCount()).toBe(2);

      // An item stored while a pass ran is grouped by it but stays to be analysed by the next one.
      await s.intel.replaceStories([c], [storyOf([c])], ABOUT);
      expect((await s.intel.unanalyzed(10)).map((i) => i.id)).toEqual([c]);
    });

    it("replaces the stories of regrouped items: a merge leaves one story with every source", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [
        article("a", { publishedAt: iso(-6) }),
        article("b", { publishedAt: iso(-2) }),
        article("other", { publishedAt: iso(-4) }),
      ]);
      const [a, b, other] = ids as [number, number, number];
      await s.intel.saveAnalysed(ids.map((id) => ({ id, intel: intel([entity("openai")]), at: at(-1) })));
      await s.intel.replaceStories(
        ids,
        [storyOf([a], { lastSeen: at(-6).getTime() }), storyOf([b]), storyOf([other])],
        ABOUT,
      );
      expect(await s.intel.storyCount()).toBe(3);

      const merged = storyOf([a, b], {
        type: "investment",
        amountUsd: 5e9,
        firstSeen: at(-6).getTime(),
        lastSeen: at(-2).getTime(),
      });
      await s.intel.replaceStories([a, b], [merged], ABOUT);
      expect(await s.intel.storyCount()).toBe(2);
      const { rows } = await s.briefing.stories({ since: at(-48), limit: 10, order: "recent" });
      expect(rows.map((r) => r.id).sort()).toEqual([merged.id, `s${other}`].sort());
      expect(rows.find((r) => r.id === merged.id)).toMatchObject({ sourceCount: 2, amountUsd: 5e9 });
      const sources = await s.briefing.sources([merged.id, `s${b}`]);
      expect(sources.get(merged.id)?.map((r) => r.title)).toEqual(["Article a", "Article b"]);
      expect(sources.has(`s${b}`)).toBe(false);
    });

    it("regrouping a story as it was keeps it; a story whose headline or entities changed is rewritten", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [
        article("a", { publishedAt: iso(-6) }),
        article("b", { publishedAt: iso(-5) }),
        article("c", { publishedAt: iso(-4) }),
        article("d", { publishedAt: iso(-3) }),
      ]);
      const [a, b, c, d] = ids as [number, number, number, number];
      await s.intel.saveAnalysed(ids.map((id) => ({ id, intel: intel([entity("openai")]), at: at(-1) })));
      const deal = (headline: string) =>
        storyOf([a, b], { type: "investment", amountUsd: 5e9, lastSeen: at(-5).getTime(), headline });
      const solo = (id: number) => storyOf([id], { lastSeen: at(-4).getTime() });
      const before = (key: string) => (key === String(c) ? ["openai"] : ["amazon"]);
      await s.intel.replaceStories(ids, [deal("Deal"), solo(c), solo(d)], before);
      // Again: the deal as it was, c with another entity, d with a new headline.
      const after = (key: string) => (key === String(c) ? ["nvidia"] : ["amazon"]);
      await s.intel.replaceStories(
        ids,
        [deal("Deal"), solo(c), { ...solo(d), headline: "Story d, updated" }],
        after,
      );
      const query = { since: at(-48), limit: 10, order: "recent" as const };
      expect(await s.intel.storyCount()).toBe(3);
      expect(await s.intel.unstoried()).toEqual([]);
      expect((await s.briefing.stories({ ...query, entity: "amazon" })).rows.map((r) => r.id).sort()).toEqual(
        [`s${a}`, `s${d}`].sort(),
      );
      expect((await s.briefing.stories({ ...query, entity: "nvidia" })).rows.map((r) => r.id)).toEqual([
        `s${c}`,
      ]);
      expect((await s.briefing.stories({ ...query, entity: "openai" })).rows).toEqual([]);
      expect((await s.briefing.story(`s${d}`))?.headline).toBe("Story d, updated");
      expect((await s.briefing.sources([`s${a}`])).get(`s${a}`)?.map((r) => r.title)).toEqual([
        "Article a",
        "Article b",
      ]);
    });

    it("names a story's other members, and never loses one that a regrouping leaves out", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [
        article("old", { publishedAt: iso(-100) }),
        article("new", { publishedAt: iso(-2) }),
      ]);
      const [old, fresh] = ids as [number, number];
      await s.intel.saveAnalysed(ids.map((id) => ({ id, intel: intel([entity("openai")]), at: at(-1) })));
      await s.intel.replaceStories(ids, [storyOf([old, fresh])], ABOUT);
      expect((await s.intel.storyMates([fresh])).map((i) => i.id)).toEqual([old]);
      expect(await s.intel.unstoried()).toEqual([]);
      // Regrouping only the new item replaces the story; the old outlet waits to be grouped again.
      await s.intel.replaceStories([fresh], [storyOf([fresh])], ABOUT);
      expect((await s.intel.unstoried()).map((i) => i.id)).toEqual([old]);
      expect(await s.intel.storyMates([fresh])).toEqual([]);
    });

    it("finds the stored stories that may report a deal: same family, two shared parties, or one party and the amount", async () => {
      const s = store();
      const { ids } = await seed(
        s,
        "https://wire.example/feed",
        ["stake", "stake-2", "chips", "buyout", "buyout-other", "ancient"].map((k, i) =>
          article(k, { publishedAt: iso(-130 + i) }),
        ),
      );
      const [stake, stake2, chips, buyout, buyoutOther, ancient] = ids as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      await s.intel.saveAnalysed(ids.map((id) => ({ id, intel: intel([]), at: at(-120) })));
      const companies = new Map<string, string[]>([
        [String(stake), ["nvidia", "intel"]],
        [String(stake2), ["nvidia", "intel"]],
        [String(chips), ["nvidia", "intel"]],
        [String(buyout), ["broadcom"]],
        [String(buyoutOther), ["broadcom"]],
        [String(ancient), ["nvidia", "intel"]],
      ]);
      const recent = at(-100).getTime();
      await s.intel.replaceStories(
        ids,
        [
          storyOf([stake, stake2], {
            type: "valuation",
            amountUsd: 5e9,
            parties: ["nvidia", "intel"],
            lastSeen: recent,
          }),
          storyOf([chips], { type: "chip_supply", parties: ["nvidia", "intel"], lastSeen: recent }),
          storyOf([buyout], {
            type: "acquisition",
            amountUsd: 3.2e9,
            parties: ["broadcom"],
            lastSeen: recent,
          }),
          storyOf([buyoutOther], {
            type: "acquisition",
            amountUsd: 4e9,
            parties: ["broadcom"],
            lastSeen: recent,
          }),
          storyOf([ancient], {
            type: "investment",
            parties: ["nvidia", "intel"],
            lastSeen: at(-400).getTime(),
          }),
        ],
        (key) => companies.get(key) ?? [],
      );
      const since = at(-240);
      const ofDeal = async (deal: Parameters<typeof s.intel.dealMates>[0][number]) =>
        (await s.intel.dealMates([deal], since, at(0))).map((i) => i.id);
      // An investment may be told as a valuation: the whole story comes back, in time order.
      expect(
        await ofDeal({ types: ["investment", "valuation"], parties: ["intel", "nvidia"], amountUsd: null }),
      ).toEqual([stake, stake2]);
      expect(
        await ofDeal({ types: ["investment", "valuation"], parties: ["nvidia", "openai"], amountUsd: null }),
      ).toEqual([]);
      expect(await ofDeal({ types: ["acquisition"], parties: ["broadcom"], amountUsd: 3.25e9 })).toEqual([
        buyout,
      ]);
      expect(await ofDeal({ types: ["acquisition"], parties: ["broadcom"], amountUsd: null })).toEqual([]);
      expect(await s.intel.dealMates([], since, at(0))).toEqual([]);
      // Stories last seen from `before` on are the caller's already.
      expect(
        (
          await s.intel.dealMates(
            [{ types: ["investment", "valuation"], parties: ["nvidia", "intel"], amountUsd: null }],
            since,
            at(-100),
          )
        ).map((i) => i.id),
      ).toEqual([]);
    });

    it("reads the clustering window by publication (else fetch) time, oldest first", async () => {
      const s = store();
      const { feedId, ids } = await seed(s, "https://wire.example/feed", [
        article("recent", { publishedAt: iso(-10) }),
        article("ancient", { publishedAt: iso(-200) }),
        article("edge", { publishedAt: iso(-72) }),
      ]);
      const undated = await s.items.insert(feedId, [article("undated", { publishedAt: undefined })], {
        now: at(-20),
        backfill: false,
      });
      const [recent, , edge] = ids as [number, number, number];
      expect((await s.intel.since(at(-72))).map((i) => i.id)).toEqual([edge, undated.added[0], recent]);
      expect((await s.intel.since(at(-5))).map((i) => i.id)).toEqual([]);
      // Items read and waiting for a story are the pass's own (`unstoried`), not the window's.
      await s.intel.saveAnalysed([{ id: recent, intel: intel([entity("openai")]), at: at(-10) }]);
      expect((await s.intel.since(at(-72))).map((i) => i.id)).toEqual([edge, undated.added[0]]);
      expect((await s.intel.unstoried()).map((i) => i.id)).toEqual([recent]);
    });

    it("gives the stored intel of the analysed items of the window", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [
        article("in", { publishedAt: iso(-10) }),
        article("out", { publishedAt: iso(-100) }),
        article("unread", { publishedAt: iso(-5) }),
      ]);
      const [inside, outside] = ids as [number, number, number];
      const launch = event("launch", { parties: ["google"] });
      await s.intel.saveAnalysed([
        { id: inside, intel: intel([entity("google")], [launch]), at: at(-10) },
        { id: outside, intel: intel([entity("meta")]), at: at(-100) },
      ]);
      const window = await s.intel.intelSince(at(-72));
      expect([...window.keys()]).toEqual([inside]);
      expect(window.get(inside)).toEqual({ entities: [entity("google")], events: [launch] });
    });

    it("has the window read again: items since a date become unanalysed, older ones stay read", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [
        article("in-1", { publishedAt: iso(-10) }),
        article("in-2", { publishedAt: iso(-30) }),
        article("out", { publishedAt: iso(-100) }),
        article("unread", { publishedAt: iso(-1) }),
      ]);
      const [in1, in2, out] = ids as [number, number, number, number];
      const investment = event("investment", { amountUsd: 1e9, qualifier: "exact", parties: ["openai"] });
      await s.intel.saveAnalysed(
        [in1, in2, out].map((id) => ({ id, intel: intel([entity("openai")], [investment]), at: at(-1) })),
      );
      await s.intel.replaceStories([in1, in2, out], [storyOf([in1]), storyOf([in2]), storyOf([out])], ABOUT);

      expect(await s.intel.reanalyzeSince(at(-72))).toBe(2);
      expect((await s.intel.unanalyzed(10)).map((i) => i.id).sort((x, y) => x - y)).toEqual(
        [in1, in2, ids[3] as number].sort((x, y) => x - y),
      );
      expect(await s.intel.reanalyzeSince(at(-72))).toBe(0);
      // Reading them again replaces what was stored about them; nothing is doubled.
      await s.intel.saveAnalysed(
        [in1, in2].map((id) => ({
          id,
          intel: intel([entity("openai"), entity("tensorwave")], [investment]),
          at: at(-1),
        })),
      );
      expect(await s.intel.eventCount()).toBe(3);
      expect(
        (await s.intel.intelOf([in1]))
          .get(in1)
          ?.entities.map((e) => e.id)
          .sort(),
      ).toEqual(["openai", "tensorwave"]);
      expect((await s.intel.intelOf([out])).get(out)?.entities.map((e) => e.id)).toEqual(["openai"]);
    });

    it("keeps small facts about the database", async () => {
      const s = store();
      expect(await s.intel.meta("entities-hash")).toBeUndefined();
      await s.intel.setMeta("entities-hash", "abc");
      await s.intel.setMeta("other", "1");
      await s.intel.setMeta("entities-hash", "def");
      expect(await s.intel.meta("entities-hash")).toBe("def");
      expect(await s.intel.meta("other")).toBe("1");
    });

    it("counts stories and events", async () => {
      const s = store();
      expect(await s.intel.storyCount()).toBe(0);
      expect(await s.intel.eventCount()).toBe(0);
      const { ids } = await seed(s, "https://wire.example/feed", [article("a"), article("b")]);
      await s.intel.saveAnalysed(
        ids.map((id) => ({
          id,
          intel: intel([entity("amd")], [event("chip_supply"), event("partnership")]),
          at: T0,
        })),
      );
      expect(await s.intel.eventCount()).toBe(4);
      await s.intel.replaceStories(ids, [storyOf(ids)], ABOUT);
      expect(await s.intel.storyCount()).toBe(1);
    });
  });
}
