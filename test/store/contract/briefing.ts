import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEAL_TYPES, EVENT_TYPES, type EventType } from "../../../src/intel/event-types.js";
import type { Story } from "../../../src/intel/pipeline.js";
import type { Store, StoryQuery, StoryRow } from "../../../src/store/index.js";
import { article, at, entity, event, intel, iso, seed, storyOf, T0 } from "../fixtures.js";

/** Stores one item per story to come, and groups them with the given stories. */
async function deskOf(
  s: Store,
  specs: readonly { guid: string; about: string[]; story: (id: number) => Story }[],
): Promise<Map<string, Story>> {
  const { ids } = await seed(
    s,
    "https://wire.example/feed",
    specs.map((spec) => article(spec.guid)),
    T0,
    "Wire",
  );
  const about = new Map(ids.map((id, i) => [String(id), specs[i]?.about ?? []]));
  const stories = ids.map((id, i) => (specs[i] as (typeof specs)[number]).story(id));
  await s.intel.replaceStories(ids, stories, (key) => about.get(key) ?? []);
  return new Map(specs.map((spec, i) => [spec.guid, stories[i] as Story]));
}

const hoursAgo = (h: number) => at(-h).getTime();

/** The ledger used by several tests: letters name stories, amounts in USD. */
async function ledger(s: Store) {
  const desk = await deskOf(s, [
    {
      guid: "a",
      about: ["anthropic", "google"],
      story: (id) => storyOf([id], { type: "investment", amountUsd: 10e9, lastSeen: hoursAgo(5) }),
    },
    {
      guid: "b",
      about: ["openai", "amazon"],
      story: (id) =>
        storyOf([id], {
          type: "compute_contract",
          amountUsd: 38e9,
          lastSeen: hoursAgo(10),
          parties: ["openai", "amazon"],
        }),
    },
    {
      guid: "c",
      about: ["openai"],
      story: (id) => storyOf([id], { type: "investment", amountUsd: 10e9, lastSeen: hoursAgo(2) }),
    },
    { guid: "d", about: ["google"], story: (id) => storyOf([id], { type: "launch", lastSeen: hoursAgo(1) }) },
    {
      guid: "e",
      about: ["amd", "openai"],
      story: (id) => storyOf([id], { type: "partnership", lastSeen: hoursAgo(3) }),
    },
    {
      guid: "f",
      about: ["openai"],
      story: (id) => storyOf([id], { type: "legal", amountUsd: 1e9, lastSeen: hoursAgo(200) }),
    },
    { guid: "g", about: [], story: (id) => storyOf([id], { lastSeen: hoursAgo(4) }) },
  ]);
  const name = new Map([...desk].map(([letter, story]) => [story.id, letter]));
  return (rows: readonly StoryRow[]) => rows.map((r) => name.get(r.id) ?? r.id).join("");
}

const THREE_DAYS_AGO = at(-72);

// The generated stories of the property below: distinct times, so that every order is total.
const ENTITIES = ["openai", "nvidia", "amd"] as const;
const AMOUNTS = [1e8, 5e8, 1e9, 1e9, 5e9, 1e10, 1e11];
const generatedStory = fc.record({
  minutesAgo: fc.integer({ min: 0, max: 30 * 24 * 60 }),
  type: fc.option(fc.constantFrom(...EVENT_TYPES), { nil: undefined, freq: 5 }),
  amountUsd: fc.option(fc.constantFrom(...AMOUNTS), { nil: null, freq: 3 }),
  about: fc.subarray([...ENTITIES]),
});
type Generated = {
  id: string;
  lastSeen: number;
  type: EventType | undefined;
  amountUsd: number | null;
  about: string[];
};
const generatedQuery = fc.record({
  types: fc.subarray([...EVENT_TYPES], { minLength: 1 }),
  minUsd: fc.option(fc.constantFrom(...AMOUNTS), { nil: undefined }),
  sinceHours: fc.constantFrom(1, 24, 72, 24 * 14, 24 * 40),
  limit: fc.integer({ min: 1, max: 12 }),
  entity: fc.option(fc.constantFrom(...ENTITIES), { nil: undefined }),
});
const POOL = 40;

