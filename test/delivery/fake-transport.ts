import type { Message } from "../../src/chat/message.js";
import type { ChannelRef } from "../../src/delivery/destination.js";
import { DeliveryError, type PostOptions, type Transport } from "../../src/delivery/transport.js";

export interface Posted {
  channelId: string;
  key: string;
  ref: string;
  title: string;
  threadOf?: string;
  at: number;
}

/**
 * What a scripted post does: answer, fail with an error, post but lose the answer (the connection
 * drops after the platform stored it), or post and never answer.
 */
export type Step = "ok" | DeliveryError | Error | "lost" | "hang";

/**
 * A chat platform in memory that keeps what it was sent, like the fake Slack API keeps its
 * channel history: `findByKey` reads the keys stamped on stored messages.
 */
export class FakePlatform implements Transport {
  readonly posted: Posted[] = [];
  readonly calls: { channelId: string; key: string; threadOf?: string }[] = [];
  private readonly scripts = new Map<string, Step[]>();
  private active = new Map<string, number>();
  maxActivePerChannel = 0;
  private n = 0;

  constructor(
    private readonly now: () => number,
    withHistory = true,
    /** Discord-like: a repeated key is answered with the message it already made. */
    private readonly dedupeByKey = false,
  ) {
    if (!withHistory) this.findByKey = undefined;
  }

  /** The next posts to a channel do these, in order; then "ok". */
  script(channelId: string, ...steps: Step[]): void {
    this.scripts.set(channelId, [...(this.scripts.get(channelId) ?? []), ...steps]);
  }

  async post(channel: ChannelRef, message: Message, options: PostOptions): Promise<{ messageRef: string }> {
    this.calls.push({
      channelId: channel.channelId,
      key: options.idempotencyKey,
      threadOf: options.threadOf,
    });
    const active = (this.active.get(channel.channelId) ?? 0) + 1;
    this.active.set(channel.channelId, active);
    this.maxActivePerChannel = Math.max(this.maxActivePerChannel, active);
    try {
      await Promise.resolve();
      const step = this.scripts.get(channel.channelId)?.shift() ?? "ok";
      if (step instanceof Error) throw step;
      const existing = this.dedupeByKey
        ? this.posted.find((p) => p.key === options.idempotencyKey && p.channelId === channel.channelId)
        : undefined;
      const ref = existing?.ref ?? `m${++this.n}`;
      if (!existing) {
        this.posted.push({
          channelId: channel.channelId,
          key: options.idempotencyKey,
          ref,
          title: message.title,
          at: this.now(),
          ...(options.threadOf ? { threadOf: options.threadOf } : {}),
        });
      }
      if (step === "lost")
        throw new DeliveryError("unknown_outcome", "connection reset after the request was sent");
      if (step === "hang") await new Promise(() => {});
      return { messageRef: ref };
    } finally {
      this.active.set(channel.channelId, (this.active.get(channel.channelId) ?? 1) - 1);
    }
  }

  findByKey?: (channel: ChannelRef, key: string) => Promise<string | undefined> = async (channel, key) =>
    this.posted.find((p) => p.channelId === channel.channelId && p.key === key)?.ref;
}
