/** What the extractor produces and reads: event types, statuses, the event record, text units, the compiled cue tables. */
import { FirstMatches } from "./cue-gate.js";
import { compileByType, DEAL_STATUS_CUES, EVENT_CUES, LEGAL_STATUS_CUES } from "./cues.js";
import type { EntityInfo, Mention } from "./entities.js";
import type { LegalCase } from "./legal.js";
import type { Qualifier } from "./money.js";

/** Events that are deals: what the deal ledger lists. */
export const DEAL_TYPES = [
  "investment",
  "valuation",
  "compute_contract",
  "chip_supply",
  "infrastructure",
  "acquisition",
  "partnership",
] as const;
export const EVENT_TYPES = [...DEAL_TYPES, "launch", "people", "legal", "controversy", "regulation"] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type DealStatus = "talks" | "reported" | "agreed" | "closed";
export type LegalStatus = "filed" | "ruling" | "settled" | "dismissed" | "appeal";
/** A deal's stage, a legal action's stage; controversies have none (null). */
export type EventStatus = DealStatus | LegalStatus;

export interface ExtractedEvent {
  type: EventType;
  amountUsd: number | null;
  qualifier: Qualifier | null;
  /** The amount as written when it was not in dollars ("€1.7 billion"). */
  originalAmount?: { amount: number; currency: string };
  /** Entity ids, investor / buyer / customer / plaintiff first. */
  parties: string[];
  /**
   * Every party by name in role order, tracked or not ("The New York Times", "OpenAI",
   * "Microsoft"); set when the text names a party that is not a tracked entity.
   */
  partyNames?: string[];
  /** Legal events: how many of the parties lead as plaintiffs. */
  plaintiffCount?: number;
  /** Legal events: what the case is about, its court and plaintiffs, to tell cases apart. */
  legalCase?: LegalCase;
  /** Null for controversies: criticism has no stage. */
  status: EventStatus | null;
  /** An event reported in the body beside the item's headline event (it does not steer grouping). */
  secondary?: boolean;
  /** The sentence that states the event. */
  evidence: string;
  durationYears?: number;
  gigawatts?: number;
}

/** A piece of the article the extractor reads: the title or one lead sentence. */
export interface TextUnit {
  text: string;
  mentions: readonly Mention[];
  isTitle: boolean;
}

// Cues are matched on lower-cased text; the phrases live in cues.ts, one table row per wording.
export const CUES: Record<EventType, RegExp> = (() => {
  const compiled = compileByType(EVENT_CUES);
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, compiled.get(type) ?? /(?!)/])) as Record<
    EventType,
    RegExp
  >;
})();

/** Deal stages in the order they are tried ("agreed" when none matches), each with its table. */
export const DEAL_STAGES = [...compileByType(DEAL_STATUS_CUES)] as [DealStatus, RegExp][];
/** Stages of a legal action in the order they are tried ("filed" when none matches). */
export const LEGAL_STAGES = [...compileByType(LEGAL_STATUS_CUES)] as [LegalStatus, RegExp][];

// One index over the event tables and the stage tables, each tried only where one of its phrases
// may begin: a lead sentence's cues and stages come from one walk over it.
const CUE_INDEX = new FirstMatches([
  ...EVENT_TYPES.map((type) => CUES[type]),
  ...DEAL_STAGES.map(([, cue]) => cue),
  ...LEGAL_STAGES.map(([, cue]) => cue),
]);
// Each type's bit in CUE_INDEX, and its slot in what `find` fills.
const CUE_BIT = Object.fromEntries(EVENT_TYPES.map((type, bit) => [type, bit])) as Record<EventType, number>;
const DEAL_STAGE_BIT = EVENT_TYPES.length;
const LEGAL_STAGE_BIT = DEAL_STAGE_BIT + DEAL_STAGES.length;
const bits = (from: number, count: number): number => ((1 << count) - 1) << from;
/** The deal stage tables' bits, to ask for them in the walk that reads a sentence's cues. */
export const DEAL_STAGE_BITS = bits(DEAL_STAGE_BIT, DEAL_STAGES.length);
const LEGAL_STAGE_BITS = bits(LEGAL_STAGE_BIT, LEGAL_STAGES.length);

// The texts read last and the positions known in each: the title and the lead are asked about
// again, as the same lower-cased strings, by the amount, party and stage readers.
const MEMO_SIZE = 8;
const memoText: string[] = Array.from({ length: MEMO_SIZE }, () => "");
const memoKnown = new Int32Array(MEMO_SIZE);
const memoFound = Array.from({ length: MEMO_SIZE }, () => new Int32Array(32));
let memoNext = 0;
const fresh = new Int32Array(32);

/** Positions of the `wanted` tables in `text` (-1: no match), walking only for those not yet known. */
function positions(text: string, wanted: number): Int32Array {
  let slot = memoText.indexOf(text);
  if (slot < 0) {
    slot = memoNext;
    memoNext = (memoNext + 1) % MEMO_SIZE;
    memoText[slot] = text;
    memoKnown[slot] = 0;
  }
  const found = memoFound[slot] as Int32Array;
  const missing = wanted & ~(memoKnown[slot] as number);
  if (missing !== 0) {
    CUE_INDEX.find(text, missing, fresh);
    for (let rest = missing; rest !== 0; rest &= rest - 1) {
      const bit = 31 - Math.clz32(rest & -rest);
      found[bit] = fresh[bit] as number;
    }
    memoKnown[slot] = (memoKnown[slot] as number) | missing;
  }
  return found;
}

/**
 * Where each of `types`' cues first occurs in lower-cased `text` (as `text.search(CUES[type])`), if
 * it does; `alsoBits` (the stage tables) are read in the same walk for later.
 */
export function findCues(text: string, types: readonly EventType[], alsoBits = 0): Map<EventType, number> {
  let wanted = alsoBits;
  for (const type of types) wanted |= 1 << CUE_BIT[type];
  const found = positions(text, wanted);
  const hits = new Map<EventType, number>();
  for (const type of types) {
    const at = found[CUE_BIT[type]] as number;
    if (at >= 0) hits.set(type, at);
  }
  return hits;
}

/** Where the type's cue first occurs in lower-cased `text`, or -1: `text.search(CUES[type])`, sooner. */
export function cueIndex(text: string, type: EventType): number {
  const bit = CUE_BIT[type];
  return positions(text, 1 << bit)[bit] as number;
}

/** Where each stage's cue (DEAL_STAGES or LEGAL_STAGES, in order) first occurs in lower-cased `text`, or -1. */
export function stageCues(text: string, legal: boolean, out: Int32Array): void {
  const from = legal ? LEGAL_STAGE_BIT : DEAL_STAGE_BIT;
  const count = legal ? LEGAL_STAGES.length : DEAL_STAGES.length;
  const found = positions(text, legal ? LEGAL_STAGE_BITS : DEAL_STAGE_BITS);
  for (let k = 0; k < count; k++) out[k] = found[from + k] as number;
}

// Types whose cue must sit in the title to count: their words are common in deal stories.
export const TITLE_ONLY: ReadonlySet<EventType> = new Set(["people", "controversy", "launch", "partnership"]);
// Deals that come with an amount (a partnership's amount, when there is one, is in its own sentence).
export const MONEY_TYPES: ReadonlySet<EventType> = new Set(DEAL_TYPES.filter((t) => t !== "partnership"));

export interface EventContext {
  entities: ReadonlyMap<string, EntityInfo>;
  rates: Record<string, number>;
}

export interface Candidate {
  type: EventType;
  score: number;
  unit: TextUnit;
  cueAt: number;
}
