import type {
  ClaimOptions,
  Destination,
  DestinationRepository,
  DigestSlot,
  DigestSlotRepository,
  NewOutboxRow,
  OutboxRepository,
  OutboxRow,
  SlotRecord,
} from "./destination.js";

// Copies instead of structuredClone: a tick reads a thousand destinations and a drain moves ten
// thousand rows, and structuredClone was most of the benchmark's time. Messages are not copied:
// nothing in delivery changes one after it is queued.
function copyDestination(d: Destination): Destination {
  const copy: Destination = { ...d };
  if (d.digest) copy.digest = { ...d.digest, since: new Date(d.digest.since) };
  if (d.alerts) {
    copy.alerts = {
      ...d.alerts,
      trackedEntityIds: [...d.alerts.trackedEntityIds],
      eventTypes: [...d.alerts.eventTypes],
      ...(d.alerts.quietHours ? { quietHours: { ...d.alerts.quietHours } } : {}),
    };
  }
  if (d.paused) copy.paused = { ...d.paused, at: new Date(d.paused.at) };
  return copy;
}

function copyRow<T extends NewOutboxRow>(row: T): T {
  const copy = { ...row, notBefore: new Date(row.notBefore) };
  if (row.subject) copy.subject = { ...row.subject, parties: [...row.subject.parties] };
  if (row.carries) copy.carries = [...row.carries];
  const r = copy as T & Partial<OutboxRow>;
  if (r.createdAt) r.createdAt = new Date(r.createdAt);
  if (r.leaseUntil) r.leaseUntil = new Date(r.leaseUntil);
  return copy;
}

const copySlot = (s: DigestSlot): DigestSlot => ({
  key: s.key,
  destinationKey: s.destinationKey,
  localDate: s.localDate,
  dueAt: new Date(s.dueAt),
});

const isFinal = (row: OutboxRow | undefined): boolean =>
  row === undefined || row.state === "sent" || row.state === "dead";

/**
 * The delivery repositories in memory, one object for all three because the contract ties them
 * together (a claim skips paused destinations; a slot claim moves `lastSlot` and queues the
 * digest). Rows are copied in and out, as a database would, so callers cannot change stored state
 * by holding on to an object.
 */
export class InMemoryDeliveryStore implements DestinationRepository, OutboxRepository, DigestSlotRepository {
  private readonly destinations = new Map<string, Destination>();
  private readonly rows = new Map<string, OutboxRow>();
  /** Rows not yet final per destination, in insertion order; a claim moves its destination last. */
  private readonly open = new Map<string, OutboxRow[]>();
  private readonly slots = new Map<string, SlotRecord>();

  // --- destinations

  async get(key: string): Promise<Destination | undefined> {
    const d = this.destinations.get(key);
    return d ? copyDestination(d) : undefined;
  }

  async listWithDigest(): Promise<Destination[]> {
    const out: Destination[] = [];
    for (const d of this.destinations.values()) if (d.digest && !d.paused) out.push(copyDestination(d));
    return out;
  }

  async listWithAlerts(): Promise<Destination[]> {
    const out: Destination[] = [];
    for (const d of this.destinations.values()) if (d.alerts && !d.paused) out.push(copyDestination(d));
    return out;
  }

  async listPaused(): Promise<Destination[]> {
    const out: Destination[] = [];
    for (const d of this.destinations.values()) if (d.paused) out.push(copyDestination(d));
    return out;
  }

  async upsert(destination: Destination): Promise<void> {
    this.destinations.set(destination.key, copyDestination(destination));
  }

  async pause(key: string, reason: string, at: Date): Promise<boolean> {
    const d = this.destinations.get(key);
    if (!d || d.paused) return false;
    d.paused = { reason, at: new Date(at) };
    return true;
  }

  async resume(key: string): Promise<void> {
    const d = this.destinations.get(key);
    if (d) delete d.paused;
  }

  // --- outbox

  async enqueue(row: NewOutboxRow, now: Date): Promise<boolean> {
    if (this.rows.has(row.key)) return false;
    const stored: OutboxRow = {
      key: row.key,
      destinationKey: row.destinationKey,
      kind: row.kind,
      message: row.message,
      notBefore: new Date(row.notBefore),
      state: row.rolled ? "rolled" : "pending",
      attempts: 0,
      createdAt: new Date(now),
      outcomeUnknown: false,
    };
    if (row.threadOf !== undefined) stored.threadOf = row.threadOf;
    if (row.carries) {
      stored.carries = [...row.carries];
      for (const key of row.carries) {
        const carried = this.rows.get(key);
        if (carried?.state === "rolled") carried.state = "digested";
      }
    }
    if (row.subject) stored.subject = { ...row.subject, parties: [...row.subject.parties] };
    this.rows.set(row.key, stored);
    if (stored.state === "pending") {
      const list = this.open.get(row.destinationKey);
      if (list) list.push(stored);
      else this.open.set(row.destinationKey, [stored]);
    }
    return true;
  }

