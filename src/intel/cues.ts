/**
 * The phrases that signal each kind of event, as reviewable data: one row per wording, with a
 * headline that uses it. `test/intel/cues.test.ts` runs every example through the extractor, so a
 * row that stops working fails a test. Patterns are RegExp source matched on lower-cased text;
 * each table is compiled once into one combined RegExp (see `compileCues`).
 *
 * The examples are written by the team in its own words; they are not quotes of articles.
 */
import type { EventType } from "./event-types.js";

export interface CueRow<T extends string = EventType> {
  type: T;
  /** RegExp source over lower-cased text; whole-word boundaries are added around the table. */
  pattern: string;
  /** A headline that uses the wording and reports an event of `type`. */
  example: string;
}

// An amount as headlines write it: "$10B", "$2.5 billion", "US$5bn".
const AMOUNT = String.raw`(?:us)?\$[\d.]+\s?(?:b|bn|billion|m|million|t|tn|trillion)`;
// An amount in words: "six billion dollars", "10 billion euro".
const WORDED = String.raw`(?:[\d.]+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty) (?:billion|million|trillion) (?:dollars|euros?)`;
const HEDGE =
  "(?:another |a further |an additional |up to |as much as |more than |over |about |nearly |some |roughly )?";
// Accelerators by product name: adopting one is a chip deal.
const CHIP_NAMES = String.raw`(?:gb[23]00|[bh][12]00|h20|vr[23]00|blackwell|hopper|rubin|mi[3-9]\d\dx?|instinct|trainium\d?|inferentia|maia|gaudi\d?|wse-\d|ai[12]\d0)`;

/**
 * A state's guidance that names no rule: "authorities told X to use only domestic chips". Beside
 * the events table, `overlaps.ts` reads it to let the directive win over the chips or sites it is about.
 */
// Also a purchase forbidden outright, whoever makes the goods: "told A and B to stop buying X's
// chip", "to stop testing and cancel orders for", "bans A from buying".
const DIRECTIVE_SOURCE =
  "(?:tells?|told|ordered|instruct(?:s|ed)|direct(?:s|ed)|urge[sd]|required|mandated)\\b[^.;]{0,60}?\\bto (?:(?:use|buy|favou?r|prefer|switch to|stick to|stop (?:buying|using|ordering)|halt|avoid|shun|replace) (?:only )?(?:[\\w'’-]+ ){0,2}?(?:domestic|local|home-?grown|domestically|locally|chinese|foreign|american|imported)|stop (?:buying|ordering|testing|using)\\b|cancel (?:orders|purchases)\\b)";
export const PICKED_FOR_SOURCE =
  "(?:picks?|picked|chooses|chose|selects?|selected|taps|tapped) (?:[\\w'’.-]+ ){1,2}?for (?:its |their )?(?:ai |model |large-scale )?(?:inference|training)(?! (?:data|set|sets|course|courses|programs?|programmes?)\\b)";
export const CLEARANCE_SOURCE =
  "clear(?:s|ed)? (?!(?:the |a )?(?:way|hurdle|path|backlog|bar)s?\\b)(?:[\\w'’.-]+ ){1,4}?to (?:ship|sell|export)|approv(?:es|ed|al of) (?:[\\w'’-]+ ){0,3}?(?:exports?|shipments|sales) (?:of|to)|['’]s (?:export )?approval (?:unlocks|clears|opens|paves)|(?:government|state|regulators?|washington|beijing|brussels|white house|administration|commerce)['’]s approval|(?:orders?|rules?|bills?|measures?|directives?) (?:easing|speeding|streamlining|fast-tracking|loosening|relaxing|cutting) (?:[\\w'’-]+ ){0,2}?(?:permits?|permitting|approvals?|red tape)";
const BAN_SOURCE = "bann?(?:s|ed)? (?:[\\w'’-]+ ){1,5}?from (?:buying|ordering|using)";
export const DIRECTIVE = new RegExp(`\\b(?:${DIRECTIVE_SOURCE}|${BAN_SOURCE})\\b`);

/** The product names of accelerators, as RegExp source over lower-cased text. */
export const CHIP_NAME_SOURCE = CHIP_NAMES;
// "is out", "arrives with" tell a product's release, but of a person a departure or a start:
// "the chief executive is out", "the new CEO arrives with a mandate".
const NOT_A_PERSON = String.raw`(?<!\b(?:ceo|chief|boss|head|president|founder|executive|director|chair(?:man|woman)?|he|she|they|who|cfo|cto|coo|manager|coach|minister))`;

/** An accelerator named by product ("Trainium", "MI300X", "GB200"), not a TPU: a chip, not capacity. */
export const NAMED_ACCELERATOR = new RegExp(`\\b${CHIP_NAMES}\\b`);
/** A probe opened ("EU opens antitrust investigation"), and one told in the passive ("probed by"). */
export const PROBE_OPENING_SOURCE =
  "(?:opens?|opened|opening|launch(?:es|ed)|starts?|started) (?:an? |its |a formal )?(?:\\w+ )?(?:probe|inquiry|investigation)";
export const PROBE_PASSIVE_SOURCE =
  "probed by|under (?:a )?(?:formal |antitrust |federal )?(?:investigation|probe)";

