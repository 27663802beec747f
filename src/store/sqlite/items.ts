import type { Statement } from "better-sqlite3";
import { canonicalUrl } from "../../ingest/canonical.js";
import type { NormalizedItem } from "../../ingest/item.js";
import type { InsertResult, ItemRepository, SearchHit, StoredItem } from "../repositories.js";
import { type Db, preparedOnce } from "./db.js";

interface RawItem {
  id: number;
  feed_id: number | null;
  guid: string;
  url: string | null;
  title: string;
  summary: string;
  author: string | null;
  categories: string;
  published_at: string | null;
  fetched_at: string;
  backfill: number;
}

function toItem(raw: RawItem): StoredItem {
  return {
    id: raw.id,
    feedId: raw.feed_id,
    guid: raw.guid,
    url: raw.url,
    title: raw.title,
    summary: raw.summary,
    author: raw.author,
    categories: JSON.parse(raw.categories) as string[],
    publishedAt: raw.published_at,
    fetchedAt: raw.fetched_at,
    backfill: raw.backfill === 1,
  };
}

/** Turns what a user typed into an FTS5 query: every word must match. */
export function toFtsQuery(words: string): string | undefined {
  const tokens = words
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
  if (tokens.length === 0) return undefined;
  // Whole words only: the porter stemmer already matches "chip" to "chips", and prefix queries
  // are many times slower on a large index.
  return tokens.map((t) => `"${t}"`).join(" ");
}

export class ItemStore implements ItemRepository {
  private readonly findSource;
  private readonly findCanonical;
  private readonly insertItem;
  private readonly insertSource;
  private readonly countStored;

