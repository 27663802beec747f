/** Who an event is between, in the house order (investors before the company, plaintiffs before defendants). */
import { CHIP_NAME_SOURCE } from "./cues.js";
import type { EntityInfo, Mention } from "./entities.js";
import { itemSpan, lastClauseBreak, orderedIds, PROBE_OPENED, TARGET_AS_SUBJECT } from "./event-text.js";
import {
  type Candidate,
  cueIndex,
  type EventContext,
  type EventType,
  type ExtractedEvent,
  type TextUnit,
} from "./event-types.js";
import type { Money } from "./money.js";

const SUPPLIER_KINDS: ReadonlySet<EntityInfo["kind"]> = new Set([
  "cloud",
  "chipmaker",
  "neocloud",
  "datacenter",
]);

const SUPPLIER_VERB =
  /\b(?:to )?(?:supply|supplies|provide|provides|deliver|delivers|sell|sells|lands|wins|rent out|rents out)\b/;

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
  let end = within.index + within[0].length;
  // "with A writing the lead cheque and B coming along": B funds the round too.
  const along = ALONG_TOO.exec(lower.slice(end));
  if (along) end += along[0].length;
  return putFirst(orderedIds(unit.mentions.filter((m) => m.start > within.index && m.start < end)), ids);
}

// Also "with BlackRock writing the lead cheque".
const WITH_LEADING = /\bwith [^.;]{2,60}? (?:leading|writing the lead (?:cheque|check))\b/;
const ALONG_TOO = /^,? and [^.;]{2,40}? (?:coming along|participating|taking part|joining in)\b/;
const AMONG_FUNDERS =
  /\bwith [^.;]{2,80}? among (?:the |its )?(?:names on (?:the |its )?cap table|(?:early |new |existing )?(?:investors|backers|shareholders))\b/;
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

// "poached by Meta", "lured away to Anthropic"; not "lured away to run its chip team".
const LURED_TO =
  "(?:lured|poached)(?: away)? (?:by|to(?! (?:be|become|run|lead|head|work|build|oversee|manage)\\b))";
const PEOPLE_DESTINATION = new RegExp(
  String.raw`\b(?:loses .{0,50}? to|departs? for|leaves for|leaving for|defects? to|joins?|joined|exits? (?:to|for)|leaves to join|leaving to join|moves to|heads to|to become|${LURED_TO})\s`,
);
// "the engineer Anthropic has lured away", "Meta poaches ...": the hirer is the one named before the verb.
const LURED = new RegExp(`\\b(?!${LURED_TO})(?:lures?|lured|luring|poach(?:es|ed|ing)?)\\b`);

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

/** A headline without the companies its aside names after the deal (see `TITLE_ASIDE`). */
export function withoutAside(
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
export function orderParties(
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
      const lured = LURED.exec(lower);
      if (lured) {
        const before = orderedIds(unit.mentions.filter((m) => m.end <= lured.index));
        return putFirst(before.slice(-1), ids) ?? ids;
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
const RESPECTIVELY = /\brespectively\b/;
// "Amazon is putting in up to $4bn, AMD up to $6bn": the second investor's verb left out.
const ELLIPTIC_GAP =
  /^\s*,\s*(?:and\s+|while\s+)?@\s*(?:up to|as much as|about|around|roughly|some|nearly|more than|over|another)?\s*$/i;
const CHEAP_ELLIPSIS = /[$€£][\d.]+\s?\w*,\s/;

/**
 * The investments of a sentence that pairs investors with their own amounts, one event each,
 * or undefined when no lead sentence does.
 */
export function perInvestor(
  round: ExtractedEvent,
  units: readonly TextUnit[],
  amounts: { get(unit: TextUnit): Money[] },
  lower: (u: TextUnit) => string,
): ExtractedEvent[] | undefined {
  for (const unit of units.slice(0, 4)) {
    if (unit.isTitle || unit.mentions.length < 2) continue;
    const respectively = RESPECTIVELY.test(lower(unit));
    if (!respectively && !CHEAP_ELLIPSIS.test(unit.text)) continue;
    if (cueIndex(lower(unit), "investment") < 0) continue;
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
const PROBED_BY = /\bprobed by\s/;

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
export function describedParties(
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
    const cueAt = cueIndex(lower(lead), type);
    if (cueAt < 0) continue;
    const parties = orderParties(type, lead, lower(lead), cueAt, context);
    if (parties.length >= 2 && parties.includes(named)) return parties;
  }
  return undefined;
}
