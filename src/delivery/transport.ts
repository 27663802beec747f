import type { Message } from "../chat/message.js";
import type { ChannelRef } from "./destination.js";

export interface PostOptions {
  /** The outbox key: Discord sends it as `nonce` with `enforce_nonce`, Slack in message metadata. */
  idempotencyKey: string;
  /** The platform id of the message to reply under (Slack `thread_ts`, Discord reply/thread). */
  threadOf?: string;
}

/**
 * What delivery needs from a chat adapter. A transport posts once per call and never retries on its
 * own (the Web API clients' retries are turned off except on 429, which it reports instead); it
 * turns platform failures into `DeliveryError`s so the sender can tell a wait from a dead end.
 */
export interface Transport {
  post(channel: ChannelRef, message: Message, options: PostOptions): Promise<{ messageRef: string }>;
  /**
   * The message already posted with this key, if any (Slack: the key in `metadata`, looked up in
   * `conversations.history`, or in the thread's `conversations.replies` for a reply: replies are
   * not in the channel's history). Called before resending when an earlier attempt's outcome is
   * unknown; `threadOf` is the parent message a reply was posted under.
   */
  findByKey?(channel: ChannelRef, key: string, options?: { threadOf?: string }): Promise<string | undefined>;
}

export type DeliveryErrorKind =
  /** 429: wait `retryAfterMs`, then try again; not counted as an attempt. */
  | "rate_limited"
  /** 5xx, network: back off and try again, up to the attempt limit. */
  | "transient"
  /** The channel is gone or closed to the bot: pause the destination. */
  | "permanent"
  /** The platform refused this message itself (too long, bad blocks): dead letter at once. */
  | "rejected"
  /** The request may have been posted (timeout, connection lost after sending). */
  | "unknown_outcome";

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryErrorKind,
    message: string,
    readonly code?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/** Slack error codes that no retry fixes, with what the admins should do about each. */
const SLACK_PERMANENT: Record<string, string> = {
  channel_not_found: "the channel no longer exists or the bot cannot see it; re-add the bot to a channel",
  not_in_channel: "the bot is not a member of the channel; invite it to the channel",
  is_archived: "the channel was archived; unarchive it or choose another channel",
  missing_scope: "the Slack app lacks the chat:write scope; reinstall it with that scope",
  restricted_action: "the workspace does not let the bot post there; ask a Slack admin to allow it",
  access_denied: "the bot has no access to the channel; invite it to the channel",
  invalid_auth: "Slack refused the bot token; reinstall the app or set a new SLACK_BOT_TOKEN",
  account_inactive: "the bot's Slack account was deactivated; reinstall the app",
  token_revoked: "the Slack token was revoked; reinstall the app",
};

/** Discord JSON error codes that no retry fixes. */
const DISCORD_PERMANENT: Record<number, string> = {
  10003: "the channel no longer exists; re-add the bot to a channel",
  50001: "the bot has no access to the channel; give its role View Channel",
  50013: "the bot lacks permission to post there; give its role Send Messages and Embed Links",
};

/** What to tell admins about a permanent error, or undefined when the error is not one. */
export function permanentReason(platform: string, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (platform === "slack") return SLACK_PERMANENT[code];
  if (platform === "discord") return DISCORD_PERMANENT[Number(code)];
  return undefined;
}

/** Classifies a Slack Web API failure (its `error` code and the HTTP status). */
export function slackError(status: number, code: string | undefined, retryAfterS?: number): DeliveryError {
  if (status === 429 || code === "ratelimited") {
    return new DeliveryError("rate_limited", "Slack rate limit", code, (retryAfterS ?? 1) * 1000);
  }
  if (permanentReason("slack", code)) return new DeliveryError("permanent", `Slack: ${code}`, code);
  // Slack answers most errors with HTTP 200 and ok: false; only 5xx and its *_error codes are worth a retry.
  const retry =
    status >= 500 || code === "internal_error" || code === "fatal_error" || code === "service_unavailable";
  return new DeliveryError(
    retry ? "transient" : "rejected",
    `Slack ${status}${code ? `: ${code}` : ""}`,
    code,
  );
}

/** Classifies a Discord REST failure (HTTP status and JSON error code). */
export function discordError(status: number, code: number | undefined, retryAfterS?: number): DeliveryError {
  if (status === 429)
    return new DeliveryError("rate_limited", "Discord rate limit", undefined, (retryAfterS ?? 1) * 1000);
  const c = code === undefined ? undefined : String(code);
  if (permanentReason("discord", c)) return new DeliveryError("permanent", `Discord: ${code}`, c);
  return new DeliveryError(
    status >= 500 ? "transient" : "rejected",
    `Discord ${status}${c ? `: ${c}` : ""}`,
    c,
  );
}