/** The stories a query must return, worked out from every story without the store. */
function expected(all: readonly Generated[], query: StoryQuery): { ids: string[]; total: number } {
  const since = query.since.getTime();
  const types = query.types ?? [];
  const minUsd = query.minUsd;
  const match = all.filter(
    (st) =>
      st.lastSeen >= since &&
      (types.length === 0 || (st.type !== undefined && types.includes(st.type))) &&
      (minUsd === undefined || (st.amountUsd !== null && st.amountUsd >= minUsd)) &&
      (query.entity === undefined || st.about.includes(query.entity)),
  );
  const sorted = [...match].sort((x, y) =>
    query.order === "amount"
      ? Number(x.amountUsd === null) - Number(y.amountUsd === null) ||
        (y.amountUsd ?? 0) - (x.amountUsd ?? 0) ||
        y.lastSeen - x.lastSeen
      : y.lastSeen - x.lastSeen,
  );
  return { ids: sorted.slice(0, query.limit).map((st) => st.id), total: match.length };
}

export function briefingContract(store: () => Store): void {
  describe("briefing: stories", () => {
    it("returns a story with every fact it was grouped with", async () => {
      const s = store();
      const wire = await seed(s, "https://wire.example/feed", [article("w")], T0, "Wire");
      const daily = await seed(s, "https://daily.example/rss", [article("d")], T0, "Daily");
      const ids = [wire.ids[0] as number, daily.ids[0] as number];
      const story: Story = {
        ...storyOf(ids, {
          type: "compute_contract",
          amountUsd: 38e9,
          qualifier: "about",
          status: "agreed",
          parties: ["openai", "amazon"],
          headline: "OpenAI signs $38 billion cloud deal with AWS",
          firstSeen: hoursAgo(6),
          lastSeen: hoursAgo(3),
        }),
        amounts: [
          { amountUsd: 38e9, qualifier: "exact", sources: 1 },
          { amountUsd: 38e9, qualifier: "about", sources: 1 },
        ],
      };
      await s.intel.replaceStories(ids, [story], () => ["openai", "amazon"]);
      const { rows, total } = await s.briefing.stories({ since: THREE_DAYS_AGO, limit: 5, order: "recent" });
      expect(total).toBe(1);
      expect(rows).toEqual([
        {
          id: story.id,
          headline: "OpenAI signs $38 billion cloud deal with AWS",
          summary: story.summary,
          type: "compute_contract",
          amountUsd: 38e9,
          qualifier: "about",
          status: "agreed",
          parties: ["openai", "amazon"],
          amounts: [
            { amountUsd: 38e9, qualifier: "exact", sources: 1 },
            { amountUsd: 38e9, qualifier: "about", sources: 1 },
          ],
          sourceCount: 2,
          firstSeenAt: iso(-6),
          lastSeenAt: iso(-3),
        },
      ]);
      expect(await s.briefing.story(story.id)).toEqual(rows[0]);
      expect(await s.briefing.story("s-none")).toBeUndefined();
      const plain = await deskOf(s, [{ guid: "plain", about: [], story: (id) => storyOf([id]) }]);
      const { rows: both } = await s.briefing.stories({ since: THREE_DAYS_AGO, limit: 5, order: "recent" });
      expect(both.find((r) => r.id === plain.get("plain")?.id)).toMatchObject({
        type: null,
        amountUsd: null,
        qualifier: null,
        status: null,
        parties: [],
        amounts: [],
        sourceCount: 1,
      });
    });

    it("orders the deal ledger largest amount first, then newest, stories without amount last", async () => {
      const s = store();
      const letters = await ledger(s);
      const query = { since: THREE_DAYS_AGO, limit: 20, order: "amount" } as const;
      expect(letters((await s.briefing.stories(query)).rows)).toBe("bcadeg");
      expect(letters((await s.briefing.stories({ ...query, types: DEAL_TYPES })).rows)).toBe("bcae");
      expect(letters((await s.briefing.stories({ ...query, types: ["investment"] })).rows)).toBe("ca");
      expect(letters((await s.briefing.stories({ ...query, types: ["launch", "legal"] })).rows)).toBe("d");
      expect(letters((await s.briefing.stories({ ...query, since: at(-300) })).rows)).toBe("bcafdeg");
    });

    it("filters by minimum amount, by period, and by entity through the stories' companies", async () => {
      const s = store();
      const letters = await ledger(s);
      const deals = { since: THREE_DAYS_AGO, limit: 20, order: "amount", types: DEAL_TYPES } as const;
      expect(letters((await s.briefing.stories({ ...deals, minUsd: 10e9 })).rows)).toBe("bca");
      expect(letters((await s.briefing.stories({ ...deals, minUsd: 10.5e9 })).rows)).toBe("b");
      expect(letters((await s.briefing.stories({ ...deals, since: at(-4) })).rows)).toBe("ce");
      expect(letters((await s.briefing.stories({ ...deals, entity: "openai" })).rows)).toBe("bce");
      expect(letters((await s.briefing.stories({ ...deals, entity: "openai", minUsd: 20e9 })).rows)).toBe(
        "b",
      );
      expect(letters((await s.briefing.stories({ ...deals, entity: "google" })).rows)).toBe("a");
      expect(letters((await s.briefing.stories({ ...deals, entity: "nobody" })).rows)).toBe("");
      const recent = { since: at(-300), limit: 20, order: "recent" } as const;
      expect(letters((await s.briefing.stories({ ...recent, entity: "openai" })).rows)).toBe("cebf");
      expect(letters((await s.briefing.stories({ ...recent, entity: "google" })).rows)).toBe("da");
      expect(letters((await s.briefing.stories({ ...recent, types: ["legal", "controversy"] })).rows)).toBe(
        "f",
      );
      expect(letters((await s.briefing.stories(recent)).rows)).toBe("dcegabf");
    });

    it("counts every match beyond the limit, and skips the count when told to", async () => {
      const s = store();
      const letters = await ledger(s);
      const deals = { since: THREE_DAYS_AGO, limit: 2, order: "amount", types: DEAL_TYPES } as const;
      const page = await s.briefing.stories(deals);
      expect(letters(page.rows)).toBe("bc");
      expect(page.total).toBe(4);
      expect((await s.briefing.stories({ ...deals, withTotal: true })).total).toBe(4);
      expect((await s.briefing.stories({ ...deals, entity: "openai" })).total).toBe(3);
      expect((await s.briefing.stories({ ...deals, minUsd: 10e9, limit: 1 })).total).toBe(3);
      expect((await s.briefing.stories({ since: THREE_DAYS_AGO, limit: 1, order: "recent" })).total).toBe(6);
      const uncounted = await s.briefing.stories({ ...deals, withTotal: false });
      expect(uncounted.total).toBe(-1);
      expect(letters(uncounted.rows)).toBe("bc");
      expect((await s.briefing.stories({ ...deals, entity: "openai", withTotal: false })).total).toBe(-1);
    });

    it("gives the same stories whichever way a query is planned (generated ledgers)", async () => {
      const s = store();
      const { ids: pool } = await seed(
        s,
        "https://wire.example/feed",
        Array.from({ length: POOL }, (_, i) => article(`pool-${i}`)),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(generatedStory, { selector: (g) => g.minutesAgo, maxLength: POOL }),
          fc.array(generatedQuery, { minLength: 1, maxLength: 6 }),
          async (generated, queries) => {
            const all: Generated[] = generated.map((g, i) => ({
              id: `s${pool[i]}`,
              lastSeen: T0.getTime() - g.minutesAgo * 60_000,
              type: g.type,
              amountUsd: g.type === undefined ? null : g.amountUsd,
              about: g.about,
            }));
            const about = new Map(generated.map((g, i) => [String(pool[i]), [...g.about, "desk"]]));
            // Every item of the pool is regrouped: the previous run's stories are all replaced.
            await s.intel.replaceStories(
              pool,
              generated.map((g, i) =>
                storyOf([pool[i] as number], {
                  type: g.type,
                  amountUsd: g.amountUsd,
                  lastSeen: T0.getTime() - g.minutesAgo * 60_000,
                }),
              ),
              (key) => about.get(key) ?? [],
            );
            for (const q of queries) {
              const base = { since: at(-q.sinceHours), limit: q.limit, minUsd: q.minUsd, entity: q.entity };
              const variants: StoryQuery[] = [
                { ...base, types: q.types, order: "amount" },
                { ...base, types: q.types, order: "amount", entity: undefined },
                { ...base, order: "amount" },
                { ...base, types: q.types, order: "recent" },
                { ...base, order: "recent", entity: undefined },
              ];
              for (const query of variants) {
                const got = await s.briefing.stories(query);
                const want = expected(all, query);
                expect({ query, ids: got.rows.map((r) => r.id), total: got.total }).toEqual({
                  query,
                  ...want,
                });
              }
              // The per-type walk (amount order, types, no entity) against the entity path over
              // the same stories: every story is also about "desk".
              const byType = await s.briefing.stories({
                ...base,
                types: q.types,
                order: "amount",
                entity: undefined,
              });
              const byEntity = await s.briefing.stories({
                ...base,
                types: q.types,
                order: "amount",
                entity: "desk",
              });
              expect(byEntity.rows).toEqual(byType.rows);
              expect(byEntity.total).toBe(byType.total);
            }
          },
        ),
        { numRuns: 40, seed: 20260302 },
      );
    });
  });

  describe("briefing: valuations and sources", () => {
    it("lists valuations newest first, of one company as the first party, with their article", async () => {
      const s = store();
      const wire = await seed(
        s,
        "https://wire.example/feed",
        [
          article("old", { title: "OpenAI valued at $300 billion" }),
          article("new", { title: "OpenAI talks at $500 billion", url: "https://wire.example/openai-500" }),
          article("anthropic", { title: "Anthropic valued at $183 billion" }),
          article("vague", { title: "OpenAI valuation soars" }),
          article("round", { title: "OpenAI raises $40 billion" }),
        ],
        T0,
        "Wire",
      );
      const [old, fresh, anthropic, vague, round] = wire.ids as [number, number, number, number, number];
      await s.intel.saveAnalysed([
        {
          id: old,
          intel: intel(
            [entity("openai")],
            [
              event("valuation", {
                amountUsd: 300e9,
                qualifier: "exact",
                parties: ["openai"],
                status: "closed",
              }),
            ],
          ),
          at: at(-48),
        },
        {
          id: fresh,
          intel: intel(
            [entity("openai")],
            [
              event("valuation", {
                amountUsd: 500e9,
                qualifier: "about",
                parties: ["openai"],
                status: "talks",
              }),
            ],
          ),
          at: at(-2),
        },
        {
          id: anthropic,
          intel: intel(
            [entity("anthropic")],
            [event("valuation", { amountUsd: 183e9, qualifier: "exact", parties: ["anthropic", "openai"] })],
          ),
          at: at(-10),
        },
        {
          id: vague,
          intel: intel([entity("openai")], [event("valuation", { parties: ["openai"] })]),
          at: at(-1),
        },
        {
          id: round,
          intel: intel(
            [entity("openai")],
            [event("investment", { amountUsd: 40e9, qualifier: "exact", parties: ["openai"] })],
          ),
          at: at(-1),
        },
      ]);
      const all = await s.briefing.valuations(undefined, 10);
      expect(all.map((v) => [v.company, v.amountUsd])).toEqual([
        ["openai", 500e9],
        ["anthropic", 183e9],
        ["openai", 300e9],
      ]);
      expect(all[0]).toEqual({
        company: "openai",
        amountUsd: 500e9,
        qualifier: "about",
        status: "talks",
        at: iso(-2),
        title: "OpenAI talks at $500 billion",
        url: "https://wire.example/openai-500",
        outlet: "Wire",
      });
      expect((await s.briefing.valuations("openai", 10)).map((v) => v.amountUsd)).toEqual([500e9, 300e9]);
      expect((await s.briefing.valuations("openai", 1)).map((v) => v.amountUsd)).toEqual([500e9]);
      expect(await s.briefing.valuations("nobody", 10)).toEqual([]);
    });

    it("gives each company's latest valuation among the newest, largest first", async () => {
      const s = store();
      const guids = ["xai-old", "openai-old", "anthropic", "openai-new", "mistral", "vague"];
      const wire = await seed(
        s,
        "https://wire.example/feed",
        guids.map((guid) =>
          article(guid, { title: `Valuation: ${guid}`, url: `https://wire.example/${guid}` }),
        ),
        T0,
        "Wire",
      );
      const [xai, openaiOld, anthropic, openaiNew, mistral, vague] = wire.ids as number[];
      const valuation = (
        id: number | undefined,
        company: string,
        amountUsd: number | null,
        hours: number,
      ) => ({
        id: id as number,
        intel: intel(
          [entity(company)],
          [
            event("valuation", {
              amountUsd,
              qualifier: "exact",
              parties: [company, "openai"],
              status: "closed",
            }),
          ],
        ),
        at: at(-hours),
      });
      await s.intel.saveAnalysed([
        valuation(xai, "xai", 900e9, 500),
        valuation(openaiOld, "openai", 700e9, 100),
        valuation(anthropic, "anthropic", 183e9, 50),
        valuation(openaiNew, "openai", 500e9, 10),
        // Equal to Anthropic's: the newer comes first.
        valuation(mistral, "mistral", 183e9, 5),
        valuation(vague, "nvidia", null, 1),
      ]);
      const rows = (window: number, limit: number) =>
        s.briefing.latestValuations(window, limit).then((list) => list.map((v) => [v.company, v.amountUsd]));
      // OpenAI's latest is its newer, smaller round; xAI's is older than the four newest.
      expect(await rows(4, 10)).toEqual([
        ["openai", 500e9],
        ["mistral", 183e9],
        ["anthropic", 183e9],
      ]);
      expect(await rows(10, 10)).toEqual([
        ["xai", 900e9],
        ["openai", 500e9],
        ["mistral", 183e9],
        ["anthropic", 183e9],
      ]);
      expect(await rows(10, 2)).toEqual([
        ["xai", 900e9],
        ["openai", 500e9],
      ]);
      expect((await s.briefing.latestValuations(1, 1))[0]).toEqual({
        company: "mistral",
        amountUsd: 183e9,
        qualifier: "exact",
        status: "closed",
        at: iso(-5),
        title: "Valuation: mistral",
        url: "https://wire.example/mistral",
        outlet: "Wire",
      });
    });

    it("lists every outlet of each story, first reported first", async () => {
      const s = store();
      const wire = await seed(
        s,
        "https://wire.example/feed",
        [
          article("w-late", { title: "Wire: late take", publishedAt: iso(-3) }),
          article("w-other", { title: "Wire: other story", publishedAt: iso(-8) }),
        ],
        T0,
        "Wire",
      );
      const daily = await seed(
        s,
        "https://daily.example/rss",
        [
          article("d-first", {
            title: "Daily: first",
            url: "https://daily.example/first",
            publishedAt: iso(-5),
          }),
        ],
        T0,
        "Daily",
      );
      const { ids: undated } = await seed(
        s,
        "https://blog.example/atom",
        [article("b-undated", { title: "Blog: undated", publishedAt: undefined })],
        at(-4),
      );
      const [late, other] = wire.ids as [number, number];
      const first = daily.ids[0] as number;
      const blog = undated[0] as number;
      const main = storyOf([first, blog, late]);
      const side = storyOf([other]);
      await s.intel.replaceStories([late, other, first, blog], [main, side], () => []);

      const sources = await s.briefing.sources([main.id, side.id, "s-unknown"]);
      expect(sources.get(main.id)).toEqual([
        {
          storyId: main.id,
          title: "Daily: first",
          url: "https://daily.example/first",
          outlet: "Daily",
          publishedAt: iso(-5),
        },
        {
          storyId: main.id,
          title: "Blog: undated",
          url: "https://wire.example/b-undated",
          outlet: null,
          publishedAt: null,
        },
        {
          storyId: main.id,
          title: "Wire: late take",
          url: "https://wire.example/w-late",
          outlet: "Wire",
          publishedAt: iso(-3),
        },
      ]);
      expect(sources.get(side.id)?.map((r) => r.title)).toEqual(["Wire: other story"]);
      expect(sources.has("s-unknown")).toBe(false);
      expect((await s.briefing.sources([])).size).toBe(0);
    });
  });

  describe("briefing: events reported beside the headline (secondary)", () => {
    const lawsuit = event("legal", {
      parties: ["openai"],
      partyNames: ["An estate", "OpenAI"],
      plaintiffCount: 1,
      status: "filed",
      secondary: true,
      legalCase: { claims: ["harm", "privacy"], plaintiffs: ["role:an estate"] },
      evidence: "An estate says OpenAI withheld the chat logs of a user who died.",
    });

    it("keeps the flag, the parties by name and the case through a save, and lists them newest first", async () => {
      const s = store();
      const { ids } = await seed(
        s,
        "https://wire.example/feed",
        [
          article("deal", { title: "Amazon in talks to invest in OpenAI", publishedAt: iso(-2) }),
          article("old", { title: "Nvidia and OpenAI expand their deal", publishedAt: iso(-400) }),
          article("probe", { title: "Microsoft signs a cloud deal", publishedAt: iso(-1) }),
        ],
        T0,
        "Wire",
      );
      const [deal, old, probe] = ids as [number, number, number];
      const headline = event("investment", {
        amountUsd: 10e9,
        qualifier: "exact",
        parties: ["amazon", "openai"],
      });
      const criticism = event("controversy", {
        parties: ["microsoft"],
        status: null,
        secondary: true,
        evidence: "Critics say Microsoft's cloud terms lock customers in.",
      });
      await s.intel.saveAnalysed([
        { id: deal, intel: intel([entity("amazon"), entity("openai")], [headline, lawsuit]), at: at(-2) },
        {
          id: old,
          intel: intel([entity("openai")], [headline, { ...lawsuit, evidence: "An old suit." }]),
          at: at(-400),
        },
        { id: probe, intel: intel([entity("microsoft")], [headline, criticism]), at: at(-1) },
      ]);
      expect((await s.intel.intelOf([deal])).get(deal)?.events).toEqual([headline, lawsuit]);
      // The article's story is its headline event's: the lawsuit is listed beside it, not as it.
      await s.intel.replaceStories([deal], [storyOf([deal], { type: "investment", amountUsd: 10e9 })], () => [
        "amazon",
        "openai",
      ]);

      const rows = await s.briefing.secondaryEvents({
        types: ["legal", "controversy"],
        since: at(-72),
        limit: 10,
      });
      expect(rows.map((r) => r.itemId)).toEqual([probe, deal]);
      expect(rows[1]).toEqual({
        itemId: deal,
        storyId: `s${deal}`,
        type: "legal",
        status: "filed",
        parties: ["openai"],
        partyNames: ["An estate", "OpenAI"],
        plaintiffCount: 1,
        legalCase: { claims: ["harm", "privacy"], plaintiffs: ["role:an estate"] },
        evidence: "An estate says OpenAI withheld the chat logs of a user who died.",
        at: iso(-2),
        title: "Amazon in talks to invest in OpenAI",
        url: "https://wire.example/deal",
        outlet: "Wire",
      });
      // A controversy has no stage; an ungrouped article has no story yet.
      expect(rows[0]).toMatchObject({
        type: "controversy",
        status: null,
        storyId: null,
        parties: ["microsoft"],
      });
      expect(rows[0]?.partyNames).toBeUndefined();
      // By type, by a party, by period and limit; headline events never appear here.
      const legalOnly = await s.briefing.secondaryEvents({ types: ["legal"], since: at(-72), limit: 10 });
      expect(legalOnly.map((r) => r.itemId)).toEqual([deal]);
      const ofOpenai = await s.briefing.secondaryEvents({
        entity: "openai",
        types: ["legal", "controversy"],
        since: at(-500),
        limit: 10,
      });
      expect(ofOpenai.map((r) => r.itemId)).toEqual([deal, old]);
      expect(await s.briefing.secondaryEvents({ types: ["investment"], since: at(-500), limit: 10 })).toEqual(
        [],
      );
      expect(
        (
          await s.briefing.secondaryEvents({ types: ["legal", "controversy"], since: at(-500), limit: 1 })
        ).map((r) => r.itemId),
      ).toEqual([probe]);
    });

    it("gives a legal story its parties by name and its case", async () => {
      const s = store();
      const { ids } = await seed(s, "https://wire.example/feed", [article("suit")], T0, "Wire");
      const id = ids[0] as number;
      const story = storyOf([id], { type: "legal", parties: ["openai", "microsoft"], status: "filed" });
      story.event = {
        ...(story.event as NonNullable<Story["event"]>),
        partyNames: ["The New York Times", "OpenAI", "Microsoft"],
        plaintiffCount: 1,
        legalCase: { claims: ["copyright"], court: "federal:ny", plaintiffs: ["name:the new york times"] },
      };
      await s.intel.replaceStories([id], [story], () => ["openai"]);
      expect(await s.briefing.story(story.id)).toMatchObject({
        partyNames: ["The New York Times", "OpenAI", "Microsoft"],
        plaintiffCount: 1,
        legalCase: { claims: ["copyright"], court: "federal:ny", plaintiffs: ["name:the new york times"] },
      });
      const plain = storyOf([id], { type: "investment", parties: ["amazon", "openai"] });
      await s.intel.replaceStories([id], [plain], () => ["openai"]);
      const row = await s.briefing.story(plain.id);
      expect(row?.partyNames).toBeUndefined();
      expect(row?.legalCase).toBeUndefined();
    });
  });
}
