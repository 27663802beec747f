import type { Statement } from "better-sqlite3";
import type { ArticleIntel } from "../../intel/analyze.js";
import type { EntityScore } from "../../intel/entities.js";
import type { EventStatus, EventType, ExtractedEvent } from "../../intel/event-types.js";
import type { LegalCase } from "../../intel/legal.js";
import type { Qualifier } from "../../intel/money.js";
import type { Story } from "../../intel/pipeline.js";
import type {
  DealProbe,
  GroupingExtras,
  IntelRepository,
  ItemForIntel,
  StoredIntel,
  StoryFacts,
} from "../repositories.js";
import { type Db, type MetaTable, metaTable, preparedOnce } from "./db.js";
import type { SqliteDeliveryStore } from "./delivery.js";

// An item's date for the clustering window: when it was published, else when it was fetched.
const PUBLISHED_SINCE = "coalesce(published_at, fetched_at) >= ?";
const ITEM_FOR_INTEL =
  "id, title, summary, content, url, coalesce(published_at, fetched_at) AS at, backfill, (SELECT f.title FROM feeds f WHERE f.id = items.feed_id) AS outlet";

// items.analyzed: 0 not read yet, 2 read but in no story yet, 1 read and grouped. The middle
// state lets a pass that stopped between saving and grouping be finished by the next one.
const READ = 2;
const GROUPED = 1;

/** Entities, events and stories of stored items. */
export class IntelStore implements IntelRepository {
  /** Prepared once, reused: saveItem runs for every stored item. */
  private readonly sql: (text: string) => Statement;
  private readonly facts: MetaTable;

  constructor(
    private readonly db: Db,
    private readonly delivery?: SqliteDeliveryStore,
  ) {
    this.sql = preparedOnce(db);
    this.facts = metaTable(this.sql);
  }

  /** Items not read by the intel layer yet, oldest first. */
  async unanalyzed(limit: number): Promise<ItemForIntel[]> {
    return this.rows(`SELECT ${ITEM_FOR_INTEL} FROM items WHERE analyzed = 0 ORDER BY id LIMIT ?`, limit);
  }

  async storyMates(itemIds: readonly number[]): Promise<ItemForIntel[]> {
    const ids = JSON.stringify(itemIds);
    return this.rows(
      `SELECT ${ITEM_FOR_INTEL} FROM items WHERE id IN (
         SELECT m.item_id FROM story_items m
          WHERE m.story_id IN (SELECT s.story_id FROM story_items s WHERE s.item_id IN (SELECT value FROM json_each(?)))
       ) AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY at, id`,
      ids,
      ids,
    );
  }

  async dealMates(deals: readonly DealProbe[], since: Date, before: Date): Promise<ItemForIntel[]> {
    if (deals.length === 0) return [];
    // Each lookup reads one company's recent stories of a few types from story_entities' index alone.
    const pair = this.sql(
      `SELECT story_id FROM story_entities
        WHERE entity_id IN (SELECT value FROM json_each(?)) AND last_seen_at >= ? AND last_seen_at < ?
          AND type IN (SELECT value FROM json_each(?))
        GROUP BY story_id HAVING count(*) >= 2`,
    ).pluck(true);
    const solo = this.sql(
      `SELECT story_id FROM story_entities
        WHERE entity_id = ? AND last_seen_at >= ? AND last_seen_at < ? AND type IN (SELECT value FROM json_each(?))
          AND amount_usd BETWEEN ? AND ?`,
    ).pluck(true);
    const from = since.toISOString();
    const to = before.toISOString();
    const stories = new Set<string>();
    // Outlets of one deal ask the same question: each is asked once.
    const asked = new Set<string>();
    for (const deal of deals) {
      const types = JSON.stringify(deal.types);
      const parties = JSON.stringify([...deal.parties].sort());
      const key = `${types}${parties}${deal.parties.length === 1 ? deal.amountUsd : ""}`;
      if (asked.has(key)) continue;
      asked.add(key);
      const found =
        deal.parties.length >= 2
          ? pair.all(parties, from, to, types)
          : deal.parties.length === 1 && deal.amountUsd
            ? solo.all(deal.parties[0], from, to, types, deal.amountUsd * 0.98, deal.amountUsd * 1.02)
            : [];
      for (const id of found as string[]) stories.add(id);
    }
    if (stories.size === 0) return [];
    return this.rows(
      `SELECT ${ITEM_FOR_INTEL} FROM items WHERE id IN (
         SELECT item_id FROM story_items WHERE story_id IN (SELECT value FROM json_each(?))
       ) ORDER BY at, id`,
      JSON.stringify([...stories]),
    );
  }