  /** The read statements, prepared once per text (see BriefingStore). */
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = preparedOnce(db);
    this.findSource = db.prepare("SELECT item_id FROM item_sources WHERE feed_id = ? AND guid = ?").pluck();
    this.findCanonical = db.prepare("SELECT id FROM items WHERE canonical_url = ?").pluck();
    this.insertItem = db.prepare(
      `INSERT INTO items (feed_id, guid, url, canonical_url, title, summary, content, author, categories, enclosures, published_at, fetched_at, backfill)
       VALUES (@feedId, @guid, @url, @canonical, @title, @summary, @content, @author, @categories, @enclosures, @publishedAt, @fetchedAt, @backfill)`,
    );
    this.countStored = db.prepare("UPDATE feeds SET item_count = item_count + ? WHERE id = ?");
    this.insertSource = db.prepare(
      "INSERT OR IGNORE INTO item_sources (feed_id, guid, item_id) VALUES (?, ?, ?)",
    );
  }

  /** Stores a feed's items in one transaction; each article lands once across all feeds. */
  async insert(
    feedId: number,
    items: NormalizedItem[],
    options: { now: Date; backfill: boolean; maxNew?: number },
  ): Promise<InsertResult> {
    const result: InsertResult = { added: [], known: 0, linked: 0, capped: 0 };
    const maxNew = options.maxNew ?? Number.POSITIVE_INFINITY;
    const fetchedAt = options.now.toISOString();
    this.db
      .transaction(() => {
        for (const item of items) {
          // A row with a NULL item_id is a purged item's tombstone: known, not news.
          if (this.findSource.get(feedId, item.id) !== undefined) {
            result.known++;
            continue;
          }
          const canonical = canonicalUrl(item.url);
          const existing = canonical ? (this.findCanonical.get(canonical) as number | undefined) : undefined;
          if (existing !== undefined) {
            this.insertSource.run(feedId, item.id, existing);
            result.linked++;
            continue;
          }
          if (result.added.length >= maxNew) {
            result.capped++;
            continue;
          }
          const info = this.insertItem.run({
            feedId,
            guid: item.id,
            url: item.url ?? null,
            canonical: canonical ?? null,
            title: item.title,
            summary: item.summary,
            content: item.content,
            author: item.author ?? null,
            categories: JSON.stringify(item.categories),
            enclosures: JSON.stringify(item.enclosures),
            publishedAt: item.publishedAt ?? null,
            fetchedAt,
            backfill: options.backfill ? 1 : 0,
          });
          const id = Number(info.lastInsertRowid);
          this.insertSource.run(feedId, item.id, id);
          result.added.push(id);
        }
        const stored = result.added.length + result.linked;
        if (stored > 0) this.countStored.run(stored, feedId);
        // IMMEDIATE: take the write lock before the first read, so that a second process waits
        // (busy_timeout) instead of failing with "database is locked" when it upgrades.
      })
      .immediate();
    return result;
  }

  async count(): Promise<number> {
    return (this.sql("SELECT count(*) AS n FROM items").get() as { n: number }).n;
  }

  async byId(id: number): Promise<StoredItem | undefined> {
    const raw = this.sql("SELECT * FROM items WHERE id = ?").get(id) as RawItem | undefined;
    return raw && toItem(raw);
  }

  /** Newest first by publication (or fetch) time. */
  async latest(limit: number): Promise<StoredItem[]> {
    return (
      this.sql("SELECT * FROM items ORDER BY coalesce(published_at, fetched_at) DESC, id DESC LIMIT ?").all(
        limit,
      ) as RawItem[]
    ).map(toItem);
  }

  /**
   * Full-text search over title and summary: of the 500 newest matching items, those with every
   * word in the title first, then the others, newest first within each. (FTS5's bm25() was the
   * rank before; it reads each word's whole posting list for its statistics, 18 of the 19 ms a
   * two-word search took at a million items, whatever the LIMIT.)
   */
  async search(words: string, limit = 20): Promise<SearchHit[]> {
    const query = toFtsQuery(words);
    if (!query) return [];
    const candidates = this.sql(
      "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT 500",
    )
      .pluck()
      .all(query) as number[];
    if (candidates.length === 0) return [];
    const oldest = candidates[candidates.length - 1] as number;
    const inTitle = new Set(
      this.sql("SELECT rowid FROM items_fts WHERE items_fts MATCH ? AND rowid >= CAST(? AS INTEGER)")
        .pluck()
        .all(`title : (${query})`, oldest) as number[],
    );
    const dated = this.sql(
      "SELECT id, coalesce(published_at, fetched_at) AS at FROM items WHERE id IN (SELECT value FROM json_each(?))",
    ).all(JSON.stringify(candidates)) as { id: number; at: string }[];
    const best = dated
      .sort(
        (x, y) =>
          Number(inTitle.has(y.id)) - Number(inTitle.has(x.id)) ||
          (x.at < y.at ? 1 : x.at > y.at ? -1 : y.id - x.id),
      )
      .slice(0, limit);
    const row = this.sql(
      "SELECT i.*, f.title AS feed_title FROM items i LEFT JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?",
    );
    // One FTS5 pass over the rowid range of the hits highlights them all: a query per hit
    // (`rowid = ?` next to MATCH) loads each word's posting list again, about 0.5 ms apiece at a
    // million items. The unary + keeps the IN list out of FTS5, which would run it as one
    // query per rowid. The CASTs matter: with a bound number, FTS5 ignored rowid bounds next
    // to MATCH (SQLite 3.53).
    const ids = best.map(({ id }) => id);
    if (ids.length === 0) return [];
    const snippets = new Map(
      (
        this.sql(
          `SELECT rowid AS id, highlight(items_fts, 0, '[', ']') AS snippet FROM items_fts
              WHERE items_fts MATCH @query AND rowid >= CAST(@low AS INTEGER) AND rowid <= CAST(@high AS INTEGER)
                AND +rowid IN (SELECT value FROM json_each(@ids))`,
        ).all({
          query,
          low: Math.min(...ids),
          high: Math.max(...ids),
          ids: JSON.stringify(ids),
        }) as { id: number; snippet: string }[]
      ).map((hit) => [hit.id, hit.snippet]),
    );
    return best.map(({ id }) => {
      const raw = row.get(id) as RawItem & { feed_title: string | null };
      return { ...toItem(raw), feedTitle: raw.feed_title, snippet: snippets.get(id) ?? raw.title };
    });
  }

  /**
   * Deletes items fetched before the cutoff (fetch time, not publication time, so that a backfill
   * of old articles is kept for the whole retention period). Their source rows stay as
   * tombstones. Returns how many items were deleted.
   */
  async purgeBefore(cutoff: Date): Promise<number> {
    return this.db
      .transaction(() => {
        const deleted = this.db
          .prepare("DELETE FROM items WHERE fetched_at < ?")
          .run(cutoff.toISOString()).changes;
        if (deleted > 0) {
          this.db
            .prepare(
              "UPDATE feeds SET item_count = (SELECT count(*) FROM item_sources s WHERE s.feed_id = feeds.id AND s.item_id IS NOT NULL)",
            )
            .run();
        }
        return deleted;
      })
      .immediate();
  }
}
