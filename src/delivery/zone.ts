/**
 * Wall-clock arithmetic in IANA zones with nothing but Intl.DateTimeFormat. One formatter per zone
 * is built once and kept: constructing one costs far more than formatting with it, and a scheduler
 * tick asks the same few zones about a thousand destinations.
 */

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the runtime knows the zone; settings code checks with this before storing one. */
export function isValidZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(zone: string, at: number): LocalParts {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(zone).formatToParts(at)) {
    if (p.type in parts) parts[p.type as keyof LocalParts] = Number(p.value);
  }
  return parts;
}

const pad = (n: number): string => String(n).padStart(2, "0");

export function localDateOf(parts: LocalParts): LocalDate {
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** The local date `days` after `date` (negative for before), on the plain calendar. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The zone's offset from UTC at an instant, in ms (New York in winter: -5 h). */
export function offsetAt(zone: string, at: number): number {
  const p = localParts(zone, at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * The instant a local wall time happens in a zone. A time that occurs twice (the repeated hour of
 * a fall-back change) resolves to its first occurrence, so a slot keyed by local date runs once;
 * a time that never occurs (inside a spring-forward gap) resolves to the end of the gap, the first
 * instant the local clock reads later than it.
 */
export function instantOf(zone: string, date: LocalDate, hour: number, minute: number): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // Transitions are never closer than a day apart, so the offsets half a day either side are the
  // only two the wall time can be read with.
  const early = offsetAt(zone, wall - 12 * HOUR);
  const late = offsetAt(zone, wall + 12 * HOUR);
  const candidates = [wall - early, wall - late].filter((t) => offsetAt(zone, t) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: the clock jumps from before `wall` to after it at one instant, found by halving the
  // interval between the instant read with the old offset and the one read with the new.
  let lo = wall - late; // still on the old offset
  let hi = wall - early; // already on the new offset
  while (hi - lo > MINUTE) {
    const mid = lo + Math.max(MINUTE, Math.floor((hi - lo) / 2 / MINUTE) * MINUTE);
    if (offsetAt(zone, mid) === early) lo = mid;
    else hi = mid;
  }
  return hi;
}
