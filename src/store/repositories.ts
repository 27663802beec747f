/**
 * What the rest of the bot may ask of the store, in the domain's own words. Every method is
 * async and each one is a unit of its own (one transaction where it writes), so that a
 * PostgreSQL backend can sit behind the same interfaces. Nothing outside src/store writes SQL.
 */
import type {
  Platform as DeliveryPlatform,
  DestinationRepository,
  DigestSlotRepository,
  NewOutboxRow,
  OutboxRepository,
} from "../delivery/destination.js";
import type { NormalizedItem } from "../ingest/item.js";
import type { ArticleIntel } from "../intel/analyze.js";
import type { EventStatus, EventType } from "../intel/event-types.js";
import type { LegalCase } from "../intel/legal.js";
import type { Qualifier } from "../intel/money.js";
import type { Story } from "../intel/pipeline.js";

export type FeedStatus = "ok" | "failing" | "disabled";

export interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  status: FeedStatus;
  lastError: string | null;
  consecutiveFailures: number;
  etag: string | null;
  lastModified: string | null;
  intervalMinutes: number | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  backfilled: boolean;
  createdAt: string;
}

/** The shape `infrawire feeds list --json` prints (a contract: see DESIGN.md). */
export interface FeedSummary {
  id: number;
  url: string;
  title: string | null;
  status: FeedStatus;
  lastError: string | null;
  itemCount: number;
  lastPolledAt: string | null;
  /** E.g. new items left out over the per-poll cap. */
  note: string | null;
}

export interface PollSuccess {
  title?: string | undefined;
  siteUrl?: string | undefined;
  etag?: string | undefined;
  lastModified?: string | undefined;
  polledAt: string;
  nextPollAt: string;
  /** Something the feed's owner should know although the poll worked (items left out); null clears it. */
  note?: string | null;
}

export interface PollFailure {
  error: string;
  polledAt: string;
  nextPollAt: string;
  /** Disable now (after too many failures, or a failure that retrying cannot fix). */
  disable: boolean;
}

export interface FeedRepository {
  /** Adds a feed; returns the existing one when the URL is already there. */
  add(url: string, now: Date, title?: string): Promise<{ feed: FeedRow; created: boolean }>;
  byId(id: number): Promise<FeedRow | undefined>;
  byUrl(url: string): Promise<FeedRow | undefined>;
  /** A feed by its id ("12") or its URL, as users name feeds in commands. */
  find(idOrUrl: string): Promise<FeedRow | undefined>;
  /** Removes a feed by id or URL. Its items stay: other feeds or stories may share them. */
  remove(idOrUrl: string): Promise<FeedRow | undefined>;
  all(): Promise<FeedRow[]>;
  count(): Promise<number>;
  /** Feeds whose next poll is due (all enabled feeds with `force`). */
  due(now: Date, force: boolean): Promise<FeedRow[]>;
  summaries(): Promise<FeedSummary[]>;
  recordSuccess(id: number, result: PollSuccess): Promise<void>;
  recordFailure(id: number, failure: PollFailure): Promise<void>;
  /** Re-enables a disabled feed and makes it due at once. */
  enable(id: number): Promise<void>;
}

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
  /** New items left out because the feed gave more than `maxNew` at once. */
  capped: number;
}

export interface ItemRepository {
  /** Stores a feed's items at once; each article lands once across all feeds. */
  insert(
    feedId: number,
    items: NormalizedItem[],
    options: { now: Date; backfill: boolean; maxNew?: number },
  ): Promise<InsertResult>;
  count(): Promise<number>;
  byId(id: number): Promise<StoredItem | undefined>;
  /** Newest first by publication (or fetch) time. */
  latest(limit: number): Promise<StoredItem[]>;
  /**
   * Full-text search over title and summary, every word matching: among the 500 newest
   * matches, those with every word in the title first, newest first within each.
   */
  search(words: string, limit?: number): Promise<SearchHit[]>;
  /**
   * Deletes items fetched before the cutoff; their sources stay as tombstones so a purged
   * article never comes back as news. Returns how many were deleted.
   */
  purgeBefore(cutoff: Date): Promise<number>;
}

export interface ItemForIntel {
  id: number;
  title: string;
  summary: string;
  content: string;
  url: string | null;
  publishedAt: number;
  /** Stored from a feed's first fetch: history, never news (it never alerts). */
  backfill: boolean;
  /** The title of the feed that gave it, for the sources an alert lists. */
  outlet: string | null;
}

/** A stored story's facts that alerts compare, with its revision. */
export interface StoryFacts {
  revision: number;
  type: EventType | null;
  amountUsd: number | null;
  status: string | null;
  parties: string[];
  sourceCount: number;
}

/** What a regrouping writes beside its stories, in the same transaction. */
export interface GroupingExtras {
  /** Each story's revision; a story left out keeps the revision it had. */
  revisions?: ReadonlyMap<string, number>;
  /** Outbox rows (alerts) the new stories cause, queued at `now`: written with them or not at all. */
  outbox?: { rows: readonly NewOutboxRow[]; now: Date };
}

