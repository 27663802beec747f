const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  sept: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// RFC 822 names plus the US zones that feeds still use.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  bst: 60,
  cet: 60,
  cest: 120,
  ist: 330,
  jst: 540,
  aest: 600,
  aedt: 660,
  a: -60,
  m: -720,
  n: 60,
  y: 720,
};

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === "-" ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()];
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): Date | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  const time =
    Date.UTC(year, month, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  const millis = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(
    Number(m[1]),
    Number(m[2] ?? 1) - 1,
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    millis,
    offset,
  );
}

// "Thu, 01 Jan 2004 19:48:21 GMT" and its many variants: no weekday, 2-digit year, no seconds,
// no zone, named zones, "1 January 2004", "Jan 1 2004".
const RFC822 =
  /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]m))?)?\s*(\(?[a-z]{1,5}\)?|[+-]\d{2}:?\d{2})?/i;
const MONTH_FIRST =
  /^(?:[a-z]{2,9}\.?,?\s*)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]m))?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?/i;

function fromParts(
  dayText: string,
  monthText: string,
  yearText: string,
  hourText?: string,
  minuteText?: string,
  secondText?: string,
  meridiem?: string,
  zoneText?: string,
): Date | undefined {
  const month = MONTHS[monthText.toLowerCase().slice(0, monthText.toLowerCase().startsWith("sept") ? 4 : 3)];
  if (month === undefined) return undefined;
  let year = Number(yearText);
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
  let hour = Number(hourText ?? 0);
  if (meridiem) {
    const pm = meridiem.toLowerCase() === "pm";
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  const zone = zoneText?.replace(/[()]/g, "");
  const offset = zoneOffsetMinutes(zone);
  return build(
    year,
    month,
    Number(dayText),
    hour,
    Number(minuteText ?? 0),
    Number(secondText ?? 0),
    0,
    offset ?? 0,
  );
}

/**
 * Parses the date formats feeds use in practice. A zone-less date is taken as UTC. Returns
 * undefined for text that is not a date.
 */
export function parseFeedDate(input: string | undefined): Date | undefined {
  if (!input) return undefined;
  const text = input.trim().replace(/\s+/g, " ");
  if (text === "") return undefined;
  const iso = parseIso(text);
  if (iso) return iso;
  const rfc = RFC822.exec(text);
  if (rfc) {
    const d = fromParts(rfc[1] ?? "", rfc[2] ?? "", rfc[3] ?? "", rfc[4], rfc[5], rfc[6], rfc[7], rfc[8]);
    if (d) return d;
  }
  const mf = MONTH_FIRST.exec(text);
  if (mf) {
    const d = fromParts(mf[2] ?? "", mf[1] ?? "", mf[3] ?? "", mf[4], mf[5], mf[6], mf[7], mf[8]);
    if (d) return d;
  }
  const fallback = Date.parse(text);
  return Number.isNaN(fallback) ? undefined : new Date(fallback);
}

const DAY_MS = 86_400_000;

/** A feed date as ISO UTC, clamped so that it is never more than a day ahead of `now`. */
export function normalizeDate(input: string | undefined, now: Date): string | undefined {
  const date = parseFeedDate(input);
  if (!date) return undefined;
  if (date.getTime() > now.getTime() + DAY_MS) return now.toISOString();
  return date.toISOString();
}
