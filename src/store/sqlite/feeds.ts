import type {
  FeedRepository,
  FeedRow,
  FeedStatus,
  FeedSummary,
  PollFailure,
  PollSuccess,
} from "../repositories.js";
import type { Db } from "./db.js";

interface RawFeed {
  id: number;
  url: string;
  title: string | null;
  site_url: string | null;
  status: FeedStatus;
  last_error: string | null;
  consecutive_failures: number;
  etag: string | null;
  last_modified: string | null;
  interval_minutes: number | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  next_poll_at: string | null;
  backfilled: number;
  created_at: string;
}

function toRow(raw: RawFeed): FeedRow {
  return {
    id: raw.id,
    url: raw.url,
    title: raw.title,
    siteUrl: raw.site_url,
    status: raw.status,
    lastError: raw.last_error,
    consecutiveFailures: raw.consecutive_failures,
    etag: raw.etag,
    lastModified: raw.last_modified,
    intervalMinutes: raw.interval_minutes,
    lastPolledAt: raw.last_polled_at,
    lastSuccessAt: raw.last_success_at,
    nextPollAt: raw.next_poll_at,
    backfilled: raw.backfilled === 1,
    createdAt: raw.created_at,
  };
}

export class FeedStore implements FeedRepository {
  constructor(private readonly db: Db) {}

  /** Adds a feed; returns the existing one when the URL is already there. */
  async add(url: string, now: Date, title?: string): Promise<{ feed: FeedRow; created: boolean }> {
    const existing = await this.byUrl(url);
    if (existing) return { feed: existing, created: false };
    const info = this.db
      .prepare("INSERT INTO feeds (url, title, created_at) VALUES (?, ?, ?)")
      .run(url, title ?? null, now.toISOString());
    return { feed: (await this.byId(Number(info.lastInsertRowid))) as FeedRow, created: true };
  }

  async byId(id: number): Promise<FeedRow | undefined> {
    const raw = this.db.prepare("SELECT * FROM feeds WHERE id = ?").get(id) as RawFeed | undefined;
    return raw && toRow(raw);
  }

  async byUrl(url: string): Promise<FeedRow | undefined> {
    const raw = this.db.prepare("SELECT * FROM feeds WHERE url = ?").get(url) as RawFeed | undefined;
    return raw && toRow(raw);
  }

  /** A feed by its id ("12") or its URL, as users name feeds in commands. */
  async find(idOrUrl: string): Promise<FeedRow | undefined> {
    return /^\d+$/.test(idOrUrl) ? this.byId(Number(idOrUrl)) : this.byUrl(idOrUrl);
  }

  async remove(idOrUrl: string): Promise<FeedRow | undefined> {
    const feed = await this.find(idOrUrl);
    if (!feed) return undefined;
    this.db.prepare("DELETE FROM feeds WHERE id = ?").run(feed.id);
    return feed;
  }

  async all(): Promise<FeedRow[]> {
    return (this.db.prepare("SELECT * FROM feeds ORDER BY id").all() as RawFeed[]).map(toRow);
  }

  async count(): Promise<number> {
    return (this.db.prepare("SELECT count(*) AS n FROM feeds").get() as { n: number }).n;
  }

  /** Feeds whose next poll is due (all enabled feeds with `force`). */
  async due(now: Date, force: boolean): Promise<FeedRow[]> {
    const rows = force
      ? this.db.prepare("SELECT * FROM feeds WHERE status != 'disabled' ORDER BY id").all()
      : this.db
          .prepare(
            "SELECT * FROM feeds WHERE status != 'disabled' AND (next_poll_at IS NULL OR next_poll_at <= ?) ORDER BY next_poll_at IS NOT NULL, next_poll_at, id",
          )
          .all(now.toISOString());
    return (rows as RawFeed[]).map(toRow);
  }

  async summaries(): Promise<FeedSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT f.id, f.url, f.title, f.status, f.last_error AS lastError, f.last_polled_at AS lastPolledAt,
                f.item_count AS itemCount, f.note
           FROM feeds f ORDER BY f.id`,
      )
      .all() as FeedSummary[];
    return rows;
  }

  async recordSuccess(id: number, result: PollSuccess): Promise<void> {
    this.db
      .prepare(
        `UPDATE feeds SET status = 'ok', last_error = NULL, consecutive_failures = 0,
           title = coalesce(?, title), site_url = coalesce(?, site_url),
           etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),
           last_polled_at = ?, last_success_at = ?, next_poll_at = ?, backfilled = 1,
           note = CASE WHEN ? THEN ? ELSE note END
         WHERE id = ?`,
      )
      .run(
        result.title || null,
        result.siteUrl ?? null,
        result.etag ?? null,
        result.lastModified ?? null,
        result.polledAt,
        result.polledAt,
        result.nextPollAt,
        result.note !== undefined ? 1 : 0,
        result.note ?? null,
        id,
      );
  }

  async recordFailure(id: number, failure: PollFailure): Promise<void> {
    this.db
      .prepare(
        `UPDATE feeds SET status = ?, last_error = ?, consecutive_failures = consecutive_failures + 1,
           last_polled_at = ?, next_poll_at = ? WHERE id = ?`,
      )
      .run(failure.disable ? "disabled" : "failing", failure.error, failure.polledAt, failure.nextPollAt, id);
  }

  /** Re-enables a disabled feed and makes it due at once. */
  async enable(id: number): Promise<void> {
    this.db
      .prepare("UPDATE feeds SET status = 'ok', consecutive_failures = 0, next_poll_at = NULL WHERE id = ?")
      .run(id);
  }
}
