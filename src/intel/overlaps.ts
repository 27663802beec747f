/** When one story reads as two event types, which one it is (a chip deal or a compute contract, a hire or a build-out). */
import {
  CLEARANCE_SOURCE,
  DIRECTIVE,
  NAMED_ACCELERATOR,
  PICKED_FOR_SOURCE,
  PROBE_PASSIVE_SOURCE,
} from "./cues.js";
import { itemSeparator, itemSpan, orderedIds, PROBE_OPENED, TARGET_AS_SUBJECT } from "./event-text.js";
import {
  type Candidate,
  cueIndex,
  type EventContext,
  type EventType,
  MONEY_TYPES,
  type TextUnit,
} from "./event-types.js";

const CURRENCY = /\$|€|£|\b(?:dollars?|euros?|pounds)\b|-dollar\b/;
// "X's practice probed by US regulator", "X is under formal investigation": the probe in the passive.
const PROBE_PASSIVE = new RegExp(`\\b(?:${PROBE_PASSIVE_SOURCE})\\b`);
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
// "requires licences for shipments to Gulf data centres": the sites are what the rule covers.
const LICENSED_SHIPMENTS = /\blicen[cs]es? (?:for|on) (?:[\w'’-]+ ){0,3}?(?:shipments|exports|sales)\b/;
// "clears A and B to ship chips to Gulf data centres", "approval unlocks data-centre projects":
// the sites the clearance names come after it.
// "picks Groq for inference" names its supplier, not its goods: a chip deal only from a chip maker
// (or, rented, from a cloud), not "picks Scale AI for training".
const PICKED_FOR = new RegExp(`^(?:${PICKED_FOR_SOURCE})`);
const CLEARANCE = new RegExp(`\\b(?:${CLEARANCE_SOURCE})`);
// A verdict or ruling up to what it found, with no clause break between ("as critics say" is one).
const VERDICT_FOUND = /^[^;:,]*\b(?:verdict|ruling|judgment)\b(?:(?! as | while | amid )[^;:,])*$/;
const DEAL_WORDS =
  /\b(?:deal|contract|agreement|order|supply|supplies|customer|pact|to use|to deploy|signs? up)\b/;
// "to invest $50 billion in AI data centres": money put into sites, not into a company.
// "pours $12 billion into Lambda's Kansas City campus": the same, with the site named after its owner.
// "to invest $2 billion in data-centre builder Crusoe" is money put into a company.
const INTO_SITES =
  /\b(?:invest\w*|pour(?:s|ed|ing)?|plough\w*|plow\w*|sinks?|sank|sunk|pump(?:s|ed|ing)?|puts?|commit(?:s|ted)?) (?:up to |about |more than |over |nearly )?(?:us)?\$[\d.]+\s?\w+ (?:in|on|into) (?:new |ai |its |cloud |more |[a-z][\w.-]*['’]s (?:[a-z][\w.-]* ){0,2}?)*(?:data[- ]?cent(?:er|re)s?|infrastructure|sites?|campus|facilities|capacity)(?![- ](?:builders?|operators?|developers?|firms?|compan(?:y|ies)|start-?ups?|providers?|owners?|specialists?|groups?|landlords?|makers?)\b)/;

// A job title up to the verb that follows it: "head of data-centre infrastructure leaves".
// Also "Microsoft's data-centre AI chief departs": the remit told as modifiers before the title.
const JOB_TITLE =
  /\b(?:(?:head|chief|director|boss|president|vice president|vp|lead|leader) of (?:[\w'’-]+ ){1,4}?|[\w-]+['’]s (?:[\w'’-]+ ){1,3}?(?:chief|head|boss|director|president|lead|leader|executive)s? )(?=(?:quits|leaves|exits|is leaving|to leave|steps down|departs|joins|resigns|defects|(?:is|are) (?:said|reported|expected|set|poised|understood) to (?:be )?(?:leaving|leave|stepping down|step down|departing|depart|exiting|exit)|to (?:run|lead|head|oversee|manage)|as (?:its |their |the |a )?(?:new )?(?:[\w-]+ )?(?:cto|ceo|cfo|coo|cio|chief|head|president|director|lead|boss))\b)/;

// "to lead its AI infrastructure group", "as head of data-centre operations": what a hire will run.
// Also the title of the one hired: "hires Google's head of TPU software", "poaches Meta's GPU chief".
const ROLE_REMIT =
  /\b(?:to (?:lead|run|head|oversee|manage)|as (?:its |the )?(?:new )?(?:head|chief|leader|director|president|vice president|vp) of|(?:hires?|hired|hiring|poach(?:es|ed|ing)?|recruits?|recruited|lures?|lured|taps?|tapped) (?:[\w.-]+['’]s |the |its |a )?(?:former |ex-)?(?:(?:head|chief|leader|director|president|vice president|vp|lead) of|(?:[\w-]+ ){1,3}?(?:chief|head|boss|lead|leader)\b))(?: |$)(?:[\w'’-]+(?: |$)){0,9}/;

const LICENSE_AND_HIRE =
  /\b(?:hires?|hired|hiring|brings? (?:on|in)|recruits?|recruited)\b.{0,80}\blicen[cs]|\blicen[cs](?:es|ed|ing) .{0,80}\b(?:hires?|hiring|hired|brings? (?:on|in))\b/;

// "put Google's TPUs in its data centres", "spend billions on its chips", "buying Dell servers":
// machines bought for the buyer's own sites, not capacity rented from the cloud that designs them.
const BOUGHT_CHIPS =
  /\b(?:put(?:s|ting)?|install(?:s|ed|ing)?|spend(?:s|ing)? (?:billions|millions) on|purchases? of) (?:[\w'’-]+ ){0,3}?(?:chips?|tpus?|gpus?|accelerators?|processors)\b|\b(?:buy(?:s|ing)?|bought|purchas(?:es|ed|ing)|orders?|ordered|ordering) (?:[\w'’.-]+ ){1,2}?servers\b/;

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
// "to rent Cerebras inference capacity", "capacity operated by Groq": capacity the chip maker runs.
const RENTED_CAPACITY =
  /\b(?:rent(?:s|ed|ing)?|leas(?:e|es|ed|ing)) (?:[\w'’-]+ ){0,3}?capacity\b|\bcapacity (?:operated|run|served|hosted) by\b/;
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

/**
 * Whether a lead sentence's round outweighs a body-only build-out cue: the build-out is read later
 * in the lead with less weight, or in the same sentence after a comma that opens the target's
 * description. A round told as money put into sites is not one.
 */
function leadRoundOverSites(invest: Candidate, infra: Candidate, lower: (u: TextUnit) => string): boolean {
  if (infra.unit.isTitle || INTO_SITES.test(lower(invest.unit))) return false;
  if (invest.score > infra.score) return true;
  return (
    infra.unit === invest.unit &&
    infra.cueAt > invest.cueAt &&
    lower(invest.unit).slice(invest.cueAt, infra.cueAt).includes(", ")
  );
}

/** Readings that exclude each other: keep the one the wording supports. */
export function resolveOverlaps(
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
      cueIndex(text.slice(next), "chip_supply") < 0 &&
      !units
        .slice(0, 4)
        .some((u) => u !== chips.unit && u.mentions.length > 0 && cueIndex(lower(u), "chip_supply") >= 0)
    )
      byType.delete("chip_supply");
  }
  const picked = byType.get("chip_supply");
  if (picked && PICKED_FOR.test(lower(picked.unit).slice(picked.cueAt))) {
    const pickedKind = context.entities.get(
      picked.unit.mentions.find((m) => m.start > picked.cueAt)?.entityId ?? "",
    )?.kind;
    if (pickedKind === "neocloud" && !has("compute_contract"))
      byType.set("compute_contract", { ...picked, type: "compute_contract" });
    if (pickedKind !== "chipmaker" && pickedKind !== "cloud") byType.delete("chip_supply");
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
      !units
        .slice(0, 3)
        .some(
          (u) =>
            sellerSites(u, lower(u), context) ||
            (u.text.includes("capacity") && RENTED_CAPACITY.test(lower(u))),
        )
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
  } else if (inTitle("regulation") && titleText.includes("licen") && LICENSED_SHIPMENTS.test(titleText))
    byType.delete("infrastructure");
  else if (inTitle("regulation") && inTitle("infrastructure") && !CURRENCY.test(titleText)) {
    const clearance = CLEARANCE.exec(titleText);
    if (clearance && clearance.index < (byType.get("infrastructure") as Candidate).cueAt)
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
  // "Suit against X over data center delays thrown out", "suit accusing X of hiding data-centre
  // costs": the sites are what the suit is about.
  if (inTitle("legal") && inTitle("infrastructure") && !CURRENCY.test(titleText)) {
    const at = (byType.get("infrastructure") as Candidate).cueAt;
    const over = Math.max(
      ...[" over ", " accusing ", " alleging ", " claiming "].map((w) => titleText.lastIndexOf(w, at)),
    );
    if (over >= 0 && over > titleText.lastIndexOf(",", at)) byType.delete("infrastructure");
  }
  // "appeals verdict that it collected health data without consent": the harm is what the verdict
  // found, told after it in the same clause, not criticism of its own.
  if (inTitle("legal") && inTitle("controversy")) {
    const legalAt = (byType.get("legal") as Candidate).cueAt;
    const harmAt = (byType.get("controversy") as Candidate).cueAt;
    const between = titleText.slice(legalAt, harmAt);
    if (harmAt > legalAt && VERDICT_FOUND.test(between)) byType.delete("controversy");
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
    // A round into a named company whose build-out cue is only the lead's description of the
    // target ("invest $3bn in B, the company that builds data centres") or a weaker later
    // sentence ("part of the cash is for <project>, the data-centre venture"): the round is the
    // event. Not money put into sites.
    else if (
      investedIn.length >= 2 &&
      leadRoundOverSites(invest, byType.get("infrastructure") as Candidate, lower)
    )
      byType.delete("infrastructure");
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
