import type { Logger } from "../log.js";
import type { FeedRow, FeedStore } from "../store/feeds.js";
import type { ItemStore } from "../store/items.js";
import { FeedError } from "./errors.js";
import { runWithLimits } from "./limits.js";
import { parseFeed } from "./parse.js";
import type { FeedSource } from "./sources.js";

export interface PollSettings {
  intervalMinutes: number;
  concurrency: number;
  perHost: number;
  backoffBaseMinutes: number;
  backoffMaxHours: number;
  disableAfterFailures: number;
}

export type FeedOutcome = "updated" | "unchanged" | "failed" | "disabled";

export interface FeedPollResult {
  feedId: number;
  url: string;
  outcome: FeedOutcome;
  added: number;
  error?: string;
}

export interface CycleReport {
  feeds: number;
  updated: number;
  unchanged: number;
  failed: number;
  disabled: number;
  itemsAdded: number;
  /** Ids of items stored for the first time that are not backfill: candidates for alerts. */
  freshItemIds: number[];
  durationMs: number;
  results: FeedPollResult[];
}

const MINUTE = 60_000;

/** Exponential backoff: base x 2^(n-1) after the n-th failure in a row, capped. */
export function backoffMs(failures: number, settings: PollSettings): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(
    settings.backoffBaseMinutes * MINUTE * 2 ** exponent,
    settings.backoffMaxHours * 60 * MINUTE,
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}

export interface PollerDeps {
  feeds: FeedStore;
  items: ItemStore;
  fetcher: FeedSource;
  settings: PollSettings;
  log: Logger;
  clock?: () => Date;
}

/** Polls due feeds: bounded concurrency, per-host politeness, backoff, backfill on first poll. */
export class Poller {
  private readonly clock: () => Date;
  private running: Promise<CycleReport> | undefined;

  constructor(private readonly deps: PollerDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** One cycle over the due feeds (all enabled feeds with `force`). Never throws for a feed's failure. */
  runCycle(
    options: { force?: boolean; onFeed?: (result: FeedPollResult) => void } = {},
  ): Promise<CycleReport> {
    // Two overlapping cycles would fetch the same feeds twice; the second caller shares the first.
    this.running ??= this.cycle(options).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async cycle(options: {
    force?: boolean;
    onFeed?: (result: FeedPollResult) => void;
  }): Promise<CycleReport> {
    const started = Date.now();
    const due = this.deps.feeds.due(this.clock(), options.force ?? false);
    const report: CycleReport = {
      feeds: due.length,
      updated: 0,
      unchanged: 0,
      failed: 0,
      disabled: 0,
      itemsAdded: 0,
      freshItemIds: [],
      durationMs: 0,
      results: [],
    };
    const { concurrency, perHost } = this.deps.settings;
    await runWithLimits(
      due,
      { concurrency, perKey: perHost, key: (feed) => hostOf(feed.url) },
      async (feed) => {
        const result = await this.pollFeed(feed, report);
        report.results.push(result);
        report[result.outcome]++;
        report.itemsAdded += result.added;
        options.onFeed?.(result);
      },
    );
    report.durationMs = Date.now() - started;
    return report;
  }

  /** Polls one feed now, whatever its schedule (used right after `feeds add`). */
  async pollOne(feed: FeedRow): Promise<FeedPollResult> {
    return this.pollFeed(feed, { freshItemIds: [] });
  }

  private async pollFeed(feed: FeedRow, report: Pick<CycleReport, "freshItemIds">): Promise<FeedPollResult> {
    const { feeds, items, fetcher, settings, log } = this.deps;
    const base = { feedId: feed.id, url: feed.url };
    try {
      const fetched = await fetcher.fetch(feed.url, {
        etag: feed.etag ?? undefined,
        lastModified: feed.lastModified ?? undefined,
      });
      const now = this.clock();
      const nextPollAt = new Date(
        now.getTime() + (feed.intervalMinutes ?? settings.intervalMinutes) * MINUTE,
      ).toISOString();
      if (fetched.kind === "not_modified") {
        feeds.recordSuccess(feed.id, { ...fetched, polledAt: now.toISOString(), nextPollAt });
        log.debug("feed unchanged", { feed: feed.id, url: feed.url });
        return { ...base, outcome: "unchanged", added: 0 };
      }
      // A sample: URL is not a base for links; the feed's own links are.
      const linkBase = fetched.url.startsWith("http") ? fetched.url : undefined;
      const parsed = await parseFeed(fetched.text, { ...(linkBase ? { url: linkBase } : {}), now });
      const backfill = !feed.backfilled;
      // An item with no title, text or link has nothing to show a reader.
      const readable = parsed.items.filter((i) => i.title || i.summary || i.content || i.url);
      const stored = items.insert(feed.id, readable, { now, backfill });
      feeds.recordSuccess(feed.id, {
        title: parsed.title,
        siteUrl: parsed.link,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        polledAt: now.toISOString(),
        nextPollAt,
      });
      if (!backfill) report.freshItemIds.push(...stored.added);
      log.info("feed polled", {
        feed: feed.id,
        url: feed.url,
        items: parsed.items.length,
        new: stored.added.length,
        seenElsewhere: stored.linked,
        backfill,
      });
      return {
        ...base,
        outcome: stored.added.length > 0 ? "updated" : "unchanged",
        added: stored.added.length,
      };
    } catch (error) {
      return this.recordFailure(feed, error);
    }
  }

  private recordFailure(feed: FeedRow, error: unknown): FeedPollResult {
    const { feeds, settings, log } = this.deps;
    const now = this.clock();
    const failure =
      error instanceof FeedError
        ? error
        : new FeedError(`unexpected error (${(error as Error)?.message ?? String(error)})`);
    if (!(error instanceof FeedError))
      log.error("unexpected poll error", { feed: feed.id, stack: (error as Error)?.stack });
    const failures = feed.consecutiveFailures + 1;
    const wait = Math.max(backoffMs(failures, settings), failure.details.retryAfterMs ?? 0);
    const disable = failure.details.permanent === true || failures >= settings.disableAfterFailures;
    const reason =
      disable && !failure.details.permanent
        ? `${failure.reason} (disabled after ${failures} failures in a row)`
        : failure.reason;
    feeds.recordFailure(feed.id, {
      error: reason,
      polledAt: now.toISOString(),
      nextPollAt: new Date(now.getTime() + wait).toISOString(),
      disable,
    });
    log.warn(disable ? "feed disabled" : "feed failed", { feed: feed.id, url: feed.url, reason, failures });
    return {
      feedId: feed.id,
      url: feed.url,
      outcome: disable ? "disabled" : "failed",
      added: 0,
      error: reason,
    };
  }
}
