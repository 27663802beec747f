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

/** A channel where posting stopped, as `/feeds status` and `infrawire doctor` show it. */
export interface PausedChannel {
  channel: ChannelRef;
  reason: string;
  at: Date;
}

export type { AddedFeed, ChannelActionDeps, ChannelDelivery, DeadLetter, FeedActionDeps };

/** What users change, one code path for the CLI, the console and chat alike. */
export interface Actions {
  /** `addedIn`: the channel that added it, told if the feed is ever disabled. */
  addFeed(
    url: string,
    options?: { title?: string | undefined; poll?: boolean; addedIn?: ChannelRef },
  ): Promise<AddedFeed>;
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
  /** The workspace's notice channel (feeds disabled, channels where posting stopped). */
  noticeChannel(channel: ChannelRef): Promise<ChannelRef | undefined>;
  /** Makes `channel` its workspace's notice channel, or (with `off`) stops the workspace's notices. */
  setNoticeChannel(channel: ChannelRef, off?: boolean): Promise<void>;
  /** Channels where a permanent error stopped posting: in the channel's workspace, or everywhere. */
  pausedChannels(workspace?: ChannelRef): Promise<PausedChannel[]>;
  /** Why a story was or was not alerted or digested in the channel. */
  why(channel: ChannelRef, ref: string): Promise<Message>;
}

export function createActions(deps: FeedActionDeps & ChannelActionDeps): Actions {
  return {
    addFeed: (url, options) =>
      addFeed({ ...deps, setFeedOwner: (u, c) => deps.settings.setFeedOwner(u, c) }, url, options),
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
    noticeChannel: (channel) => deps.settings.noticeChannel(channel.platform, channel.workspaceId),
    setNoticeChannel: async (channel, off) => {
      if (channel.platform === "cli")
        throw new UserError(
          "The shell cannot receive notices.",
          "run /feeds notices in the chat channel that should get them",
        );
      await deps.settings.setNoticeChannel(channel, off);
    },
    pausedChannels: async (workspace) =>
      (deps.delivery ? await deps.delivery.paused(workspace) : []).map((d) => ({
        channel: { platform: d.platform, workspaceId: d.workspaceId, channelId: d.channelId },
        reason: d.paused?.reason ?? "unknown",
        at: d.paused?.at ?? new Date(0),
      })),
  };
}