  async unstoried(): Promise<ItemForIntel[]> {
    return this.rows(`SELECT ${ITEM_FOR_INTEL} FROM items WHERE analyzed = ${READ} ORDER BY at, id`);
  }

  /** Items published since `since` (the clustering window), oldest first. */
  async since(since: Date): Promise<ItemForIntel[]> {
    return this.rows(
      `SELECT ${ITEM_FOR_INTEL} FROM items WHERE ${PUBLISHED_SINCE} AND analyzed != ${READ} ORDER BY at, id`,
      since.toISOString(),
    );
  }

  /**
   * The stored entities and events of the analysed items published since `since`, by item id:
   * regrouping the window reads these instead of analysing every item again.
   */
  async intelSince(since: Date): Promise<Map<number, StoredIntel>> {
    return this.readIntel(
      `SELECT id FROM items WHERE analyzed != 0 AND ${PUBLISHED_SINCE}`,
      since.toISOString(),
    );
  }

  async intelOf(itemIds: readonly number[]): Promise<Map<number, StoredIntel>> {
    return this.readIntel(
      "SELECT value FROM json_each(?) JOIN items ON items.id = value WHERE analyzed != 0",
      JSON.stringify(itemIds),
    );
  }

  /** Entities and events of the items `window` (a query of item ids with one parameter) selects. */
  private readIntel(window: string, at: string): Map<number, StoredIntel> {
    const out = new Map<number, StoredIntel>();
    const entry = (id: number) => {
      let intel = out.get(id);
      if (!intel) {
        intel = { entities: [], events: [] };
        out.set(id, intel);
      }
      return intel;
    };
    for (const id of this.sql(window).pluck(true).all(at) as number[]) entry(id);
    const entities = this.sql(
      `SELECT item_id AS itemId, entity_id AS id, mentions, salience, about FROM item_entities
       WHERE item_id IN (${window}) ORDER BY item_id, salience DESC, mentions DESC, entity_id`,
    ).all(at) as { itemId: number; id: string; mentions: number; salience: number; about: number }[];
    for (const e of entities) {
      const score: EntityScore = {
        id: e.id,
        mentions: e.mentions,
        salience: e.salience,
        about: e.about === 1,
      };
      entry(e.itemId).entities.push(score);
    }
    const events = this.sql(
      `SELECT item_id AS itemId, type, amount_usd AS amountUsd, qualifier, original_amount AS originalAmount,
         original_currency AS originalCurrency, parties, status, evidence, secondary,
         party_names AS partyNames, plaintiff_count AS plaintiffCount, legal_case AS legalCase
       FROM events WHERE item_id IN (${window}) ORDER BY item_id, id`,
    ).all(at) as {
      itemId: number;
      type: EventType;
      amountUsd: number | null;
      qualifier: Qualifier | null;
      originalAmount: number | null;
      originalCurrency: string | null;
      parties: string;
      status: EventStatus;
      evidence: string;
      secondary: number;
      partyNames: string | null;
      plaintiffCount: number | null;
      legalCase: string | null;
    }[];
    for (const e of events) {
      const event: ExtractedEvent = {
        type: e.type,
        amountUsd: e.amountUsd,
        qualifier: e.qualifier,
        parties: JSON.parse(e.parties) as string[],
        // events.status is NOT NULL: a controversy (no stage) is stored as "".
        status: e.status || null,
        evidence: e.evidence,
      };
      if (e.originalAmount !== null && e.originalCurrency !== null)
        event.originalAmount = { amount: e.originalAmount, currency: e.originalCurrency };
      if (e.partyNames !== null) event.partyNames = JSON.parse(e.partyNames) as string[];
      if (e.plaintiffCount !== null) event.plaintiffCount = e.plaintiffCount;
      if (e.legalCase !== null) event.legalCase = JSON.parse(e.legalCase) as LegalCase;
      if (e.secondary === 1) event.secondary = true;
      entry(e.itemId).events.push(event);
    }
    return out;
  }