export const EVENT_CUES: readonly CueRow[] = [
  // investment
  {
    type: "investment",
    // Not the plaintiffs' descriptor: "wins dismissal of investor case".
    pattern:
      "invest(?:s|ed|ing|ment|ments|or(?! (?:case|suit|lawsuit|claims|class action|litigation|complaint)s?\\b))?",
    example: "SoftBank to invest $2 billion in Intel",
  },
  {
    type: "investment",
    pattern: "funding|fund(?:ing)?[- ]raise|funding round|seed round|series [a-h]\\b",
    example: "xAI closes $6 billion Series C",
  },
  {
    type: "investment",
    pattern: `rais(?:es|ed|ing|e) (?:(?:about|around|roughly|nearly|more than|up to|an additional|another|a further|fresh|new) )?(?:us\\$|\\$|€|£|funds|money|capital|funding|${WORDED})`,
    example: "Cerebras raises $1.1 billion at $8.1 billion valuation",
  },
  {
    type: "investment",
    // A noun may sit between the amount and "raise": "closed a $20bn equity raise".
    pattern: `${AMOUNT} (?:(?:equity|capital|cash|private|new|fresh) )?raise|secur(?:es|ed|ing) ${HEDGE}${AMOUNT} from (?:investors|backers)`,
    example: "Anthropic's $13bn raise draws a crowd of backers",
  },
  {
    type: "investment",
    // "as X buys in" at a headline's end; "taking a 4% holding", "has a new shareholder".
    pattern:
      "stake|\\d+(?:\\.\\d+)?% (?:stake|holding)|buys? into|buys? in(?=$|[.,;:!?])|new (?:shareholder|investor) with|(?:through|in|via) a (?:new )?share issue",
    example: "Nvidia buys into Intel with a $5 billion stake",
  },
  { type: "investment", pattern: "backs", example: "Nvidia backs Mistral in its latest funding" },
  // A listing raises money from the market: "prices its IPO", "files for an initial public
  // offering"; "ahead of its IPO" is only a date.
  {
    type: "investment",
    pattern:
      "(?:prices?|priced|pricing) (?:its |an |the )?(?:[\\w-]+ )?(?:ipo|initial public offering)|(?:files?|filed|filing) (?:confidentially )?(?:for|to) (?:an? )?(?:[\\w-]+ )?(?:ipo|initial public offering|listing)|ipo (?:raises|raised|priced|prices|values|valued)",
    example: "Cerebras prices its IPO at $28 a share, raising $1.2 billion",
  },
  // Newsletter register: "weighing a cheque north of $1bn for X", "writes a $500m check".
  {
    type: "investment",
    pattern: `(?:cheque|check) (?:of |for |worth )?(?:north of |upwards of |more than |over |about |around |roughly |up to |as much as |some )?${AMOUNT}|${AMOUNT} (?:cheque|check)`,
    example: "Amazon weighs a cheque north of $2 billion for Anthropic",
  },
  // "Sequoia has led a $5bn round in X", "a round led by Y".
  {
    type: "investment",
    pattern:
      "(?:leads?|led|leading|co-leads?|co-led) (?:a |an |the |its )?(?:[\\w$.-]+ ){0,3}?(?:round|raise)\\b|round led by",
    example: "Sequoia led a $400 million round in Cohere",
  },
  // Hedged intent: "mulls backing X" ("weighs a stake", "considers an investment" have their rows).
  {
    type: "investment",
    pattern: "(?:mulls?|mulling|weighs?|weighing) backing",
    example: "Microsoft mulls backing xAI in its next round",
  },
  // Newsletter register: "has pulled in more than $1bn from a group led by", "X closes its round",
  // "X's $400m haul" (the noun beside its amount).
  {
    type: "investment",
    pattern: `(?:pull(?:s|ed|ing)?|haul(?:s|ed)?|reel(?:s|ed)?) in ${HEDGE}(?:${AMOUNT}|${WORDED})(?! (?:in |of )?(?:annual |quarterly )?(?:revenue|sales|profits?|income|bookings))|clos(?:es|ed|ing) (?:its|a|the) (?:[\\w$.-]+ ){0,3}?round\\b|clos(?:es|ed|ing) ${HEDGE}(?:us)?[$€£][\\d.]+\\s?(?:b|bn|billion|m|million)(?=[,;]| (?:this|last) week| from| led)|${AMOUNT} (?:(?:funding|fundraising|equity|cash) )?haul\\b`,
    example: "Groq pulls in $750 million from a group led by BlackRock",
  },
  // "is mulling a cheque for X's next raise": the size, if any, is told apart ("peg at roughly $3bn").
  {
    type: "investment",
    pattern:
      "(?:mulls?|mulling|weighs?|weighing|consider(?:s|ing)?|writ(?:es|ing)) (?:a |the )(?:[\\w-]+ )?(?:cheque|check) for",
    example: "SoftBank is mulling a cheque for Cohere's next raise",
  },
  // Elliptic newsletter form: "A is putting in up to $4bn, B up to $6bn".
  {
    type: "investment",
    pattern: `(?:putting|puts?) in ${HEDGE}(?:${AMOUNT}|${WORDED})`,
    example: "Nvidia is putting in up to $2 billion in Mistral's new round",
  },
  {
    type: "investment",
    pattern: `bets? on(?! (?:a|an|the|rates?|interest|stocks?|shares|markets?)\\b)|bet(?:s|ting)? (?:${HEDGE}${AMOUNT}|big|billions) on`,
    example: "Amazon bets $10B on OpenAI in expanded cloud pact",
  },
  // "Amazon's $10 Billion OpenAI Bet", "Meta's $14 billion Scale AI wager"
  {
    type: "investment",
    pattern: `${AMOUNT}\\b(?! (?:is|was|looks|seems|as)\\b)[^.;,$]{0,30}\\b(?:bet|wager|gamble)`,
    example: "Amazon's $4 billion Anthropic wager gets bigger",
  },
  {
    type: "investment",
    pattern: "['’]s (?:[a-z0-9.-]+ ){1,3}(?:bet|wager|gamble)(?! on (?:ai|the|a|an|its|chips|data)\\b)",
    example: "Amazon's OpenAI bet signals a shift in cloud power",
  },
  {
    type: "investment",
    pattern: `(?:pours?|poured|pouring|plows?|plowed|ploughs?|ploughed|sinks?|sank|sunk|pumps?|pumped|injects?|injected|puts?|putting|commits?|committed) ${HEDGE}(?:${AMOUNT}|${WORDED}) (?:more )?(?:into|in)|commits? ${HEDGE}${AMOUNT} more to`,
    example: "Microsoft pours $5 billion into Anthropic as rivalry heats up",
  },
  {
    type: "investment",
    pattern: `${AMOUNT} (?:lifeline|infusion|cash injection|capital injection|investment|boost) from|capital injection|backed by ${AMOUNT}`,
    example: "Intel gets $2 billion lifeline from SoftBank",
  },
  {
    type: "investment",
    pattern:
      "takes? (?:about |around |a |an )?\\d+(?:\\.\\d+)?% (?:of|in)|takes? \\$[\\d.]+\\s?(?:b|bn|billion) more",
    example: "ASML takes 11% of Mistral AI with €1.3bn investment",
  },
  {
    type: "investment",
    pattern:
      "of [a-z]+ stock|share sale|secondary sale|tender offer|sells? (?:its )?(?:entire )?.{0,20}stake",
    example: "SoftBank sells entire Nvidia stake for $5.83 billion",
  },
  {
    type: "investment",
    pattern: "chip-for-equity|warrants?",
    example: "Nvidia pledges $100bn for OpenAI in chip-for-equity pact",
  },
  // Newsletter register: "banked $2bn of fresh equity", "lines up $600m in new equity".
  {
    type: "investment",
    pattern: `(?:new|fresh) equity\\b(?! (?:stake|research|analysts?|markets?|index|funds?)\\b)|(?:bank(?:s|ed)?|pocket(?:s|ed)?) ${HEDGE}${AMOUNT}(?! (?:in |of )?(?:annual |quarterly )?(?:revenue|sales|profits?|income|bookings))`,
    example: "Mistral banks $2 billion of fresh equity from Thrive Capital",
  },
  // A round told with a euro or pound sign ("closed a €700m round", as "closed a $700m round"),
  // or as a company's financing or new round with its lead investor: "latest financing, €700m led
  // by X", "new round — $600m led by X", "with participation from Y".
  {
    type: "investment",
    pattern:
      "clos(?:es|ed|ing) (?:its|a|an|the) [€£][\\d.]+\\s?(?:b|bn|billion|m|million)\\b(?: [\\w-]+){0,2}? round|(?:financing|round),? (?:[—–-] )?(?:of )?(?:us)?[$€£][\\d.]+\\s?(?:b|bn|billion|m|million),? (?:led by|from)|with participation from",
    example: "Nebius closes a €700m round at an €8bn post-money price",
  },

  // valuation
  {
    type: "valuation",
    pattern: "valu(?:ing|ed at|ation|ations)",
    example: "Anthropic valued at $183 billion after new funding",
  },
  {
    type: "valuation",
    // A long description of the company needs the price right after "at": "a deal that values the
    // San Francisco maker of the Claude chatbot at $150bn".
    pattern:
      "values (?:[a-z]+ ){1,3}(?:at|above|beyond|over|near|around|about)|values (?:[\\w'’-]+ ){4,10}?at (?:about |around |roughly |nearly |more than |some )?(?:us)?\\$[\\d.]+",
    example: "Share sale values OpenAI above $500 billion",
  },
  {
    type: "valuation",
    pattern:
      "worth (?:about |around |some )?\\$[\\d.]+\\s?(?:t|tn|trillion|b|bn|billion)\\b(?= (?:valuation|company))",
    example: "Investors see xAI worth $200 billion company after round",
  },
  // Hedged forms of a round's price: "would value the lab at roughly", "lift its value to".
  {
    type: "valuation",
    pattern:
      "(?:would|could|will|to|may|might) (?:value|put) (?:[\\w'’-]+ ){1,4}?at|(?:would|could|will|to|may|might) value the (?:maker|developer|owner|creator|operator|parent) of (?:[\\w'’-]+ ){1,4}?at|(?:lifts?|lifting|push(?:es)?|pushing|raises?|raising|take|takes) (?:[\\w'’-]+ ){0,3}?value to|(?:would|could|might|will) be worth(?<!\\b(?:deal|contract|agreement|order|pact|purchase|transaction),? (?:that|which) \\w+ be worth)",
    example: "New round would value Mistral at roughly $30 billion",
  },
  // Newsletter register: "a price tag for the company of around $40bn".
  {
    type: "valuation",
    pattern:
      "price tag (?:for|on) (?:the |its )?(?:[\\w'’-]+ ){0,3}?(?:company|lab|start-?up|firm|developer|maker)\\b|at a price of(?<=\\b(?:rais(?:es|ed|ing)|pull(?:s|ed|ing)? in|round|funding)\\b[^;]{0,80}at a price of) (?:about |around |roughly |some |nearly )?(?:us)?\\$[\\d.]+\\s?(?:t|tn|trillion|b|bn|billion)",
    example: "Investors discuss a price tag for the lab of around $12bn at Mistral",
  },
  // "would put the lab at roughly $20bn" (the row above), "a deal that put the company's value at".
  {
    type: "valuation",
    pattern: "put(?:s|ting)? (?:[\\w'’-]+ ){1,5}?(?:value|valuation) at",
    example: "Round puts Perplexity's value at $20 billion",
  },
  // "a cheque that would price the start-up at around $9bn"; the question headline "Is X really worth $9bn?".
  // The "is ..." look-behind comes after the literal "worth ... $": placed before it, V8 tried it
  // at every position and the whole valuation table ran five times slower.
  {
    type: "valuation",
    pattern:
      "(?:would|could|will|to|may|might|that|which) price (?!(?:the |its |their )?(?:shares|stock|bonds|notes|offering|ipo|debt)\\b)(?:[\\w'’-]+ ){1,4}?at|worth (?:about |around |some )?(?:us)?\\$(?<=\\bis (?:[\\w.'’-]+ ){1,3}?(?:really |truly |actually )?worth (?:about |around |some )?(?:us)?\\$)",
    example: "Is Cerebras really worth $20 billion?",
  },
  // Newsletter register: "<product>'s maker is now worth nearly half a trillion dollars", a
  // round's price "post-money". A deal is worth its amount; a company "is now worth" its price.
  // The look-behind comes after the literal "worth": "is" first would be tried at every "is".
  {
    type: "valuation",
    pattern: `worth (?:about |around |roughly |nearly |almost |close to |more than |over |some )?(?:${AMOUNT}|(?:half a|a|[\\d.]+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty) (?:billion|trillion) (?:dollars|euros?))(?<=(?:\\b(?:maker|company|lab|start-?up|firm|developer|owner|creator|parent)s? (?:is|are) (?:now |already )?|\\b(?:is|are) now )worth [^;]{1,40})|(?:post|pre)-money`,
    example: "ChatGPT's maker is now worth nearly half a trillion dollars",
  },

  // compute_contract
  {
    type: "compute_contract",
    pattern:
      "cloud (?:deal|contract|agreement|computing|capacity|customer|services|provider)|ai cloud contract|cloud deal",
    example: "OpenAI signs $38 billion cloud deal with Amazon Web Services",
  },
  {
    type: "compute_contract",
    pattern: "computing (?:deal|power|capacity|contract)|compute (?:deal|contract|capacity|commitments?)",
    example: "OpenAI signs about $300 billion computing deal with Oracle",
  },
  {
    type: "compute_contract",
    pattern:
      "capacity (?:deal|agreement|pact)|ai capacity|multiyear capacity|infrastructure deal|gpu (?:capacity|clusters?)|(?<!\\b(?:the|a) )gpu cloud",
    example: "Nebius wins $17.4 billion Microsoft deal for AI capacity",
  },
  {
    type: "compute_contract",
    pattern: "(?:rent|renting|rented) (?:servers|capacity|gpus)|servers? from",
    example: "OpenAI to rent servers from Google Cloud",
  },
  {
    type: "compute_contract",
    pattern:
      "(?:rents?|renting|rented|leases?|leasing|leased|books?|booked|booking|reserves?|reserved) .{0,40}\\bcapacity\\b",
    example: "OpenAI to rent 2 gigawatts of data-centre capacity from Oracle",
  },
  {
    type: "compute_contract",
    pattern: "tpus?\\b",
    example: "Google to supply Anthropic with up to 1 million TPUs",
  },
  {
    type: "compute_contract",
    pattern:
      "commit(?:s|ting|ted)? \\$[\\d.]+\\s?(?:b|bn|billion|t|tn|trillion) to (?:azure|aws|oracle|google cloud)",
    example: "Anthropic commits $30bn to Azure",
  },
  {
    type: "compute_contract",
    pattern:
      "(?:azure|aws|oci|google cloud) (?:services|capacity|deal|contract)|purchase .{0,40}cloud services",
    example: "Meta expands AWS capacity deal for its AI training",
  },
  // "signed up for $1bn of GPU time from X", "buys GPU hours from".
  {
    type: "compute_contract",
    pattern: `gpu (?:time|hours) (?:from|with)|(?:buys?|bought|rents?|rented|books?|booked) (?:[\\w'’-]+ ){0,2}?gpu (?:time|hours)|sign(?:s|ed|ing)? up for ${HEDGE}${AMOUNT} of`,
    example: "Mistral signs up for $900 million of GPU time from Nebius",
  },
  // "agreed to pay CoreWeave more than $9bn for GPUs": capacity paid for, from its seller.
  {
    type: "compute_contract",
    pattern: `pay(?:s|ing)? (?:[\\w'’-]+ ){1,2}?${HEDGE}${AMOUNT} (?:for|to rent|to use) (?:access to )?(?:its |their )?(?:gpus|gpu capacity|computing|compute|capacity|servers)\\b`,
    example: "Meta agrees to pay Nebius $3 billion for GPUs",
  },
  // A data-centre or cloud lease told as a tenant: "Oracle's newest mega-tenant is xAI". The
  // literal "tenant" comes first and its modifier is read behind it: "new" starts many words.
  {
    type: "compute_contract",
    pattern:
      "tenants?(?<=\\b(?:mega-?|(?:anchor|biggest|largest|newest|new|marquee) (?:ai |cloud )?)tenants?)|anchor customers?",
    example: "Nebius's newest mega-tenant is Meta",
  },
  {
    type: "compute_contract",
    pattern: "as a (?:cloud )?customer|contract",
    example: "CoreWeave lands $11.9 billion OpenAI contract",
  },

  // chip_supply
  {
    type: "chip_supply",
    pattern:
      "(?:chips?|gpus?|tpus?|accelerators?|processors|memory|hbm|dram|wafers?|instinct|silicon)\\b(?! (?:revenue|sales|stocks?|shares|exports?|capacity|clusters?|cloud|hours)\\b).{0,40}\\b(?:deal|supply|supplies|supplier|deploy|deployment|order|orders|agreement|to (?:buy|use|deploy))",
    example: "AMD strikes GPU supply deal with OpenAI",
  },
  {
    type: "chip_supply",
    pattern:
      "(?:supply|deploy|deploying|build|buy|buying|buys|orders?|ordered|ordering|spend(?:s|ing)? (?:billions|millions|heavily)|install(?:s|ed|ing)?|purchases? of) .{0,40}\\b(?:chips?|gpus?|tpus?|accelerators?|memory|processors)\\b(?! together| jointly| designers?| makers?| start-?ups?| firms?| compan| (?:capacity|cloud|hours|time|clusters?)\\b| (?:fabrication |production |manufacturing |packaging |chip )?(?:plants?|fabs?|factor))",
    example: "OpenAI and Broadcom to deploy 10 gigawatts of custom AI accelerators",
  },
  {
    type: "chip_supply",
    pattern: "\\d+(?:\\.\\d+)?[- ]?(?:gigawatts?|gw)\\b.{0,30}\\b(?:chips?|gpus?|accelerators?|processors)",
    example: "OpenAI agrees to 6 gigawatts of AMD chips",
  },
  {
    type: "chip_supply",
    pattern:
      "(?:ai servers?|ai racks?|servers?|racks?) (?:order|orders|deal|supply deal)|order for .{0,30}\\bservers",
    example: "Dell wins $5 billion xAI server order",
  },
  {
    type: "chip_supply",
    pattern: "customers? for (?:its )?.{0,30}(?:chips|gpus|accelerators)",
    example: "Qualcomm wins Humain as first customer for AI200 data-centre chips",
  },
  {
    type: "chip_supply",
    pattern: "(?:chip|gpu|gigawatt) deal|custom (?:ai )?(?:chips|accelerators)",
    example: "Broadcom lands OpenAI custom chips order",
  },
  // Adoption by product name: "to use Trainium", "orders GB200 systems", "turns to Instinct".
  {
    type: "chip_supply",
    pattern: `(?:orders?|ordered|buys?|bought|deploys?|deployed|adopts?|adopted|taps|turns to|to use|will use|switch(?:es)? to|picks?|chooses|chose|to run on|runs? on|signs? up for|signed up for) (?:[\\w'’-]+ ){0,4}?${CHIP_NAMES}`,
    example: "xAI orders Nvidia GB200 systems for Colossus expansion",
  },
  // "as much as $12bn of Cerebras systems", "an order for roughly $3bn of AMD racks": machines
  // bought by the amount.
  {
    type: "chip_supply",
    pattern: `${AMOUNT} (?:worth )?of (?:[\\w'’-]+ ){1,2}?(?:systems|machines|racks|hardware)\\b`,
    example: "OpenAI agrees to buy as much as $8 billion of Cerebras systems",
  },
  // "put <maker>'s accelerators in its data centres": chips bought for the buyer's own sites.
  {
    type: "chip_supply",
    pattern: "(?:put|putting|puts) (?:[\\w'’-]+ ){1,3}?(?:chips?|gpus?|tpus?|accelerators?|processors) in",
    example: "Is Oracle about to put AMD's accelerators in its data centres?",
  },
  // Adoption told as moving work: "shifts inference onto Amazon's in-house chips".
  {
    type: "chip_supply",
    pattern:
      "(?:shift(?:s|ed|ing)?|mov(?:e|es|ed|ing)|port(?:s|ed|ing)?|migrat(?:e|es|ed|ing)) (?:[\\w'’-]+ ){0,4}?(?:onto|to) (?:[\\w'’-]+ ){0,3}?(?:in-house |custom |own |home-grown |self-designed )?(?:chips?|silicon|processors|accelerators|(?:systems|machines|hardware) (?:built|made|designed) by)",
    example: "Anthropic to move training work onto Amazon's in-house chips",
  },
  // Adoption with a generic noun or the workload between: "picks AMD chips", "choosing them over",
  // "will run its models on Cerebras chips".
  {
    type: "chip_supply",
    pattern:
      "(?:picks?|picked|picking|chooses|chose|choosing|opts? for|opted for|selects?|selected) (?:[\\w'’-]+ ){0,2}?(?:chips|gpus|accelerators|processors)\\b|(?:to run|will run|runs?|running) (?:[\\w'’-]+ ){1,4}?on (?:[\\w'’-]+ ){0,3}?(?:chips|gpus|accelerators|processors)\\b",
    example: "Cohere picks AMD chips for its next models",
  },
  // The supplier picked for a workload: "picks Groq for inference" (`overlaps.ts` keeps it only
  // when a chip maker or a cloud is picked).
  {
    type: "chip_supply",
    pattern: PICKED_FOR_SOURCE,
    example: "Mistral picks Cerebras for inference on its assistant",
  },
  // Servers bought by their maker's name: "is said to be buying Nvidia servers for its own sites".
  {
    type: "chip_supply",
    pattern:
      "(?:buy(?:s|ing)?|bought|orders?|ordered|ordering|purchas(?:es|ed|ing)) (?:[\\w'’.-]+ ){1,2}?servers\\b",
    example: "Apple is said to be buying Nvidia servers for its own AI data centres",
  },
  // An order told without its goods: "<supplier> wins an <customer> order" (a roundup's item),
  // "<buyer> turns to <chip maker>" (`overlaps.ts` keeps it only when a chip maker is named next).
  {
    type: "chip_supply",
    pattern: `wins (?:an? |the )?(?!court\\b|restraining\\b|protective\\b|gag\\b)(?:[\\w'’.-]+ ){1,2}?orders?\\b|['’]s ${HEDGE}${AMOUNT} (?:chip |gpu |accelerator )?order\\b|turn(?:s|ed|ing)? to (?!(?:its|the|a|an|his|her|their)\\b)`,
    example: "Chip Notes: Micron's $9bn Idaho expansion; Marvell wins an Amazon order",
  },

  // infrastructure
  {
    type: "infrastructure",
    pattern:
      "data[- ]?cent(?:er|re)s?(?! (?:chips?|gpus?|cpus?|processors?|accelerators?|silicon|group|business|unit|market|revenue|sales|networking|developers?|operators?|builders?|owners?|firms?|compan(?:y|ies)|providers?|landlords?|specialists?|start-?ups?|boom|rush|frenzy|craze|chiefs?|heads?|bosses|events?|conferences?|summits?|keynotes?|expos?|shows?|world)\\b)|campus|campuses|build[- ]?outs?|construction|megaprojects?|gigawatt[- ]scale",
    example: "Microsoft pledges $4 billion for second Wisconsin data centre",
  },
  {
    type: "infrastructure",
    pattern:
      "capex|capital (?:expenditure|spending)|spend (?:us)?\\$[\\d.]+\\s?(?:b|bn|billion|t|tn|trillion) on|compute commitments?",
    example: "Alibaba to spend US$53 billion on AI and cloud infrastructure",
  },
  {
    type: "infrastructure",
    pattern: "(?:(?:ai|capital|capex|infrastructure) spending|spending) (?:plan|budget)s?",
    example: "Alibaba lifts AI spending plan to $60bn",
  },
  {
    type: "infrastructure",
    pattern: "financing",
    example: "Meta strikes $27 billion Hyperion financing deal with Blue Owl",
  },
  // Debt raised for the build-out: "priced $18bn of bonds", "hits the bond market again".
  {
    type: "infrastructure",
    pattern: `(?:sells?|sold|selling|priced|prices|pricing|issues?|issued) ${HEDGE}${AMOUNT} (?:of|in|worth of) (?:[\\w-]+ )?(?:bonds|notes|debt)|borrow(?:s|ed|ing)? ${HEDGE}${AMOUNT}|bond (?:sale|offering|issue)s?|(?:hits?|taps?|tapped|returns? to) the bond market`,
    example: "Meta taps the bond market for $25 billion to fund data centres",
  },
  {
    type: "infrastructure",
    pattern:
      "chip plants?|fabs?|factory|factories|(?:hbm|memory|dram|wafer|packaging|fabrication|semiconductor|chipmaking) (?:fabrication |production |manufacturing |packaging )?plants?",
    example: "TSMC pledges $100 billion more for U.S. chip plants",
  },
  // A roundup's "Micron's $9bn Idaho expansion": a build-out named by its cost.
  {
    type: "infrastructure",
    pattern: `${AMOUNT} (?:[\\w'’-]+ ){0,2}?expansion`,
    example: "Micron's $9 billion Idaho expansion gets under way",
  },
  {
    type: "infrastructure",
    pattern: "infrastructure (?:venture|project|spending|investment|build)|ai infrastructure|stargate",
    example: "OpenAI, SoftBank and Oracle unveil $500 billion Stargate AI infrastructure venture",
  },
  // "<region> picked for bulk of <cloud>'s German cloud spending": a cloud's build-out in a place.
  {
    type: "infrastructure",
    pattern: "cloud (?:spending|investments?|build-?outs?|expansion)",
    example: "Frankfurt picked for bulk of Microsoft's German cloud spending",
  },

  // acquisition
  {
    type: "acquisition",
    pattern: "acquir(?:e|es|ed|ing)|acquisition",
    example: "AMD to acquire ZT Systems for $4.9 billion",
  },
  {
    type: "acquisition",
    pattern:
      "(?:to buy|buys|buying|bought) (?:[a-z][\\w.'’-]*,? ){1,7}?(?:which [^.;$€£¥]{0,80}?,? )?(?:in|for) (?:a |an )?(?:about |around |roughly |nearly |some |approximately |up to |more than |over |as much as )?(?:us)?[$€£¥]|purchase of(?! (?:[\\w'’-]+ ){0,3}?(?:chips?|gpus?|tpus?|accelerators?|processors|servers|capacity|memory)\\b(?! designers?| makers?| start-?ups?| firms?| compan))",
    example: "CoreWeave to buy Core Scientific in $9 billion all-stock deal",
  },
  {
    type: "acquisition",
    pattern: "(?:to buy|buys|bought|to acquire) (?:[a-z]+ )?start-?ups?",
    example: "Meta to buy chip start-up Rivos to speed up MTIA",
  },
  // Seller first or passive: "agreed to sell X to Y for $2bn", "X sold to Y group for $12bn".
  {
    type: "acquisition",
    pattern:
      "(?:sold|sells|selling|to sell) (?!(?:its |a |the |an )?(?:[\\w-]+ )?stake)(?:[\\w.'’-]+ ){0,6}?to (?:[\\w.'’-]+ ){1,5}?for (?:a |an )?(?:about |around |roughly |nearly |some |up to |more than |over )?(?:us)?\\$",
    example: "IBM agrees to sell its analytics unit to Oracle for $2 billion",
  },
  // "<buyer>-led group nears $12bn deal for <target>".
  {
    type: "acquisition",
    pattern:
      "(?:group|consortium|investors) (?:nears?|nearing|agrees?|strikes?|clinches?|seals?|reaches?) (?:a |an )?(?:[\\w$.-]+ ){0,3}?(?:deal|agreement) (?:for|to buy)",
    example: "Blackstone-led group nears $8 billion deal for Equinix",
  },
  {
    type: "acquisition",
    pattern: "takeover|take over|merg(?:er|e|es)|all-stock deal",
    example: "Nvidia makes takeover approach for Groq",
  },
  {
    type: "acquisition",
    pattern: "snaps? up|snapped up|swallows?|swallowed|gobbles? up|gobbled up",
    example: "Nvidia snaps up software start-up for $700 million",
  },
  {
    type: "acquisition",
    pattern:
      "(?:offer|bid|deal) for .{0,40}(?:browser|technology|unit|business|assets|team)|licen[cs](?:e|es|ing) .{0,30}technology|(?:rights?|licen[cs]e) to use .{0,30}technology",
    example: "Perplexity makes $34.5 billion offer for Google's Chrome browser",
  },
  // Column register: "is paying $1.2bn for a start-up", "what is X buying for $2bn".
  {
    type: "acquisition",
    pattern: `pay(?:s|ing)? ${HEDGE}${AMOUNT} (?:for|to buy|to acquire) (?:a |an |the )?(?:[\\w'’-]+ ){0,3}?(?:company|start-?up|firm|business|maker|developer|designer|rival|chipmaker|unit|group|team)s?|buying for ${HEDGE}${AMOUNT}`,
    example: "Why is Nvidia paying $900 million for a networking start-up?",
  },
  // Column register with the target by name: "X paying $2bn for Arduvo is a bet on ...".
  {
    type: "acquisition",
    pattern: `pa(?:ying|id) ${HEDGE}${AMOUNT} for (?!(?:a|an|the|its|their|chips?|gpus?|capacity|compute|servers|licen[cs]es?|rights|access)\\b)[\\w.'’-]+(?: [\\w.'’-]+)? (?:is|was|looks|makes|shows|signals|says|tells)\\b`,
    example: "Broadcom paying $1.1 billion for Lumora is a bet on optics",
  },
  // License-and-hire: the founders join and their models or technology are licensed.
  {
    type: "acquisition",
    pattern:
      "(?:hires?|hired|hiring|brings? (?:on|in)|recruits?|recruited)\\b.{0,80}\\blicen[cs](?:es|ed|ing|e)|licen[cs](?:es|ed|ing) .{0,80}\\b(?:hires?|hiring|hired|brings? (?:on|in))",
    example: "Microsoft hires founders of a voice start-up and licenses its models for $300 million",
  },
  // The bought firm told by an informal noun: "pay $900m for a 40-person software shop".
  {
    type: "acquisition",
    pattern: `pa(?:y|ys|id|ying) ${HEDGE}${AMOUNT} for (?:a |an |the )?(?:[\\w'’-]+ ){0,3}?(?:shop|outfit|house|boutique|studio)\\b`,
    example: "Why did AMD pay $900m for a 40-person software shop?",
  },

  // partnership
  {
    type: "partnership",
    // "A and B pair up", "would work together to run B's models on A's chips".
    pattern:
      "partnership|partnering|tie-up|alliance|team(?:s|ed)? up|pair(?:s|ed|ing)? up|join(?:s|ed|ing)? forces|work(?:s|ed|ing)? together (?:with [\\w'’-]+ )?to",
    example: "Microsoft and OpenAI announce partnership on AI safety",
  },
  {
    type: "partnership",
    pattern:
      "collaborat\\w*|co-develop\\w*|co-design\\w*|jointly (?:develop|design|build)\\w*|exclusiv\\w*|to power siri|powered siri",
    example: "Nvidia and Intel to co-develop chips for PCs",
  },
  // A model licensed for a yearly fee: "to pay Google about $1bn a year for Gemini".
  {
    type: "partnership",
    pattern: `pay(?:s|ing)? (?:[\\w'’-]+ ){1,2}?${HEDGE}${AMOUNT} (?:a|per) year (?:for|to use)`,
    example: "Samsung to pay Google $700 million a year for Gemini",
  },

  // A product built into another's: "nears deal to build Perplexity's search into Galaxy phones";
  // a distribution deal.
  {
    type: "partnership",
    pattern:
      "(?:build(?:s|ing)?|integrat(?:e|es|ing)|bak(?:e|es|ing)|embed(?:s|ding)?|weav(?:e|es|ing)) (?:[\\w'’-]+ ){1,3}?into|distribution (?:deal|agreement|pact)",
    example: "Samsung nears deal to build Perplexity's search into its phones",
  },
  // Co-development told with "together": "agree to build chips together".
  {
    type: "partnership",
    pattern: "(?:build|develop|design|make)s? (?:[\\w'’-]+ ){0,3}?together",
    example: "Intel invests in Arm as the pair agree to design chips together",
  },

  // launch
  {
    type: "launch",
    pattern:
      "launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|releas(?:es|ed|ing)|introduc(?:es|ed|ing)|debut(?:s|ed)?",
    example: "Nvidia launches Llama Nemotron reasoning models",
  },
  {
    type: "launch",
    pattern: `rolls? out|rolled out|is here|new (?:flagship|model|models|chip)|model rattles|arrives(?=[,:;]|$)|${NOT_A_PERSON} arrives with\\b|(?:is|are|now|becomes?) generally available|teased|${NOT_A_PERSON} is out(?=[.,:;!]|$)`,
    example: "GPT-5 is here: OpenAI's new flagship rolls out",
  },
  // "ships <model>" (not chips or servers shipped to someone), open weights, first samples.
  {
    type: "launch",
    pattern:
      "(?:ships|shipped)(?! (?:[\\w'’-]+ ){0,2}?(?:chips?|gpus?|servers?|accelerators?|processors|units|wafers|racks|systems|to|from|orders?)\\b)|publish(?:es|ed|ing)? (?:the |its )?(?:model )?weights|open-sourc(?:es|ed|ing)|(?:begins?|began|starts?|started|is now|are now|now) sampling|sampling (?:to|with) customers",
    example: "Mistral ships a new open coding model",
  },
  {
    type: "launch",
    pattern:
      "(?:takes?|took|taking|pull(?:s|ed|ing)?) the wraps off|(?:shows?|showed|showing) off|(?:ceo|boss|chief executive|founder) (?:[\\w'’.-]+ ){0,2}?(?:shows|showed)\\b",
    example: "Google takes the wraps off its Ironwood successor",
  },

  // people: hires, departures, poaching, acqui-hires
  {
    type: "people",
    pattern:
      "hires?|hired|hiring|recruits?|recruited|recruiting|brings on|brings in|bring(?:ing)? (?:on|in) (?:[\\w'’-]+ ){0,3}?(?:founders?|co-founders?|chiefs?|executives?|team|researchers?|engineers?|staff|talent)",
    example: "Meta hires three OpenAI researchers",
  },
  {
    type: "people",
    pattern:
      "appoint(?:s|ed|ment)?|names .{0,40}(?:ceo|chief|president|head)|taps .{0,60}(?:to (?:lead|run|head)|as)|takes? (?:the )?ceo role|ceo of",
    example: "Microsoft taps former Google executive to run consumer AI",
  },
  {
    type: "people",
    pattern:
      "(?:names?|named|appoints?|appointed|picks?|picked|promotes?|promoted) (?:[\\w'’.-]+ ){1,6}?(?:to (?:lead|run|head|oversee|manage)|as (?:its |the )?(?:new )?(?:head|chief|president|ceo|cto|cfo|coo|director|vice president|vp|leader))",
    example: "Oracle names cloud veteran to lead its data-centre build-out",
  },
  {
    type: "people",
    pattern: "poach(?:es|ed|ing)?|lures?|lured|talent (?:raid|war)|hiring spree|acqui-?hires?",
    example: "Meta poaches three OpenAI researchers for superintelligence team",
  },
  // Talent grabs: "swoops on Windsurf's leaders", "raids OpenAI's research team".
  {
    type: "people",
    pattern:
      "(?:swoops? (?:on|for)|raids?|raided|snaps? up|snapped up|grabs?|grabbed|scoops? up) (?:[\\w'’-]+ ){0,3}(?:leaders?|(?:co-)?founders?|executives?|researchers?|engineers?|team|talent|staff|chiefs?)\\b",
    example: "Meta raids OpenAI's research team for its new lab",
  },
  {
    type: "people",
    pattern:
      "departs?|departure|defects? to|resigns?|resigned|steps? down|stepped down|leaves for|leaves to (?:join|start|found)|leaving (?:for|to join)|loses .{0,50} to|joins .{0,40}(?:as|from)|exits? (?:to|for)",
    example: "OpenAI loses another top researcher to Meta",
  },
  // "Meta confirms OpenAI researcher will lead its robotics work", "is joining Anthropic".
  {
    type: "people",
    pattern:
      "(?:confirms?|confirmed|says?|said|announces?) (?:[\\w'’.-]+ ){1,6}?will (?:lead|run|head|oversee) (?:its|the|a) |joining(?<=\\b(?:is|are) joining)(?! forces\\b)|join(?<=\\bwill join) (?!forces\\b)",
    example: "Meta confirms OpenAI researcher Lin Zhao will lead its robotics work",
  },
  // "Google's head of data-centre infrastructure leaves", "chief of AI silicon quits": someone
  // named by a job title leaves.
  {
    type: "people",
    pattern:
      "(?:head|chief|boss|director|president|leader|lead|founder|co-founder|ceo|cto|cfo|coo|executive|researcher|scientist)s? (?:[\\w'’-]+ ){0,5}?(?:quits|leaves|exits|is leaving|to leave|steps down|(?:is|are) (?:said|reported|expected|set|poised|understood) to be (?:leaving|stepping down|departing|exiting))",
    example: "Nvidia's head of networking quits",
  },
  // A move told with its destination: "is leaving Amazon to become OpenAI's head of infrastructure".
  {
    type: "people",
    pattern:
      "leaving (?:[\\w'’.-]+ ){1,4}?to (?:become|join|lead|head)\\b|to become (?:[\\w'’-]+ ){0,3}?(?:chief|head|ceo|cto|cfo|coo|president)\\b",
    example: "Amazon's data-centre boss is leaving Amazon to become OpenAI's head of infrastructure",
  },

  // legal
  {
    type: "legal",
    pattern: "sues?|sued|suing|lawsuit|lawsuits|suit against|litigation|class action|complaint|plaintiffs?",
    example: "xAI sues OpenAI over trade secrets",
  },
  // A case named by who brings it or by its end, with no other court word: "wins dismissal of
  // investor case", "shareholder suit".
  {
    type: "legal",
    pattern:
      "dismissal of (?:[\\w'’-]+ ){0,4}?(?:case|suit|lawsuit|claims|complaint)s?|(?:investor|shareholder|securities|copyright|antitrust|privacy|defamation|libel|patent|authors['’]?) (?:case|suit)s?",
    example: "Meta wins dismissal of investor case over its metaverse losses",
  },
  {
    type: "legal",
    pattern:
      "court|judge|ruling|injunction|rules against|rules for|appeals? (?:the |an? )?(?:[\\w$.'’-]+ ){0,3}?(?:order|ruling|verdict|decision|judgment)",
    example: "Judge lets New York Times copyright case against OpenAI move ahead",
  },
  {
    type: "legal",
    pattern: "settle(?:s|d|ment)?",
    example: "Anthropic agrees to pay $1.5 billion to settle authors' copyright lawsuit",
  },
  {
    type: "legal",
    pattern: "alleg(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|antitrust|copyright|trade secrets?",
    example: "Musk's xAI accuses OpenAI of stealing trade secrets",
  },
  // A regulator's probe: "FTC opens inquiry into", "opened an investigation into".
  {
    type: "legal",
    pattern:
      "(?:opens?|opened|launch(?:es|ed)|starts?|started) (?:an? |its )?(?:\\w+ )?(?:probe|inquiry|investigation)|(?:probe|inquiry|investigation) (?:into|of)|probes",
    example: "FTC opens inquiry into Nvidia's investments in its customers",
  },
  // A probe told in the passive: "probed by US regulator", "is now under formal investigation".
  {
    type: "legal",
    pattern: PROBE_PASSIVE_SOURCE,
    example: "Microsoft's Teams bundling probed by US regulator",
  },

  // controversy
  {
    type: "controversy",
    pattern:
      "criticis\\w*|criticiz\\w*|critics?|backlash|reckless|skeptic\\w*|sceptic\\w*|alarm\\w*|under fire(?: (?:again |anew )?(?:after|over|for)| ?[-–—:] )",
    example: "Researchers criticise xAI's 'reckless' approach to safety",
  },
  {
    type: "controversy",
    pattern: "concerns?|worr(?:y|ies|ied)|circular|bubble|question(?:s|ed)? .{0,30}deals",
    example: "Investors question 'circular' AI deals between Nvidia and OpenAI",
  },
  {
    type: "controversy",
    pattern: "open letter|warns? (?:[\\w'’-]+ ){0,8}?(?:gutted|hollowed out|dismantled|sidelined)",
    example: "Researchers warn in open letter that OpenAI has gutted its safety work",
  },
  // A leaked-document report, a group backlash.
  {
    type: "controversy",
    pattern:
      "internal (?:documents?|memos?|emails?|files|guidelines) (?:shows?|showed|reveals?|revealed|suggests?)|call(?:s|ed|ing)? for an? (?:investigation|inquiry|probe)|ahead of (?:user |child |public )?safety|protest(?:s|ed|ing)? (?:as|over|against)|rounded on|(?:groups?|critics|campaigners|activists|lawmakers|politicians|senators|unions|parents|artists|authors|advocates|researchers|users) rounds? on|call(?:s|ed|ing)? on (?:[\\w'’-]+ ){1,3}?to (?:withdraw|scrap|pull|halt|drop|suspend|abandon|rethink)|outcry|uproar",
    example: "Parents protest as Meta's chatbot app floods feeds with fake doctors",
  },
  {
    type: "controversy",
    pattern:
      "safety (?:concerns|researchers|practices)|rules out (?:a )?(?:government )?(?:bailout|guarantees?|backstop)|bailout",
    example: "OpenAI rules out a government bailout",
  },
  // Harm found in the product rather than criticism of it: a privacy or security finding, false
  // answers, an agent acting without the user's say.
  {
    type: "controversy",
    pattern:
      "without (?:encryption|(?:users?['’]? |their )?(?:consent|permission|knowledge))|unencrypted|security (?:flaws?|holes?|lapses?|vulnerabilit(?:y|ies)|bugs?)|leak(?:s|ed|ing)? (?:[\\w'’-]+ ){0,2}?(?:user|users['’]?|personal|private|customer) data|(?:users|customers|owners|wearers|buyers|parents|staff|employees) (?:were|was) (?:not|never) told|identify strangers",
    example: "Researchers find a security flaw in Microsoft's Copilot agent",
  },
  // Harm an agent or a model did, told by whoever found it: files sent to outsiders, a safety
  // report's finding, databases wiped, minors coached on harm.
  {
    type: "controversy",
    pattern:
      "(?:emailed|sent|shared|forwarded|exposed|leaked|handed) (?:[\\w'’-]+ ){0,3}?(?:confidential|sensitive|internal|private|secret) (?:files|documents|data|information|emails|records)|safety (?:report|tests?|testing|evaluation|review|audit)s? (?:shows?|showed|finds?|found|reveals?|revealed)|(?:wiped|deleted|erased|destroyed) (?:[\\w'’-]+ ){0,3}?(?:databases?|files|records|code ?bases?|inbox(?:es)?)|coach(?:ed|es|ing)? (?:[\\w'’-]+ ){0,2}?(?:teens?|teenagers|children|minors|kids|students) (?:on|to|in|about)|(?:harmful|dangerous|unsafe|risky) (?:[\\w'’-]+ ){0,2}?advice",
    example: "Developers say Microsoft's coding agent wiped their production databases",
  },
  {
    type: "controversy",
    pattern:
      "false (?:claims|information|answers|statements)|misinformation|disinformation|deepfakes?|fake (?:[\\w'’-]+ ){0,2}?(?:videos?|clips?|images?|photos?|footage|recordings?)|wrong (?:answers|information)|made-up (?:answers|facts|citations|quotes)|never asked for|did(?:n['’]t| not) (?:ask for|approve|authori[sz]e|consent to)",
    example: "Google's AI search spread false claims about a recall, regulators say",
  },
  {
    type: "controversy",
    pattern:
      "(?:invent(?:s|ed|ing)|fabricat(?:es|ed|ing)|makes up|made up) (?:[\\w'’-]+ ){0,3}?(?:studies|sources|citations|references|research|quotes|papers|cases)\\b|(?:studies|sources|citations|references|research|papers|cases) that (?:was|were|had) never (?:written|published|done|conducted|filed)|non-?existent (?:studies|sources|citations|references|research|papers|cases)",
    example: "Microsoft's Copilot invented medical studies when asked about dosage, pharmacists find",
  },

  // regulation
  {
    type: "regulation",
    pattern:
      "export (?:controls?|rules?|curbs?|licen[cs]es?|bans?|restrictions?|deal|arrangement)|licen[cs]es? to (?:ship|export|sell)|licen[cs]e (?:requirements?|rules?|regimes?)|requir(?:e|es|ed|ing) (?:[\\w-]+ )?licen[cs]es?",
    example: "Microsoft gets U.S. licences to ship Nvidia chips to the UAE",
  },
  {
    type: "regulation",
    pattern: "curbs?|restrict(?:s|ed|ions)?|tariffs?|commerce department|executive order",
    example: "U.S. curbs Nvidia H20 chip sales to China",
  },
  {
    type: "regulation",
    pattern: "regulat(?:or|ors|ion|ions|ory)|ai act|government approval|approval to (?:sell|ship|export)",
    example: "Nvidia wins approval to sell H200 chips in China",
  },
  // A clearance to ship or a measure on permits, told without "regulator": "<state> clears A and B
  // to ship", "<state>'s approval unlocks", "order easing permits".
  {
    type: "regulation",
    pattern: CLEARANCE_SOURCE,
    example: "Washington clears AMD and Nvidia to ship accelerators to Saudi data centres",
  },
  {
    type: "regulation",
    pattern: DIRECTIVE_SOURCE,
    example: "Beijing tells Tencent to stop buying foreign AI chips",
  },
  {
    type: "regulation",
    pattern: BAN_SOURCE,
    example: "Regulators ban Tencent and Baidu from buying AMD's China chip",
  },
];

