import type { Message } from "../chat/message.js";
import { UserError } from "../errors.js";
import type { EntityInfo } from "../intel/entities.js";
import type { ChannelRef, ChannelSettings, FeedRow, FeedSummary } from "../store/index.js";
import {
  addEntity,
  type ChannelActionDeps,
  type ChannelDelivery,
  changeSettings,
  type DeadLetter,
  postToChannel,
  track,
  untrack,
} from "./channels.js";
import {
  type AddedFeed,
  addFeed,
  enableFeed,
  type FeedActionDeps,
  importOpml,
  removeFeed,
  seedFeeds,
} from "./feeds.js";

export type { AddedFeed, ChannelActionDeps, ChannelDelivery, DeadLetter, FeedActionDeps };

/** What users change, one code path for the CLI, the console and chat alike. */
export interface Actions {
  addFeed(url: string, options?: { title?: string | undefined; poll?: boolean }): Promise<AddedFeed>;
  removeFeed(idOrUrl: string): Promise<FeedRow>;
  enableFeed(idOrUrl: string): Promise<FeedRow>;
  importOpml(file: string): Promise<{ added: number; total: number }>;
  seedFeeds(source: { catalog: string } | { samplesDir: string }): Promise<number>;
  feeds(): Promise<FeedSummary[]>;
  allFeeds(): Promise<FeedRow[]>;
  watchlist(channel: ChannelRef): Promise<string[]>;
  /** Returns false when the entity was already tracked there. */
  track(channel: ChannelRef, entityId: string, by: string): Promise<boolean>;
  /** Returns false when the entity was not tracked there. */
  untrack(channel: ChannelRef, entityId: string): Promise<boolean>;
  addEntity(name: string, aliases: readonly string[], by: string): Promise<EntityInfo>;
  settings(channel: ChannelRef): Promise<ChannelSettings>;
  changeSettings(
    channel: ChannelRef,
    changes: Partial<ChannelSettings>,
    by: string,
  ): Promise<ChannelSettings>;
  /** Queues a digest for the channel now, through the outbox (`/digest now`). */
  postDigest(channel: ChannelRef, message: Message, by: string): Promise<string>;
  /** When the channel's next digest runs; undefined when it has none. */
  nextDigest(channel: ChannelRef): Promise<Date | undefined>;
  /** Posts that failed for good: in one channel, or everywhere. */
  deadLetters(channel?: ChannelRef): Promise<DeadLetter[]>;
  /** Why a story was or was not alerted or digested in the channel. */
  why(channel: ChannelRef, ref: string): Promise<Message>;
}

export function createActions(deps: FeedActionDeps & ChannelActionDeps): Actions {
  return {
    addFeed: (url, options) => addFeed(deps, url, options),
    removeFeed: (idOrUrl) => removeFeed(deps, idOrUrl),
    enableFeed: (idOrUrl) => enableFeed(deps, idOrUrl),
    importOpml: (file) => importOpml(deps, file),
    seedFeeds: (source) => seedFeeds(deps, source),
    feeds: () => deps.feeds.summaries(),
    allFeeds: () => deps.feeds.all(),
    watchlist: (channel) => deps.settings.watchlist(channel),
    track: (channel, entityId, by) => track(deps, channel, entityId, by),
    untrack: (channel, entityId) => untrack(deps, channel, entityId),
    addEntity: (name, aliases, by) => addEntity(deps, name, aliases, by),
    settings: (channel) => deps.settings.settings(channel),
    changeSettings: (channel, changes, by) => changeSettings(deps, channel, changes, by),
    postDigest: (channel, message, by) => postToChannel(deps, channel, message, by),
    nextDigest: async (channel) => deps.delivery?.nextDigest(channel),
    why: async (channel, ref) => {
      if (!deps.delivery)
        throw new UserError("/why needs the bot's delivery.", "run it in a chat channel or the console");
      return deps.delivery.why(channel, ref);
    },
    deadLetters: async (channel) => (deps.delivery ? deps.delivery.deadLetters(channel) : []),
  };
}
