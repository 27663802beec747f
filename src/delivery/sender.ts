import { setTimeout as sleepFor } from "node:timers/promises";
import type { Message } from "../chat/message.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type {
  Destination,
  DestinationRepository,
  OutboxRepository,
  OutboxRow,
  Platform,
} from "./destination.js";
import { DeliveryError, permanentReason, type Transport } from "./transport.js";

/** Tells a destination's admins something once (the app routes it: an admin channel, a DM). */
export type AdminNotifier = (notice: {
  destination: Destination;
  key: string;
  message: Message;
}) => Promise<void>;

export interface SenderOptions {
  clock: Clock;
  outbox: OutboxRepository;
  destinations: DestinationRepository;
  transports: Partial<Record<Platform, Transport>>;
  notifyAdmins: AdminNotifier;
  /** Gap between two posts to one channel, per platform. Slack asks for about one a second. */
  minIntervalMs?: Partial<Record<Platform, number>>;
  /** Posts in flight at once across channels. */
  concurrency?: number;
  /** Failed attempts (5xx, network, unknown outcome) before a row becomes a dead letter. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A post that has not answered by then has an unknown outcome. */
  postTimeoutMs?: number;
  /** How long a claim holds; longer than the post timeout, so a live send is never re-claimed. */
  leaseMs?: number;
  /** Jitter source, [0, 1). */
  random?: () => number;
  log?: Logger;
}

/**
 * Default per-channel gaps: Slack's chat.postMessage allows about one message per second per
 * channel; discord.js's REST queue already paces Discord by its buckets; the console has none.
 */
export const DEFAULT_MIN_INTERVAL_MS: Record<Platform, number> = { slack: 1000, discord: 0, console: 0 };

export interface SendOutcome {
  key: string;
  result: "sent" | "found" | "retry" | "rate_limited" | "dead" | "paused";
  messageRef?: string;
}

/**
 * Posts outbox rows. Per channel one post is in flight and posts are spaced by the platform's gap;
 * a 429 holds the channel for its Retry-After; 5xx and network errors retry with exponential
 * backoff and jitter until `maxAttempts`, then the row is a dead letter; a permanent error pauses
 * the destination, tells its admins once, and leaves the row pending for when it resumes.
 *
 * A row whose earlier attempt may have been posted (a timeout here, or a lease that ran out because
 * a process died mid-send) is first looked up by its key in the channel when the transport can,
 * so a crash costs a history lookup, not a double post.
 *
 * `pump` starts what can start now and returns; `idle` waits for those sends. Tests and the
 * benchmark drive these with a fake clock; `run` is the loop the app starts.
 */
export class Sender {
  private readonly inFlight = new Map<string, Promise<SendOutcome>>();
  private readonly holdUntil = new Map<string, number>();
  private readonly o: Required<Omit<SenderOptions, "log" | "minIntervalMs">> & {
    log?: Logger;
    minIntervalMs: Record<Platform, number>;
  };
  readonly outcomes: SendOutcome[] = [];
  private stopping = false;

  constructor(options: SenderOptions) {
    this.o = {
      concurrency: 16,
      maxAttempts: 8,
      backoffBaseMs: 2_000,
      backoffMaxMs: 10 * 60_000,
      postTimeoutMs: 15_000,
      leaseMs: 120_000,
      random: Math.random,
      ...options,
      minIntervalMs: { ...DEFAULT_MIN_INTERVAL_MS, ...options.minIntervalMs },
    };
  }

  /** Channels held back now: in flight here, or inside their gap or Retry-After. */
  private held(now: number): Set<string> {
    const held = new Set(this.inFlight.keys());
    for (const [key, until] of this.holdUntil) {
      if (until > now) held.add(key);
      else this.holdUntil.delete(key);
    }
    return held;
  }

  /** Claims due rows and starts their sends; returns how many started. */
  async pump(): Promise<number> {
    if (this.stopping) return 0;
    const free = this.o.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const now = this.o.clock.now();
    const rows = await this.o.outbox.claimDue({
      now,
      leaseMs: this.o.leaseMs,
      limit: free,
      skipDestinations: this.held(now.getTime()),
    });
    for (const row of rows) {
      const send = this.send(row)
        .catch((error: unknown): SendOutcome => {
          // A store failure while recording the outcome: the lease runs out and the next claim
          // checks the channel by key, so the row is neither lost nor posted twice.
          this.o.log?.error("delivery could not record a send", { key: row.key, error: String(error) });
          return { key: row.key, result: "retry" };
        })
        .then((outcome) => {
          this.inFlight.delete(row.destinationKey);
          this.outcomes.push(outcome);
          return outcome;
        });
      this.inFlight.set(row.destinationKey, send);
    }
    return rows.length;
  }

  /** Waits for every send started so far. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  /** The earliest time a held channel opens again, or undefined when none is held. */
  nextOpening(): Date | undefined {
    let next: number | undefined;
    for (const until of this.holdUntil.values()) if (next === undefined || until < next) next = until;
    return next === undefined ? undefined : new Date(next);
  }

  private hold(destinationKey: string, until: number): void {
    const current = this.holdUntil.get(destinationKey) ?? 0;
    if (until > current) this.holdUntil.set(destinationKey, until);
  }

