import type { Message } from "../chat/message.js";
import type { EventType } from "../intel/event-types.js";
import type { LocalDate } from "./zone.js";

/**
 * Where delivery posts, what it may post there, and the async repositories it needs from the store.
 * The store (issue 8) implements these for SQLite and later PostgreSQL; `memory.ts` implements
 * them for tests and the benchmark, and its behaviour is the contract.
 */

export type Platform = "slack" | "discord" | "console";

export interface ChannelRef {
  platform: Platform;
  /** Slack team id, Discord guild id; "console" for the terminal. */
  workspaceId: string;
  channelId: string;
}

/** One string per channel, used in every idempotency key. */
export function destinationKey(ref: ChannelRef): string {
  return `${ref.platform}:${ref.workspaceId}:${ref.channelId}`;
}

export interface DigestSettings {
  /** Local wall time, `HH:MM` (24 h). */
  time: string;
  /** IANA zone, e.g. `Europe/London`. */
  zone: string;
  /**
   * When the digest was turned on or its time last changed: slots due before this are neither sent
   * nor reported missed (moving 20:00 to 08:00 at 10:00 must not post a "late" 08:00 digest).
   */
  since: Date;
  /** The local date of the last slot claimed or skipped, maintained by `DigestSlotRepository`. */
  lastSlot?: LocalDate;
}

export interface QuietHours {
  /** Local hour (0–23) quiet hours start at. */
  startHour: number;
  /** Local hour (0–23) they end at; smaller than the start when they span midnight (22–07). */
  endHour: number;
}

export interface AlertRules {
  /** The channel's `/track` list: entity ids. */
  trackedEntityIds: string[];
  /** Event types that alert; empty means every type. */
  eventTypes: EventType[];
  /** Stories with a known amount below this do not alert; stories without an amount still may. */
  minAmountUsd?: number;
  quietHours?: QuietHours;
  /** Top-level alerts per rolling hour; the rest roll into the next digest. */
  capPerHour: number;
}

export const DEFAULT_CAP_PER_HOUR = 10;

export interface Destination extends ChannelRef {
  key: string;
  digest?: DigestSettings;
  alerts?: AlertRules;
  /** Set when a permanent error stopped posting; cleared by an admin re-enabling the channel. */
  paused?: { reason: string; at: Date };
  /** Zone for quiet hours when no digest sets one. */
  zone?: string;
}

export function alertRules(partial: Partial<AlertRules> & Pick<AlertRules, "trackedEntityIds">): AlertRules {
  return { eventTypes: [], capPerHour: DEFAULT_CAP_PER_HOUR, ...partial };
}

export interface DestinationRepository {
  get(key: string): Promise<Destination | undefined>;
  /** Destinations with a digest turned on and not paused: what a scheduler tick reads. */
  listWithDigest(): Promise<Destination[]>;
  /** Destinations with alerts turned on and not paused: what planning an alert reads. */
  listWithAlerts(): Promise<Destination[]>;
  /** Destinations where a permanent error stopped posting: what `infrawire doctor` and `/feeds status` show. */
  listPaused(): Promise<Destination[]>;
  upsert(destination: Destination, now: Date): Promise<void>;
  /** Pauses the destination; true only for the call that paused it (so its admins hear once). */
  pause(key: string, reason: string, at: Date): Promise<boolean>;
  resume(key: string): Promise<void>;
}

export type OutboxKind = "digest" | "alert" | "follow_up" | "notice";

/**
 * `pending` waits for `notBefore`; `in_flight` is claimed by a sender until `leaseUntil`; `sent`
 * and `dead` are final; `rolled` is an alert over the hourly cap waiting for the next digest, and
 * `digested` one that digest took.
 */
export type OutboxState = "pending" | "in_flight" | "sent" | "dead" | "rolled" | "digested";

/** What an alert row remembers of the story, so the next revision can be compared with it. */
export interface AlertSubject {
  storyId: string;
  revision: number;
  amountUsd: number | null;
  status: string | null;
  parties: string[];
  outletCount: number;
}

