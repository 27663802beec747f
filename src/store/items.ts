import { canonicalUrl } from "../ingest/canonical.js";
import type { NormalizedItem } from "../ingest/item.js";
import type { Db } from "./db.js";

export interface StoredItem {
  id: number;
  feedId: number | null;
  guid: string;
  url: string | null;
  title: string;
  summary: string;
  author: string | null;
  categories: string[];
  publishedAt: string | null;
  fetchedAt: string;
  backfill: boolean;
}

export interface SearchHit extends StoredItem {
  feedTitle: string | null;
  /** Title with the matched words wrapped in [ ]. */
  snippet: string;
}

export interface InsertResult {
  /** Items stored for the first time. */
  added: number[];
  /** Items this feed had already given us. */
  known: number;
  /** Items another feed had already given us (same canonical URL): linked, not stored again. */
  linked: number;
}

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

export class ItemStore {
  private readonly findSource;
  private readonly findCanonical;
  private readonly insertItem;
  private readonly insertSource;
  private readonly countStored;

  constructor(private readonly db: Db) {
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
  insert(feedId: number, items: NormalizedItem[], options: { now: Date; backfill: boolean }): InsertResult {
    const result: InsertResult = { added: [], known: 0, linked: 0 };
    const fetchedAt = options.now.toISOString();
    this.db.transaction(() => {
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
    })();
    return result;
  }

  count(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM items").get() as { n: number }).n;
  }

  byId(id: number): StoredItem | undefined {
    const raw = this.db.prepare("SELECT * FROM items WHERE id = ?").get(id) as RawItem | undefined;
    return raw && toItem(raw);
  }

  /** Newest first by publication (or fetch) time. */
  latest(limit: number): StoredItem[] {
    return (
      this.db
        .prepare("SELECT * FROM items ORDER BY coalesce(published_at, fetched_at) DESC, id DESC LIMIT ?")
        .all(limit) as RawItem[]
    ).map(toItem);
  }

  /**
   * Full-text search over title and summary: the 500 newest matching items, best match first.
   * Ranking every match of a common word in a million items would take seconds; a news desk
   * wants the best of the recent ones.
   */
  search(words: string, limit = 20): SearchHit[] {
    const query = toFtsQuery(words);
    if (!query) return [];
    const rows = this.db
      .prepare(
        `WITH recent AS (
           SELECT rowid AS id, bm25(items_fts, 4.0, 1.0) AS score, highlight(items_fts, 0, '[', ']') AS snippet
             FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT 500
         )
         SELECT i.*, f.title AS feed_title, r.snippet
           FROM recent r JOIN items i ON i.id = r.id LEFT JOIN feeds f ON f.id = i.feed_id
          ORDER BY r.score, coalesce(i.published_at, i.fetched_at) DESC
          LIMIT ?`,
      )
      .all(query, limit) as (RawItem & { feed_title: string | null; snippet: string })[];
    return rows.map((raw) => ({ ...toItem(raw), feedTitle: raw.feed_title, snippet: raw.snippet }));
  }

  /**
   * Deletes items fetched before the cutoff (fetch time, not publication time, so that a backfill
   * of old articles is kept for the whole retention period). Their source rows stay as
   * tombstones. Returns how many items were deleted.
   */
  purgeBefore(cutoff: Date): number {
    return this.db.transaction(() => {
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
    })();
  }
}