  /**
   * Marks the items published since `since` as not analysed, so that the next pass reads them
   * with the current entity list (after /track add). Returns how many.
   */
  async reanalyzeSince(since: Date): Promise<number> {
    return this.db
      .prepare(`UPDATE items SET analyzed = 0 WHERE analyzed != 0 AND ${PUBLISHED_SINCE}`)
      .run(since.toISOString()).changes;
  }

  /** A fact about this database (see the meta table), or undefined. */
  async meta(key: string): Promise<string | undefined> {
    return this.facts.get(key);
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.facts.set(key, value);
  }

  private rows(sql: string, ...params: unknown[]): ItemForIntel[] {
    const raw = this.db.prepare(sql).all(...params) as {
      id: number;
      title: string;
      summary: string;
      content: string;
      url: string | null;
      at: string;
      backfill: number;
      outlet: string | null;
    }[];
    // Fields named, not a rest spread: this maps every item of the window on each pass.
    return raw.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      content: r.content,
      url: r.url,
      outlet: r.outlet,
      publishedAt: Date.parse(r.at),
      backfill: r.backfill === 1,
    }));
  }

  async saveAnalysed(batch: readonly { id: number; intel: ArticleIntel; at: Date }[]): Promise<void> {
    this.db
      .transaction(() => {
        for (const { id, intel, at } of batch) this.saveItem(id, intel, at);
      })
      .immediate();
  }

  private saveItem(itemId: number, intel: ArticleIntel, at: Date): void {
    this.sql("DELETE FROM item_entities WHERE item_id = ?").run(itemId);
    this.sql("DELETE FROM events WHERE item_id = ?").run(itemId);
    const entity = this.sql(
      "INSERT INTO item_entities (item_id, entity_id, mentions, salience, about) VALUES (?, ?, ?, ?, ?)",
    );
    for (const e of intel.entities) entity.run(itemId, e.id, e.mentions, e.salience, e.about ? 1 : 0);
    const event = this.sql(
      `INSERT INTO events (item_id, type, amount_usd, qualifier, original_amount, original_currency, parties, status, evidence, at,
         secondary, party_names, plaintiff_count, legal_case)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const party = this.sql(
      "INSERT OR IGNORE INTO event_parties (event_id, entity_id, position) VALUES (?, ?, ?)",
    );
    for (const e of intel.events) {
      const info = event.run(
        itemId,
        e.type,
        e.amountUsd,
        e.qualifier,
        e.originalAmount?.amount ?? null,
        e.originalAmount?.currency ?? null,
        JSON.stringify(e.parties),
        e.status ?? "",
        e.evidence.slice(0, 2_000),
        at.toISOString(),
        e.secondary ? 1 : 0,
        e.partyNames ? JSON.stringify(e.partyNames) : null,
        e.plaintiffCount ?? null,
        e.legalCase ? JSON.stringify(e.legalCase) : null,
      );
      for (const [position, id] of e.parties.entries()) party.run(Number(info.lastInsertRowid), id, position);
    }
    this.sql(`UPDATE items SET analyzed = ${READ} WHERE id = ?`).run(itemId);
  }

  async storyFacts(storyIds: readonly string[]): Promise<Map<string, StoryFacts>> {
    const rows = this.sql(
      `SELECT id, revision, type, amount_usd AS amountUsd, status, parties, source_count AS sourceCount
         FROM stories WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(storyIds)) as (Omit<StoryFacts, "parties"> & { id: string; parties: string })[];
    return new Map(
      rows.map(({ id, parties, ...r }) => [id, { ...r, parties: JSON.parse(parties) as string[] }]),
    );
  }

  async replaceStories(
    itemIds: readonly number[],
    stories: readonly Story[],
    entitiesOf: (key: string) => string[],
    extras: GroupingExtras = {},
  ): Promise<void> {
    const outbox = extras.outbox;
    if (outbox && outbox.rows.length > 0 && !this.delivery)
      throw new Error("this intel store cannot write outbox rows");
    this.db
      .transaction(() => {
        this.replaceStoriesNow(itemIds, stories, entitiesOf, extras.revisions);
        if (outbox && outbox.rows.length > 0) this.delivery?.enqueueNow(outbox.rows, outbox.now);
      })
      .immediate();
  }

  private replaceStoriesNow(
    itemIds: readonly number[],
    stories: readonly Story[],
    entitiesOf: (key: string) => string[],
    revisions: ReadonlyMap<string, number> = new Map(),
  ): void {
    const oldStory = this.sql("SELECT story_id FROM story_items WHERE item_id = ?").pluck(true);
    const stale = new Set<string>();
    for (const id of itemIds) {
      const story = oldStory.get(id) as string | undefined;
      if (story) stale.add(story);
    }
    const oldRevision = this.sql("SELECT revision FROM stories WHERE id = ?").pluck(true);
    const kept = new Map<string, number>();
    for (const id of stale) kept.set(id, (oldRevision.get(id) as number | undefined) ?? 1);
    const rowOf = (story: Story) => ({
      id: story.id,
      centre: Number(story.centre),
      headline: story.headline,
      summary: story.summary,
      type: story.event?.type ?? null,
      amountUsd: story.event?.amountUsd ?? null,
      qualifier: story.event?.qualifier ?? null,
      status: story.event?.status ?? null,
      parties: JSON.stringify(story.event?.parties ?? []),
      amounts: JSON.stringify(story.amounts),
      sources: story.keys.length,
      firstSeen: new Date(story.firstSeen).toISOString(),
      lastSeen: new Date(story.lastSeen).toISOString(),
      revision: revisions.get(story.id) ?? kept.get(story.id) ?? 1,
      partyNames: story.event?.partyNames ? JSON.stringify(story.event.partyNames) : null,
      plaintiffCount: story.event?.plaintiffCount ?? null,
      legalCase: story.event?.legalCase ? JSON.stringify(story.event.legalCase) : null,
    });
    const entitySet = (story: Story) => new Set(story.keys.flatMap((key) => entitiesOf(key)));
    // A story that regrouping gives back exactly as stored (row, members, entities) is left as it
    // is: in a steady pass most of the window's stories are, and deleting and writing them again
    // was most of the pass's writes. Only a stored story can be; its members are all here.
    const members = this.sql("SELECT item_id FROM story_items WHERE story_id = ?").pluck(true);
    const storedRow = this.sql(
      `SELECT id, centre_item_id AS centre, headline, summary, type, amount_usd AS amountUsd, qualifier, status, parties,
         amounts, source_count AS sources, first_seen_at AS firstSeen, last_seen_at AS lastSeen, revision,
         party_names AS partyNames, plaintiff_count AS plaintiffCount, legal_case AS legalCase
       FROM stories WHERE id = ?`,
    );
    const storedEntities = this.sql(
      "SELECT entity_id AS id, last_seen_at AS lastSeen, type, amount_usd AS amountUsd FROM story_entities WHERE story_id = ?",
    );
    const unchanged = new Set<string>();
    for (const story of stories) {
      if (!stale.has(story.id)) continue;
      const row = rowOf(story);
      const stored = storedRow.get(story.id) as Record<string, unknown> | undefined;
      if (!stored || Object.entries(row).some(([key, value]) => stored[key] !== value)) continue;
      const storedMembers = members.all(story.id) as number[];
      const keys = new Set(story.keys.map(Number));
      if (storedMembers.length !== keys.size || storedMembers.some((id) => !keys.has(id))) continue;
      const entities = entitySet(story);
      const rows = storedEntities.all(story.id) as {
        id: string;
        lastSeen: string;
        type: string | null;
        amountUsd: number | null;
      }[];
      const same =
        rows.length === entities.size &&
        rows.every(
          (e) =>
            entities.has(e.id) &&
            e.lastSeen === row.lastSeen &&
            e.type === row.type &&
            e.amountUsd === row.amountUsd,
        );
      if (same) unchanged.add(story.id);
    }
    // A member of a replaced story that is not regrouped here goes back to "read, not grouped",
    // so that the next pass gives it a story instead of losing it. (Enrichment hands in whole
    // stories, so this finds nothing there; it keeps any other caller from dropping an item.)
    const regrouped = new Set(itemIds);
    const orphan = this.sql(`UPDATE items SET analyzed = ${READ} WHERE id = ? AND analyzed = ${GROUPED}`);
    const drop = this.sql("DELETE FROM stories WHERE id = ?");
    for (const id of stale) {
      if (unchanged.has(id)) continue;
      for (const item of members.all(id) as number[]) if (!regrouped.has(item)) orphan.run(item);
      drop.run(id);
    }
    const insert = this.sql(
      `INSERT INTO stories (id, centre_item_id, headline, summary, type, amount_usd, qualifier, status, parties, amounts, source_count, first_seen_at, last_seen_at, revision, party_names, plaintiff_count, legal_case)
       VALUES (@id, @centre, @headline, @summary, @type, @amountUsd, @qualifier, @status, @parties, @amounts, @sources, @firstSeen, @lastSeen, @revision, @partyNames, @plaintiffCount, @legalCase)
       ON CONFLICT (id) DO UPDATE SET centre_item_id = excluded.centre_item_id, headline = excluded.headline,
         summary = excluded.summary, type = excluded.type, amount_usd = excluded.amount_usd, qualifier = excluded.qualifier,
         status = excluded.status, parties = excluded.parties, amounts = excluded.amounts,
         source_count = excluded.source_count, first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at,
         revision = excluded.revision, party_names = excluded.party_names, plaintiff_count = excluded.plaintiff_count,
         legal_case = excluded.legal_case`,
    );
    const member = this.sql("INSERT OR REPLACE INTO story_items (story_id, item_id) VALUES (?, ?)");
    const entity = this.sql(
      "INSERT OR IGNORE INTO story_entities (story_id, entity_id, last_seen_at, type, amount_usd) VALUES (?, ?, ?, ?, ?)",
    );
    for (const story of stories) {
      if (unchanged.has(story.id)) continue;
      const row = rowOf(story);
      insert.run(row);
      for (const key of story.keys) member.run(story.id, Number(key));
      for (const e of entitySet(story)) entity.run(story.id, e, row.lastSeen, row.type, row.amountUsd);
    }
    // One statement over the few items waiting for a story (a partial index holds them).
    this.sql(
      `UPDATE items SET analyzed = ${GROUPED} WHERE analyzed = ${READ} AND EXISTS (SELECT 1 FROM story_items si WHERE si.item_id = items.id)`,
    ).run();
  }

  async storyCount(): Promise<number> {
    return (this.db.prepare("SELECT count(*) AS n FROM stories").get() as { n: number }).n;
  }

  async eventCount(): Promise<number> {
    return (this.db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  }
}
