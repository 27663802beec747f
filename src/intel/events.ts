import { isContextAmount, moneyFor, POST_MONEY_LABEL } from "./deal-amount.js";
import { COLUMN_LABEL, itemSeparator, orderedIds, sameAmount } from "./event-text.js";
import {
  type Candidate,
  cueIndex,
  DEAL_STAGE_BITS,
  EVENT_TYPES,
  type EventContext,
  type EventStatus,
  type EventType,
  type ExtractedEvent,
  findCues,
  MONEY_TYPES,
  type TextUnit,
  TITLE_ONLY,
} from "./event-types.js";
import { describedOnly, ledPlaintiff, legalCase, legalRoles, namedPlaintiffs } from "./legal.js";
import { extractMoney, extractTerms, type Money } from "./money.js";
import { resolveOverlaps } from "./overlaps.js";
import { describedParties, orderParties, perInvestor, withoutAside } from "./parties.js";
import { statusOf } from "./status.js";

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
  /^the (?:[\w-]+ ){0,2}?(?:man|woman|person|executive|engineer|banker|researcher|scientist|veteran|insider|architect|financier) who\b|^why (?:[A-Z][\w'’.-]* ){1,3}(?:left|quit)\b|['’]s loss(?: is (?:[\w'’.-]+ ){1,3}?gain\b|:)|['’]s gain,? (?:[\w'’.-]+ ){1,3}?loss\b/i;
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

const PARTICIPATED =
  /\b(?:(?:also )?(?:took part|takes part|taking part|participated|participates|participating|joined|joins) (?:in )?the|(?:is|are) (?:expected|set|due|poised|likely) to lead the|(?:is|are) leading the) (?:round|raise|funding)\b|\b(?:investors|backers) (?:named by the (?:company|lab|start-?up) |in the (?:round|raise) )?include\b/;

// "..., with Nvidia also taking part, the company said"; "Nvidia led again; Microsoft came along";
// "$600m led by A, with B participating, sets ...".
const PARTICIPATED_TOO =
  /\bwith [^.;]{2,80}? (?:also (?:taking|took|takes) part|participating)\b|\bled again\b|\b(?:came|coming|comes) along\b/;

// "The price: $14bn post-money.": a round's price as a sentence of its own.
const VALUE_WORD = /valu|worth|price tag|post-money/i;
// Also the label first, as a newsletter writes it: "Post-money: $11bn.", "The post-money is $3bn."
const UNNAMED_VALUE = new RegExp(
  String.raw`\$[\d.]+\s?(?:b|bn|billion|t|tn|trillion) post-money\b|\bpost-money${POST_MONEY_LABEL} (?:us)?\$[\d.]+\s?(?:b|bn|billion|t|tn|trillion)\b|\b(?:(?:valu(?:e|es|ing)|price tag (?:for|on)) (?:it|the (?:[\w-]+ )?(?:lab|company|start-?up|firm|group|business|developer|maker))\b|(?:its|the (?:lab|company|start-?up|firm)['’]s) value\b|(?:it|the (?:lab|company|start-?up|firm)) (?:could|would|might|will) be worth\b|values the (?:[\w'’-]+ ){1,3}?(?:provider|operator|company|lab|start-?up|firm|group|business|developer|maker|platform) at\b)`,
);

const ESTIMATE =
  /\b(?:puts?|putting|estimates?|estimated|reckons?) the (?:cost|price|bill|value) of (?:a|an|one|each|every|the average)\b|\bcosts? (?:of )?(?:about |around |roughly )?(?:us)?\$[\d.]+\s?\w+ (?:per|a|for each|for every) (?:gigawatt|gw|site|campus)\b/;

const TERM_OR_POWER = /year|watt|\b[GM]W\b/i;
// The same test, by substrings of the sentence's lower-cased text when it has one: a case-blind
// RegExp is several times slower, and most sentences name no term nor power.
const mayStateTerms = (text: string, lower: string): boolean =>
  lower.includes("year") ||
  lower.includes("watt") ||
  ((lower.includes("gw") || lower.includes("mw")) && TERM_OR_POWER.test(text));

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
    if (!terms.has(u))
      terms.set(
        u,
        (lowered.has(u) ? mayStateTerms(u.text, lower(u)) : TERM_OR_POWER.test(u.text))
          ? extractTerms(u.text)
          : undefined,
      );
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
        const at = cueIndex(lower(unit), "valuation");
        if (at >= 0 && amounts.get(unit).length > 0) {
          const weight = index <= 2 ? 1 : 0.5;
          const existing = byType.get("valuation");
          if (existing) existing.score += weight;
          else byType.set("valuation", { type: "valuation", score: weight, unit, cueAt: at });
          secondary.push({ type: "valuation", score: weight, unit, cueAt: at });
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
    // The title-only cues are looked for in titles only.
    // The stage reader asks the first three units for deal stages: read in the same walk.
    const stages = index < 3 ? DEAL_STAGE_BITS : 0;
    for (const [type, cueAt] of findCues(lower(unit), unit.isTitle ? EVENT_TYPES : bodyTypes, stages)) {
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
          cueIndex(lower(candidate.unit), e.type) >= 0 &&
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

// Words that put an accusation before a court, a regulator or a claim of rights.
const BET_WORD = /\b(?:bets?|wager|gamble)\b/i;
const PROBE_INTO = /\b(?:probe|inquiry|investigation)s? (?:into|of)\s/;
const LEGAL_SETTING =
  /\b(?:sues?|sued|suing|suits?|lawsuits?|litigation|class action|complaints?|plaintiffs?|courts?|judges?|jury|ruling|injunction|settle\w*|filed|files|filing|probes?|inquiry|investigat\w*|regulators?|watchdogs?|antitrust|attorneys? general|prosecutors?|charged|charges|indict\w*|arbitration|tribunal|trade secrets?|copyright|patents?|infring\w*|legal|breach of contract|appeal\w*|verdict|damages|lawyers?|attorneys?|discovery|subpoena\w*|deposition|dismissal|case against|(?:investor|shareholder|securities|court|legal|criminal|civil|copyright|antitrust|privacy) cases?)\b/;

// Companies told as a group, each doing its own thing: "have all raised their plans", "add up
// what A, B and C say they will spend". Not "will invest $X between them": one deal of several.
const AGGREGATE =
  /\b(?:have all|all have|have each|each (?:plan|have|say)|their (?:capital|capex|spending|combined|own)|(?:say|said) they (?:will|would|plan)|add(?:s|ed|ing)? up|all told)\b/;

function isAggregate(unit: TextUnit, lower: string): boolean {
  if (unit.mentions.length < 3 || !AGGREGATE.test(lower)) return false;
  return new Set(unit.mentions.map((m) => m.entityId)).size >= 3;
}

// A company's financing still being talked over: "in talks with lenders over a $20bn debt package".
const FINANCING_TALKS =
  /\b(?:in talks|talks with|negotiat\w+|in discussions)\b[^.;]*\b(?:debt|loans?|lenders|bonds?|financing|credit)\b/;

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
