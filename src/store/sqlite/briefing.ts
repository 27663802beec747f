import type { Statement } from "better-sqlite3";
import type { EventStatus, EventType } from "../../intel/event-types.js";
import type { LegalCase } from "../../intel/legal.js";
import type { Qualifier } from "../../intel/money.js";
import type {
  BriefingRepository,
  SecondaryEventQuery,
  SecondaryEventRow,
  SourceRow,
  StoryQuery,
  StoryRow,
  ValuationRow,
} from "../repositories.js";
import { type Db, preparedOnce } from "./db.js";

interface RawStory {
  id: string;
  headline: string;
  summary: string;
  // Written from the domain's own types (see IntelStore.replaceStories).
  type: EventType | null;
  amount_usd: number | null;
  qualifier: Qualifier | null;
  status: EventStatus | null;
  parties: string;
  amounts: string;
  source_count: number;
  first_seen_at: string;
  last_seen_at: string;
  party_names: string | null;
  plaintiff_count: number | null;
  legal_case: string | null;
}

function toStory(raw: RawStory): StoryRow {
  const row: StoryRow = {
    id: raw.id,
    headline: raw.headline,
    summary: raw.summary,
    type: raw.type,
    amountUsd: raw.amount_usd,
    qualifier: raw.qualifier,
    status: raw.status,
    parties: JSON.parse(raw.parties) as string[],
    amounts: JSON.parse(raw.amounts) as StoryRow["amounts"],
    sourceCount: raw.source_count,
    firstSeenAt: raw.first_seen_at,
    lastSeenAt: raw.last_seen_at,
  };
  if (raw.party_names !== null) row.partyNames = JSON.parse(raw.party_names) as string[];
  if (raw.plaintiff_count !== null) row.plaintiffCount = raw.plaintiff_count;
  if (raw.legal_case !== null) row.legalCase = JSON.parse(raw.legal_case) as LegalCase;
  return row;
}

const VALUATION_COLUMNS = `e.amount_usd AS amountUsd, e.qualifier, e.status, p.entity_id AS company, e.at,
  i.title, i.url, f.title AS outlet`;

/** The read side of stories for briefs, deal ledgers and alerts. All SQL stays here. */
export class BriefingStore implements BriefingRepository {
  /**
   * Statements are prepared once per text: preparing them on every call was a tenth of the time
   * of the commands at a million items. The texts vary only with which filters a query has.
   */
  private readonly sql: (text: string) => Statement;

  constructor(db: Db) {
    this.sql = preparedOnce(db);
  }

  async story(id: string): Promise<StoryRow | undefined> {
    const raw = this.sql("SELECT * FROM stories WHERE id = ?").get(id) as RawStory | undefined;
    return raw && toStory(raw);
  }

