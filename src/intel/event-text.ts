/** How the extractor reads a sentence's text: its clauses, and the order in which it names companies. */
import { PROBE_OPENING_SOURCE } from "./cues.js";
import type { Mention } from "./entities.js";

/** Entities of a unit in reading order, each once. */
export function orderedIds(mentions: readonly Mention[]): string[] {
  const out: string[] = [];
  // Mentions mostly come in reading order already: copy and sort only when they do not.
  let sorted = true;
  for (let k = 1; k < mentions.length && sorted; k++)
    sorted = (mentions[k - 1] as Mention).start <= (mentions[k] as Mention).start;
  for (const m of sorted ? mentions : [...mentions].sort((a, b) => a.start - b.start))
    if (!out.includes(m.entityId)) out.push(m.entityId);
  return out;
}
export const TARGET_AS_SUBJECT =
  /\b(?:rais(?:es|ed|ing)|to raise|secures?|closes|closed|gets|takes \$|lands|wins|nets|draws|attracts|bank(?:s|ed)|pocket(?:s|ed))\b/;

// Where a new clause with its own subject starts: "...; X invests", "... as X and Y invest".
const CLAUSE_OPENERS =
  /; |, while | while | as (?=[a-z])(?!(?:a|an|the|much|many|well|part|of|it|if|long|soon|far)\b)/g;

/** The offset just after the last clause opener before `at`, or 0. */
export function lastClauseBreak(lower: string, at: number): number {
  const { openers } = clausesOf(lower);
  let start = 0;
  for (let k = 0; k < openers.length && (openers[k] as number) < at; k += 2) start = openers[k + 1] as number;
  return start;
}

/** Where a sentence's clauses break, as [index, end] pairs in reading order. */
interface Clauses {
  text: string;
  /** CLAUSE_OPENERS matches. */
  openers: number[];
  /** CLAUSE_BREAK matches. */
  breaks: number[];
}
// The sentence read last: one sentence is asked about its clauses for its cue and each amount.
let lastClauses: Clauses = { text: "", openers: [], breaks: [] };

function matchSpans(pattern: RegExp, text: string): number[] {
  const out: number[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text))
    out.push(m.index, m.index + m[0].length);
  return out;
}

function clausesOf(text: string): Clauses {
  if (lastClauses.text !== text)
    lastClauses = { text, openers: matchSpans(CLAUSE_OPENERS, text), breaks: matchSpans(CLAUSE_BREAK, text) };
  return lastClauses;
}

// A column's label before a roundup headline: "The Wrap: A books B capacity, C's $9bn expansion".
export const COLUMN_LABEL = /^[\w' ’&-]{2,30}: /;

/** What parts a roundup headline's items: "; ", or ", " after a column's label. */
export function itemSeparator(title: string): string {
  return !title.includes("; ") && title.includes(", ") && COLUMN_LABEL.test(title) ? ", " : "; ";
}

/** The offsets [from, to) of the roundup item of a lower-cased headline that holds offset `at`. */
export function itemSpan(title: string, at: number): [number, number] {
  const sep = itemSeparator(title);
  const next = title.indexOf(sep, at);
  return [title.lastIndexOf(sep, at) + 1, next < 0 ? title.length : next];
}

// "Marvell Technology, Inc. today agreed to acquire ...": a company suffix's full stop ends no clause.
// Nor does a ticker's colon: "Super Micro Computer (NASDAQ: SMCI) today agreed to acquire ...".
const CLAUSE_BREAK =
  /;|\.(?<!\b(?:inc|corp|ltd|co|plc|llc)\.) |, while |:(?<!\((?:nasdaq|nyse|lse|tsx|asx|hkex|krx|tse|otc):) /g;

export function clauseAround(text: string, at: number): { start: number; end: number } {
  const { breaks } = clausesOf(text);
  let start = 0;
  for (let k = 0; k < breaks.length; k += 2) {
    if ((breaks[k] as number) < at) start = breaks[k + 1] as number;
    else return { start, end: breaks[k] as number };
  }
  return { start, end: text.length };
}

export function sameAmount(a: number | null, b: number): boolean {
  return a !== null && Math.abs(a - b) <= 0.001 * b;
}
export const PROBE_OPENED = new RegExp(`\\b${PROBE_OPENING_SOURCE} (?:into|of)\\s`);