/** How far a deal or a legal action has got, as the text says it. */
export type StatusCue =
  | "talks"
  | "closed"
  | "reported"
  | "filed"
  | "ruling"
  | "settled"
  | "dismissed"
  | "appeal";

/** Deal stages, in the order they are tried; "agreed" when none matches. */
export const DEAL_STATUS_CUES: readonly CueRow<StatusCue>[] = [
  {
    type: "talks",
    pattern:
      "in talks|talks (?:with|to|over|expand|advance)|enter(?:s|ed|ing)? talks|(?:early|advanced)[- ]stage talks|(?:holds?|held) talks|negotiat(?:es|ing|ions)|in discussions|early-stage discussions|discussing|under discussion|nearing a deal|(?:is |are )?said to (?:be )?near(?:ing)? (?:an? |the )?(?:[\\w$.-]+ ){0,3}?(?:deal|agreement|pact)|(?:close|closer) to (?:an? |the )?(?:agreement|deal|pact)\\b",
    example: "Amazon in talks to invest more than $10 billion in OpenAI",
  },
  {
    type: "talks",
    pattern:
      "considering|weighs|weighing|exploring|eyes|eyeing|mulls|mulling|proposed (?:deal|investment|arrangement)|potential deal|is about to|unsolicited offer|makes? .{0,30}offer for|bid for",
    example: "Microsoft weighs a stake in Mistral",
  },
  {
    type: "closed",
    pattern:
      "complet(?:es|ed)(?<!\\b(?:when|once|if|until|be|being) complet(?:es|ed))(?! (?:its |the )?(?:qualification|testing|tests|trials?|validation|certification|sampling|evaluation)\\b)|closes (?:its|a|the|\\$)|closed (?:its|a|the|\\$)|has closed|finali[sz](?:es|ed)|sells (?:its )?entire|sold (?:its )?entire|has raised|had raised|has acquired|has bought",
    example: "AMD completes $4.9 billion acquisition of ZT Systems",
  },
  // Money a round has already brought in: "has pulled in $2bn", "pulled in $2bn at a price of".
  {
    type: "closed",
    pattern: "(?:has |have |had )?pulled in",
    example: "Groq has pulled in $750 million from a group led by BlackRock",
  },
  {
    type: "reported",
    pattern:
      "reportedly|report says|reports say|reported(?<!confirm\\w* (?:[\\w'’-]+ ){0,3}reported)(?! (?:its |their |record |strong |weak |quarterly |annual )*(?:results|earnings|revenue|sales|profits?|income|losses?)\\b)|according to (?:people|sources|a report|reports|the information|bloomberg|reuters|the wall street journal|an? (?:person|people|source))|(?:people|a person|a source) (?:familiar|briefed|close|involved)|sources (?:said|say)|according to (?:two|three|four|several|multiple|\\d+) (?:people|sources|persons|officials)|people say",
    example: "Nvidia reportedly plans $5 billion Intel stake",
  },
];