export type StoredIntel = Pick<ArticleIntel, "entities" | "events">;

/** A deal of an item being grouped, as the store can look up stories that may report it. */
export interface DealProbe {
  /** The event types one story may carry for this deal (an investment may be told as a valuation). */
  types: readonly EventType[];
  /** Entity ids. */
  parties: readonly string[];
  amountUsd: number | null;
}

export interface IntelRepository {
  /** Items not read by the intel layer yet, oldest first. */
  unanalyzed(limit: number): Promise<ItemForIntel[]>;
  /**
   * Items published since `since` (the clustering window), oldest first, except those read and
   * waiting for a story (`unstoried` hands those out): a first pass over a fresh window reads none.
   */
  since(since: Date): Promise<ItemForIntel[]>;
  /** The other items of the stories these items belong to (regrouping keeps stories whole). */
  storyMates(itemIds: readonly number[]): Promise<ItemForIntel[]>;
  /** Analysed items that belong to no story yet (e.g. a pass stopped before grouping). */
  unstoried(): Promise<ItemForIntel[]>;
  /**
   * The items of the stories last seen in [since, before) that may report one of these deals: a story
   * of one of the deal's types naming two of its parties, or, for a one-party deal, its party and
   * an amount within 2%. An outlet that reports a deal days late may belong to such a story,
   * beyond the window each pass regroups whole.
   */
  dealMates(deals: readonly DealProbe[], since: Date, before: Date): Promise<ItemForIntel[]>;
  /** The stored entities and events of the analysed items published since `since`, by item id. */
  intelSince(since: Date): Promise<Map<number, StoredIntel>>;
  /** The stored entities and events of the given analysed items, by item id. */
  intelOf(itemIds: readonly number[]): Promise<Map<number, StoredIntel>>;
  /** Marks the items published since `since` as not analysed. Returns how many. */
  reanalyzeSince(since: Date): Promise<number>;
  /** A fact about this database, or undefined. */
  meta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Replaces what is stored about these items' entities and events, and marks them read, at once. */
  saveAnalysed(batch: readonly { id: number; intel: ArticleIntel; at: Date }[]): Promise<void>;
  /** The stored facts and revisions of these stories, by id. */
  storyFacts(storyIds: readonly string[]): Promise<Map<string, StoryFacts>>;
  /**
   * Replaces the stories of the given items with a new grouping, with its revisions and the
   * alert rows it causes, at once.
   */
  replaceStories(
    itemIds: readonly number[],
    stories: readonly Story[],
    entitiesOf: (key: string) => string[],
    extras?: GroupingExtras,
  ): Promise<void>;
  storyCount(): Promise<number>;
  eventCount(): Promise<number>;
}

export interface StoryRow {
  id: string;
  headline: string;
  summary: string;
  type: EventType | null;
  amountUsd: number | null;
  qualifier: Qualifier | null;
  status: EventStatus | null;
  parties: string[];
  amounts: { amountUsd: number; qualifier: Qualifier; sources: number }[];
  sourceCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Every party by name in role order, when one is not a tracked entity (see ExtractedEvent). */
  partyNames?: string[];
  /** Legal stories: how many of the parties lead as plaintiffs. */
  plaintiffCount?: number;
  /** Legal stories: what the case is about (claims, court, plaintiffs). */
  legalCase?: LegalCase;
}

/**
 * An event an article reports beside its headline event (a lawsuit told in a deal story), with
 * the article that reports it. It belongs to no story of its own: the article's story is that of
 * its headline event.
 */
export interface SecondaryEventRow {
  itemId: number;
  /** The story of the article that reports it (its headline event's), if grouped yet. */
  storyId: string | null;
  type: EventType;
  status: EventStatus | null;
  parties: string[];
  partyNames?: string[];
  plaintiffCount?: number;
  legalCase?: LegalCase;
  /** The sentence that states it. */
  evidence: string;
  at: string;
  title: string;
  url: string | null;
  outlet: string | null;
}

export interface SecondaryEventQuery {
  /** Only events naming this entity as a party. */
  entity?: string | undefined;
  types: readonly EventType[];
  since: Date;
  limit: number;
}

export interface ValuationRow {
  company: string;
  amountUsd: number;
  qualifier: Qualifier | null;
  status: EventStatus;
  at: string;
  title: string;
  url: string | null;
  outlet: string | null;
}

export interface SourceRow {
  storyId: string;
  title: string;
  url: string | null;
  outlet: string | null;
  publishedAt: string | null;
}

export interface StoryQuery {
  /** Only stories about this entity (linked to it, or naming it as a party). */
  entity?: string | undefined;
  types?: readonly EventType[] | undefined;
  minUsd?: number | undefined;
  since: Date;
  limit: number;
  order: "amount" | "recent";
  /** Count every match too (for "and N more"); off when the caller shows no count. */
  withTotal?: boolean;
}

