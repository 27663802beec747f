import type { NormalizedItem } from "../../src/ingest/item.js";
import type { ArticleIntel } from "../../src/intel/analyze.js";
import type { EntityScore } from "../../src/intel/entities.js";
import type { EventStatus, EventType, ExtractedEvent } from "../../src/intel/event-types.js";
import type { Qualifier } from "../../src/intel/money.js";
import type { Story } from "../../src/intel/pipeline.js";
import type { ChannelRef, Store } from "../../src/store/index.js";

/** Every date in the suite counts from here; the suite never reads the real clock. */
export const T0 = new Date("2026-03-02T08:00:00.000Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** `T0` moved by a number of hours (negative: earlier). */
export function at(hours: number): Date {
  return new Date(T0.getTime() + hours * HOUR);
}

export function iso(hours: number): string {
  return at(hours).toISOString();
}

export function article(guid: string, fields: Partial<NormalizedItem> = {}): NormalizedItem {
  return {
    id: guid,
    url: `https://wire.example/${guid}`,
    title: `Article ${guid}`,
    summary: `Body of ${guid}.`,
    content: "",
    categories: [],
    enclosures: [],
    publishedAt: iso(-1),
    ...fields,
  };
}

export function entity(id: string, fields: Partial<EntityScore> = {}): EntityScore {
  return { id, mentions: 2, salience: 0.8, about: true, ...fields };
}

export function event(type: EventType, fields: Partial<ExtractedEvent> = {}): ExtractedEvent {
  return {
    type,
    amountUsd: null,
    qualifier: null,
    parties: [],
    status: "reported",
    evidence: `A sentence about a ${type}.`,
    ...fields,
  };
}

export function intel(entities: EntityScore[], events: ExtractedEvent[] = []): ArticleIntel {
  return { entities, events, lead: [] };
}

export interface StoryFields {
  type?: EventType | undefined;
  amountUsd?: number | null;
  qualifier?: Qualifier | null;
  status?: EventStatus;
  parties?: string[];
  headline?: string;
  /** Epoch ms; defaults to the story's first item's time. */
  firstSeen?: number;
  lastSeen?: number;
}

/**
 * A story over stored items, shaped as `groupStories` makes them: its id is "s" + its earliest
 * item's key, and that item is its centre.
 */
export function storyOf(itemIds: readonly number[], fields: StoryFields = {}): Story {
  const keys = itemIds.map(String);
  const centre = keys[0] ?? "";
  const lastSeen = fields.lastSeen ?? T0.getTime();
  const amountUsd = fields.amountUsd ?? null;
  const story: Story = {
    id: `s${centre}`,
    keys,
    centre,
    headline: fields.headline ?? `Story ${centre}`,
    summary: `Summary of story ${centre}.`,
    amounts: [],
    firstSeen: fields.firstSeen ?? lastSeen,
    lastSeen,
  };
  if (fields.type) {
    const qualifier = fields.qualifier ?? (amountUsd === null ? null : "exact");
    story.event = event(fields.type, {
      amountUsd,
      qualifier,
      parties: fields.parties ?? [],
      status: fields.status ?? "reported",
    });
    if (amountUsd !== null && qualifier !== null)
      story.amounts = [{ amountUsd, qualifier, sources: keys.length }];
  }
  return story;
}

/** Adds a feed and stores the articles from it; returns the feed id and the new items' ids. */
export async function seed(
  store: Store,
  feedUrl: string,
  articles: NormalizedItem[],
  now: Date = T0,
  title?: string,
): Promise<{ feedId: number; ids: number[] }> {
  const { feed } = await store.feeds.add(feedUrl, now, title);
  const result = await store.items.insert(feed.id, articles, { now, backfill: false });
  return { feedId: feed.id, ids: result.added };
}

export const slackA: ChannelRef = { platform: "slack", workspaceId: "T-ACME", channelId: "C100" };
export const slackB: ChannelRef = { platform: "slack", workspaceId: "T-OTHER", channelId: "C100" };
export const discord: ChannelRef = { platform: "discord", workspaceId: "G-1", channelId: "C100" };
export const console_: ChannelRef = { platform: "console", workspaceId: "local", channelId: "console" };
