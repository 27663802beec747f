import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import { type FeedRepository, type FeedRow, type ItemRepository, storeFailure } from "../store/index.js";
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
  maxNewItemsPerPoll: number;
}

/** `skipped`: the store could not take the items (busy, read-only); the feed is not blamed. */
export type FeedOutcome = "updated" | "unchanged" | "failed" | "disabled" | "skipped";

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
  skipped: number;
  /** Set when the store refused writes (read-only, damaged): one sentence with the fix. */
  storeError?: string;
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
  feeds: FeedRepository;
  items: ItemRepository;
  fetcher: FeedSource;
  settings: PollSettings;
  log: Logger;
  clock: Clock;
  /** Called once when a poll disables a feed (the app tells the channel that added it). */
  onDisabled?: (feed: FeedRow, reason: string, at: Date) => Promise<unknown>;
}

const BUSY_RETRIES = 3;

/** Polls due feeds: bounded concurrency, per-host politeness, backoff, backfill on first poll. */
export class Poller {
  private running: Promise<CycleReport> | undefined;

  constructor(private readonly deps: PollerDeps) {}

  private now(): Date {
    return this.deps.clock.now();
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
    const started = performance.now();
    const due = await this.deps.feeds.due(this.now(), options.force ?? false);
    const report: CycleReport = {
      feeds: due.length,
      updated: 0,
      unchanged: 0,
      failed: 0,
      disabled: 0,
      skipped: 0,
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
        if (result.outcome === "skipped" && result.error) report.storeError ??= result.error;
        report.results.push(result);
        report[result.outcome]++;
        report.itemsAdded += result.added;
        options.onFeed?.(result);
      },
    );
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  /** Polls one feed now, whatever its schedule (used right after `feeds add`). */
  async pollOne(feed: FeedRow): Promise<FeedPollResult> {
    return this.pollFeed(feed, { freshItemIds: [] });
  }

  /**
   * A busy database (another process writing) is waited for and retried; a store that cannot
   * be written at all is reported once for the cycle. Neither counts against the feed.
   */
  private async pollFeed(feed: FeedRow, report: Pick<CycleReport, "freshItemIds">): Promise<FeedPollResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pollFeedOnce(feed, report);
      } catch (error) {
        const failure = storeFailure(error);
        if (!failure) return this.recordFailure(feed, error);
        if (failure.kind === "busy" && attempt < BUSY_RETRIES) {
          await new Promise((r) => setTimeout(r, 200 * attempt));
          continue;
        }
        this.deps.log.warn("store refused the feed's items", { feed: feed.id, reason: failure.sentence });
        return { feedId: feed.id, url: feed.url, outcome: "skipped", added: 0, error: failure.sentence };
      }
    }
  }

  private async pollFeedOnce(
    feed: FeedRow,
    report: Pick<CycleReport, "freshItemIds">,
  ): Promise<FeedPollResult> {
    const { feeds, items, fetcher, settings, log } = this.deps;
    const base = { feedId: feed.id, url: feed.url };
    let fetched: Awaited<ReturnType<FeedSource["fetch"]>>;
    let parsed: Awaited<ReturnType<typeof parseFeed>>;
    const now = this.now();
    try {
      fetched = await fetcher.fetch(feed.url, {
        etag: feed.etag ?? undefined,
        lastModified: feed.lastModified ?? undefined,
      });
      if (fetched.kind === "not_modified") parsed = { title: "", items: [] };
      else {
        // A sample: URL is not a base for links; the feed's own links are.
        const linkBase = fetched.url.startsWith("http") ? fetched.url : undefined;
        parsed = await parseFeed(fetched.text, { ...(linkBase ? { url: linkBase } : {}), now });
      }
    } catch (error) {
      return this.recordFailure(feed, error);
    }
    const nextPollAt = new Date(
      now.getTime() + (feed.intervalMinutes ?? settings.intervalMinutes) * MINUTE,
    ).toISOString();
    if (fetched.kind === "not_modified") {
      await feeds.recordSuccess(feed.id, { ...fetched, polledAt: now.toISOString(), nextPollAt });
      log.debug("feed unchanged", { feed: feed.id, url: feed.url });
      return { ...base, outcome: "unchanged", added: 0 };
    }
    const backfill = !feed.backfilled;
    // An item with no title, text or link has nothing to show a reader.
    const readable = parsed.items.filter((i) => i.title || i.summary || i.content || i.url);
    const stored = await items.insert(feed.id, readable, {
      now,
      backfill,
      maxNew: settings.maxNewItemsPerPoll,
    });
    const capped = stored.capped > 0;
    await feeds.recordSuccess(feed.id, {
      title: parsed.title,
      siteUrl: parsed.link,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      polledAt: now.toISOString(),
      nextPollAt,
      note: capped
        ? `${stored.capped} new items over the cap of ${settings.maxNewItemsPerPoll} per poll were left out`
        : null,
    });
    if (capped)
      log.warn("feed gave more new items than the cap", {
        feed: feed.id,
        url: feed.url,
        leftOut: stored.capped,
        cap: settings.maxNewItemsPerPoll,
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
  }

  private async recordFailure(feed: FeedRow, error: unknown): Promise<FeedPollResult> {
    const { feeds, settings, log } = this.deps;
    const now = this.now();
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
    await feeds.recordFailure(feed.id, {
      error: reason,
      polledAt: now.toISOString(),
      nextPollAt: new Date(now.getTime() + wait).toISOString(),
      disable,
    });
    log.warn(disable ? "feed disabled" : "feed failed", { feed: feed.id, url: feed.url, reason, failures });
    if (disable && this.deps.onDisabled)
      await this.deps.onDisabled(feed, reason, now).catch((error: unknown) => {
        log.error("could not queue the notice of a disabled feed", { feed: feed.id, error: String(error) });
      });
    return {
      feedId: feed.id,
      url: feed.url,
      outcome: disable ? "disabled" : "failed",
      added: 0,
      error: reason,
    };
  }
}