/** Stages of a legal action, in the order they are tried; "filed" when none matches. */
export const LEGAL_STATUS_CUES: readonly CueRow<StatusCue>[] = [
  {
    type: "settled",
    pattern: "settle(?:s|d|ment)?|agrees? to pay",
    example: "Anthropic to pay $1.5bn in copyright settlement with authors",
  },
  // Before dismissals: "files appeal after judge dismissed its suit" is the appeal; an appeals
  // court is no appeal by a party ("Appeals court dismisses ...").
  {
    type: "appeal",
    pattern:
      "appeal(?:s|ed|ing)?(?! court)|appellate(?! court)|asks? (?:an? |the )?(?:appeals|appellate|higher|supreme) court to (?:overturn|reverse|throw out|vacate|review)|(?:seeks?|bids?) to (?:overturn|reverse) (?:the |a |its )?(?:ruling|verdict|decision|judgment)",
    example: "OpenAI appeals order to hand over ChatGPT logs",
  },
  {
    type: "dismissed",
    pattern:
      "(?<!(?:motion|bid|request|move|refuses|refused|declines|declined) to |appeal(?:s|ed|ing)? (?:the |a |its )?)(?:dismiss(?:es|ed|al)|throws? out|threw out|toss(?:es|ed))|drops? (?:its |the |their )?(?:suit|lawsuit|case|claims)",
    example: "Judge dismisses Musk's lawsuit against OpenAI",
  },
  // A regulator opening a probe has only begun: "rules" in "opens probe into its app store rules" is a noun.
  {
    type: "filed",
    pattern: PROBE_OPENING_SOURCE,
    example: "EU opens antitrust investigation into Microsoft's cloud licensing rules",
  },
  {
    type: "ruling",
    pattern:
      "rul(?:ed|ing)|rules (?:that|against|for|in favou?r)|(?:judge|court|jury|justices?|panel|tribunal)s? (?:[\\w'’-]+ ){0,2}?rules|judge (?:lets|allows|orders|says|sides)|(?:rejects?|rejected|denies|denied|refus(?:es|ed)|declin(?:es|ed)) (?:[\\w'’-]+ ){0,3}?(?:bid|motion|request|attempt|effort)s? to (?:dismiss|throw out|toss)|(?:refus|declin)(?:es|ed) to (?:dismiss|throw out|toss)|(?:can|may|will|to) (?:go|move|proceed) (?:ahead|forward)|cleared to (?:proceed|go ahead|move forward)|(?:must|has to|will have to) face|verdict|jury|(?:court|judge) (?:grants|denies|blocks|orders|finds)|injunction|lets .{0,40}(?:case|suit|lawsuit) (?:move|proceed|go)",
    example: "Judge lets New York Times copyright case against OpenAI move ahead",
  },
];

