import { type FakeServer, type Recorded, startFake } from "./chat.js";

/** The one workspace admin the fake's users.info knows. */
export const ADMIN_USER = "UADMIN";

/** A message as the fake workspace keeps it: what a person in the channel would see. */
export interface KeptMessage {
  channel: string;
  ts: string;
  /** Set for a reply in a thread: the parent's ts. */
  threadTs?: string;
  text: string;
  /** The blocks as JSON text, to search for what a reader sees. */
  blocks: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Date.now() when the post arrived. */
  at: number;
}

/** What a fault hook returns to answer a call itself instead of the workspace. */
export interface FaultReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Keep the message although the answer is a failure or slow (it reached Slack). */
  keep?: boolean;
}

export interface FakeWorkspace extends FakeServer {
  /** Every message posted and kept, in order. */
  messages: KeptMessage[];
  /** Every chat.postMessage that reached the fake, kept or not. */
  posts(): Recorded[];
  /** Top-level messages and replies of one channel. */
  inChannel(channel: string): KeptMessage[];
}

/**
 * A fake Slack workspace on loopback: chat.postMessage keeps each message with its metadata,
 * conversations.history answers a channel's top-level messages newest first (metadata only with
 * `include_all_metadata`, as Slack does), conversations.replies a thread. `fault` may answer a
 * call itself (a 500, a 429, a slow answer, a deleted channel) before the workspace does.
 */
export async function startFakeWorkspace(
  fault: (call: Recorded, postIndex: number) => FaultReply | undefined = () => undefined,
): Promise<FakeWorkspace> {
  const messages: KeptMessage[] = [];
  let postIndex = 0;
  let tsCounter = 0;
  const nextTs = () => {
    tsCounter++;
    return `${1_700_000_000 + tsCounter}.${String(tsCounter).padStart(6, "0")}`;
  };
  const keep = (call: Recorded): KeptMessage => {
    const j = call.json;
    const metadata = j.metadata as KeptMessage["metadata"] | undefined;
    const message: KeptMessage = {
      channel: String(j.channel),
      ts: nextTs(),
      text: String(j.text ?? ""),
      blocks: JSON.stringify(j.blocks ?? []),
      at: Date.now(),
      ...(j.thread_ts ? { threadTs: String(j.thread_ts) } : {}),
      ...(metadata ? { metadata } : {}),
    };
    messages.push(message);
    return message;
  };
  const asSlack = (m: KeptMessage, withMetadata: boolean) => ({
    type: "message",
    user: "UBOT",
    bot_id: "BBOT",
    ts: m.ts,
    text: m.text,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  });
  const truthy = (v: unknown) => v === true || v === "true" || v === "1" || v === 1;

  const server = await startFake((call) => {
    if (call.path.endsWith("/auth.test"))
      return {
        body: { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", url: "https://t1.slack.example/" },
      };
    if (call.path.endsWith("/users.info")) {
      const user = String(call.json.user);
      return { body: { ok: true, user: { id: user, is_admin: user === ADMIN_USER, is_owner: false } } };
    }
    if (call.path.endsWith("/chat.postMessage")) {
      const index = postIndex++;
      const reply = fault(call, index);
      if (reply) {
        const kept = reply.keep ? keep(call) : undefined;
        const body = reply.body ?? (kept ? { ok: true, channel: kept.channel, ts: kept.ts } : { ok: false });
        return {
          ...(reply.status !== undefined ? { status: reply.status } : {}),
          body,
          ...(reply.headers ? { headers: reply.headers } : {}),
          ...(reply.delayMs !== undefined ? { delayMs: reply.delayMs } : {}),
        };
      }
      const kept = keep(call);
      return { body: { ok: true, channel: kept.channel, ts: kept.ts } };
    }
    if (call.path.endsWith("/conversations.history")) {
      const channel = String(call.json.channel);
      const withMetadata = truthy(call.json.include_all_metadata);
      const limit = Number(call.json.limit ?? 100);
      const top = messages
        .filter((m) => m.channel === channel && (!m.threadTs || m.threadTs === m.ts))
        .reverse()
        .slice(0, limit);
      return { body: { ok: true, messages: top.map((m) => asSlack(m, withMetadata)), has_more: false } };
    }
    if (call.path.endsWith("/conversations.replies")) {
      const channel = String(call.json.channel);
      const ts = String(call.json.ts);
      const withMetadata = truthy(call.json.include_all_metadata);
      const thread = messages.filter((m) => m.channel === channel && (m.ts === ts || m.threadTs === ts));
      if (thread.length === 0) return { body: { ok: false, error: "thread_not_found" } };
      return { body: { ok: true, messages: thread.map((m) => asSlack(m, withMetadata)), has_more: false } };
    }
    return { body: { ok: true } };
  });
  return {
    ...server,
    messages,
    posts: () => server.calls.filter((c) => c.path.endsWith("/chat.postMessage")),
    inChannel: (channel) => messages.filter((m) => m.channel === channel),
  };
}
