/** What the extractor produces and reads: event types, statuses, the event record, text units, the compiled cue tables. */
import { FirstMatches } from "./cue-gate.js";
import { compileByType, EVENT_CUES } from "./cues.js";
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

// Each table is tried only where one of its phrases may begin: most sentences hold few of them.
const CUE_INDEX = new FirstMatches(EVENT_TYPES.map((type) => CUES[type]));
// Each type's bit in CUE_INDEX, and its slot in what `find` fills.
const CUE_BIT = Object.fromEntries(EVENT_TYPES.map((type, bit) => [type, bit])) as Record<EventType, number>;
const firstCue = new Int32Array(EVENT_TYPES.length);

/** Where each of `types`' cues first occurs in lower-cased `text` (as `text.search(CUES[type])`), if it does. */
export function findCues(text: string, types: readonly EventType[]): Map<EventType, number> {
  let wanted = 0;
  for (const type of types) wanted |= 1 << CUE_BIT[type];
  CUE_INDEX.find(text, wanted, firstCue);
  const hits = new Map<EventType, number>();
  for (const type of types) {
    const at = firstCue[CUE_BIT[type]] as number;
    if (at >= 0) hits.set(type, at);
  }
  return hits;
}

/** Where the type's cue first occurs in lower-cased `text`, or -1: `text.search(CUES[type])`, sooner. */
export function cueIndex(text: string, type: EventType): number {
  const bit = CUE_BIT[type];
  CUE_INDEX.find(text, 1 << bit, firstCue);
  return firstCue[bit] as number;
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