export interface BriefingRepository {
  story(id: string): Promise<StoryRow | undefined>;
  /**
   * The story an article's link (as stored, or its canonical form) or a story id names, and
   * whether every article in it was stored as backfill.
   */
  findStory(ref: {
    id?: string;
    url?: string;
    canonicalUrl?: string;
  }): Promise<{ storyId: string; backfill: boolean } | undefined>;
  /** Stories matching the query, plus how many matched in all (-1 without `withTotal`). */
  stories(query: StoryQuery): Promise<{ rows: StoryRow[]; total: number }>;
  /** Valuation events of one company (or of every company), newest first. */
  valuations(entity: string | undefined, limit: number): Promise<ValuationRow[]>;
  /**
   * The latest valuation of each company among the `window` newest valuations, largest first
   * (on equal amounts the newer first), at most `limit`.
   */
  latestValuations(window: number, limit: number): Promise<ValuationRow[]>;
  /** Every outlet that reported the stories, first reported first. */
  sources(storyIds: readonly string[]): Promise<Map<string, SourceRow[]>>;
  /** Secondary events of the period, newest first. */
  secondaryEvents(query: SecondaryEventQuery): Promise<SecondaryEventRow[]>;
}

/** Where delivery can post, plus the shell (which answers commands but is never posted to). */
export type Platform = DeliveryPlatform | "cli";

/**
 * Where a message goes or a command came from. A Slack channel id alone does not say which
 * workspace's token posts to it, so every reference carries its workspace (Slack team id,
 * Discord guild id; "local" for the console and the CLI).
 */
export interface ChannelRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface ChannelSettings {
  digestEnabled: boolean;
  /** "HH:MM", 24-hour, in `digestTimezone`. */
  digestTime: string | null;
  digestTimezone: string | null;
  alertsEnabled: boolean;
  alertsMinUsd: number | null;
  alertsTypes: EventType[];
  /** Local hours (0-23) during which alerts wait. */
  quietStart: number | null;
  quietEnd: number | null;
}

export interface CustomEntity {
  id: string;
  name: string;
  aliases: string[];
}

export interface SettingsRepository {
  watchlist(channel: ChannelRef): Promise<string[]>;
  /** Returns false when the entity was already on the list. */
  watch(channel: ChannelRef, entityId: string, by: string, now: Date): Promise<boolean>;
  /** Returns false when the entity was not on the list. */
  unwatch(channel: ChannelRef, entityId: string): Promise<boolean>;
  settings(channel: ChannelRef): Promise<ChannelSettings>;
  /** Merges `changes` into the channel's settings. */
  update(
    channel: ChannelRef,
    changes: Partial<ChannelSettings>,
    by: string,
    now: Date,
  ): Promise<ChannelSettings>;
  customEntities(): Promise<CustomEntity[]>;
  addCustomEntity(entity: CustomEntity, by: string, now: Date): Promise<void>;
  /** The workspace's channel for the bot's notices (`/feeds notices`): feeds disabled, posting stopped. */
  noticeChannel(platform: Platform, workspaceId: string): Promise<ChannelRef | undefined>;
  /** Every workspace's notice channel: where news about a feed no channel added goes. */
  noticeChannels(): Promise<ChannelRef[]>;
  /** Makes `channel` its workspace's notice channel, or (with `off`) stops the workspace's notices. */
  setNoticeChannel(channel: ChannelRef, off?: boolean): Promise<void>;
  /** The channel a feed was added from (`/feeds add`), told when the feed is disabled. */
  feedOwner(feedUrl: string): Promise<ChannelRef | undefined>;
  setFeedOwner(feedUrl: string, channel: ChannelRef): Promise<void>;
}

/**
 * Where a chat platform's per-workspace credentials live (a Slack installation from the OAuth
 * flow: bot token, scopes, team). `data` is the platform library's own record, as JSON; the
 * key is the workspace (Slack team id, or the enterprise id for an org-wide install).
 */
export interface InstallationRepository {
  save(platform: Platform, workspaceId: string, data: string, at: Date): Promise<void>;
  find(platform: Platform, workspaceId: string): Promise<string | undefined>;
  remove(platform: Platform, workspaceId: string): Promise<boolean>;
}

export interface StoreHealth {
  /** Backend and where it lives ("sqlite data/infrawire.db"). */
  location: string;
  schemaVersion: number;
}

export interface DeliveryRepositories {
  destinations: DestinationRepository;
  outbox: OutboxRepository;
  slots: DigestSlotRepository;
}

/** One backend: every repository over one database. */
export interface Store {
  feeds: FeedRepository;
  items: ItemRepository;
  intel: IntelRepository;
  briefing: BriefingRepository;
  settings: SettingsRepository;
  installations: InstallationRepository;
  /**
   * Destinations, outbox and digest slots (src/delivery/destination.ts). A destination is a
   * channel's settings and watchlist as users set them; delivery's ChannelRef is this one without
   * the shell.
   */
  delivery: DeliveryRepositories;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