  /** Stories matching the query, plus how many matched in all (for "and N more"). */
  async stories(query: StoryQuery): Promise<{ rows: StoryRow[]; total: number }> {
    // One company's stories are filtered in story_entities, which repeats each story's date, type
    // and amount under an (entity, date) index; only the stories shown are read (CROSS JOIN keeps
    // that join order). Otherwise the stories table is filtered directly.
    const t = query.entity ? "se" : "s";
    const where = [`${t}.last_seen_at >= @since`];
    const params: Record<string, unknown> = { since: query.since.toISOString(), limit: query.limit };
    const from = query.entity ? "story_entities se CROSS JOIN stories s ON s.id = se.story_id" : "stories s";
    if (query.entity) {
      where.push("se.entity_id = @entity");
      params.entity = query.entity;
    }
    if (query.minUsd !== undefined) {
      where.push(`${t}.amount_usd >= @minUsd`);
      params.minUsd = query.minUsd;
    }
    const types = query.types ?? [];
    const typeFilter =
      types.length > 0 ? `${t}.type IN (${types.map((_, i) => `@type${i}`).join(", ")})` : undefined;
    types.forEach((type, i) => {
      params[`type${i}`] = type;
    });
    const filter = [...where, ...(typeFilter ? [typeFilter] : [])].join(" AND ");
    const { limit: _limit, ...countParams } = params;
    // Counting by type and date reads only the (type, date) index when the planner is told so.
    const countFrom = query.entity
      ? "story_entities se"
      : types.length > 0
        ? "stories s INDEXED BY stories_type_last_seen"
        : "stories s";
    const total =
      query.withTotal === false
        ? -1
        : (
            this.sql(`SELECT count(*) AS n FROM ${countFrom} WHERE ${filter}`).get(countParams) as {
              n: number;
            }
          ).n;

    let raw: RawStory[];
    if (query.order === "amount" && !query.entity && types.length > 0) {
      // Largest first over all stories of a period: per type, walk the (type, amount, date) index
      // from the top and stop at `limit`, then merge; sorting every story of the period would not scale.
      const perType = this.sql(
        `SELECT s.* FROM stories s INDEXED BY stories_type_amount WHERE ${[...where, "s.type = @type"].join(" AND ")}
          ORDER BY s.amount_usd DESC LIMIT @limit`,
      );
      raw = types.flatMap((type) => perType.all({ ...countParams, limit: query.limit, type }) as RawStory[]);
      raw.sort(
        (a, b) =>
          (b.amount_usd ?? -1) - (a.amount_usd ?? -1) ||
          (a.last_seen_at < b.last_seen_at ? 1 : a.last_seen_at > b.last_seen_at ? -1 : 0),
      );
      raw = raw.slice(0, query.limit);
    } else if (query.order === "amount" && query.entity) {
      // Sorting one company's stories of a period by amount needs them all: sort the index rows
      // of story_entities, then read only the stories shown (joining first read every story
      // of the period, about 1,000 rows for a big company's 90 days at a million items).
      const ids = this.sql(
        `SELECT se.story_id FROM story_entities se WHERE ${filter}
          ORDER BY se.amount_usd IS NULL, se.amount_usd DESC, se.last_seen_at DESC LIMIT @limit`,
      )
        .pluck(true)
        .all(params) as string[];
      const byId = new Map(
        (
          this.sql("SELECT s.* FROM stories s WHERE s.id IN (SELECT value FROM json_each(?))").all(
            JSON.stringify(ids),
          ) as RawStory[]
        ).map((row) => [row.id, row]),
      );
      raw = ids.flatMap((id) => byId.get(id) ?? []);
    } else {
      const order =
        query.order === "amount"
          ? `${t}.amount_usd IS NULL, ${t}.amount_usd DESC, ${t}.last_seen_at DESC`
          : `${t}.last_seen_at DESC${query.entity ? "" : ", s.source_count DESC"}`;
      raw = this.sql(`SELECT s.* FROM ${from} WHERE ${filter} ORDER BY ${order} LIMIT @limit`).all(
        params,
      ) as RawStory[];
    }
    return { rows: raw.map(toStory), total };
  }

  /**
   * Valuation events of one company (or of every company), newest first. Read from events, not
   * stories: a valuation is often the second fact of a funding story.
   */
  async valuations(entity: string | undefined, limit: number): Promise<ValuationRow[]> {
    // The first-party test on events.parties lets one company's valuations be read from
    // events_valuations_company; the join on event_parties stays the definition of "first party".
    // Newest first, then the later event first: the order the (type, at) index gave all along.
    return this.sql(
      `SELECT ${VALUATION_COLUMNS}
           FROM events e
           JOIN event_parties p ON p.event_id = e.id AND p.position = 0
           JOIN items i ON i.id = e.item_id
           LEFT JOIN feeds f ON f.id = i.feed_id
          WHERE e.type = 'valuation' AND e.amount_usd IS NOT NULL
            ${entity ? "AND json_extract(e.parties, '$[0]') = @entity AND p.entity_id = @entity" : ""}
          ORDER BY e.at DESC, e.id DESC LIMIT @limit`,
    ).all({ ...(entity ? { entity } : {}), limit }) as ValuationRow[];
  }

  /**
   * The latest valuation of each company among the `window` newest valuations, largest first
   * (the newer first on equal amounts), at most `limit`. Only the rows shown read their
   * article: reading it for all of the window was half the cost at a million items.
   */
  async latestValuations(window: number, limit: number): Promise<ValuationRow[]> {
    return this.sql(
      `WITH newest AS (
           SELECT e.id, e.at, e.amount_usd, p.entity_id AS company
             FROM events e JOIN event_parties p ON p.event_id = e.id AND p.position = 0
            WHERE e.type = 'valuation' AND e.amount_usd IS NOT NULL
            ORDER BY e.at DESC, e.id DESC LIMIT @window
         ), latest AS (
           SELECT id, company, row_number() OVER (PARTITION BY company ORDER BY at DESC, id DESC) AS n FROM newest
         )
         SELECT ${VALUATION_COLUMNS}
           FROM latest l
           JOIN events e ON e.id = l.id
           JOIN event_parties p ON p.event_id = e.id AND p.position = 0
           JOIN items i ON i.id = e.item_id
           LEFT JOIN feeds f ON f.id = i.feed_id
          WHERE l.n = 1
          ORDER BY e.amount_usd DESC, e.at DESC, e.id DESC LIMIT @limit`,
    ).all({ window, limit }) as ValuationRow[];
  }

