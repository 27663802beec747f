import type { webApi } from "@slack/bolt";
import type { REST } from "discord.js";
import { DeliveryError, discordError, slackError, type Transport } from "../delivery/transport.js";
import type { InstallationRepository } from "../store/index.js";
import { discordRest, postDiscordMessage } from "./discord.js";
import { discordSettings, slackSettings } from "./settings.js";
import { postSlackMessage, slackClientOptions } from "./slack.js";

type WebClient = webApi.WebClient;

const SLACK_EVENT_TYPE = "infrawire_post";
const HISTORY_LIMIT = 200;

interface SlackCallError {
  code?: string;
  statusCode?: number;
  retryAfter?: number;
  data?: { error?: string };
  original?: unknown;
}

/** A Web API failure as delivery reads it: wait, retry, pause, drop, or find out first. */
function slackFailure(error: unknown): DeliveryError {
  const e = (error ?? {}) as SlackCallError;
  switch (e.code) {
    case "slack_webapi_platform_error":
      return slackError(200, e.data?.error);
    case "slack_webapi_rate_limited_error":
      return slackError(429, "ratelimited", e.retryAfter);
    case "slack_webapi_http_error":
      return slackError(e.statusCode ?? 500, undefined);
    default:
      // A lost connection or a timeout: the post may have reached Slack.
      return new DeliveryError("unknown_outcome", `Slack: ${(error as Error)?.message ?? String(error)}`);
  }
}

/**
 * Delivery's Slack transport: one chat.postMessage per call (the client retries only 429s), the
 * outbox key in message metadata, and a look in the channel's recent history for that key when
 * an earlier attempt's outcome is unknown. `clientFor` gives the token of the channel's workspace.
 */
export function slackTransport(clientFor: (workspaceId: string) => Promise<WebClient>): Transport {
  return {
    async post(channel, message, options) {
      const client = await clientFor(channel.workspaceId);
      try {
        const { ts } = await postSlackMessage(client, channel, message, {
          idempotencyKey: options.idempotencyKey,
          ...(options.threadOf ? { thread: options.threadOf } : {}),
        });
        return { messageRef: ts };
      } catch (error) {
        throw slackFailure(error);
      }
    },
    // A reply is not in the channel's history (unless broadcast, which infrawire never does), and
    // Slack has no lookup by metadata: a follow-up is looked for in its thread, a top-level post
    // among the channel's recent messages.
    async findByKey(channel, key, options = {}) {
      const client = await clientFor(channel.workspaceId);
      try {
        const page = options.threadOf
          ? await client.conversations.replies({
              channel: channel.channelId,
              ts: options.threadOf,
              include_all_metadata: true,
              limit: HISTORY_LIMIT,
            })
          : await client.conversations.history({
              channel: channel.channelId,
              include_all_metadata: true,
              limit: HISTORY_LIMIT,
            });
        const found = page.messages?.find(
          (m) =>
            m.metadata?.event_type === SLACK_EVENT_TYPE &&
            (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
        );
        return found?.ts;
      } catch (error) {
        throw slackFailure(error);
      }
    },
  };
}

interface DiscordCallError {
  status?: number;
  code?: number | string;
  retryAfter?: number;
  name?: string;
}

/**
 * Delivery's Discord transport, through discord.js's REST queue (it waits out 429s itself and
 * never re-sends after a 5xx). Discord drops a second post with the same nonce, so an unknown
 * outcome is simply posted again: no history lookup is needed.
 */
export function discordTransport(rest: REST): Transport {
  return {
    async post(channel, message, options) {
      try {
        const { id } = await postDiscordMessage(rest, channel, message, {
          idempotencyKey: options.idempotencyKey,
          ...(options.threadOf ? { thread: options.threadOf } : {}),
        });
        return { messageRef: id };
      } catch (error) {
        const e = (error ?? {}) as DiscordCallError;
        if (typeof e.status === "number")
          throw discordError(e.status, typeof e.code === "number" ? e.code : undefined, e.retryAfter);
        throw new DeliveryError("transient", `Discord: ${(error as Error)?.message ?? String(error)}`);
      }
    },
  };
}

/**
 * The transports the environment's chat settings allow: Slack with the configured bot token, or
 * each workspace's token from its OAuth installation; Discord with the bot token (HTTP
 * interactions alone carry none, and then Discord posts wait until one is set).
 */
export async function chatTransports(
  env: NodeJS.ProcessEnv,
  installations: InstallationRepository,
): Promise<{ slack?: Transport; discord?: Transport }> {
  const out: { slack?: Transport; discord?: Transport } = {};
  const slack = slackSettings(env);
  if (slack) {
    const { webApi: api } = await import("@slack/bolt");
    const clients = new Map<string, WebClient>();
    out.slack = slackTransport(async (workspaceId) => {
      let client = clients.get(workspaceId);
      if (client) return client;
      let token = slack.botToken;
      if (slack.oauth) {
        const stored = await installations.find("slack", workspaceId);
        token = stored ? (JSON.parse(stored) as { bot?: { token?: string } }).bot?.token : undefined;
      }
      if (!token)
        throw new DeliveryError("permanent", `no Slack token for workspace ${workspaceId}`, "invalid_auth");
      client = new api.WebClient(token, slackClientOptions(slack.apiUrl));
      clients.set(workspaceId, client);
      return client;
    });
  }
  const discord = discordSettings(env);
  if (discord?.token) out.discord = discordTransport(discordRest(discord));
  return out;
}
