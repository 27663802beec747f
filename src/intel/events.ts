import {
  CHIP_NAME_SOURCE,
  compileByType,
  DEAL_STATUS_CUES,
  DIRECTIVE,
  EVENT_CUES,
  LEGAL_STATUS_CUES,
  NAMED_ACCELERATOR,
  PROBE_OPENING_SOURCE,
  PROBE_PASSIVE_SOURCE,
} from "./cues.js";
import type { EntityInfo, Mention } from "./entities.js";
import {
  describedOnly,
  type LegalCase,
  ledPlaintiff,
  legalCase,
  legalRoles,
  namedPlaintiffs,
} from "./legal.js";
import { extractMoney, extractTerms, type Money, type Qualifier } from "./money.js";

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
const CUES: Record<EventType, RegExp> = (() => {
  const compiled = compileByType(EVENT_CUES);
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, compiled.get(type) ?? /(?!)/])) as Record<
    EventType,
    RegExp
  >;
})();

// Types whose cue must sit in the title to count: their words are common in deal stories.
const TITLE_ONLY: ReadonlySet<EventType> = new Set(["people", "controversy", "launch", "partnership"]);
// Deals that come with an amount (a partnership's amount, when there is one, is in its own sentence).
export const MONEY_TYPES: ReadonlySet<EventType> = new Set(DEAL_TYPES.filter((t) => t !== "partnership"));
const SUPPLIER_KINDS: ReadonlySet<EntityInfo["kind"]> = new Set([
  "cloud",
  "chipmaker",
  "neocloud",
  "datacenter",
]);

const DEAL_STATUS: [DealStatus, RegExp][] = [...compileByType(DEAL_STATUS_CUES)] as [DealStatus, RegExp][];
const LEGAL_STATUS: [LegalStatus, RegExp][] = [...compileByType(LEGAL_STATUS_CUES)] as [
  LegalStatus,
  RegExp,
][];
const BODY_TYPES = EVENT_TYPES.filter((type) => !TITLE_ONLY.has(type));
// A live blog's headline names the occasion ("Live: Computex day two"); its products are announced
// in the timestamped lines, so launches are read there too.
const LIVE_BLOG_BODY_TYPES: readonly EventType[] = [...BODY_TYPES, "launch"];
const LIVE_TITLE = /^(?:live(?: updates| blog| coverage)?|as it happened)\b\s*[:—–|-]/i;
const TIMESTAMP_LINE =
  /^(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?)(?:\s?[A-Z]{2,4})?\s*[—–:|-]/i;