  async findStory(ref: {
    id?: string;
    url?: string;
    canonicalUrl?: string;
  }): Promise<{ storyId: string; backfill: boolean } | undefined> {
    const storyId =
      ref.id !== undefined
        ? (this.sql("SELECT id FROM stories WHERE id = ?").pluck().get(ref.id) as string | undefined)
        : (this.sql(
            `SELECT si.story_id FROM items i JOIN story_items si ON si.item_id = i.id
                WHERE i.url = @url OR i.canonical_url = @canonical LIMIT 1`,
          )
            .pluck()
            .get({ url: ref.url ?? null, canonical: ref.canonicalUrl ?? null }) as string | undefined);
    if (storyId === undefined) return undefined;
    const live = this.sql(
      "SELECT count(*) FROM story_items si JOIN items i ON i.id = si.item_id WHERE si.story_id = ? AND i.backfill = 0",
    )
      .pluck()
      .get(storyId) as number;
    return { storyId, backfill: live === 0 };
  }

  /** Every outlet that reported the stories, first reported first. */
  async sources(storyIds: readonly string[]): Promise<Map<string, SourceRow[]>> {
    const out = new Map<string, SourceRow[]>();
    if (storyIds.length === 0) return out;
    const rows = this.sql(
      `SELECT si.story_id AS storyId, i.title, i.url, f.title AS outlet, i.published_at AS publishedAt
           FROM story_items si JOIN items i ON i.id = si.item_id LEFT JOIN feeds f ON f.id = i.feed_id
          WHERE si.story_id IN (SELECT value FROM json_each(?))
          ORDER BY coalesce(i.published_at, i.fetched_at), i.id`,
    ).all(JSON.stringify(storyIds)) as SourceRow[];
    for (const row of rows) {
      const list = out.get(row.storyId);
      if (list) list.push(row);
      else out.set(row.storyId, [row]);
    }
    return out;
  }

  /** Secondary events of the period, newest first: a partial index holds only them. */
  async secondaryEvents(query: SecondaryEventQuery): Promise<SecondaryEventRow[]> {
    if (query.types.length === 0 || query.limit <= 0) return [];
    const params: Record<string, unknown> = { since: query.since.toISOString(), limit: query.limit };
    query.types.forEach((type, i) => {
      params[`type${i}`] = type;
    });
    if (query.entity) params.entity = query.entity;
    const rows = this.sql(
      `SELECT e.item_id AS itemId, si.story_id AS storyId, e.type, e.status, e.parties,
                e.party_names AS partyNames, e.plaintiff_count AS plaintiffCount, e.legal_case AS legalCase,
                e.evidence, e.at,
                i.title, i.url, f.title AS outlet
           FROM events e INDEXED BY events_secondary
           JOIN items i ON i.id = e.item_id
           LEFT JOIN feeds f ON f.id = i.feed_id
           LEFT JOIN story_items si ON si.item_id = e.item_id
          WHERE e.secondary = 1 AND e.at >= @since
            AND e.type IN (${query.types.map((_, i) => `@type${i}`).join(", ")})
            ${query.entity ? "AND EXISTS (SELECT 1 FROM event_parties p WHERE p.event_id = e.id AND p.entity_id = @entity)" : ""}
          ORDER BY e.at DESC, e.id DESC LIMIT @limit`,
    ).all(params) as (Omit<
      SecondaryEventRow,
      "parties" | "partyNames" | "plaintiffCount" | "status" | "legalCase"
    > & {
      status: string;
      parties: string;
      partyNames: string | null;
      plaintiffCount: number | null;
      legalCase: string | null;
    })[];
    return rows.map(({ parties, partyNames, plaintiffCount, status, legalCase, ...r }) => {
      // events.status is NOT NULL: a controversy (no stage) is stored as "".
      const row: SecondaryEventRow = {
        ...r,
        status: (status || null) as SecondaryEventRow["status"],
        parties: JSON.parse(parties) as string[],
      };
      if (partyNames !== null) row.partyNames = JSON.parse(partyNames) as string[];
      if (plaintiffCount !== null) row.plaintiffCount = plaintiffCount;
      if (legalCase !== null) row.legalCase = JSON.parse(legalCase) as LegalCase;
      return row;
    });
  }
}