  private backoff(attempts: number): number {
    const exp = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** attempts);
    // "Equal jitter": at least half the delay, so retries spread out without retrying at once.
    return Math.round(exp / 2 + (exp / 2) * this.o.random());
  }

  private async send(row: OutboxRow): Promise<SendOutcome> {
    const destination = await this.o.destinations.get(row.destinationKey);
    if (!destination) {
      await this.o.outbox.deadLetter(row.key, "the destination was removed", this.o.clock.now());
      return { key: row.key, result: "dead" };
    }
    const transport = this.o.transports[destination.platform];
    if (!transport) {
      await this.o.outbox.release([row.key]);
      this.hold(row.destinationKey, this.o.clock.now().getTime() + 60_000);
      this.o.log?.warn("no transport for the destination's platform yet", { key: row.key });
      return { key: row.key, result: "retry" };
    }
    const channel = {
      platform: destination.platform,
      workspaceId: destination.workspaceId,
      channelId: destination.channelId,
    };
    try {
      const threadOf = row.threadOf ? (await this.o.outbox.find(row.threadOf))?.messageRef : undefined;
      if (row.outcomeUnknown && transport.findByKey) {
        const found = await this.withTimeout(
          transport.findByKey(channel, row.key, threadOf ? { threadOf } : {}),
        );
        if (found !== undefined) {
          await this.o.outbox.complete(row.key, found, this.o.clock.now());
          return { key: row.key, result: "found", messageRef: found };
        }
      }
      const { messageRef } = await this.withTimeout(
        transport.post(channel, row.message, { idempotencyKey: row.key, ...(threadOf ? { threadOf } : {}) }),
      );
      const now = this.o.clock.now();
      this.hold(row.destinationKey, now.getTime() + this.o.minIntervalMs[destination.platform]);
      await this.o.outbox.complete(row.key, messageRef, now);
      return { key: row.key, result: "sent", messageRef };
    } catch (error) {
      return this.failed(row, destination, error);
    }
  }

  private async withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new DeliveryError("unknown_outcome", `no answer within ${this.o.postTimeoutMs} ms`)),
            this.o.postTimeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async failed(row: OutboxRow, destination: Destination, error: unknown): Promise<SendOutcome> {
    const now = this.o.clock.now();
    const t = now.getTime();
    const e =
      error instanceof DeliveryError
        ? error
        : new DeliveryError("transient", error instanceof Error ? error.message : String(error));
    this.hold(row.destinationKey, t + this.o.minIntervalMs[destination.platform]);
    if (e.kind === "rate_limited") {
      const wait = e.retryAfterMs ?? this.backoff(0);
      this.hold(row.destinationKey, t + wait);
      await this.o.outbox.fail(row.key, {
        error: e.message,
        retryAt: new Date(t + wait),
        countAttempt: false,
        outcomeUnknown: false,
      });
      return { key: row.key, result: "rate_limited" };
    }
    if (e.kind === "permanent") {
      const reason = permanentReason(destination.platform, e.code) ?? e.message;
      await this.o.outbox.fail(row.key, {
        error: e.message,
        retryAt: now,
        countAttempt: false,
        outcomeUnknown: false,
      });
      if (await this.o.destinations.pause(destination.key, reason, now)) {
        this.o.log?.warn("destination paused", { destination: destination.key, reason });
        await this.o.notifyAdmins({
          destination,
          key: `notice:paused:${destination.key}:${now.toISOString()}`,
          message: {
            title: "Posting stopped",
            sections: [
              {
                lines: [
                  [
                    {
                      text: `infrawire stopped posting in channel ${destination.channelId}: ${reason}, then turn its digest or alerts on again. Nothing queued for it is lost.`,
                    },
                  ],
                ],
              },
            ],
          },
        });
      }
      return { key: row.key, result: "paused" };
    }
    const attempts = row.attempts + 1;
    if (e.kind === "rejected" || attempts >= this.o.maxAttempts) {
      const why = e.kind === "rejected" ? e.message : `${attempts} attempts failed, the last: ${e.message}`;
      await this.o.outbox.deadLetter(row.key, why, now);
      this.o.log?.error("delivery dead letter", { key: row.key, error: why });
      return { key: row.key, result: "dead" };
    }
    await this.o.outbox.fail(row.key, {
      error: e.message,
      retryAt: new Date(t + this.backoff(row.attempts)),
      countAttempt: true,
      outcomeUnknown: e.kind === "unknown_outcome",
    });
    return { key: row.key, result: "retry" };
  }

  /**
   * The loop the app runs: start what is due, then wait for a send to finish, a held channel to
   * open, or `pollMs` (rows another process wrote show up within it). Ends when `stop` is called.
   */
  async run(pollMs = 1_000): Promise<void> {
    while (!this.stopping) {
      await this.pump();
      const opening = this.nextOpening();
      const wait = Math.max(
        10,
        Math.min(pollMs, opening ? opening.getTime() - this.o.clock.now().getTime() : pollMs),
      );
      await Promise.race([sleepFor(wait), ...this.inFlight.values()]);
    }
  }

  /** Stops claiming; sends already started finish and are recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }
}