/** The source every table means: its rows as alternatives, whole words, or from a currency sign. */
export function plainCueSource(rows: readonly CueRow<string>[]): string {
  // Only a table with an amount-led row needs the look-ahead; the rest start at \b.
  const amountLed = rows.some((r) => r.pattern.startsWith(AMOUNT_LED) || r.pattern.startsWith("\\$"));
  const start = amountLed ? "(?:\\b|(?=[$€£]))" : "\\b";
  return `${start}(?:${rows.map((r) => r.pattern).join("|")})\\b`;
}

const AMOUNT_LED = "(?:us)?\\$";

/** The top-level alternatives of a RegExp source: split at `|` outside groups and classes. */
function alternativesOf(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let k = 0; k < source.length; k++) {
    const c = source[k];
    if (c === "\\") k++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(from, k));
      from = k + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** The length of the group that opens at `source[at]`, parentheses included. */
function groupLength(source: string, at: number): number {
  let depth = 0;
  let inClass = false;
  for (let k = at; k < source.length; k++) {
    const c = source[k];
    if (c === "\\") k++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return k - at + 1;
  }
  return -1;
}

/**
 * Whether an alternative can only start with a character other than a currency sign, read from
 * its source: a plain character, \d or \s, or a group (not optional) whose alternatives all can.
 * Unsure means false.
 */
