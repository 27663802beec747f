import { readdirSync, readFileSync } from "node:fs";
import type { Clock } from "../clock.js";
import { UserError } from "../errors.js";
import { vetFeedUrl } from "../ingest/add-feed.js";
import type { FeedFetcher } from "../ingest/fetch.js";
import type { AddressPolicy } from "../ingest/net-guard.js";
import { parseOpml } from "../ingest/opml.js";
import type { Poller } from "../ingest/poller.js";
import { SAMPLE_SCHEME } from "../ingest/sources.js";
import type { ChannelRef, FeedRepository, FeedRow } from "../store/index.js";

export interface FeedActionDeps {
  feeds: FeedRepository;
  fetcher: FeedFetcher;
  poller: Poller;
  policy: AddressPolicy;
  clock: Clock;
  /** Analyses what a first poll stored, so that a new feed's stories show at once. */
  enrich(): Promise<unknown>;
  /** Remembers the channel a feed was added from: it is told if the feed is ever disabled. */
  setFeedOwner?(feedUrl: string, channel: ChannelRef): Promise<void>;
}

export interface AddedFeed {
  feed: FeedRow;
  /** False when the URL was already in the list (nothing changed). */
  created: boolean;
  /** The first poll, when one ran: items stored, or why it failed (it is retried on schedule). */
  firstPoll?: { items: number; error?: string };
}

const NO_SUCH_FEED = "run `infrawire feeds list` (or /feeds list) to see ids and URLs";

/** Checks, stores and (unless told not to) polls a feed a user adds. */
export async function addFeed(
  deps: FeedActionDeps,
  url: string,
  options: { title?: string | undefined; poll?: boolean; addedIn?: ChannelRef } = {},
): Promise<AddedFeed> {
  const vetted = await vetFeedUrl(url, deps.fetcher, deps.policy);
  const { feed, created } = await deps.feeds.add(vetted, deps.clock.now(), options.title);
  // Before the first poll, which may already disable it.
  if (created && options.addedIn && options.addedIn.platform !== "cli")
    await deps.setFeedOwner?.(feed.url, options.addedIn);
  if (!created || options.poll === false) return { feed, created };
  const result = await deps.poller.pollOne(feed);
  await deps.enrich();
  const after = (await deps.feeds.byId(feed.id)) ?? feed;
  return {
    feed: after,
    created,
    firstPoll: { items: result.added, ...(result.error ? { error: result.error } : {}) },
  };
}

export async function removeFeed(deps: FeedActionDeps, idOrUrl: string): Promise<FeedRow> {
  const removed = await deps.feeds.remove(idOrUrl.trim());
  if (!removed) throw new UserError(`No feed matches "${idOrUrl}".`, NO_SUCH_FEED);
  return removed;
}

export async function enableFeed(deps: FeedActionDeps, idOrUrl: string): Promise<FeedRow> {
  const feed = await deps.feeds.find(idOrUrl.trim());
  if (!feed) throw new UserError(`No feed matches "${idOrUrl}".`, NO_SUCH_FEED);
  await deps.feeds.enable(feed.id);
  return feed;
}

/** Adds every feed of an OPML file; returns how many were new. */
export async function importOpml(
  deps: FeedActionDeps,
  file: string,
): Promise<{ added: number; total: number }> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UserError(`Cannot read ${file}.`, "check the path of the OPML file");
  }
  const outlines = parseOpml(text, file);
  let added = 0;
  for (const outline of outlines) {
    if ((await deps.feeds.add(outline.url, deps.clock.now(), outline.title)).created) added++;
  }
  return { added, total: outlines.length };
}

/** On a first start, seeds the feed list: the catalogue, or the offline samples. Returns how many. */
export async function seedFeeds(
  deps: FeedActionDeps,
  source: { catalog: string } | { samplesDir: string },
): Promise<number> {
  if ((await deps.feeds.count()) > 0) return 0;
  if ("catalog" in source) return (await importOpml(deps, source.catalog)).added;
  const files = readdirSync(source.samplesDir)
    .filter((f) => f.endsWith(".xml"))
    .sort();
  for (const file of files) await deps.feeds.add(`${SAMPLE_SCHEME}${file}`, deps.clock.now());
  return files.length;
}
