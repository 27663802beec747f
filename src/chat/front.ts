import { UserError } from "../errors.js";
import type { Logger } from "../log.js";
import type { ChatCore } from "./core.js";
import { createDiscordGateway, discordInteractionsHandler } from "./discord.js";
import { type RawHandler, startChatServer } from "./http.js";
import { type DiscordMode, discordSettings, type SlackMode, slackSettings } from "./settings.js";
import { createSlackAdapter } from "./slack.js";

export interface ChatFrontEnd {
  url: string;
  adapters: { slack?: SlackMode; discord?: DiscordMode };
  close(): Promise<void>;
}

export interface ChatFrontEndOptions {
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Overrides PORT (0: any free port, for tests). */
  port?: number;
  host?: string;
  answerBudgetMs?: number;
}

/**
 * Starts the chat front end for every configured platform: the one HTTP server (whose /healthz
 * says 200 once every adapter is ready) and, where configured, Socket Mode and the gateway.
 */
export async function startChatFrontEnd(
  core: ChatCore,
  options: ChatFrontEndOptions = {},
): Promise<ChatFrontEnd> {
  const env = options.env ?? process.env;
  const log = options.log ?? core.log;
  const slack = slackSettings(env);
  const discord = discordSettings(env);
  const budget = options.answerBudgetMs !== undefined ? { answerBudgetMs: options.answerBudgetMs } : {};
  const post: Record<string, RawHandler> = {};
  const starts: (() => Promise<void>)[] = [];
  const stops: (() => Promise<void>)[] = [];
  const pending = new Set<string>();

  const slackAdapter = slack
    ? createSlackAdapter(core, slack, { log, installations: core.installations, ...budget })
    : undefined;
  const get = slackAdapter?.routes ?? {};
  if (slackAdapter) {
    if (slackAdapter.handle) post["/slack/events"] = slackAdapter.handle;
    else {
      pending.add("slack");
      starts.push(async () => {
        await slackAdapter.start();
        pending.delete("slack");
      });
      stops.push(() => slackAdapter.stop());
    }
  }
  if (discord?.mode === "http")
    post["/discord/interactions"] = discordInteractionsHandler(core, discord, { log, ...budget });
  const gateway =
    discord?.mode === "gateway" ? createDiscordGateway(core, discord, { log, ...budget }) : undefined;
  if (gateway) {
    pending.add("discord");
    starts.push(async () => {
      await gateway.start();
      pending.delete("discord");
    });
    stops.push(() => gateway.stop());
  }

  const port = options.port ?? (env.PORT?.trim() ? Number(env.PORT) : 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UserError(
      `PORT is "${env.PORT}", which is not a port number.`,
      "set PORT to a number such as 3000",
    );
  const server = await startChatServer({
    port,
    ...(options.host ? { host: options.host } : {}),
    log,
    post,
    get,
    ready: () => pending.size === 0 && (!gateway || gateway.isReady()),
  });
  const adapters = {
    ...(slackAdapter ? { slack: slackAdapter.mode } : {}),
    ...(discord ? { discord: discord.mode } : {}),
  };
  log.info("chat listening", {
    url: server.url,
    slack: slackAdapter
      ? {
          http: "HTTP at /slack/events",
          oauth: "HTTP at /slack/events, installs at /slack/install",
          socket: "Socket Mode",
        }[slackAdapter.mode]
      : "off",
    discord: discord
      ? discord.mode === "http"
        ? "HTTP interactions at /discord/interactions"
        : "gateway"
      : "off",
  });
  // A platform that cannot connect is logged and keeps /healthz at 503; the others still answer.
  for (const start of starts)
    start().catch((error: Error) => log.error("chat adapter failed to start", { error: error.message }));
  return {
    url: server.url,
    adapters,
    async close() {
      await Promise.allSettled(stops.map((stop) => stop()));
      await server.close();
    },
  };
}