function startsOffCurrency(alternative: string): boolean {
  const c = alternative[0];
  if (c === undefined) return false;
  // A first atom that may be left out leaves the start to the next one: unsure.
  const optional = (atomLength: number) => /^(?:[?*]|\{0)/.test(alternative.slice(atomLength));
  if (c === "\\") return /^\\[dsw]/.test(alternative) && !optional(2);
  if (c === "(") {
    if (!alternative.startsWith("(?:")) return false;
    const length = groupLength(alternative, 0);
    if (length < 0 || optional(length)) return false;
    return alternativesOf(alternative.slice(3, length - 1)).every(startsOffCurrency);
  }
  if (c === "[") {
    const end = alternative.indexOf("]", 1);
    return (
      end > 1 && alternative[1] !== "^" && !/[$€£\\]/.test(alternative.slice(1, end)) && !optional(end + 1)
    );
  }
  return !"$€£.^|)?*+{[".includes(c) && !optional(1);
}

/**
 * One combined RegExp per table, matching where `plainCueSource` does (callers read `index` and
 * `test` only). A table with amount-led rows is written so that the engine checks a word
 * boundary, or a dollar sign, before trying any row: the look-ahead start of the plain form made
 * the investment table the costliest cue in bench/intel. `test/intel/cues.test.ts` holds each
 * table to its plain form.
 */
export function compileCues<T extends string>(rows: readonly CueRow<T>[]): RegExp {
  const plain = plainCueSource(rows);
  if (!plain.startsWith("(?:\\b|")) return new RegExp(plain);
  const words: string[] = [];
  const amounts: string[] = [];
  const dollars: string[] = [];
  for (const alternative of rows.flatMap((r) => alternativesOf(r.pattern))) {
    if (alternative.startsWith(AMOUNT_LED)) amounts.push(alternative.slice(AMOUNT_LED.length));
    else if (alternative.startsWith("\\$")) dollars.push(alternative.slice(2));
    else if (startsOffCurrency(alternative)) words.push(alternative);
    else return new RegExp(plain);
  }
  // At a currency sign the plain form's look-ahead is what lets a row start; a row that starts
  // with a word character needs the boundary anyway, and "us$" needs it before the "u".
  const parts = [`\\b(?:${words.join("|")})\\b`];
  if (amounts.length > 0) parts.push(`(?:\\bus)?\\$(?:${amounts.join("|")})\\b`);
  if (dollars.length > 0) parts.push(`\\$(?:${dollars.join("|")})\\b`);
  return new RegExp(parts.join("|"));
}

/** One combined RegExp per event type. */
export function compileByType<T extends string>(rows: readonly CueRow<T>[]): Map<T, RegExp> {
  const types = [...new Set(rows.map((r) => r.type))];
  return new Map(types.map((type) => [type, compileCues(rows.filter((r) => r.type === type))]));
}
