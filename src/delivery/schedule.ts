import { type Destination, type DigestSlot, slotKey } from "./destination.js";
import { addDays, instantOf, type LocalDate, localDateOf, localParts } from "./zone.js";

/** A slot later than this when the bot comes back is reported as skipped instead of sent. */
export const MAX_LATENESS_MS = 12 * 3_600_000;

export interface DueSlot extends DigestSlot {
  destination: Destination;
  /** How long after `dueAt` the tick found it: 0–30 s normally, hours after downtime. */
  lateMs: number;
}

export interface SkippedSlot extends DueSlot {
  reason: string;
}

export interface DueSlots {
  due: DueSlot[];
  skipped: SkippedSlot[];
}

/** `HH:MM` on a 24-hour clock, or undefined when it is not one. */
export function parseDigestTime(text: string): { hour: number; minute: number } | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

const CACHE_LIMIT = 20_000;

/**
 * Finds the digest slots due at an instant. A slot is a destination's local date; its time is the
 * digest's wall time on that date in the destination's zone, resolved by `instantOf` across DST
 * changes. Yesterday's slot is looked at too, so a digest that fell due just before midnight while
 * the bot was down is still found after it.
 *
 * Instants are cached per zone, date and time, and each zone's local dates are read once per call:
 * a tick over a thousand destinations formats a handful of dates instead of thousands.
 */
export class DigestSchedule {
  private readonly instants = new Map<string, number>();

  private instant(zone: string, date: LocalDate, time: string): number | undefined {
    const key = `${zone}|${date}|${time}`;
    let t = this.instants.get(key);
    if (t === undefined) {
      const hm = parseDigestTime(time);
      if (!hm) return undefined;
      t = instantOf(zone, date, hm.hour, hm.minute);
      if (this.instants.size >= CACHE_LIMIT) this.instants.clear();
      this.instants.set(key, t);
    }
    return t;
  }

  findDue(destinations: readonly Destination[], now: Date): DueSlots {
    const at = now.getTime();
    const dates = new Map<string, [LocalDate, LocalDate]>();
    const due: DueSlot[] = [];
    const skipped: SkippedSlot[] = [];
    for (const destination of destinations) {
      const digest = destination.digest;
      if (!digest || destination.paused) continue;
      let pair = dates.get(digest.zone);
      if (pair === undefined) {
        const today = localDateOf(localParts(digest.zone, at));
        pair = [addDays(today, -1), today];
        dates.set(digest.zone, pair);
      }
      for (const localDate of pair) {
        if (digest.lastSlot !== undefined && localDate <= digest.lastSlot) continue;
        const dueAt = this.instant(digest.zone, localDate, digest.time);
        if (dueAt === undefined || dueAt > at || dueAt < digest.since.getTime()) continue;
        const slot: DueSlot = {
          key: slotKey(destination.key, localDate),
          destinationKey: destination.key,
          localDate,
          dueAt: new Date(dueAt),
          destination,
          lateMs: at - dueAt,
        };
        if (slot.lateMs < MAX_LATENESS_MS) due.push(slot);
        else {
          const hours = Math.floor(slot.lateMs / 3_600_000);
          skipped.push({
            ...slot,
            reason: `the ${digest.time} digest of ${localDate} was not sent: the bot was not running when it fell due ${hours} hours earlier`,
          });
        }
      }
    }
    return { due, skipped };
  }

  /** When the destination's next digest runs, for `/digest`; undefined when it has none. */
  nextRun(destination: Destination, now: Date): Date | undefined {
    const digest = destination.digest;
    if (!digest) return undefined;
    const date = localDateOf(localParts(digest.zone, now.getTime()));
    for (const localDate of [date, addDays(date, 1), addDays(date, 2)]) {
      if (digest.lastSlot !== undefined && localDate <= digest.lastSlot) continue;
      const t = this.instant(digest.zone, localDate, digest.time);
      if (t !== undefined && t >= now.getTime()) return new Date(t);
    }
    return undefined;
  }
}
