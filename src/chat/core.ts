import { commands as registry } from "../../commands/index.js";
import type { App } from "../app.js";
import type { Logger } from "../log.js";
import { SqliteInstallations } from "../store/sqlite-installations.js";
import { settingsAnnouncement } from "./announce.js";
import type { Caller, CommandDef, Platform } from "./command.js";
import { type CommandInput, dispatch } from "./dispatch.js";
import type { InstallationRepository } from "./installations.js";
import type { Message } from "./message.js";
import { callerFor } from "./permissions.js";
import { servicesFor } from "./services.js";

/**
 * Where a message goes or a command came from. A Slack channel id alone does not say which
 * workspace's token posts to it, so every reference carries its workspace (Slack team id,
 * Discord guild id; "local" for the console and the CLI).
 */
export interface ChannelAddress {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface CommandRequest {
  /** The command name without the slash ("deals"). */
  command: string;
  /** Free text as typed after the command, or native (Discord) options by name. */
  input: CommandInput;
  caller: Caller;
  channel: ChannelAddress;
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
  suggestEntities(prefix: string, limit: number): { name: string; value: string }[];
  /** A caller from a platform user id and whether the platform calls them an admin. */
  caller(userId: string, platformAdmin: boolean): Caller;
  /**
   * What to post in the channel when `answer` shows the request changed its settings (who ran
   * what); undefined otherwise. `who` is the caller's display name on the platform.
   */
  announcement(request: CommandRequest, answer: Message, who: string): Message | undefined;
}

export function createChatCore(app: App): ChatCore {
  const services = servicesFor(app);
  return {
    commands: registry,
    log: app.log,
    installations: new SqliteInstallations(app.db),
    run(request) {
      return dispatch(
        registry,
        request.command,
        request.input,
        { caller: request.caller, channel: request.channel, now: new Date(), services },
        app.log,
      );
    },
    suggestEntities(prefix, limit) {
      const p = prefix.trim().toLowerCase();
      const all = [...app.intel().matcher.entities.values()];
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