export interface NewOutboxRow {
  /**
   * Unique: destination + story + revision for alerts, destination + slot for digests. Writing the
   * same key twice is a no-op, which is what makes a repeated poll or a second process harmless.
   */
  key: string;
  destinationKey: string;
  kind: OutboxKind;
  message: Message;
  notBefore: Date;
  /** Key of the row whose posted message this one replies to (the story's first alert). */
  threadOf?: string;
  subject?: AlertSubject;
  /** Set to create the row already rolled into the digest (over the cap) instead of pending. */
  rolled?: boolean;
  /**
   * For a digest: the rolled-over alert rows it includes. Writing the digest marks them
   * `digested` in the same write, so a digest that loses its slot to another process (and is
   * never written) leaves them for the one that won.
   */
  carries?: string[];
}

export interface OutboxRow extends NewOutboxRow {
  state: OutboxState;
  /** Attempts that reached the platform and failed (a 429 is not counted). */
  attempts: number;
  createdAt: Date;
  leaseUntil?: Date;
  /** The platform's id of the posted message (Slack `ts`, Discord message id). */
  messageRef?: string;
  lastError?: string;
  /**
   * A previous attempt may have posted without us learning so (a timeout, a crash while in
   * flight): the sender looks the key up in the channel before posting again.
   */
  outcomeUnknown: boolean;
}

export interface ClaimOptions {
  now: Date;
  /** How long a claim holds; an in-flight row past it is treated as a crashed send. */
  leaseMs: number;
  /** At most this many rows, one per destination. */
  limit: number;
  /** Destinations this sender is holding back (rate limit, in flight here). */
  skipDestinations?: ReadonlySet<string>;
}

export interface OutboxRepository {
  /** Inserts the row unless its key exists; true when inserted. */
  enqueue(row: NewOutboxRow, now: Date): Promise<boolean>;
  /**
   * Claims due rows, at most one per destination, never for a destination that is paused or has
   * a row in flight under a live lease. Per destination the row due first (then the oldest) goes
   * first, and a reply waits until the row it replies to is final. A row whose lease ran out comes
   * back with `outcomeUnknown` set.
   */
  claimDue(options: ClaimOptions): Promise<OutboxRow[]>;
  complete(key: string, messageRef: string, now: Date): Promise<void>;
  /** Back to pending until `retryAt`; `countAttempt` false for rate limits. */
  fail(
    key: string,
    failure: { error: string; retryAt: Date; countAttempt: boolean; outcomeUnknown: boolean },
  ): Promise<void>;
  deadLetter(key: string, error: string, now: Date): Promise<void>;
  /** Gives claimed rows back on shutdown (their sends were not started). */
  release(keys: string[]): Promise<void>;
  find(key: string): Promise<OutboxRow | undefined>;
  /** The story's alert rows in a destination, oldest first (the first is the thread parent). */
  alertsForStory(destinationKey: string, storyId: string): Promise<OutboxRow[]>;
  /** Top-level alerts posted or to be posted (not follow-ups, not rolled) due in [from, to): what the hourly cap counts. */
  countAlerts(destinationKey: string, from: Date, to: Date): Promise<number>;
  /** Rolled-over alerts not yet in a digest, oldest first, for the digest builder (it lists them in `carries`). */
  rolledOver(destinationKey: string): Promise<OutboxRow[]>;
  deadLetters(): Promise<OutboxRow[]>;
}

export interface DigestSlot {
  /** destination key + `@` + local date. */
  key: string;
  destinationKey: string;
  localDate: LocalDate;
  /** The instant the slot fell due. */
  dueAt: Date;
}

export interface SlotRecord {
  slot: DigestSlot;
  state: "claimed" | "skipped";
  reason?: string;
}

export function slotKey(destination: string, localDate: LocalDate): string {
  return `${destination}@${localDate}`;
}

export interface DigestSlotRepository {
  /**
   * Claims a slot once across every process and, in the same transaction, enqueues its digest row
   * (key = slot key) and moves the destination's `digest.lastSlot` forward: true for the one caller
   * that won. A crash can therefore never leave a slot claimed without its digest queued.
   */
  claim(slot: DigestSlot, row: NewOutboxRow, now: Date): Promise<boolean>;
  /** Records a slot too late to send, so it is reported, and never claimed later. */
  skip(slot: DigestSlot, reason: string, now: Date): Promise<boolean>;
  findSlot(key: string): Promise<SlotRecord | undefined>;
}
