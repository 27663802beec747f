/** Which of a sentence's amounts is the deal's, and which are context (revenue, market value, earlier rounds). */

import { clauseAround, lastClauseBreak, sameAmount } from "./event-text.js";
import {
  type Candidate,
  cueIndex,
  type EventContext,
  type EventType,
  type ExtractedEvent,
  MONEY_TYPES,
  type TextUnit,
} from "./event-types.js";
import { extractMoney, type Money } from "./money.js";

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

/** A price told label first, as newsletters write it: "Post-money: $11bn.", "The post-money is $3bn." */
export const POST_MONEY_LABEL = "(?: valuation| price)?(?::| is| was| of| stands at| comes to| came to)";
const LABELLED_PRICE = new RegExp(`\\b(?:post|pre)-money${POST_MONEY_LABEL} $`);

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
    // "people familiar with the deal valued it at about $1bn", "valued the takeover at": the deal's
    // size with the deal as the object. Not "investors valued it at" (the company's price in a round).
    if (
      /\bvalu(?:ed|es|ing) (?:the (?:deal|transaction|takeover|purchase|acquisition)|it) at [^$€£]*$/.test(
        before,
      ) &&
      (/\bvalu\w+ the /.test(before) ||
        /\b(?:deal|transaction|takeover|purchase|acquisition)\b[^$€£]*valued it at/.test(before)) &&
      !/\binvestors?\b/.test(before)
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
    (before.includes("-money") && LABELLED_PRICE.test(before)) ||
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
  let clause = clauseAround(lower, candidate.cueAt);
  const inClause = (m: Money) =>
    m.start >= clause.start &&
    m.start < clause.end &&
    !valuationMoney.includes(m) &&
    !isContextAmount(lower, m);
  let rest = free.filter(inClause);
  // "Ohio's Intel fab: 3,000 jobs and a $28bn question", "In New Albany: the site where ... $28bn":
  // a short opening label before a colon has its figure in the clause the colon introduces.
  if (rest.length === 0 && clause.start === 0 && clause.end <= 60 && lower.charCodeAt(clause.end) === 0x3a) {
    clause = clauseAround(lower, clause.end + 2);
    rest = free.filter(inClause);
  }
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
export function isContextAmount(lower: string, m: Money): boolean {
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
    const cueAt = cueIndex(lower, event.type);
    if (cueAt < 0 || BACKGROUND_CLAUSE.test(lower)) continue;
    const candidate: Candidate = { type: event.type, score: 0, unit, cueAt };
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

export function moneyFor(
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
      const cueAt = cueIndex(lower(unit), candidate.type);
      if (cueAt < 0) continue;
      const money = pickMoney({ ...candidate, unit, cueAt }, amounts.get(unit), taken, lower(unit));
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
    // The type's own cue in this sentence, read once: it admits a sentence that names another
    // figure, and it marks the clause that states the deal ("Dell confirmed reports on Monday; it
    // will buy X for $800m"); a sentence without one is read from its start.
    const cueAt = cueIndex(lower(unit), candidate.type);
    if (!unit.isTitle && cueAt < 0 && OTHER_FIGURE.test(lower(unit))) continue;
    const money = pickMoney({ ...candidate, cueAt: Math.max(0, cueAt) }, found, taken, lower(unit));
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
    if (hedged && (sameCompany || cueIndex(lower(unit), candidate.type) >= 0))
      return { ...own, qualifier: hedged.qualifier };
  }
  return own;
}
