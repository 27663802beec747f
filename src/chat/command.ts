import type { EntityInfo } from "../intel/entities.js";
import type { BriefingStore } from "../store/briefing.js";
import type { FeedStore } from "../store/feeds.js";
import type { ItemStore } from "../store/items.js";
import type { ChannelRef, SettingsStore } from "../store/settings.js";
import type { Message } from "./message.js";
import type { OptionSpec, ParsedArgs } from "./options.js";

export type Platform = "slack" | "discord" | "console" | "cli";

export interface Caller {
  id: string;
  /** Slack workspace admins, configured admin ids, Discord members with Manage Server, the console. */
  isAdmin: boolean;
}

/** Resolves what users type ("trainium", "aws", "Open AI") to tracked entities. */
export interface EntityDirectory {
  resolve(name: string): EntityInfo | undefined;
  suggest(name: string, count: number): EntityInfo[];
  get(id: string): EntityInfo | undefined;
}

export interface Services {
  briefing: BriefingStore;
  settings: SettingsStore;
  items: ItemStore;
  feeds: FeedStore;
  entities: EntityDirectory;
  /** Adds a company users track that config/entities.yaml does not know; rebuilds the matcher. */
  addEntity(name: string, aliases: string[], by: string): EntityInfo;
  /** Adds and polls a feed; throws UserError with the reason when it cannot be added. */
  addFeed(url: string): Promise<{ id: number; title: string; items: number; error?: string }>;
}

export interface CommandContext {
  caller: Caller;
  channel: ChannelRef & { platform: Platform };
  now: Date;
  services: Services;
}

/** One slash command: the same on every platform. It never imports a chat library. */
export interface CommandDef {
  name: string;
  description: string;
  /** Usage line and examples shown by /help. */
  usage: string;
  examples: string[];
  options: OptionSpec[];
  /** Only admins may run it (or, with `adminActions`, only those actions). */
  admin?: boolean;
  adminActions?: readonly string[];
  run(ctx: CommandContext, args: ParsedArgs): Message | Promise<Message>;
}