  async claimDue(options: ClaimOptions): Promise<OutboxRow[]> {
    const now = options.now.getTime();
    const claimed: OutboxRow[] = [];
    const moved: string[] = [];
    for (const [destKey, list] of this.open) {
      if (claimed.length >= options.limit) break;
      if (options.skipDestinations?.has(destKey)) continue;
      if (this.destinations.get(destKey)?.paused) continue;
      let best: OutboxRow | undefined;
      let live = false;
      for (const row of list) {
        const expired = row.state === "in_flight" && (row.leaseUntil?.getTime() ?? 0) <= now;
        if (row.state === "in_flight" && !expired) {
          live = true;
          break;
        }
        if (row.threadOf && !isFinal(this.rows.get(row.threadOf))) continue;
        if (!best || row.notBefore.getTime() < best.notBefore.getTime()) best = row;
      }
      if (live || !best || best.notBefore.getTime() > now) continue;
      if (best.state === "in_flight") best.outcomeUnknown = true;
      best.state = "in_flight";
      best.leaseUntil = new Date(now + options.leaseMs);
      claimed.push(copyRow(best));
      moved.push(destKey);
    }
    for (const destKey of moved) {
      const list = this.open.get(destKey);
      if (!list) continue;
      this.open.delete(destKey);
      this.open.set(destKey, list);
    }
    return claimed;
  }

  private close(row: OutboxRow): void {
    const list = this.open.get(row.destinationKey);
    if (!list) return;
    const i = list.indexOf(row);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.open.delete(row.destinationKey);
  }

  async complete(key: string, messageRef: string): Promise<void> {
    const row = this.rows.get(key);
    if (!row || isFinal(row)) return;
    row.state = "sent";
    row.messageRef = messageRef;
    row.outcomeUnknown = false;
    delete row.leaseUntil;
    this.close(row);
  }

  async fail(
    key: string,
    failure: { error: string; retryAt: Date; countAttempt: boolean; outcomeUnknown: boolean },
  ): Promise<void> {
    const row = this.rows.get(key);
    if (row?.state !== "in_flight") return;
    row.state = "pending";
    row.notBefore = new Date(failure.retryAt);
    row.lastError = failure.error;
    if (failure.countAttempt) row.attempts += 1;
    row.outcomeUnknown = row.outcomeUnknown || failure.outcomeUnknown;
    delete row.leaseUntil;
  }

  async deadLetter(key: string, error: string): Promise<void> {
    const row = this.rows.get(key);
    if (!row || isFinal(row)) return;
    row.state = "dead";
    row.lastError = error;
    delete row.leaseUntil;
    this.close(row);
  }

  async release(keys: string[]): Promise<void> {
    for (const key of keys) {
      const row = this.rows.get(key);
      if (row?.state !== "in_flight") continue;
      row.state = "pending";
      delete row.leaseUntil;
    }
  }

  async find(key: string): Promise<OutboxRow | undefined> {
    const row = this.rows.get(key);
    return row ? copyRow(row) : undefined;
  }

  async alertsForStory(destinationKey: string, storyId: string): Promise<OutboxRow[]> {
    const out: OutboxRow[] = [];
    for (const row of this.rows.values()) {
      if (row.destinationKey === destinationKey && row.subject?.storyId === storyId) {
        out.push(copyRow(row));
      }
    }
    return out;
  }

  async countAlerts(destinationKey: string, from: Date, to: Date): Promise<number> {
    let n = 0;
    for (const row of this.rows.values()) {
      if (row.destinationKey !== destinationKey || row.kind !== "alert") continue;
      if (row.state === "rolled" || row.state === "digested") continue;
      const t = row.notBefore.getTime();
      if (t >= from.getTime() && t < to.getTime()) n++;
    }
    return n;
  }

  async rolledOver(destinationKey: string): Promise<OutboxRow[]> {
    const out: OutboxRow[] = [];
    for (const row of this.rows.values()) {
      if (row.destinationKey === destinationKey && row.state === "rolled") out.push(copyRow(row));
    }
    return out;
  }

  async deadLetters(): Promise<OutboxRow[]> {
    return [...this.rows.values()].filter((r) => r.state === "dead").map((r) => copyRow(r));
  }

  /** Every row, for tests and the benchmark's counts. */
  allRows(): OutboxRow[] {
    return [...this.rows.values()].map((r) => copyRow(r));
  }

  // --- digest slots

  async claim(slot: DigestSlot, row: NewOutboxRow, now: Date): Promise<boolean> {
    if (this.slots.has(slot.key)) return false;
    this.slots.set(slot.key, { slot: copySlot(slot), state: "claimed" });
    this.advance(slot);
    await this.enqueue(row, now);
    return true;
  }

  async skip(slot: DigestSlot, reason: string): Promise<boolean> {
    if (this.slots.has(slot.key)) return false;
    this.slots.set(slot.key, { slot: copySlot(slot), state: "skipped", reason });
    this.advance(slot);
    return true;
  }

  private advance(slot: DigestSlot): void {
    const digest = this.destinations.get(slot.destinationKey)?.digest;
    if (digest && (!digest.lastSlot || digest.lastSlot < slot.localDate)) digest.lastSlot = slot.localDate;
  }

  async findSlot(key: string): Promise<SlotRecord | undefined> {
    const s = this.slots.get(key);
    return s ? { ...s, slot: copySlot(s.slot) } : undefined;
  }
}