// "The woman who financed X's data centres is now counting Y's money": a profile headline tells
// a move by what the person did, so the hire is read in the lead.
// So do "A's loss is B's gain" (or "B's gain, A's loss") and "Why <person> left A".
const PROFILE_TITLE =
  /^the (?:[\w-]+ ){0,2}?(?:man|woman|person|executive|engineer|banker|researcher|scientist|veteran|insider|architect|financier) who\b|^why (?:[A-Z][\w'’.-]* ){1,3}(?:left|quit)\b|['’]s loss is (?:[\w'’.-]+ ){1,3}?gain\b|['’]s gain,? (?:[\w'’.-]+ ){1,3}?loss\b/i;
const PROFILE_BODY_TYPES: readonly EventType[] = [...BODY_TYPES, "people"];

/** Whether the article is a live blog: a "Live:" headline, or timestamped lines in the lead. */
export function isLiveBlog(units: readonly TextUnit[]): boolean {
  let stamped = 0;
  for (const unit of units) {
    // The first character says whether a line can be either: a digit, or the L of "Live" or A of "As".
    const first = unit.text.charCodeAt(0) | 0x20;
    if (unit.isTitle) {
      if ((first === 0x6c || first === 0x61) && LIVE_TITLE.test(unit.text)) return true;
    } else if (first >= 0x30 && first <= 0x39 && TIMESTAMP_LINE.test(unit.text) && ++stamped >= 2)
      return true;
  }
  return false;
}

/** Where each type's cue first occurs in a unit; the title-only cues are looked for in titles only. */
function findCues(text: string, isTitle: boolean, bodyTypes: readonly EventType[]): Map<EventType, number> {
  const hits = new Map<EventType, number>();
  for (const type of isTitle ? EVENT_TYPES : bodyTypes) {
    // `search` gives the index without building a match array.
    const at = text.search(CUES[type]);
    if (at >= 0) hits.set(type, at);
  }
  return hits;
}

export interface EventContext {
  entities: ReadonlyMap<string, EntityInfo>;
  rates: Record<string, number>;
}

interface Candidate {
  type: EventType;
  score: number;
  unit: TextUnit;
  cueAt: number;
}

/**
 * The event's stage as the title states it, else as the lead does: for deals "agreed" when nobody
 * hedges, for legal actions "filed" unless a ruling, settlement, dismissal or appeal is reported;
 * none for controversies.
 */
function statusOf(type: EventType, texts: readonly string[]): EventStatus | null {
  if (type === "controversy") return null;
  const legal = type === "legal";
  const cues: readonly (readonly [EventStatus, RegExp])[] = legal ? LEGAL_STATUS : DEAL_STATUS;
  // A deal the company itself announced ("the software company said") stays agreed when a later
  // sentence hedges a detail of it ("according to a person familiar with the terms").
  let announced = false;
  for (const raw of texts) {
    // "..., days after reports that X was negotiating with Y": the news that came before, not this
    // deal's stage; "after people familiar with the terms said it is worth $3bn" attributes a figure.
    const cut = raw.includes("after ") ? raw.search(AFTER_NEWS) : -1;
    const text = cut >= 0 ? raw.slice(0, cut) : raw;
    for (const [status, cue] of cues)
      if (cue.test(text) && !(announced && status === "reported")) return status;
    if (!legal && !announced && (raw.includes(" said") || raw.includes("announc") || raw.includes("filing")))
      announced = OWN_WORD.test(text);
  }
  return legal ? "filed" : "agreed";
}

// The company's own word: "the software company said", "Nebius said in a filing".
const OWN_WORD =
  /\b(?:the (?:[\w-]+ )?(?:company|companies|firm|start-?up|lab|chipmaker|group|maker|developer) said|(?:said|announced|disclosed) in a (?:statement|filing|blog post|press release)|(?:in|according to) a (?:regulatory |securities )?filing)\b/;
// Also "five days after Anthropic closed a $13bn round": another deal told as a point in time.
const AFTER_NEWS =
  /\b(?:after (?:reports?|news|people|a person|sources)|(?:days|weeks|hours|months|a day|a week|a month) after)\b/;

/** Entities of a unit in reading order, each once. */
function orderedIds(mentions: readonly Mention[]): string[] {
  const out: string[] = [];
  // Mentions mostly come in reading order already: copy and sort only when they do not.
  let sorted = true;
  for (let k = 1; k < mentions.length && sorted; k++)
    sorted = (mentions[k - 1] as Mention).start <= (mentions[k] as Mention).start;
  for (const m of sorted ? mentions : [...mentions].sort((a, b) => a.start - b.start))
    if (!out.includes(m.entityId)) out.push(m.entityId);
  return out;
}

const SUPPLIER_VERB =
  /\b(?:to )?(?:supply|supplies|provide|provides|deliver|delivers|sell|sells|lands|wins|rent out|rents out)\b/;
const TARGET_AS_SUBJECT =
  /\b(?:rais(?:es|ed|ing)|to raise|secures?|closes|closed|gets|takes \$|lands|wins|nets|draws|attracts|bank(?:s|ed)|pocket(?:s|ed))\b/;

/** `front` first, then the rest of `ids` in order; undefined unless `front` holds some but not all. */
function putFirst(front: readonly string[], ids: readonly string[]): string[] | undefined {
  if (front.length === 0 || front.length >= ids.length) return undefined;
  return [...front, ...ids.filter((id) => !front.includes(id))];
}

/** "led by X", "backed by X and Y", "from X": the funders named after such words, first. */
function fundersNamed(unit: TextUnit, lower: string, ids: readonly string[]): string[] | undefined {
  const by =
    /\b(?:led by|backed by|financed by|funded by|from|with (?:backing|financing|funding) from)\s/.exec(lower);
  if (by) return putFirst(orderedIds(unit.mentions.filter((m) => m.start > by.index)), ids);
  // "X pulled in $1.5bn, with BlackRock leading", "..., with A and B among the names on the cap
  // table": the ones named inside the phrase are the funders.
  const within =
    (lower.includes(" lead") ? WITH_LEADING.exec(lower) : null) ??
    (lower.includes(" among ") ? AMONG_FUNDERS.exec(lower) : null);
  if (!within) return undefined;
  const end = within.index + within[0].length;
  return putFirst(orderedIds(unit.mentions.filter((m) => m.start > within.index && m.start < end)), ids);
}

// Also "with BlackRock writing the lead cheque".
const WITH_LEADING = /\bwith [^.;]{2,60}? (?:leading|writing the lead (?:cheque|check))\b/;
const AMONG_FUNDERS =
  /\bwith [^.;]{2,80}? among (?:the |its )?(?:names on (?:the |its )?cap table|(?:early |new |existing )?(?:investors|backers|shareholders))\b/;

// Where a new clause with its own subject starts: "...; X invests", "... as X and Y invest".
const CLAUSE_OPENERS =
  /; |, while | while | as (?=[a-z])(?!(?:a|an|the|much|many|well|part|of|it|if|long|soon|far)\b)/g;

/** The offset just after the last clause opener before `at`, or 0. */
function lastClauseBreak(lower: string, at: number): number {
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
// The subject raises; the company after "with" funds it ("X is negotiating with Meta over a funding package").
const FUNDING_TALKS_WITH =
  /\b(?:negotiat(?:es|ing|ions)|in (?:talks|discussions)|talks|discussions) with (?=(.{1,40}?) (?:over|about|on|for) (?:a |an |the |its |new |fresh )?(?:[\w$.-]+ ){0,3}?(?:funding|round|raise|capital)\b)/;
// "Lambda confirms funding talks with SoftBank": the noun before "talks" says the subject raises.
const FUNDING_NOUN_TALKS_WITH =
  /\b(?:funding|fundraising|investment) (?:talks|discussions|negotiations) with (?=(.{1,40}?)(?:$|[,.;]| (?:over|about|on|for|as|after|amid)\b))/;
// "Lambda is in discussions with Nvidia about a new investment": the word says nothing of who
// pays, so the kinds decide (a lab or a cloud start-up takes the money from a chip maker or a fund).
const INVESTMENT_TALKS_WITH =
  /\b(?:negotiat(?:es|ing|ions)|in (?:talks|discussions)|talks|discussions) with (?=(.{1,40}?) (?:over|about|on|for) (?:a |an |the |its |new |fresh )?(?:[\w$.-]+ ){0,3}?(?:investment|stake)\b)/;
const INVESTEE_KINDS: ReadonlySet<EntityInfo["kind"]> = new Set(["lab", "neocloud", "datacenter"]);

const RENTED_CHIPS = new RegExp(
  `^(?:['’]s)? (?:[\\w-]+ ){0,2}?(?:gpus?|chips?|accelerators?|processors|${CHIP_NAME_SOURCE})\\b`,
);
const CONTRAST = /\b(?:rather than|instead of|competes? with|competing with|in competition with)\s/;

const SOLD_TO = /\b(?:sold|sells|selling|to sell) (?:[\w.'’-]+ ){0,6}?to\s/;

const PEOPLE_DESTINATION =
  /\b(?:loses .{0,50}? to|departs? for|leaves for|leaving for|defects? to|joins?|joined|exits? (?:to|for)|leaves to join|leaving to join|moves to|heads to|to become)\s/;

// What a headline tells after its deal that names other companies: a deal it points back at
// ("days after Google deal"), those the news affects ("what it means for Google and Amazon"), the
// rivals ("stepping up race with OpenAI", "narrowing its gap with OpenAI").
const TITLE_ASIDE =
  /[,:;—–-] (?:and )?(?:what (?:it|this|that) means for|why it matters (?:for|to)|(?:the )?(?:implications|lessons) for)\b|,? (?:stepping up|steps up|heating up|intensifying) (?:the |its )?(?:race|rivalry|fight|competition|battle) with\b|,? (?:aiming|seeking|hoping|looking|trying|in a bid) to (?:close|narrow|cut) (?:the |its )?(?:gap|lead) (?:with|on)\b|,? (?:as (?:it|they) )?(?:narrow(?:s|ing)?|clos(?:es|ing)|cut(?:s|ting)?|shrink(?:s|ing)?) (?:the |its |their )?(?:gap|lead|distance) (?:with|on|to)\b|,? (?:just |only )?(?:(?:(?:two|three|four|five|six|several|a few|\d+) )?(?:days|weeks|hours|months)|a day|a week|a month) after\b|,? (?:after|following|on the heels of) (?:its |a |an |the )?(?:[\w$.'’-]+ ){0,4}?(?:deal|contract|pact|agreement)\b/;

// A rival a launch headline challenges: "Google wants ChatGPT's coding crown", "to take on
// OpenAI". It is no side of the launch, and the story is not about it.
const RIVAL_ASIDE =
  /\b(?:(?:wants|eyes|is after|goes after|comes for|chases|targets|guns for) (?=(?:[\w.'’-]+ ){0,3}?(?:crown|throne|top spot)\b)|(?:to|in a bid to) (?:rival|take on|challenge|counter) |tak(?:es|ing) aim at )/;

// The words `RIVAL_ASIDE` needs, looked for first: few headlines hold any.
const RIVAL_GATE = /crown|throne|top spot| rival | take on |challenge|counter|aim at/;

/** Where a lower-cased headline's challenge to a rival starts (see `RIVAL_ASIDE`), or -1. */
function rivalAside(text: string): number {
  return RIVAL_GATE.test(text) ? (RIVAL_ASIDE.exec(text)?.index ?? -1) : -1;
}

/** Where a headline's challenge to a rival starts (see `RIVAL_ASIDE`), or -1. */
export function rivalAsideAt(title: string): number {
  return rivalAside(title.toLowerCase());
}

// A column's label before a roundup headline: "The Wrap: A books B capacity, C's $9bn expansion".
const COLUMN_LABEL = /^[\w' ’&-]{2,30}: /;

/** What parts a roundup headline's items: "; ", or ", " after a column's label. */
function itemSeparator(title: string): string {
  return !title.includes("; ") && title.includes(", ") && COLUMN_LABEL.test(title) ? ", " : "; ";
}

/** The offsets [from, to) of the roundup item of a lower-cased headline that holds offset `at`. */
function itemSpan(title: string, at: number): [number, number] {
  const sep = itemSeparator(title);
  const next = title.indexOf(sep, at);
  return [title.lastIndexOf(sep, at) + 1, next < 0 ? title.length : next];
}

/** A headline without the companies its aside names after the deal (see `TITLE_ASIDE`). */
function withoutAside(
  unit: TextUnit,
  lower: (u: TextUnit) => string,
  cueAt: number,
  roundup: boolean,
  launch = false,
): TextUnit {
  if (!unit.isTitle || unit.mentions.length < 2) return unit;
  const text = lower(unit);
  // A roundup's headline tells one item per clause: "A books B capacity; C's $6bn expansion".
  if (roundup) {
    const [from, to] = itemSpan(text, cueAt);
    const kept = unit.mentions.filter((m) => m.start >= from && m.end <= to);
    if (kept.length > 0 && kept.length < unit.mentions.length) return { ...unit, mentions: kept };
  }
  const asideAt =
    (text.includes(" after ") || text.includes(" means ") || text.includes(" with ") || text.includes(" for ")
      ? TITLE_ASIDE.exec(text)?.index
      : undefined) ?? (launch ? rivalAside(text) : -1);
  if (asideAt < 0 || asideAt <= cueAt) return unit;
  const kept = unit.mentions.filter((m) => m.start < asideAt);
  return kept.length > 0 && kept.length < unit.mentions.length ? { ...unit, mentions: kept } : unit;
}

/** Orders parties: investor / buyer / customer / plaintiff first, then the rest in reading order. */
function orderParties(
  type: EventType,
  unit: TextUnit,
  lower: string,
  cueAt: number,
  context: EventContext,
): string[] {
  const ids = orderedIds(unit.mentions);
  if (ids.length < 2) return ids;
  const before = orderedIds(unit.mentions.filter((m) => m.start < cueAt));
  const after = ids.filter((id) => !before.includes(id));
  switch (type) {
    case "investment": {
      // "round led by SoftBank", "takes $4B more from Amazon": whoever follows is the investor.
      const funders = fundersNamed(unit, lower, ids);
      if (funders) return funders;
      // "Cohere is in talks with Nvidia over a funding round": the one talked with is the investor.
      const withFunder = FUNDING_TALKS_WITH.exec(lower) ?? FUNDING_NOUN_TALKS_WITH.exec(lower);
      if (withFunder) {
        const from = withFunder.index + withFunder[0].length;
        const end = from + (withFunder[1] as string).length;
        const named = putFirst(
          orderedIds(unit.mentions.filter((m) => m.start >= from && m.start < end)),
          ids,
        );
        if (named) return named;
      }
      const withInvestor = INVESTMENT_TALKS_WITH.exec(lower);
      if (withInvestor) {
        const from = withInvestor.index + withInvestor[0].length;
        const end = from + (withInvestor[1] as string).length;
        const investee = (id: string) => INVESTEE_KINDS.has(context.entities.get(id)?.kind ?? "lab");
        const subjects = orderedIds(unit.mentions.filter((m) => m.start < withInvestor.index));
        const partners = orderedIds(unit.mentions.filter((m) => m.start >= from && m.start < end));
        const named = putFirst(partners, ids);
        if (named && subjects.length > 0 && subjects.every(investee) && !partners.every(investee))
          return named;
      }
      // "AMD ... grants OpenAI a warrant": the grantor is the one being invested in.
      const subject = ids[0] as string;
      if (/\b(?:grants?|issues?|gives?) .{0,30}\bwarrants?\b/.test(lower))
        return [...ids.filter((id) => id !== subject), subject];
      // "Anthropic commits $30bn to Azure as Microsoft and Nvidia invest": the cue's own clause
      // names the investors.
      const clauseStart = lastClauseBreak(lower, cueAt);
      const inClause = orderedIds(unit.mentions.filter((m) => m.start >= clauseStart && m.start < cueAt));
      const investors = clauseStart > 0 ? putFirst(inClause, ids) : undefined;
      if (investors) return investors;
      const clause = lower.slice(0, cueAt + 12);
      if (TARGET_AS_SUBJECT.test(clause) && before.length > 0) return [...after, ...before];
      return [...before, ...after];
    }
    case "infrastructure": {
      // "a build-out backed by SoftBank, OpenAI and Oracle", "financing deal with Blue Owl":
      // the money comes first.
      const investors = ids.filter((id) => context.entities.get(id)?.kind === "investor");
      return fundersNamed(unit, lower, ids) ?? putFirst(investors, ids) ?? ids;
    }
    case "acquisition": {
      // "Groq to be acquired by Nvidia": the one after "by" is the buyer.
      const by = /\b(?:acquired|bought|purchased|taken over) by\s/.exec(lower);
      if (by) {
        const buyers = putFirst(
          orderedIds(unit.mentions.filter((m) => m.start >= by.index)).slice(0, 1),
          ids,
        );
        if (buyers) return buyers;
      }
      // "IBM agrees to sell Kestrel to Oracle", "Vantage sold to a Blue Owl group": the one after "to".
      const sold = SOLD_TO.exec(lower);
      if (sold) {
        const to = sold.index + sold[0].length;
        const buyers = putFirst(orderedIds(unit.mentions.filter((m) => m.start >= to)).slice(0, 1), ids);
        if (buyers) return buyers;
      }
      // "Groq licenses its technology to Nvidia": the licensee is the buyer.
      const licence = /\blicens(?:es|ed|ing) .{0,60}?\bto\s/.exec(lower);
      if (licence) {
        const to = licence.index + licence[0].length;
        const stop = lower.slice(to).search(/[;,.]/);
        const end = stop < 0 ? lower.length : to + stop;
        const buyers = putFirst(orderedIds(unit.mentions.filter((m) => m.start >= to && m.start < end)), ids);
        if (buyers) return buyers;
      }
      return [...before, ...after];
    }
    case "people": {
      // "loses a researcher to Meta", "departs for Meta", "joins Anthropic": the hirer first.
      const to = PEOPLE_DESTINATION.exec(lower);
      if (to) {
        const hirers = orderedIds(unit.mentions.filter((m) => m.start >= to.index + to[0].length));
        return putFirst(hirers.slice(0, 1), ids) ?? ids;
      }
      return ids;
    }
    case "legal": {
      // The state that opens a probe is no party: the governments among `opening`, if others remain.
      const withoutOpener = (opening: readonly Mention[]): string[] | undefined => {
        const opener = orderedIds(opening).filter((id) => context.entities.get(id)?.kind === "government");
        const kept = ids.filter((id) => !opener.includes(id));
        return opener.length > 0 && kept.length > 0 ? kept : undefined;
      };
      // "<bloc> opens antitrust investigation into X": the state named before the verb.
      const probe =
        lower.includes("investigation") || lower.includes("probe") ? PROBE_OPENED.exec(lower) : null;
      const beforeProbe = probe
        ? withoutOpener(unit.mentions.filter((m) => m.start < probe.index))
        : undefined;
      if (beforeProbe) return beforeProbe;
      // "X probed by the FTC": the state after "probed by".
      const by = lower.includes("probed by") ? PROBED_BY.exec(lower) : null;
      const afterBy = by ? withoutOpener(unit.mentions.filter((m) => m.start > by.index)) : undefined;
      return afterBy ?? [...before, ...after];
    }
    case "regulation":
      // "DeepSeek put on US trade blacklist by the Commerce Department": the state acts on the company.
      return (
        putFirst(
          ids.filter((id) => context.entities.get(id)?.kind === "government"),
          ids,
        ) ?? ids
      );
    case "compute_contract":
    case "chip_supply": {
      // "on Cerebras chips rather than on Nvidia GPUs", "competes with Nvidia and Groq": the
      // alternative set aside and the rivals are no side of the deal.
      const contrast = CONTRAST.exec(lower);
      if (contrast) {
        const stop = lower.slice(contrast.index).search(/[,.;]/);
        const end = stop < 0 ? lower.length : contrast.index + stop;
        const kept = unit.mentions.filter((m) => m.start < contrast.index || m.start >= end);
        if (kept.length < unit.mentions.length && orderedIds(kept).length >= 2)
          return orderParties(type, { ...unit, mentions: kept }, lower, cueAt, context);
      }
      // "A and B invest in C, which commits $20bn to AWS": the relative clause's deal is C's.
      const which = lower.lastIndexOf(", which ", cueAt);
      if (which > 0) {
        const antecedent = orderedIds(unit.mentions.filter((m) => m.end <= which)).at(-1);
        const inClause = orderedIds(unit.mentions.filter((m) => m.start > which));
        const kept = unit.mentions.filter((m) => m.start > which || m.entityId === antecedent);
        if (antecedent && inClause.length > 0 && kept.length < unit.mentions.length)
          return orderParties(type, { ...unit, mentions: kept }, lower, cueAt, context);
      }
      const kind = (id: string) => context.entities.get(id)?.kind ?? "lab";
      // "rents Nvidia GPUs from CoreWeave": the maker of the chips rented is what is rented, not a
      // side of the capacity deal.
      if (type === "compute_contract") {
        const makers = unit.mentions.filter(
          (m) => kind(m.entityId) === "chipmaker" && RENTED_CHIPS.test(lower.slice(m.end, m.end + 40)),
        );
        const kept = unit.mentions.filter((m) => !makers.includes(m));
        if (
          makers.length > 0 &&
          orderedIds(kept).length >= 2 &&
          kept.some((m) => kind(m.entityId) === "cloud" || kind(m.entityId) === "neocloud")
        )
          return orderParties(type, { ...unit, mentions: kept }, lower, cueAt, context);
      }
      // "Microsoft turns to AMD": who turns is the buyer, whatever its kind.
      if (type === "chip_supply" && before.length > 0 && lower.startsWith("turn", cueAt))
        return [...before, ...after];
      const supplier = (id: string) => SUPPLIER_KINDS.has(kind(id));
      const buyers = ids.filter((id) => !supplier(id));
      const customersFirst = putFirst(buyers, ids);
      if (customersFirst) return customersFirst;
      // Both sell capacity (Microsoft and Nebius): "Nebius to supply Microsoft" puts the seller last.
      const first = before[0];
      if (first && SUPPLIER_VERB.test(lower.slice(0, cueAt + 40)))
        return [...ids.filter((id) => id !== first), first];
      // Otherwise a hyperscaler renting from a neocloud or a data-centre firm is the customer.
      const hyperscalers = ids.filter((id) => kind(id) === "cloud");
      return putFirst(hyperscalers, ids) ?? ids;
    }
    default:
      return ids;
  }
}

// "would put the lab at roughly $20bn", "put the company's value at around $6bn": a price, told
// with "put" (the amount's own qualifier is part of the amount, so the text ends at "at ").
const PUT_AT =
  /\b(?:put(?:s|ting)? (?:[\w'’-]+ ){1,5}?(?:value|valuation)|(?:would|could|will|to|may|might|that) put (?:it|the (?:[\w-]+ )?(?:lab|company|start-?up|firm|group|business|developer|maker)|[a-z][\w.-]*)) at $/;

// "a cheque that would price the start-up at around $9bn": a price told with the verb "price".
const PRICE_AT =
  /\b(?:would|could|will|to|may|might|that|which) price (?!(?:the |its |their )?(?:shares|stock|bonds|notes|offering|ipo|debt)\b)(?:[\w'’-]+ ){1,4}?at $/;
// "Is Groq really worth $9bn?": the headline asks what the company is worth.
// "<product>'s maker is now worth nearly half a trillion dollars": what the company is worth.
const NOW_WORTH =
  /(?:\b(?:maker|company|lab|start-?up|firm|developer|owner|creator|parent)s? (?:is|are) (?:now |already )?|\b(?:is|are) now )worth (?:about |around |roughly |nearly |almost |close to |more than |over |some )?$/;
const WORTH_QUESTION =
  /(?:^|[:;,.] )is (?:[\w.'’-]+ ){1,3}?(?:really |truly |actually )?worth (?:about |around |some )?$/;

const LONG_VALUES_AT =
  /\bvalues (?:[\w'’-]+ ){4,10}?at (?:about |around |roughly |nearly |more than |some )?$/;
const ROUND_BEFORE_PRICE = /\b(?:rais(?:es|ed|ing)|pull(?:s|ed|ing)? in|round|funding)\b/;

/** The company's worth ("at a $183bn valuation"), not the deal's size, as the amount's sentence says. */
function isValuationAmount(lower: string, m: Money): boolean {
  const after = lower.slice(m.end, m.end + 25);
  // Back to the nearest comma: "worth $3.5tn in market value, will invest $2bn" is no valuation.
  const before = lower.slice(Math.max(0, m.start - 45, lower.lastIndexOf(",", m.start) + 1), m.start);
  // Each test needs a word that most sentences lack; looking for it first is cheaper.
  const valuedBefore = before.includes("valu");
  if (valuedBefore) {
    // "valued the full build-out at more than $15bn": what a project costs, not a company's worth.
    if (
      /\bvalu(?:ed|es|ing) (?:the |its |their )?(?:[\w-]+ ){0,2}?(?:build-?out|project|campus|expansion|plan|programme|program|site|facility|plant|fab|data[- ]?cent(?:er|re)s?)\b[^$€£]*$/.test(
        before,
      )
    )
      return false;
    // "a stake ... valued at $135bn", "an all-stock deal valued at $6.5bn": the size of the stake
    // or of the deal, not the company's worth.
    if (
      /\b(?:stake|deal|transaction|takeover|purchase|contract|agreement|pact|order)\b[^$€£]*valued at[^$€£]*$/.test(
        before,
      )
    )
      return false;
    // "a total contract value of approximately $9bn": what a contract is worth, not a company.
    if (/\b(?:contract|deal|order|agreement|lease|transaction)s? value (?:of|is|was) [^$€£]*$/.test(before))
      return false;
    // "an agreement with Microsoft, valued at up to $19.4bn", "the Microsoft deal, which is
    // valued at": another contract's size.
    if (
      /\b(?:deal|contract|agreement|pact|order)\b[^$€£.;]{0,60}, (?:which|that) (?:is|was|could be|would be) valued at[^$€£]*$|\b(?:contract|agreement|pact|order)\b[^$€£.;]{0,60}, valued at[^$€£]*$/.test(
        lower.slice(Math.max(0, m.start - 90), m.start),
      )
    )
      return false;
  }
  const worthBefore = before.includes("worth");
  return (
    (after.includes("valuation") && /^\s*(?:post-money |pre-money )?valuation/.test(after)) ||
    // "at an €8bn post-money price": the round's price told with "price".
    (after.includes("-money price") && /^\s*(?:post|pre)-money price\b/.test(after)) ||
    // "a $70bn price tag on the lab": the price before the noun.
    (after.includes("price tag") &&
      /^\s*price tag (?:on|for) (?:the |its |a )?(?:[\w'’-]+ ){0,3}?(?:company|lab|start-?up|firm|developer|maker|business)\b/.test(
        after,
      )) ||
    (worthBefore && /^\s*company\b/.test(after) && /\bworth (?:about |around |some )?$/.test(before)) ||
    (valuedBefore && /valu(?:e|es|ed|ing|ation)\b[^$€£]*$/.test(before)) ||
    (worthBefore &&
      /\b(?:could|would|might|will) be worth (?:about |around |some |roughly |as much as |up to )?$/.test(
        before,
      ) &&
      !/\b(?:deal|contract|agreement|order|pact|purchase|transaction),? (?:that|which) (?:could|would|might|will) be worth\b/.test(
        before,
      )) ||
    (before.includes("put") && PUT_AT.test(before)) ||
    (before.includes("price") && PRICE_AT.test(before)) ||
    (worthBefore && WORTH_QUESTION.test(before)) ||
    (worthBefore && NOW_WORTH.test(before)) ||
    // "The price: $14bn post-money.", and the label first: "Post-money: $11bn."
    (after.includes("-money") && /^\s*(?:post|pre)-money\b/.test(after)) ||
    (before.includes("-money") && /\b(?:post|pre)-money(?: valuation| price)?: $/.test(before)) ||
    (before.includes("price tag") && /\bprice tag (?:for|on) [^$€£]*$/.test(before)) ||
    // "a deal that values the San Francisco maker of the Claude chatbot at $150bn": a price told
    // after a description longer than the window above.
    (before.endsWith("at ") && LONG_VALUES_AT.test(lower.slice(Math.max(0, m.start - 100), m.start))) ||
    // "has pulled in $2bn at a price of $45bn": the price a round sets, not a purchase's.
    (before.includes("price of") &&
      /\bat a price of (?:about |around |roughly |some |nearly )?$/.test(before) &&
      ROUND_BEFORE_PRICE.test(lower.slice(Math.max(0, m.start - 100), m.start)))
  );
}

function valuedElsewhere(taken: ReadonlyMap<Money, EventType>, m: Money): boolean {
  for (const [t, type] of taken)
    if (type === "valuation" && sameAmount(t.amountUsd, m.amountUsd)) return true;
  return false;
}

/** The money a candidate refers to: the amount in its unit nearest to its cue, valuation cues first. */
function pickMoney(
  candidate: Candidate,
  money: Money[],
  taken: ReadonlyMap<Money, EventType>,
  lower: string,
): Money | undefined {
  // "$70bn" in the headline and the lead's "at a $70bn valuation" are one figure: once the
  // valuation has taken it, its copy elsewhere is no round's amount.
  const free = money.filter((m) => !taken.has(m) && !valuedElsewhere(taken, m));
  if (free.length === 0) return undefined;
  const valuationMoney = free.filter((m) => isValuationAmount(lower, m));
  // "was valued at $13 billion in its last round" is history, not this story's valuation.
  if (candidate.type === "valuation")
    return valuationMoney.find(
      (m) =>
        !PREVIOUS_ROUND.test(lower.slice(m.end, m.end + 40)) &&
        !EARLIER_ROUND_BEFORE.test(lower.slice(clauseAround(lower, m.start).start, m.start)),
    );

  // An amount in another clause ("...OpenAI; ChatGPT maker commits $250bn to Azure") belongs to
  // that clause's event.
  const clause = clauseAround(lower, candidate.cueAt);
  const rest = free.filter(
    (m) =>
      m.start >= clause.start &&
      m.start < clause.end &&
      !valuationMoney.includes(m) &&
      !isContextAmount(lower, m),
  );
  return [...rest].sort(
    (a, b) => Math.abs(a.start - candidate.cueAt) - Math.abs(b.start - candidate.cueAt),
  )[0];
}

// What an amount measures when it is not the deal: a company's revenue or market value, a
// forecast, an industry-wide estimate, or an earlier commitment told as background.
const CONTEXT_AFTER =
  /^\s*(?:(?:in|of) )?(?:(?:annual(?:i[sz]ed)?|quarterly|yearly) )?(?:(?:operating|net|gross|pre-tax) )?(?:revenue|sales|income|market (?:value|cap)|in market value|of market value|run[- ]rate|losses|loss|profits?|in (?:global |worldwide )?(?:ai )?spending|(?:a|per) year in (?:revenue|sales)|by (?:20\d\d|the end of the decade))\b/;
const CONTEXT_BEFORE =
  /\b(?:revenue|sales|market (?:value|cap\w*)|forecasts?|forecasting|projects|projected|predicts?|analysts? (?:estimate|expect|say)|estimates?|estimated that|industry|already|previously|amid|on top of|earlier this|last (?:year|month|quarter)|(?:operating |net |quarterly )?(?:profits?|earnings|income) of|all told|add(?:s|ed|ing)? up|existing|has already (?:committed|locked in|pledged|signed)|had (?:committed|pledged|signed)|locked in|added|adding|wiped|shed|(?:holds?|holding|owns?|owning|retains?|keeps?) (?:a |an |its |the )?(?:[\w-]+ )?stake (?:valued at|worth)|worth of (?:shares|stock)|trillion-dollar club|could reach|will reach|expected to (?:reach|hit|top))\b[^$€£;]*$/;

// "adding $25 billion to its market value": a share-price move, not money paid.
const MARKET_VALUE_AFTER = /^\s*(?:to|from|off) (?:its |their |the company's )?market (?:value|cap\w*)\b/;

// "raised $640 million at a $2.8 billion valuation a year ago": an earlier round.
const HISTORY_AFTER =
  /^(?: at an? (?:us)?[$€£][\d.]+\s?\w+ (?:post-money |pre-money )?valuation)?[^.;$€£]{0,40}\b(?:last (?:year|quarter|round|spring|summer|autumn|fall|winter)|a (?:year|quarter) (?:ago|earlier|before)|in (?:its|the|a) (?:last|previous|prior|earlier) (?:round|funding|quarter))\b/;

// "$725 million to settle a separate privacy lawsuit": the amount of another case or deal.
const OTHER_MATTER_AFTER =
  /^[^.;$€£]{0,30}\b(?:separate|unrelated|earlier|previous|prior) (?:[a-z-]+ )?(?:case|lawsuit|suit|settlement|dispute|claims?|action|deal|contract|agreement)\b/;

// "the $38 billion it has already committed": the amount of an earlier deal.
const ALREADY_AFTER = /^[^.;,$€£]{0,30}\b(?:has|had|have) already\b/;

// "A year earlier it raised $640m at a $2.8bn valuation": an earlier round told as background.
const EARLIER_ROUND_BEFORE =
  /\b(?:a year (?:earlier|ago|before)|last year|the year before|previously|in its (?:last|previous|prior) round)\b/;

const PREVIOUS_ROUND =
  /^[^.;$€£]{0,20}\b(?:in (?:its|the|a) (?:last|previous|prior|earlier) (?:round|funding)|last (?:year|round|spring|summer|autumn|fall|winter)|a year (?:ago|earlier|before)|earlier (?:this|that) year|in 20\d\d)\b/;

/** An amount that the clause ties to something other than the deal it reports. */
function isContextAmount(lower: string, m: Money): boolean {
  const after = lower.slice(m.end, m.end + 40);
  if (
    CONTEXT_AFTER.test(after) ||
    (after.includes("already") && ALREADY_AFTER.test(after)) ||
    MARKET_VALUE_AFTER.test(after) ||
    OTHER_MATTER_AFTER.test(after) ||
    HISTORY_AFTER.test(after)
  )
    return true;
  // Read back to the nearest comma: ", which forecasts $5bn in revenue, signed a $14bn deal".
  const comma = lower.lastIndexOf(",", m.start);
  const from = Math.max(
    lastClauseBreak(lower, m.start),
    clauseAround(lower, m.start).start,
    m.start - 60,
    comma + 1,
  );
  return CONTEXT_BEFORE.test(lower.slice(from, m.start));
}

// "Marvell Technology, Inc. today agreed to acquire ...": a company suffix's full stop ends no clause.
// Nor does a ticker's colon: "Super Micro Computer (NASDAQ: SMCI) today agreed to acquire ...".
const CLAUSE_BREAK =
  /;|\.(?<!\b(?:inc|corp|ltd|co|plc|llc)\.) |, while |:(?<!\((?:nasdaq|nyse|lse|tsx|asx|hkex|krx|tse|otc):) /g;

function clauseAround(text: string, at: number): { start: number; end: number } {
  const { breaks } = clausesOf(text);
  let start = 0;
  for (let k = 0; k < breaks.length; k += 2) {
    if ((breaks[k] as number) < at) start = breaks[k + 1] as number;
    else return { start, end: breaks[k] as number };
  }
  return { start, end: text.length };
}

function sameAmount(a: number | null, b: number): boolean {
  return a !== null && Math.abs(a - b) <= 0.001 * b;
}

const PARTICIPATED =
  /\b(?:(?:also )?(?:took part|takes part|taking part|participated|participates|participating|joined|joins) (?:in )?the|(?:is|are) (?:expected|set|due|poised|likely) to lead the|(?:is|are) leading the) (?:round|raise|funding)\b|\b(?:investors|backers) (?:named by the (?:company|lab|start-?up) |in the (?:round|raise) )?include\b/;

// "..., with Nvidia also taking part, the company said"; "Nvidia led again; Microsoft came along";
// "$600m led by A, with B participating, sets ...".
const PARTICIPATED_TOO =
  /\bwith [^.;]{2,80}? (?:also (?:taking|took|takes) part|participating)\b|\bled again\b|\bcame along\b/;

// "The price: $14bn post-money.": a round's price as a sentence of its own.
const VALUE_WORD = /valu|worth|price tag|post-money/i;
// Also the label first, as a newsletter writes it: "Post-money: $11bn."
const UNNAMED_VALUE =
  /\$[\d.]+\s?(?:b|bn|billion|t|tn|trillion) post-money\b|\bpost-money(?: valuation| price)?: (?:us)?\$[\d.]+\s?(?:b|bn|billion|t|tn|trillion)\b|\b(?:(?:valu(?:e|es|ing)|price tag (?:for|on)) (?:it|the (?:[\w-]+ )?(?:lab|company|start-?up|firm|group|business|developer|maker))\b|(?:its|the (?:lab|company|start-?up|firm)['’]s) value\b|(?:it|the (?:lab|company|start-?up|firm)) (?:could|would|might|will) be worth\b|values the (?:[\w'’-]+ ){1,3}?(?:provider|operator|company|lab|start-?up|firm|group|business|developer|maker|platform) at\b)/;

const ESTIMATE =
  /\b(?:puts?|putting|estimates?|estimated|reckons?) the (?:cost|price|bill|value) of (?:a|an|one|each|every|the average)\b|\bcosts? (?:of )?(?:about |around |roughly )?(?:us)?\$[\d.]+\s?\w+ (?:per|a|for each|for every) (?:gigawatt|gw|site|campus)\b/;

const TERM_OR_POWER = /year|watt|\b[GM]W\b/i;
const CURRENCY = /\$|€|£|\b(?:dollars?|euros?|pounds)\b|-dollar\b/;

/**
 * Finds the events an article reports, from its title and lead sentences. Pure and
 * deterministic: the same units and context always give the same events.
 */
export function extractEvents(units: readonly TextUnit[], context: EventContext): ExtractedEvent[] {
  if (!units.some((u) => u.mentions.length > 0)) return [];
  const title = units.find((u) => u.isTitle);
  // "Opinion:", "Explainer:", "Earnings preview:": the outlet labels the piece as no news.
  if (title && (NO_NEWS_LABEL.test(title.text) || WHAT_IS.test(title.text))) return [];
  // A headline figure for a whole market names no company: the companies the lead lists drive it.
  if (title && title.mentions.length === 0 && RECORD_FIGURE.test(title.text)) return [];
  // Lower-cased lazily: sentences without a company are read only for amounts and terms.
  const lowered = new Map<TextUnit, string>();
  // Amounts are read only for the sentences that need them, once each.
  const cache = new Map<TextUnit, Money[]>();
  const amounts = {
    get(unit: TextUnit): Money[] {
      let value = cache.get(unit);
      if (!value) {
        value = extractMoney(unit.text, context.rates);
        cache.set(unit, value);
      }
      return value;
    },
  };
  // Term and power of each unit, read once whichever events ask (undefined: it names none).
  const terms = new Map<TextUnit, ReturnType<typeof extractTerms> | undefined>();
  const termsOf = (u: TextUnit) => {
    if (!terms.has(u)) terms.set(u, TERM_OR_POWER.test(u.text) ? extractTerms(u.text) : undefined);
    return terms.get(u);
  };
  const lower = (u: TextUnit): string => {
    let text = lowered.get(u);
    if (text === undefined) {
      text = u.text.toLowerCase();
      lowered.set(u, text);
    }
    return text;
  };

  const byType = new Map<EventType, Candidate>();
  const titleTypes = new Set<EventType>();
  const secondary: Candidate[] = [];
  // The first character gates the profile form: most headlines start with neither "The" nor "Why",
  // nor hold " loss".
  const first = title === undefined ? 0 : title.text.charCodeAt(0) | 0x20;
  const profile =
    title !== undefined &&
    (first === 0x74 || first === 0x77 || title.text.includes(" loss")) &&
    PROFILE_TITLE.test(title.text);
  const bodyTypes = isLiveBlog(units) ? LIVE_BLOG_BODY_TYPES : profile ? PROFILE_BODY_TYPES : BODY_TYPES;
  for (const [index, unit] of units.entries()) {
    // The title may name no company ("Investors question circular deals"): the lead does.
    if (unit.mentions.length === 0 && !unit.isTitle) {
      // "The deal would value the lab at $40bn": a round's price told without the company's name
      // (an untracked company's name, "would value Poolside at", is another company's price).
      if (index <= 3 && VALUE_WORD.test(unit.text) && UNNAMED_VALUE.test(lower(unit))) {
        const at = CUES.valuation.exec(lower(unit));
        if (at && amounts.get(unit).length > 0) {
          const weight = index <= 2 ? 1 : 0.5;
          const existing = byType.get("valuation");
          if (existing) existing.score += weight;
          else byType.set("valuation", { type: "valuation", score: weight, unit, cueAt: at.index });
          secondary.push({ type: "valuation", score: weight, unit, cueAt: at.index });
        }
      }
      continue;
    }
    // "Analysts put the cost of a gigawatt at $50bn": an estimate of a kind of spending, no deal.
    if (!unit.isTitle && ESTIMATE.test(lower(unit))) continue;
    // "A, B and C have all raised their spending plans": the industry as background, no deal.
    if (!unit.isTitle && isAggregate(unit, lower(unit))) continue;
    // "X's $2bn raise and rounds for A and B made up a third of the total": a market tally.
    if (!unit.isTitle && MAYBE_TOTAL.test(unit.text) && MARKET_TOTAL.test(lower(unit))) continue;
    // A round or a stake told in the past beside a headline of another kind ("raised $2bn at a
    // $14bn valuation last month" under a partnership): background, not this story's deal.
    // Read only when the sentence has a round's or a price's cue: most have neither.
    let recap: boolean | undefined;
    const isRecap = () => {
      recap ??=
        titleTypes.size > 0 &&
        !titleTypes.has("investment") &&
        !titleTypes.has("valuation") &&
        RECAP.test(lower(unit));
      return recap;
    };
    for (const [type, cueAt] of findCues(lower(unit), unit.isTitle, bodyTypes)) {
      if (unit.isTitle) titleTypes.add(type);
      else if ((type === "investment" || type === "valuation") && isRecap()) continue;
      // "considered buying it last year but decided against an acquisition": an option set aside.
      else if (type === "acquisition" && unit.text.includes("considered") && SET_ASIDE.test(lower(unit)))
        continue;
      // "Mistral, which was valued at $14bn this year, agreed to rent ...": the company's standing
      // price, told in a relative clause about the subject, is no event of the sentence.
      else if (type === "valuation" && STANDING_VALUE.test(lower(unit).slice(Math.max(0, cueAt - 20), cueAt)))
        continue;
      const weight = unit.isTitle ? 3 : index <= 2 ? 1 : 0.5;
      const existing = byType.get(type);
      if (existing) existing.score += weight;
      else byType.set(type, { type, score: weight, unit, cueAt });
      // A lead sentence with its own amount can state a second event ("the round values xAI at $50bn").
      // Not a deal of another kind told as background: "signed a $2bn contract with Oracle in
      // January", "days after it announced a $3bn build-out" under a round's or a hire's headline.
      // Nor a deal told beside a hire or a departure ("is in talks with lenders over a $20bn
      // loan" under "finance chief is said to be leaving"): the people headline is the news.
      if (
        !unit.isTitle &&
        MONEY_TYPES.has(type) &&
        !(titleTypes.has("people") && !titleTypes.has(type) && FINANCING_TALKS.test(lower(unit))) &&
        amounts.get(unit).length > 0 &&
        !(!titleTypes.has(type) && isBackground(type, titleTypes, lower(unit)))
      ) {
        secondary.push({ type, score: weight, unit, cueAt });
      }
    }
  }
  // A profile headline describes the person by what they did: its deal and site words are no event,
  // nor are the lead's without an amount ("will run its chips for data centres": the new job).
  if (profile && byType.get("people")?.unit.isTitle === false)
    for (const [type, candidate] of byType)
      if (type !== "people" && (candidate.unit.isTitle || amounts.get(candidate.unit).length === 0))
        byType.delete(type);
  resolveOverlaps(byType, title, units, lower, context);
  // "Staff to sell $2bn of shares in a tender offer": existing shares change hands and no money
  // goes to the company, so the sale sets a price but is no investment.
  if (byType.has("investment") && isShareSale(units, lower)) byType.delete("investment");
  // "Researchers accuse X of ...": an allegation that no suit, court or regulator carries is criticism.
  const accused = byType.get("legal");
  if (accused && !units.slice(0, 4).some((u) => LEGAL_SETTING.test(lower(u)))) {
    byType.delete("legal");
    if (!byType.has("controversy")) byType.set("controversy", { ...accused, type: "controversy" });
  }
  // "FTC opens inquiry into AI investments and partnerships": what a regulator looks into is the
  // probe's topic; the deals and hires it names are not this item's event.
  const probe = title && byType.has("legal") ? PROBE_INTO.exec(lower(title)) : null;
  if (probe) {
    const topic = probe.index + probe[0].length;
    for (const [type, candidate] of byType)
      if (type !== "legal" && candidate.unit === title && candidate.cueAt >= topic) byType.delete(type);
  }
  if (byType.size === 0) return [];

  const statusTexts = units.slice(0, 3).map(lower);
  // One reading per kind of stage: deals share theirs, lawsuits have their own.
  const stages = new Map<string, EventStatus | null>();
  const stageOf = (type: EventType): EventStatus | null => {
    const kind = type === "legal" || type === "controversy" ? type : "deal";
    if (!stages.has(kind)) stages.set(kind, statusOf(type, statusTexts));
    return stages.get(kind) ?? null;
  };
  // Ties go to the reading the title states first ("GPU deal with warrant" is a chip deal).
  const ranked = [...byType.values()].sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.unit.isTitle) - Number(a.unit.isTitle) ||
      a.cueAt - b.cueAt ||
      EVENT_TYPES.indexOf(a.type) - EVENT_TYPES.indexOf(b.type),
  );
  // The strongest reading, plus any other that the title states outright.
  const chosen = ranked.filter((c, i) => i === 0 || (c.unit.isTitle && c.score >= 3));
  const fromLead = new Set<Candidate>();
  for (const extra of secondary) {
    if (!byType.has(extra.type) || chosen.some((c) => c.type === extra.type)) continue;
    chosen.push(extra);
    fromLead.add(extra);
  }

  // A headline whose events sit in clauses of their own ("A books B capacity; C's $6bn expansion").
  const titleText = title ? lower(title) : "";
  // A column's label over items parted by semicolons is a roundup even when one item holds no cue.
  const roundup =
    titleText.includes(itemSeparator(titleText)) &&
    ((titleText.includes("; ") && COLUMN_LABEL.test(titleText)) ||
      new Set(
        chosen
          .filter((c) => c.unit.isTitle)
          .map((c) => titleText.lastIndexOf(itemSeparator(titleText), c.cueAt)),
      ).size >= 2);
  const taken = new Map<Money, EventType>();
  const events: ExtractedEvent[] = [];
  // Valuations claim their amount first: "raises $13bn at a $183bn valuation" holds two amounts.
  // Then deals before hires and disputes: "hires its founders and licenses its models for $650m"
  // is the licence's price, not the hire's.
  const claim = (c: Candidate) => (c.type === "valuation" ? 2 : MONEY_TYPES.has(c.type) ? 1 : 0);
  const order = [...chosen].sort((a, b) => claim(b) - claim(a));
  for (const candidate of order) {
    // A lead sentence is read as a second event for its amount: when every amount it gives
    // measures something else ("a stake valued at $130bn" that a foundation holds), it states nothing new.
    if (
      fromLead.has(candidate) &&
      amounts.get(candidate.unit).every((m) => isContextAmount(lower(candidate.unit), m))
    )
      continue;
    const money = moneyFor(candidate, units, title, amounts, taken, lower, roundup);
    // A lead sentence is read as a second event for its amount: when another event has taken it
    // ("pulled in $1.5bn, the GPU cloud said"), the sentence states nothing new.
    if ((candidate.type === "valuation" || fromLead.has(candidate)) && !money) continue;
    // A lead sentence that states an event already found, with the same money, read a second way
    // ("would put $2bn into the round, most of it back to Nvidia as GPU orders"): one event.
    if (
      money &&
      fromLead.has(candidate) &&
      events.some(
        (e) =>
          MONEY_TYPES.has(e.type) &&
          sameAmount(e.amountUsd, money.amountUsd) &&
          CUES[e.type].test(lower(candidate.unit)) &&
          // "Qualcomm's $2.4bn bet" over "paying $2.4bn for Arduvo is its biggest wager": the
          // purchase is the deal, and the bet gives way to it below.
          !(candidate.type === "acquisition" && e.type === "investment"),
      )
    )
      continue;
    if (money) taken.set(money, candidate.type);
    const partyUnit = withoutAside(
      candidate.unit.mentions.length > 0
        ? candidate.unit
        : (units.find((u) => u.mentions.length > 0) ?? candidate.unit),
      lower,
      candidate.cueAt,
      roundup,
      candidate.type === "launch",
    );
    const named =
      describedParties(
        partyUnit === candidate.unit ? candidate : { ...candidate, unit: partyUnit },
        units,
        lower,
        context,
      ) ?? orderParties(candidate.type, partyUnit, lower(partyUnit), candidate.cueAt, context);
    const parties =
      (candidate.type === "investment" || candidate.type === "valuation") && named.length >= 2
        ? withoutFormerEmployers(named, units.slice(0, 4), lower)
        : named;
    // "Why Intel's server chief left for AMD" over "AMD poached him in March": the profile's
    // headline names the employer the lead leaves out.
    if (profile && candidate.type === "people" && !candidate.unit.isTitle && title)
      for (const id of orderedIds(title.mentions)) if (!parties.includes(id)) parties.push(id);
    if (parties.length === 0) continue;
    const event: ExtractedEvent = {
      type: candidate.type,
      amountUsd: money ? money.amountUsd : null,
      qualifier: money ? money.qualifier : null,
      parties,
      status: stageOf(candidate.type),
      evidence: candidate.unit.text,
    };
    if (candidate.type === "legal") {
      // Plaintiffs first, defendants after; untracked parties (a newspaper, an estate) by name.
      const roles = legalRoles(partyUnit.text, partyUnit.mentions, context.entities);
      if (roles) {
        event.parties = [...roles.ids, ...parties.filter((id) => !roles.ids.includes(id))];
        if (roles.names) event.partyNames = roles.names;
        event.plaintiffCount = roles.plaintiffCount;
      }
      const own = new Set([candidate.unit.text, partyUnit.text, ...(title ? [title.text] : [])]);
      for (const unit of units.slice(0, 4)) {
        if (unit.isTitle) continue;
        if (unit.text.includes("also") && ALSO_DEFENDANT.test(lower(unit)))
          for (const id of orderedIds(unit.mentions)) if (!event.parties.includes(id)) event.parties.push(id);
        // "Mensch takes A and B to court" over "the case lodged by Mistral": the company sues.
        const by = unit.text.includes(" by ") ? LODGED_BY.exec(lower(unit)) : null;
        // Only a company named straight after "by": "filed by authors against Meta" names no plaintiff.
        const from = by ? by.index + by[0].length : -1;
        const plaintiff = by
          ? orderedIds(unit.mentions.filter((m) => m.start >= from && m.start <= from + 4))[0]
          : undefined;
        if (plaintiff && !event.parties.includes(plaintiff)) {
          event.parties.unshift(plaintiff);
          if (event.plaintiffCount !== undefined) event.plaintiffCount++;
        }
        // "a suit over its OpenAI ties ... OpenAI is not a defendant": the subject, not a side.
        const not = unit.text.includes(" not ") ? NOT_DEFENDANT.exec(lower(unit)) : null;
        const cleared = not
          ? orderedIds(unit.mentions.filter((m) => m.end <= not.index && m.end >= not.index - 2)).at(-1)
          : undefined;
        const at = cleared === undefined ? -1 : event.parties.indexOf(cleared);
        if (at >= (event.plaintiffCount ?? 0) && event.parties.length > 1) event.parties.splice(at, 1);
      }
      // "News publisher sues X" over a lead that names the publisher: the name tells the case.
      let caseRoles = roles;
      if (roles && describedOnly(roles))
        for (const unit of units.slice(0, 4)) {
          const named = unit.isTitle
            ? undefined
            : namedPlaintiffs(unit.text, unit.mentions, context.entities);
          if (named) {
            caseRoles = { ...roles, plaintiffs: named };
            break;
          }
        }
      // "Illustrators sue X" over "The illustrators, led by Dana Whitcombe, ...": the lead plaintiff.
      else if (roles && roles.plaintiffs.length > 0)
        for (const unit of units.slice(0, 4)) {
          const led =
            unit.isTitle || !unit.text.includes(", led by ") ? undefined : ledPlaintiff(unit.text, roles);
          if (led) {
            caseRoles = { ...roles, plaintiffs: led };
            break;
          }
        }
      event.legalCase = legalCase(
        [...own],
        units.slice(0, 4).map((u) => u.text),
        caseRoles,
      );
    }
    if (money && money.currency !== "USD")
      event.originalAmount = { amount: money.amount, currency: money.currency };
    // Term and power: from the event's own sentence, else from the first lead sentence that says.
    // Read unit by unit, until both are found: most sentences state neither.
    let years: number | undefined;
    let power: number | undefined;
    for (let k = -1; k < units.length && !(years && power); k++) {
      const found = termsOf(k < 0 ? candidate.unit : (units[k] as TextUnit));
      years ||= found?.durationYears;
      power ||= found?.gigawatts;
    }
    if (years) event.durationYears = years;
    if (power) event.gigawatts = power;
    events.push(event);
  }
  // "A and B will invest $4bn and $6bn respectively in C": one investment per investor.
  const pooled = events.findIndex((e) => e.type === "investment");
  if (pooled >= 0) {
    const split = perInvestor(events[pooled] as ExtractedEvent, units, amounts, lower);
    if (split) events.splice(pooled, 1, ...split);
  }
  // "A consortium led by Blue Owl and SoftBank is in talks to buy X": every member is a buyer.
  const buyout = events.find((e) => e.type === "acquisition");
  if (buyout) {
    for (const unit of units.slice(0, 4)) {
      if (unit.isTitle || unit.mentions.length < 2 || !unit.text.includes("led by")) continue;
      const led = CONSORTIUM.exec(lower(unit));
      if (!led) continue;
      const from = led.index + led[0].length;
      const stop = lower(unit).slice(from).search(CONSORTIUM_END);
      const end = stop < 0 ? unit.text.length : from + stop;
      const members = orderedIds(unit.mentions.filter((m) => m.start >= from && m.start < end));
      if (members.length >= 2 && buyout.parties.includes(members[0] as string))
        buyout.parties = [...members, ...buyout.parties.filter((id) => !members.includes(id))];
      break;
    }
  }
  // "SoftBank also took part in the round": investors the lead adds, before the one that raised.
  const round = events.find((e) => e.type === "investment");
  if (round && round.parties.length >= 1) {
    for (const unit of units.slice(0, 4)) {
      if (
        unit.isTitle ||
        unit.mentions.length === 0 ||
        !(PARTICIPATED.test(lower(unit)) || PARTICIPATED_TOO.test(lower(unit)))
      )
        continue;
      const raised = round.parties.at(-1) as string;
      const joined = orderedIds(unit.mentions).filter((id) => !round.parties.includes(id));
      if (joined.length > 0) round.parties = [...round.parties.slice(0, -1), ...joined, raised];
    }
  }
  // "Broadcom's $3.2bn bet on optics" beside its $3.2bn purchase: one deal told two ways.
  // So is "<supplier>'s <customer> win: nearly $12bn and a bet on gas" beside the $12bn contract.
  for (const deal of events) {
    if (deal.amountUsd === null) continue;
    const bought = deal.type === "acquisition";
    if (!bought && deal.type !== "compute_contract" && deal.type !== "chip_supply") continue;
    const twice = events.findIndex(
      (e) =>
        e.type === "investment" &&
        sameAmount(e.amountUsd, deal.amountUsd ?? 0) &&
        (bought || BET_WORD.test(e.evidence)),
    );
    if (twice >= 0) {
      events.splice(twice, 1);
      break;
    }
  }
  // A valuation belongs to the company that raised the money.
  const target = events.find((e) => e.type === "investment")?.parties.at(-1);
  for (const event of events)
    if (event.type === "valuation") event.parties = target ? [target] : event.parties.slice(-1);
  // Report in the order of strength, valuations after the deal that set them.
  const rank = (e: ExtractedEvent) =>
    (e.type === "valuation" ? 100 : 0) + chosen.findIndex((c) => c.type === e.type);
  return events.sort((a, b) => rank(a) - rank(b));
}

// Existing shares sold by staff or early holders: a tender offer, a secondary sale.
const SHARE_SALE =
  /\b(?:tender offer|secondary (?:share |stock )?sale|(?:employee|staff|worker) (?:share|stock) sale|(?:shares|stock) (?:held|owned) by (?:current|former|its|early|existing)|existing (?:shares|stock)|(?:staff|employees|workers|holders) (?:to |will |can )?sell|let(?:s|ting)? (?:[\w-]+ )?(?:staff|employees|workers|holders) (?:sell|cash out))\b/;
// The company raises money all the same: "raises $2bn as staff also sell shares".
const RAISES = /\brais(?:es|ed|ing|e) (?!no\b)|\bfunding round\b|\bseries [a-h]\b/;

/** Whether the title or the lead's first sentences tell a sale of existing shares, not a raise. */
function isShareSale(units: readonly TextUnit[], lower: (u: TextUnit) => string): boolean {
  const head = units.slice(0, 3);
  const sale = head.some((u) => {
    const text = lower(u);
    return (
      (text.includes("tender") ||
        text.includes("secondary") ||
        text.includes("sell") ||
        text.includes("sale") ||
        text.includes("shares") ||
        text.includes("stock")) &&
      SHARE_SALE.test(text)
    );
  });
  const title = units.find((u) => u.isTitle);
  return sale && !(title && RAISES.test(lower(title)));
}

// "What is a neocloud, and why do investors care?": an explainer told as a question.
const WHAT_IS = /^what (?:is|are) (?:an? |the )?[^,?]{2,50},? and why\b/i;
// "OpenAI, which built the model, was also named as a defendant": a party the headline leaves out.
const ALSO_DEFENDANT = /\b(?:was|were|is|are) also (?:named|listed|sued) as (?:a )?(?:co-)?defendants?\b/;
const NOT_DEFENDANT =
  / (?:(?:is|was|are|were) not (?:named as |listed as |itself )?(?:a )?(?:defendants?|part(?:y|ies) to the (?:suit|case|lawsuit|complaint))|has not been (?:named|sued) as (?:a )?defendant)\b/;
const LODGED_BY = /\b(?:case|suit|lawsuit|complaint|action|claim)s? (?:lodged|filed|brought|launched) by\s/;
const NO_NEWS_LABEL =
  /^(?:explainer|opinion|op-ed|earnings preview|(?:reader(?:s['’])? )?mailbag|readers? (?:ask|questions?|q&a)|q&a)\s*[:—–|]/i;
// "Europe's data-centre construction spending hits a record": a market figure with no company.
const RECORD_FIGURE =
  /\b(?:hits?|reach(?:es|ed)?|tops?|topped|climbs?|climbed|rises?|rose|jumps?|jumped|surges?|surged|soars?|soared|falls?|fell) (?:a )?(?:new |fresh )?(?:record|all-time high)\b/i;
const MAYBE_TOTAL = / total\b|according to (?:figures|data)/;
const MARKET_TOTAL =
  /\b(?:(?:share|third|half|quarter|fifth|most) of the total|made up (?:[\w-]+ ){0,4}?of the total|according to (?:figures|data) (?:compiled|gathered|from))\b/;
const SET_ASIDE =
  /\bconsidered (?:buying|acquiring|a (?:takeover|bid|purchase))\b[^.;]*\b(?:decided against|ruled (?:it |that )?out|walked away|passed|dropped|abandoned)\b/;
const STANDING_VALUE = /, which (?:was|is|had been|has been) $/;
// A date or a back-reference: the sentence tells of something that came before.
const DATED = String.raw`last (?:month|week|year|quarter|spring|summer|autumn|fall|winter)|earlier this (?:year|month)|a (?:year|month) ago|in (?:january|february|march|april|june|july|august|september|october|november|december)|in (?:its|a|the) (?:previous|prior|last|earlier) round|in 20\d\d|(?:days|weeks|hours|a day|a week|a month|months) (?:after|before)|, which (?:[\w-]+ ){0,3}?raised|after (?:it |they |the company )?(?:agreed|said|announced|signed|committed|pledged) (?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|earlier this week)|(?:second|third|fourth|fifth|sixth) (?:[\w-]+ ){0,2}?(?:investment|deal|acquisition|purchase)s? (?:this|in a) week`;
const DATED_RECAP = new RegExp(`\\b(?:${DATED})\\b`);
const RECAP = new RegExp(`\\b(?:${DATED}|ha(?:s|ve) (?:already )?(?:invested|put|poured|raised))\\b`);

/**
 * Whether a lead sentence's deal of `type`, one the headline does not state, is background. Under
 * a round's headline "has raised" tells this round; only a date or a back-reference makes a round
 * or a price of the sentence an earlier one ("the valuation set when it raised $400m in February").
 */
function isBackground(type: EventType, titleTypes: ReadonlySet<EventType>, lower: string): boolean {
  const funding = (t: EventType) => t === "investment" || t === "valuation";
  return funding(type) && (titleTypes.has("investment") || titleTypes.has("valuation"))
    ? DATED_RECAP.test(lower)
    : RECAP.test(lower);
}

const CONSORTIUM = /\b(?:consortium|group) led by\s/;
const CONSORTIUM_END =
  /\b(?:is|are|has|have|had|agreed|agrees|will|would|said|nears?|to|in (?:talks|advanced))\b|[;,]/;
const RESPECTIVELY = /\brespectively\b/;
// "Amazon is putting in up to $4bn, AMD up to $6bn": the second investor's verb left out.
const ELLIPTIC_GAP =
  /^\s*,\s*(?:and\s+|while\s+)?@\s*(?:up to|as much as|about|around|roughly|some|nearly|more than|over|another)?\s*$/i;
const CHEAP_ELLIPSIS = /[$€£][\d.]+\s?\w*,\s/;

/**
 * The investments of a sentence that pairs investors with their own amounts, one event each,
 * or undefined when no lead sentence does.
 */
function perInvestor(
  round: ExtractedEvent,
  units: readonly TextUnit[],
  amounts: { get(unit: TextUnit): Money[] },
  lower: (u: TextUnit) => string,
): ExtractedEvent[] | undefined {
  for (const unit of units.slice(0, 4)) {
    if (unit.isTitle || unit.mentions.length < 2) continue;
    const respectively = RESPECTIVELY.test(lower(unit));
    if (!respectively && !CHEAP_ELLIPSIS.test(unit.text)) continue;
    if (!CUES.investment.test(lower(unit))) continue;
    const money = amounts.get(unit);
    if (money.length < 2) continue;
    const first = money[0] as Money;
    const last = money.at(-1) as Money;
    const sorted = [...unit.mentions].sort((a, b) => a.start - b.start);
    let investors: string[];
    if (respectively) {
      investors = orderedIds(sorted.filter((m) => m.end <= first.start));
    } else {
      investors = orderedIds(sorted.filter((m) => m.end <= first.start)).slice(-1);
      for (let k = 1; k < money.length; k++) {
        const from = (money[k - 1] as Money).end;
        const to = (money[k] as Money).start;
        const inGap = sorted.filter((m) => m.start >= from && m.end <= to);
        if (inGap.length !== 1) return undefined;
        const gap = inGap[0] as Mention;
        const shape = `${unit.text.slice(from, gap.start)}@${unit.text.slice(gap.end, to)}`;
        if (!ELLIPTIC_GAP.test(shape)) return undefined;
        investors.push(gap.entityId);
      }
    }
    if (investors.length !== money.length || new Set(investors).size !== investors.length) continue;
    // The one invested in: named after the amounts, else the deal's other party, else the headline's.
    const after = orderedIds(sorted.filter((m) => m.start >= last.end));
    const elsewhere = [...after, ...round.parties, ...units.flatMap((u) => orderedIds(u.mentions))];
    const recipient = elsewhere.find((id) => !investors.includes(id));
    if (recipient === undefined) continue;
    // "as much as $4bn and $6bn": the hedge of the first figure covers the ones it lists.
    const shared = respectively && first.qualifier !== "exact" ? first.qualifier : undefined;
    return money.map((m, k) => ({
      ...round,
      amountUsd: m.amountUsd,
      qualifier: m.qualifier === "exact" && shared ? shared : m.qualifier,
      parties: [investors[k] as string, recipient],
      evidence: unit.text,
    }));
  }
  return undefined;
}

// Words that put an accusation before a court, a regulator or a claim of rights.
const BET_WORD = /\b(?:bets?|wager|gamble)\b/i;
const PROBE_OPENED = new RegExp(`\\b${PROBE_OPENING_SOURCE} (?:into|of)\\s`);
// "X's practice probed by US regulator", "X is under formal investigation": the probe in the passive.
const PROBE_PASSIVE = new RegExp(`\\b(?:${PROBE_PASSIVE_SOURCE})\\b`);
const PROBED_BY = /\bprobed by\s/;
const PROBE_INTO = /\b(?:probe|inquiry|investigation)s? (?:into|of)\s/;
const LEGAL_SETTING =
  /\b(?:sues?|sued|suing|suits?|lawsuits?|litigation|class action|complaints?|plaintiffs?|courts?|judges?|jury|ruling|injunction|settle\w*|filed|files|filing|probes?|inquiry|investigat\w*|regulators?|watchdogs?|antitrust|attorneys? general|prosecutors?|charged|charges|indict\w*|arbitration|tribunal|trade secrets?|copyright|patents?|infring\w*|legal|breach of contract|appeal\w*|verdict|damages|lawyers?|attorneys?|discovery|subpoena\w*|deposition)\b/;

// Companies told as a group, each doing its own thing: "have all raised their plans", "add up
// what A, B and C say they will spend". Not "will invest $X between them": one deal of several.
const AGGREGATE =
  /\b(?:have all|all have|have each|each (?:plan|have|say)|their (?:capital|capex|spending|combined|own)|(?:say|said) they (?:will|would|plan)|add(?:s|ed|ing)? up|all told)\b/;

function isAggregate(unit: TextUnit, lower: string): boolean {
  if (unit.mentions.length < 3 || !AGGREGATE.test(lower)) return false;
  return new Set(unit.mentions.map((m) => m.entityId)).size >= 3;
}

// "deal with Murati's AI start-up", "its chip rival": a party the headline names by description.
const DESCRIBED_PARTY =
  /\b(?:[a-z][\w-]*['’]s|its|a|an) (?:[\w-]+ ){0,2}?(?:company|start-?up|lab|firm|venture|rival|developer)\b/;
const TWO_SIDED: ReadonlySet<EventType> = new Set([
  "investment",
  "compute_contract",
  "chip_supply",
  "acquisition",
  "partnership",
]);

/**
 * The parties of a headline deal whose other side the headline names by description only: the
 * lead sentence that states the deal names them both.
 */
function describedParties(
  candidate: Candidate,
  units: readonly TextUnit[],
  lower: (u: TextUnit) => string,
  context: EventContext,
): string[] | undefined {
  const { unit, type } = candidate;
  const named = unit.mentions[0]?.entityId;
  if (!unit.isTitle || named === undefined || !TWO_SIDED.has(type)) return undefined;
  // A round's headline often names only who raised ("Lambda closes its round"): the lead names
  // who put the money in.
  if (
    !unit.mentions.every((m) => m.entityId === named) ||
    (type !== "investment" && !DESCRIBED_PARTY.test(lower(unit)))
  )
    return undefined;
  for (const lead of units.slice(0, 3)) {
    if (lead.isTitle || lead.mentions.length < 2) continue;
    const cue = CUES[type].exec(lower(lead));
    if (!cue) continue;
    const parties = orderParties(type, lead, lower(lead), cue.index, context);
    if (parties.length >= 2 && parties.includes(named)) return parties;
  }
  return undefined;
}

/**
 * The amount of a deal whose title and lead give none ("Amazon's OpenAI bet signals a shift"),
 * from a later sentence that states the same kind of deal and names one of its parties.
 */
export function amountFurtherOn(
  event: ExtractedEvent,
  units: readonly TextUnit[],
  context: EventContext,
): Money | undefined {
  if (!MONEY_TYPES.has(event.type) || event.type === "valuation" || event.amountUsd !== null)
    return undefined;
  for (const unit of units) {
    if (!unit.mentions.some((m) => event.parties.includes(m.entityId))) continue;
    const lower = unit.text.toLowerCase();
    const cue = CUES[event.type].exec(lower);
    if (!cue || BACKGROUND_CLAUSE.test(lower)) continue;
    const candidate: Candidate = { type: event.type, score: 0, unit, cueAt: cue.index };
    const money = pickMoney(candidate, extractMoney(unit.text, context.rates), new Map(), lower);
    if (money) return money;
  }
  return undefined;
}

// A sentence that tells earlier deals as background ("it has already struck deals worth ..."),
// or points back at another one: "comes two days after it agreed to buy X for $3bn", "its third
// acquisition this year", "since raising $2bn earlier this week".
const BACKGROUND_CLAUSE =
  /\b(?:already|previously|earlier (?:this|that) (?:year|month|week)|last (?:year|month|week)|has struck|has signed|has locked in|(?:days|weeks|hours|a day|a week|a month|months) (?:after|before)|comes? (?:just |only )?(?:after|on the heels of)|since (?:raising|buying|agreeing)|(?:its|the company['’]s) (?:second|third|fourth|fifth|sixth|\w+th|latest|\d+(?:st|nd|rd|th)) (?:acquisition|purchase|deal|takeover))\b/;

// "Financial terms were not disclosed", "did not say how much it paid": the lead says the price is
// not told, so a figure further on is another deal's.
const UNDISCLOSED =
  /\b(?:terms|price|value|amount|sum|details)\b[^.;]{0,40}?\b(?:not|n['’]t|never) (?:been )?(?:disclosed|made public|revealed|released|given)|\b(?:did not|didn['’]t|does not|doesn['’]t|declined to|would not|wouldn['’]t|refused to) (?:disclose|reveal|give|say|share)\b[^.;]{0,30}?\b(?:terms|price|value|amount|how much|financial)|\bundisclosed (?:sum|amount|price|fee|terms)\b/;

/** Whether the title or lead says the deal's price is not told. */
export function termsUndisclosed(texts: readonly string[]): boolean {
  for (const text of texts) {
    // A cheap look for the few words every form holds before the pattern reads the sentence.
    if (
      !(
        text.includes("disclos") ||
        text.includes("public") ||
        text.includes("reveal") ||
        text.includes("how much") ||
        text.includes("given")
      )
    )
      continue;
    if (UNDISCLOSED.test(text.toLowerCase())) return true;
  }
  return false;
}

function moneyFor(
  candidate: Candidate,
  units: readonly TextUnit[],
  title: TextUnit | undefined,
  amounts: { get(unit: TextUnit): Money[] },
  taken: ReadonlyMap<Money, EventType>,
  lower: (u: TextUnit) => string,
  roundup = false,
): Money | undefined {
  const picked = pickMoney(candidate, amounts.get(candidate.unit), taken, lower(candidate.unit));
  const own =
    picked && picked.currency !== "USD" && !picked.statedUsd ? statedInLead(picked, units, amounts) : picked;
  if (own && candidate.unit.isTitle && own.qualifier === "exact")
    return hedgedInLead(candidate, own, units, amounts, lower);
  if (own || candidate.type === "valuation") return own;
  // Launches, hires and disputes carry an amount only when a sentence stating them gives one
  // ("expects an $800 million charge after new export curbs").
  if (!MONEY_TYPES.has(candidate.type)) {
    if (candidate.type !== "regulation" && candidate.type !== "legal") return undefined;
    // A settlement told in the body is this case's amount only when the headline settles.
    const ownSettlement = candidate.type === "legal" && SETTLEMENT.test(lower(candidate.unit));
    for (const unit of units) {
      if (unit === candidate.unit || unit.mentions.length === 0) continue;
      if (candidate.type === "legal" && !ownSettlement && SETTLEMENT.test(lower(unit))) continue;
      const cue = CUES[candidate.type].exec(lower(unit));
      if (!cue) continue;
      const money = pickMoney(
        { ...candidate, unit, cueAt: cue.index },
        amounts.get(unit),
        taken,
        lower(unit),
      );
      if (money) return money;
    }
    return undefined;
  }
  const others = [title, ...units].filter((u): u is TextUnit => u !== undefined && u !== candidate.unit);
  for (const unit of new Set(others)) {
    // A later sentence's figure is this deal's only when it tells the same kind of deal: not the
    // buyer's capex range, nor a stake it already holds.
    const found = amounts.get(unit);
    if (found.length === 0) continue;
    if (!unit.isTitle && OTHER_FIGURE.test(lower(unit)) && !CUES[candidate.type].test(lower(unit))) continue;
    const money = pickMoney({ ...candidate, cueAt: 0 }, found, taken, lower(unit));
    // In a roundup, a figure another item has taken, told again ("A's $9bn expansion; B wins an
    // order" over "A will spend $9bn"), is that item's, not this one's.
    if (roundup && money && [...taken.keys()].some((t) => sameAmount(t.amountUsd, money.amountUsd))) continue;
    if (money) return money;
  }
  return undefined;
}

/** "£9bn" in a headline over a lead that gives "£9bn ($11.8bn)": the article's own dollar figure. */
function statedInLead(
  own: Money,
  units: readonly TextUnit[],
  amounts: { get(unit: TextUnit): Money[] },
): Money {
  for (const unit of units) {
    if (unit.isTitle || !unit.text.includes("(")) continue;
    const stated = amounts
      .get(unit)
      .find(
        (m) =>
          m.statedUsd && m.currency === own.currency && Math.abs(m.amount - own.amount) <= 0.001 * own.amount,
      );
    if (stated)
      return {
        ...own,
        amountUsd: stated.amountUsd,
        qualifier: own.qualifier === "exact" ? stated.qualifier : own.qualifier,
        statedUsd: true,
      };
  }
  return own;
}

const SETTLEMENT = /\bsettle(?:s|d|ment)?\b|\bagree(?:s|d)? to pay\b[^.;]{0,60}\bto resolve\b/;
// Also a company's own fundraise told beside a contract: "Cerebras, which raised $1.1bn privately".
const OTHER_FIGURE =
  /\b(?:capital (?:spending|expenditure)|capex|ha(?:s|ve|d) (?:already )?invested|similar (?:deals|contracts|agreements)|together (?:are |were )?worth|which (?:[\w-]+ ){0,3}?raised)\b/;

const HEDGE_WORDS =
  /\b(?:more than|over|above|beyond|upwards of|north of|in excess of|exceeding|up to|as much as|at least|about|around|roughly|approximately|nearly|almost|some|close to)\s+(?:a\s+)?(?:US)?[$€£]|\d\+|-plus\b/i;

/**
 * Headlines round: "Amazon's $10 Billion OpenAI Bet" over a lead that says "more than $10 billion".
 * The lead's hedge wins when a sentence stating the same kind of event gives the same figure.
 */
function hedgedInLead(
  candidate: Candidate,
  own: Money,
  units: readonly TextUnit[],
  amounts: { get(unit: TextUnit): Money[] },
  lower: (u: TextUnit) => string,
): Money {
  for (const unit of units) {
    // Read the sentence's amounts only when it hedges one: most leads do not.
    if (unit.isTitle || unit.mentions.length === 0 || !HEDGE_WORDS.test(unit.text)) continue;
    const hedged = amounts
      .get(unit)
      .find(
        (m) =>
          m.qualifier !== "exact" &&
          m.currency === own.currency &&
          Math.abs(m.amountUsd - own.amountUsd) <= 0.001 * own.amountUsd,
      );
    // "about $3bn of computing systems" under a "$3 billion order" headline: the same figure about
    // the same company, whatever noun the lead uses for the deal.
    const sameCompany = unit.mentions.some((m) =>
      candidate.unit.mentions.some((t) => t.entityId === m.entityId),
    );
    if (hedged && (sameCompany || CUES[candidate.type].test(lower(unit))))
      return { ...own, qualifier: hedged.qualifier };
  }
  return own;
}

// A company's financing still being talked over: "in talks with lenders over a $20bn debt package".
const FINANCING_TALKS =
  /\b(?:in talks|talks with|negotiat\w+|in discussions)\b[^.;]*\b(?:debt|loans?|lenders|bonds?|financing|credit)\b/;
const DEBT =
  /\b(?:bonds?|bond sale|convertible notes|notes offering|debt (?:sale|offering|raise|financing)|borrow(?:s|ed|ing)?|loans?)\b/;
const EQUITY_TERMS = /\b(?:post|pre)-money (?:valuation|price)\b/;
// "raise $2bn in new equity": equity the company sells is a round too.
const FUNDING_ROUND = /\b(?:funding round|round of funding|seed round|series [a-h]|(?:new|fresh) equity)\b/;
// "the data centre" as a market: one, with "the", at the headline's end or before a comma.
const MARKET_SITE = /^data[- ]?cent(?:er|re)(?:$|[,;:.?!]| market\b)/;
// A state's cap on what may be shipped: "caps AI chip shipments to data centres in A and B".
const STATE_CAP =
  /\b(?:caps?|capped|capping|limits?|limited|limiting|sets? (?:new )?limits on) (?:[\w'’-]+ ){0,3}?(?:shipments|exports|sales)\b/;
const DEAL_WORDS = /\b(?:deal|contract|agreement|order|supply|supplies|customer|pact|to use|to deploy)\b/;
// "to invest $50 billion in AI data centres": money put into sites, not into a company.
// "pours $12 billion into Lambda's Kansas City campus": the same, with the site named after its owner.
// "to invest $2 billion in data-centre builder Crusoe" is money put into a company.
const INTO_SITES =
  /\b(?:invest\w*|pour(?:s|ed|ing)?|plough\w*|plow\w*|sinks?|sank|sunk|pump(?:s|ed|ing)?|puts?|commit(?:s|ted)?) (?:up to |about |more than |over |nearly )?(?:us)?\$[\d.]+\s?\w+ (?:in|on|into) (?:new |ai |its |cloud |more |[a-z][\w.-]*['’]s (?:[a-z][\w.-]* ){0,2}?)*(?:data[- ]?cent(?:er|re)s?|infrastructure|sites?|campus|facilities|capacity)(?![- ](?:builders?|operators?|developers?|firms?|compan(?:y|ies)|start-?ups?|providers?|owners?|specialists?|groups?|landlords?|makers?)\b)/;

// A job title up to the verb that follows it: "head of data-centre infrastructure leaves".
// Also "Microsoft's data-centre AI chief departs": the remit told as modifiers before the title.
const JOB_TITLE =
  /\b(?:(?:head|chief|director|boss|president|vice president|vp|lead|leader) of (?:[\w'’-]+ ){1,4}?|[\w-]+['’]s (?:[\w'’-]+ ){1,3}?(?:chief|head|boss|director|president|lead|leader|executive)s? )(?=(?:quits|leaves|exits|is leaving|to leave|steps down|departs|joins|resigns|defects|to (?:run|lead|head|oversee|manage)|as (?:its |their |the |a )?(?:new )?(?:[\w-]+ )?(?:cto|ceo|cfo|coo|cio|chief|head|president|director|lead|boss))\b)/;

// "to lead its AI infrastructure group", "as head of data-centre operations": what a hire will run.
// Also the title of the one hired: "hires Google's head of TPU software", "poaches Meta's GPU chief".
const ROLE_REMIT =
  /\b(?:to (?:lead|run|head|oversee|manage)|as (?:its |the )?(?:new )?(?:head|chief|leader|director|president|vice president|vp) of|(?:hires?|hired|hiring|poach(?:es|ed|ing)?|recruits?|recruited|lures?|lured|taps?|tapped) (?:[\w.-]+['’]s |the |its |a )?(?:former |ex-)?(?:(?:head|chief|leader|director|president|vice president|vp|lead) of|(?:[\w-]+ ){1,3}?(?:chief|head|boss|lead|leader)\b))(?: |$)(?:[\w'’-]+(?: |$)){0,5}/;

const LICENSE_AND_HIRE =
  /\b(?:hires?|hired|hiring|brings? (?:on|in)|recruits?|recruited)\b.{0,80}\blicen[cs]|\blicen[cs](?:es|ed|ing) .{0,80}\b(?:hires?|hiring|hired|brings? (?:on|in))\b/;

// "put Google's TPUs in its data centres", "spend billions on its chips": chips bought for the
// buyer's own sites, not capacity rented from the cloud that designs them.
const BOUGHT_CHIPS =
  /\b(?:put(?:s|ting)?|install(?:s|ed|ing)?|spend(?:s|ing)? (?:billions|millions) on|purchases? of) (?:[\w'’-]+ ){0,3}?(?:chips?|tpus?|gpus?|accelerators?|processors)\b/;

const EXPLAINED = /,? explained\s*[.!?]?$/;

const IN_HOUSE_CHIP =
  /\b(?:in-house|custom|home-grown|own|self-designed|proprietary)(?: ai)? (?:chips?|silicon|processors|accelerators)\b|\bchips? (?:that )?[\w'’-]+ designs? (?:itself|in-house)\b/;

// What the purchase is for: "for AI data centres", ", expanding its range for hyperscale sites".
const PURPOSE_BEFORE =
  /(?:\bfor (?:[\w-]+ ){0,2}|, (?:expanding|strengthening|broadening|extending|bolstering|boosting|deepening|adding|growing)\b[^,;]*)$/;

// "Google to supply TPUs to Meta ... for installation in Meta's own data centers": chips sold
// for the buyer's own sites, not capacity the cloud rents out.
const SELLS = /\b(?:supply|supplies|supplying|sell|sells|selling|sold|ship|ships|deliver|delivers)\b/;
const OWN_SITES = /\bown data[- ]?cent(?:er|re)s\b/;

function soldForOwnSites(
  chipUnit: TextUnit,
  units: readonly TextUnit[],
  lower: (u: TextUnit) => string,
): boolean {
  if (!SELLS.test(lower(chipUnit))) return false;
  return units.slice(0, 3).some((u) => u.text.includes("own") && OWN_SITES.test(lower(u)));
}

/** Whether the word at `at` is capitalised in running text: part of a name ("Vantage Data Centers"). */
function isCapitalised(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 0x41 || c > 0x5a) return false;
  // A headline in title case capitalises every word: then only a word inside a run of them counts.
  const words = text.split(/\s+/);
  const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length;
  return capitalised < words.length * 0.7;
}

// Capacity to make chips, not to run them: "3nm manufacturing capacity", "capacity for its next TPU".
const MADE_CAPACITY =
  /\b(?:manufacturing|production|foundry|wafer|fab|packaging|chipmaking|\d+ ?nm) capacity\b|\bcapacity (?:[\w'’-]+ ){0,3}?for its (?:own |next |new |next-generation |in-house |custom )+(?:[\w-]+ )?(?:tpus?|chips?|accelerators?|processors?)\b/;
// "to run its models in Groq's data centres": sites the named company owns.
const OWNED_SITES =
  /\b(?:in|from|at|inside|out of|on) (?:[\w.-]+ ){0,2}?[\w.-]+['’]s (?:own )?(?:data[- ]?cent(?:er|re)s|cloud)\b/;

/** Whether a sentence says a chip maker runs the work in its own sites ("in Groq's data centres"). */
function sellerSites(unit: TextUnit, lower: string, context: EventContext): boolean {
  if (!lower.includes("’s ") && !lower.includes("'s ")) return false;
  const sites = OWNED_SITES.exec(lower);
  if (!sites) return false;
  const apostrophe = sites.index + sites[0].search(/['’]s (?:own )?(?:data|cloud)/);
  return unit.mentions.some(
    (m) => m.end === apostrophe && context.entities.get(m.entityId)?.kind === "chipmaker",
  );
}

// An analyst's or investor's worry about spending told beside the deal: "analyst flags capex risk".
const SPEND_WORRY =
  /\banalysts?\b|\bwarn|\bworr(?:y|ies|ied)\b|\bfrets?\b|\bconcerns?\b|\bsceptic|\bskeptic|\bflags?\b|\bdoubts?\b/;
// A partnership the headline only frames the deal with: "expands Nebius partnership with $3bn contract".
const PARTNERSHIP_FRAME =
  /\b(?:expand|extend|deepen|widen|broaden|renew|strengthen)(?:s|ed|ing)? (?:[\w'’.-]+ ){0,3}?(?:partnership|alliance|tie-up) (?:with (?:[\w'’.-]+ ){1,2}?)?(?:with|via|through|in|by way of) (?:a |an )?(?:new )?(?:us)?[$€£][\d.]/;

// "founded by former OpenAI chief scientist X": the employer before, no side of the round.
const FORMER_BEFORE = /\b(?:former|formerly of|formerly at)\s$/;

/** The parties without the companies the opening names only as someone's former employer. */
function withoutFormerEmployers(
  parties: string[],
  opening: readonly TextUnit[],
  lower: (u: TextUnit) => string,
): string[] {
  if (!opening.some((u) => u.mentions.length > 0 && u.text.includes("ormer"))) return parties;
  const former = (id: string) =>
    opening.every((u) =>
      u.mentions.every(
        (m) => m.entityId !== id || FORMER_BEFORE.test(lower(u).slice(Math.max(0, m.start - 12), m.start)),
      ),
    );
  const kept = parties.filter((id) => !former(id));
  return kept.length > 0 ? kept : parties;
}

/** Readings that exclude each other: keep the one the wording supports. */
function resolveOverlaps(
  byType: Map<EventType, Candidate>,
  title: TextUnit | undefined,
  units: readonly TextUnit[],
  lower: (u: TextUnit) => string,
  context: EventContext,
): void {
  const titleText = title ? lower(title) : "";
  const has = (t: EventType) => byType.has(t);
  const inTitle = (t: EventType) => byType.get(t)?.unit.isTitle === true;
  const kinds = (t: EventType) =>
    orderedIds(byType.get(t)?.unit.mentions ?? []).map((id) => context.entities.get(id)?.kind);
  // "Meta turns to Broadcom" is a chip deal only when a chip maker (or an accelerator) is turned to:
  // not "turns to Google for search", "turns to debt".
  const chips = byType.get("chip_supply");
  if (chips && lower(chips.unit).startsWith("turn", chips.cueAt)) {
    const text = lower(chips.unit);
    const next = text.indexOf(" to ", chips.cueAt) + 4;
    const turnedTo = chips.unit.mentions.find((m) => m.start >= next && m.start <= next + 4);
    // Another chip cue after it ("are turning to custom chips") or in another sentence keeps the deal.
    if (
      context.entities.get(turnedTo?.entityId ?? "")?.kind !== "chipmaker" &&
      !NAMED_ACCELERATOR.test(text.slice(next, next + 40)) &&
      !CUES.chip_supply.test(text.slice(next)) &&
      !units
        .slice(0, 4)
        .some((u) => u !== chips.unit && u.mentions.length > 0 && CUES.chip_supply.test(lower(u)))
    )
      byType.delete("chip_supply");
  }
  // "won Mistral as a customer for its inference systems": a chip maker's customer buys its
  // machines, not capacity rented from a cloud. Not so a lab paying it to run its models "in
  // Groq's data centres": capacity the chip maker rents out. And a foundry's "manufacturing
  // capacity" booked for the buyer's own accelerator (TPUs included) is chips made to order,
  // whatever the lead calls the chips.
  if (has("compute_contract") && kinds("compute_contract").includes("chipmaker")) {
    const compute = byType.get("compute_contract") as Candidate;
    if (units.slice(0, 3).some((u) => u.text.includes("capacity") && MADE_CAPACITY.test(lower(u)))) {
      byType.set("chip_supply", { ...compute, type: "chip_supply" });
      byType.delete("compute_contract");
    }
  }
  if (has("compute_contract") && !has("chip_supply")) {
    const sellers = kinds("compute_contract");
    const compute = byType.get("compute_contract") as Candidate;
    if (
      sellers.includes("chipmaker") &&
      !sellers.some((k) => k === "cloud" || k === "neocloud" || k === "datacenter") &&
      !/\btpus?\b/.test(lower(compute.unit)) &&
      !units.slice(0, 3).some((u) => sellerSites(u, lower(u), context))
    ) {
      byType.set("chip_supply", { ...compute, type: "chip_supply" });
      byType.delete("compute_contract");
    }
  }
  // Chips from a chip maker; capacity (TPUs included) from a cloud.
  if (
    has("chip_supply") &&
    has("compute_contract") &&
    inTitle("compute_contract") !== inTitle("chip_supply")
  ) {
    // The headline says which deal it is; the lead may mention the chips inside the capacity.
    byType.delete(inTitle("compute_contract") ? "chip_supply" : "compute_contract");
  }
  if (has("chip_supply")) {
    const supplierKinds = kinds("chip_supply");
    const chipUnit = (byType.get("chip_supply") as Candidate).unit;
    // "to use Amazon's Trainium chips" is a chip deal even though a cloud sells them.
    // So is "onto Amazon's in-house chips": a chip the cloud designs, not capacity it rents out.
    const fromCloud =
      !supplierKinds.includes("chipmaker") &&
      supplierKinds.includes("cloud") &&
      !NAMED_ACCELERATOR.test(lower(chipUnit)) &&
      !IN_HOUSE_CHIP.test(lower(chipUnit)) &&
      !BOUGHT_CHIPS.test(lower(chipUnit)) &&
      !soldForOwnSites(chipUnit, units, lower);
    if (fromCloud) {
      if (!has("compute_contract"))
        byType.set("compute_contract", {
          ...(byType.get("chip_supply") as Candidate),
          type: "compute_contract",
        });
      byType.delete("chip_supply");
    } else if (has("compute_contract")) byType.delete("compute_contract");
  }
  // A buyout is the event; the chips or servers it brings are its reason, and a stake the lead
  // mentions ("already owned 23% of io") is its history unless the headline tells of a stake.
  if (inTitle("acquisition")) {
    byType.delete("chip_supply");
    byType.delete("compute_contract");
    // "data-centre silicon" in the lead is what the bought firm makes, not a build-out; so is
    // "Data Centers" in the bought firm's name.
    const infra = byType.get("infrastructure");
    // So is "..., Expanding Its Portfolio for AI Data Centers": the purpose of the purchase.
    if (
      !infra?.unit.isTitle ||
      isCapitalised(infra.unit.text, infra.cueAt) ||
      PURPOSE_BEFORE.test(titleText.slice(0, infra.cueAt))
    )
      byType.delete("infrastructure");
    if (!inTitle("investment")) byType.delete("investment");
  }
  // A money deal announced with fanfare is the deal, not a product launch.
  if (has("launch") && [...MONEY_TYPES].some((t) => inTitle(t)) && CURRENCY.test(titleText))
    byType.delete("launch");
  // "Google launches Ironwood TPU": the chip is the product, not a capacity deal.
  if (inTitle("launch") && !CURRENCY.test(titleText) && !DEAL_WORDS.test(titleText)) {
    byType.delete("compute_contract");
    byType.delete("chip_supply");
    // "unveils a chip, its second try at the data centre": the market aimed at, not a site.
    const infra = byType.get("infrastructure");
    if (
      infra?.unit.isTitle &&
      titleText.endsWith("the ", infra.cueAt) &&
      MARKET_SITE.test(titleText.slice(infra.cueAt))
    )
      byType.delete("infrastructure");
  }
  // "tells X to use only domestic chips": the directive is the event, the chips and sites its subject.
  if (
    inTitle("regulation") &&
    (DIRECTIVE.test(titleText) ||
      ((titleText.includes("cap") || titleText.includes("limit")) && STATE_CAP.test(titleText)))
  ) {
    byType.delete("chip_supply");
    byType.delete("compute_contract");
    byType.delete("infrastructure");
  }
  if (inTitle("people")) {
    const peopleAt = (byType.get("people") as Candidate).cueAt;
    // "names X to lead its AI infrastructure push": the other cue is the job's remit.
    const role = ROLE_REMIT.exec(titleText);
    for (const type of [...byType.keys()]) {
      const other = byType.get(type) as Candidate;
      if (type === "people" || !other.unit.isTitle) continue;
      // "snaps up Adept's founders": the talent row and the buyout row read the same verb. Not so
      // "hires the founders and licenses their models": a hire and a buyout in all but name.
      const sameVerb =
        type === "acquisition" && other.cueAt === peopleAt && !LICENSE_AND_HIRE.test(titleText);
      // "head of data-centre infrastructure leaves", "hiring X's AI infrastructure chief as CTO":
      // the other cue is the job title's noun.
      const inJobTitle = JOB_TITLE.exec(titleText);
      const ofJob =
        inJobTitle !== null &&
        other.cueAt >= inJobTitle.index &&
        other.cueAt < inJobTitle.index + inJobTitle[0].length &&
        !CURRENCY.test(titleText);
      const ofRemit =
        role !== null &&
        other.cueAt >= role.index &&
        other.cueAt < role.index + role[0].length &&
        !CURRENCY.test(titleText);
      if (sameVerb || ofJob || ofRemit) byType.delete(type);
    }
  }
  // "X's $20bn pledge: the circular deal, explained": the explainer describes the deal it names.
  if (has("controversy") && EXPLAINED.test(titleText) && [...MONEY_TYPES].some((t) => has(t)))
    byType.delete("controversy");
  // "FTC launches probe into": the regulator's verb, not a product launch.
  if (has("legal") && has("launch") && byType.get("legal")?.cueAt === byType.get("launch")?.cueAt)
    byType.delete("launch");
  // "Regulators in <capital> opened a formal investigation into X": the probe is the event, not the
  // regulator's noun before it in the same sentence.
  if (has("legal") && has("regulation")) {
    const legal = byType.get("legal") as Candidate;
    if (
      legal.unit === byType.get("regulation")?.unit &&
      (PROBE_OPENED.test(lower(legal.unit)) || PROBE_PASSIVE.test(lower(legal.unit)))
    )
      byType.delete("regulation");
  }
  // "Suit against X over data center delays thrown out": the sites are what the suit is about.
  if (inTitle("legal") && inTitle("infrastructure") && !CURRENCY.test(titleText)) {
    const at = (byType.get("infrastructure") as Candidate).cueAt;
    const over = titleText.lastIndexOf(" over ", at);
    if (over >= 0 && over > titleText.lastIndexOf(",", at)) byType.delete("infrastructure");
  }
  // Hires named in a lawsuit ("poached staff") are part of the dispute.
  if (has("legal") && has("people")) byType.delete("people");
  // "Contract" in a lawsuit or a regulation story is not a compute deal.
  if (has("compute_contract") && (has("legal") || has("regulation")) && !CURRENCY.test(titleText)) {
    byType.delete("compute_contract");
  }
  if (has("investment") && has("infrastructure")) {
    const invest = byType.get("investment") as Candidate;
    // "raises $1bn", and a round told in the passive ("valued at $13bn in a $1.4bn funding round").
    // So is a financing that sets the company's price ("sets a post-money valuation of €8bn").
    const raised =
      TARGET_AS_SUBJECT.test(lower(invest.unit).slice(0, invest.cueAt + 12)) ||
      FUNDING_ROUND.test(lower(invest.unit)) ||
      (lower(invest.unit).includes("-money") && EQUITY_TERMS.test(lower(invest.unit)));
    // A roundup headline's item names its own companies: "A and B pair up; C's packaging bet".
    const [from, to] =
      invest.unit.isTitle && titleText.includes(itemSeparator(titleText))
        ? itemSpan(titleText, invest.cueAt)
        : [0, Number.POSITIVE_INFINITY];
    const investedIn = orderedIds(invest.unit.mentions.filter((m) => m.start >= from && m.start < to)).filter(
      (id) => context.entities.get(id)?.kind !== "project",
    );
    // Debt raised for the build-out ("raised $15bn in a bond sale to fund data centres") is the
    // build-out's financing, not a round.
    if (DEBT.test(titleText) || DEBT.test(lower(invest.unit))) byType.delete("investment");
    // A company raising money to build data centres: the raise is the event.
    else if (raised) byType.delete("infrastructure");
    // Money put into sites or a country's infrastructure rather than into a company: a build-out.
    else if (investedIn.length < 2 || !inTitle("investment") || INTO_SITES.test(lower(invest.unit)))
      byType.delete("investment");
    else byType.delete("infrastructure");
  }
  // "A lands $30bn B contract; analyst flags capex risk": the worry about spending is no build-out.
  if (inTitle("infrastructure") && (inTitle("compute_contract") || inTitle("chip_supply"))) {
    const at = (byType.get("infrastructure") as Candidate).cueAt;
    if (titleText.startsWith("cap", at) || titleText.startsWith("spending", at)) {
      const [from, to] = itemSpan(titleText, at);
      if (SPEND_WORRY.test(titleText.slice(from, to))) byType.delete("infrastructure");
    }
  }
  if (inTitle("partnership") && CURRENCY.test(titleText) && PARTNERSHIP_FRAME.test(titleText))
    byType.delete("partnership");
  // Infrastructure words appear in most compute stories; the contract is the event.
  if (has("infrastructure") && (has("compute_contract") || has("chip_supply"))) {
    const infra = byType.get("infrastructure") as Candidate;
    const other = (byType.get("compute_contract") ?? byType.get("chip_supply")) as Candidate;
    // A roundup headline's two items, one clause each ("A books B capacity; C's $6bn expansion").
    const apart =
      infra.unit.isTitle &&
      other.unit.isTitle &&
      titleText
        .slice(Math.min(infra.cueAt, other.cueAt), Math.max(infra.cueAt, other.cueAt))
        .includes(itemSeparator(titleText));
    // A lead sentence's build-out with its amount beside another lead sentence's chips without
    // one ("would run its models on A's chips"; "C will spend $1.4bn on a packaging plant").
    const spentBeside =
      !infra.unit.isTitle &&
      !other.unit.isTitle &&
      infra.unit !== other.unit &&
      CURRENCY.test(infra.unit.text) &&
      !CURRENCY.test(other.unit.text);
    if (spentBeside) {
      byType.delete("compute_contract");
      byType.delete("chip_supply");
    } else if (!apart) {
      if (other.unit.isTitle || other.score >= infra.score || /contract|deal/.test(titleText))
        byType.delete("infrastructure");
      else {
        byType.delete("compute_contract");
        byType.delete("chip_supply");
      }
    }
  }
}
