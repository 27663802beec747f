import type { Actions } from "../actions/index.js";
import type { EntityDirectory } from "../briefing/entity-directory.js";
import type { Briefing } from "../briefing/index.js";
import type { ChannelRef, Platform } from "../store/index.js";
import type { Message } from "./message.js";
import type { ArgsOf, OptionSpec } from "./options.js";

export type { EntityDirectory, Platform };

export interface Caller {
  id: string;
  /** Slack workspace admins, configured admin ids, Discord members with Manage Server, the console. */
  isAdmin: boolean;
}

/** What a command may use: who asks, where, when, and the briefing and action modules. */
export interface CommandContext {
  caller: Caller;
  channel: ChannelRef;
  now: Date;
  entities: EntityDirectory;
  briefing: Briefing;
  actions: Actions;
}

/** One slash command: the same on every platform. It never imports a chat library or the store. */
export interface CommandDef<Specs extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  description: string;
  /** Usage line and examples shown by /help. */
  usage: string;
  examples: string[];
  options: Specs;
  /** Only admins may run it (or, with `adminActions`, only those actions). */
  admin?: boolean;
  adminActions?: readonly string[];
  // Method syntax on purpose: a command typed for its own options still fits the registry.
  run(ctx: CommandContext, args: ArgsOf<Specs>): Message | Promise<Message>;
}

/** Declares a command whose `run` gets arguments typed from its option specs. */
export function defineCommand<const Specs extends readonly OptionSpec[]>(def: CommandDef<Specs>): CommandDef {
  return def;
}
