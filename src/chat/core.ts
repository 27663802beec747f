import { commands as registry } from "../../commands/index.js";
import type { App } from "../app.js";
import { entityDirectory } from "../briefing/entity-directory.js";
import { createBriefing } from "../briefing/index.js";
import type { Logger } from "../log.js";
import type { ChannelRef, InstallationRepository } from "../store/index.js";
import { settingsAnnouncement } from "./announce.js";
import type { Caller, CommandContext, CommandDef } from "./command.js";
import { type CommandInput, dispatch, failureMessage } from "./dispatch.js";
import type { Message } from "./message.js";
import { callerFor } from "./permissions.js";

export interface CommandRequest {
  /** The command name without the slash ("deals"). */
  command: string;
  /** Free text as typed after the command, or native (Discord) options by name. */
  input: CommandInput;
  caller: Caller;
  channel: ChannelRef;
}

/**
 * The one seam between the chat adapters and the rest of the bot: adapters translate a platform
 * request into a CommandRequest and render the Message that comes back; they decide nothing.
 */
export interface ChatCore {
  readonly commands: readonly CommandDef[];
  readonly log: Logger;
  /** Per-workspace credentials from the platforms' install flows (Slack OAuth). */
  readonly installations: InstallationRepository;
  /** Always answers with a Message: bad input, refused permissions and bugs included. */
  run(request: CommandRequest): Promise<Message>;
  /** Tracked companies, products and people whose names start with (or contain) `prefix`. */
  suggestEntities(prefix: string, limit: number): Promise<{ name: string; value: string }[]>;
  /** A caller from a platform user id and whether the platform calls them an admin. */
  caller(userId: string, platformAdmin: boolean): Caller;
  /**
   * What to post in the channel when `answer` shows the request changed its settings (who ran
   * what); undefined otherwise. `who` is the caller's display name on the platform.
   */
  announcement(request: CommandRequest, answer: Message, who: string): Message | undefined;
}

/** What a command sees for one request: who, where, now, and the briefing and action modules. */
export async function commandContext(app: App, caller: Caller, channel: ChannelRef): Promise<CommandContext> {
  const entities = entityDirectory((await app.intel.get()).matcher);
  return {
    caller,
    channel,
    now: app.clock.now(),
    entities,
    briefing: createBriefing({
      stories: app.store.briefing,
      items: app.store.items,
      settings: app.store.settings,
      entities,
    }),
    actions: app.actions,
  };
}

/** The console and the CLI: the operator at the keyboard is an admin. */
export function localCaller(platform: "console" | "cli"): { caller: Caller; channel: ChannelRef } {
  return {
    caller: { id: `${platform}:${process.env.USER ?? "operator"}`, isAdmin: true },
    channel: { platform, workspaceId: "local", channelId: platform },
  };
}

export function createChatCore(app: App): ChatCore {
  return {
    commands: registry,
    log: app.log,
    installations: app.store.installations,
    async run(request) {
      let ctx: CommandContext;
      try {
        ctx = await commandContext(app, request.caller, request.channel);
      } catch (error) {
        // Reading the entity list can fail (a config file removed or broken while the bot runs):
        // the user gets the sentence and the fix, the process keeps running.
        return failureMessage(error, request.command, app.log);
      }
      return dispatch(registry, request.command, request.input, ctx, app.log);
    },
    async suggestEntities(prefix, limit) {
      const p = prefix.trim().toLowerCase();
      const all = [...(await app.intel.get()).matcher.entities.values()];
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      const starts = all.filter((e) => e.name.toLowerCase().startsWith(p) || e.id.startsWith(p)).sort(byName);
      const contains = p
        ? all.filter((e) => !starts.includes(e) && e.name.toLowerCase().includes(p)).sort(byName)
        : [];
      return [...starts, ...contains].slice(0, limit).map((e) => ({ name: e.name, value: e.id }));
    },
    caller(userId, platformAdmin) {
      return callerFor(userId, platformAdmin, app.config.chat.adminUserIds);
    },
    announcement(request, answer, who) {
      return settingsAnnouncement(request.command, request.input, answer, who);
    },
  };
}
