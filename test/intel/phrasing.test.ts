import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import { shippedIntel } from "../helpers/intel.js";

// Headline forms real outlets use for deals, hires and chip adoption, written by the team in
// its own words after reading how outlets phrase them: verb + amount + target, possessive,
// passive and question headlines, poaching and departures, adoption of named accelerators.
const context = shippedIntel();

const CASES: [title: string, type: string, parties: string[], amountUsd: number | null][] = [
  ["Amazon bets $10B on OpenAI in expanded cloud pact", "investment", ["amazon", "openai"], 10e9],
  [
    "Microsoft pours $5 billion into Anthropic as rivalry heats up",
    "investment",
    ["microsoft", "anthropic"],
    5e9,
  ],
  ["SoftBank plows another $22.5 billion into OpenAI", "investment", ["softbank", "openai"], 22.5e9],
  ["Nvidia sinks $2 billion into xAI's latest round", "investment", ["nvidia", "xai"], 2e9],
  ["Google commits $2 billion to Anthropic in fresh funding", "investment", ["google", "anthropic"], 2e9],
  [
    "Amazon in talks to invest in OpenAI at a valuation above $500 billion",
    "investment",
    ["amazon", "openai"],
    null,
  ],
  [
    "Microsoft weighs a stake in Mistral as European AI heats up",
    "investment",
    ["microsoft", "mistral"],
    null,
  ],
  ["Nvidia eyes $1 billion stake in Nscale", "investment", ["nvidia", "nscale"], 1e9],
  ["Meta's $14 billion Scale AI bet pays off for Zuckerberg", "investment", ["meta", "scale-ai"], 14e9],
  ["Amazon's $4 billion Anthropic wager gets bigger", "investment", ["amazon", "anthropic"], 4e9],
  ["OpenAI backed by $40 billion from SoftBank in record round", "investment", ["softbank", "openai"], 40e9],
  ["Anthropic valued at $183 billion after new funding", "valuation", ["anthropic"], 183e9],
  ["Is Amazon about to invest $10 billion in OpenAI?", "investment", ["amazon", "openai"], 10e9],
  ["Intel gets $2 billion lifeline from SoftBank", "investment", ["softbank", "intel"], 2e9],
  ["Meta poaches three OpenAI researchers for superintelligence team", "people", ["meta", "openai"], null],
  ["OpenAI loses another top researcher to Meta", "people", ["meta", "openai"], null],
  ["Apple's head of AI models departs for Meta", "people", ["meta", "apple"], null],
  [
    "Former Google executive joins Anthropic as chief product officer",
    "people",
    ["anthropic", "google"],
    null,
  ],
  ["Microsoft taps former DeepMind co-founder to run consumer AI", "people", ["microsoft"], null],
  ["xAI co-founder exits to start his own venture firm", "people", ["xai"], null],
  ["Meta recruits Apple's top AI engineer with huge pay package", "people", ["meta", "apple"], null],
  ["Google brings on Windsurf chief in $2.4 billion acqui-hire", "people", ["google"], 2.4e9],
  ["OpenAI's chief research officer to step down after seven years", "people", ["openai"], null],
  ["Anthropic hires former Stripe CTO as chief technology officer", "people", ["anthropic"], null],
  ["OpenAI to use Amazon's Trainium chips in expanded deal", "chip_supply", ["openai", "amazon"], null],
  ["Oracle to deploy 50,000 AMD Instinct GPUs in its cloud", "chip_supply", ["oracle", "amd"], null],
  ["Anthropic adopts Google TPUs for Claude training", "compute_contract", ["anthropic", "google"], null],
  ["Meta in talks to use Google's TPUs in its data centres", "compute_contract", ["meta", "google"], null],
  ["xAI orders Nvidia GB200 systems for Colossus expansion", "chip_supply", ["xai", "nvidia"], null],
  ["Microsoft to buy AMD MI300X accelerators for Azure", "chip_supply", ["microsoft", "amd"], null],
  ["Apple turns to Trainium for Apple Intelligence training", "chip_supply", ["apple"], null],
  ["Nvidia unveils large-scale inference platform for AI factories", "launch", ["nvidia"], null],
];

describe("headline phrasing", () => {
  for (const [title, type, parties, amountUsd] of CASES)
    it(`${title} -> ${type} ${parties.join(" -> ")}`, () => {
      const events = analyzeArticle({ title, body: "" }, context).events;
      const event = events.find((e) => e.type === type);
      expect(event, JSON.stringify(events)).toBeDefined();
      expect(event?.parties.slice(0, parties.length)).toEqual(parties);
      if (amountUsd !== null) expect(event?.amountUsd).toBe(amountUsd);
    });

  it("does not take 'large-scale' for Scale AI", () => {
    const { entities } = analyzeArticle(
      {
        title: "Nvidia unveils large-scale inference platform",
        body: "The large-scale system ships next year.",
      },
      context,
    );
    expect(entities.map((e) => e.id)).not.toContain("scale-ai");
  });
});

// Words that look like a deal's but tell something else: a market bet, chip revenue, the size of
// a buyout, the same money read a second way.
describe("what is not a deal", () => {
  const types = (title: string, body = "") =>
    analyzeArticle({ title, body }, context).events.map((e) => e.type);

  it("reads no investment into investors betting on a rate cut", () => {
    expect(types("Nvidia and Broadcom rise as investors bet on a December rate cut")).not.toContain(
      "investment",
    );
  });

  it("reads chip revenue handed over in an export deal as regulation, not a chip deal", () => {
    const found = types("Nvidia and AMD to give Washington a cut of China chip revenue in export deal");
    expect(found).toContain("regulation");
    expect(found).not.toContain("chip_supply");
  });

  it("takes a deal 'valued at' $6.5 billion for the deal's size, not the buyer's valuation", () => {
    const events = analyzeArticle(
      { title: "OpenAI buys device start-up in all-stock deal valued at $6.5 billion", body: "" },
      context,
    ).events;
    expect(events.map((e) => e.type)).toEqual(["acquisition"]);
    expect(events[0]?.amountUsd).toBe(6.5e9);
  });

  it("keeps one event when the lead tells the same money a second way", () => {
    const found = types(
      "Nvidia's $2 billion xAI bet, explained",
      "Nvidia would put up to $2 billion into xAI's new round, and most of that cash is expected to flow back to Nvidia as orders for GPUs.",
    );
    expect(found).toEqual(["investment"]);
  });
});

// Forms held-out batch 3 showed the extractor missing, rewritten by the team in other words:
// who funds whom in talks, a lawsuit's stage, a regulator's probe, money from another case.
describe("stages, roles and probes", () => {
  const analyze = (title: string, body = "") => analyzeArticle({ title, body }, context).events;

  it("reads a denied motion to dismiss as a ruling, not a dismissal", () => {
    for (const title of [
      "Judge denies Meta's motion to dismiss authors' copyright lawsuit",
      "Court rejects Nvidia's bid to throw out authors' copyright case",
      "Judge declines to dismiss publishers' lawsuit against Anthropic",
    ]) {
      const legal = analyze(title).find((e) => e.type === "legal");
      expect(legal?.status, title).toBe("ruling");
    }
    expect(analyze("Judge dismisses Musk's lawsuit against OpenAI")[0]?.status).toBe("dismissed");
  });

  it("reads an appeal of a dismissal as an appeal", () => {
    const legal = analyze("xAI appeals the dismissal of its trade-secrets suit against OpenAI").find(
      (e) => e.type === "legal",
    );
    expect(legal?.status).toBe("appeal");
  });

  it("reads a party appealing a dismissal as an appeal, an appeals court's dismissal as a dismissal", () => {
    const appeal = analyze("xAI files appeal after judge dismissed its suit against OpenAI").find(
      (e) => e.type === "legal",
    );
    expect(appeal?.status).toBe("appeal");
    const dismissed = analyze("Appeals court dismisses Musk's case against OpenAI").find(
      (e) => e.type === "legal",
    );
    expect(dismissed?.status).toBe("dismissed");
  });

  it("reads a case cleared to go ahead as a ruling", () => {
    for (const title of [
      "Authors' lawsuit against Microsoft can go ahead, judge says",
      "Microsoft must face authors' claims over AI training, court rules",
      "Authors' lawsuit against Microsoft cleared to proceed",
    ]) {
      const legal = analyze(title).find((e) => e.type === "legal");
      expect(legal?.status, title).toBe("ruling");
    }
  });

  it("takes no settlement amount of another case for a ruling", () => {
    const legal = analyze(
      "Judge lets authors' lawsuit against Microsoft proceed",
      "A federal judge ruled that authors can pursue claims that Microsoft trained its models on pirated books. The case echoes claims Anthropic resolved with a $1.5 billion settlement with authors.",
    ).find((e) => e.type === "legal");
    expect(legal?.status).toBe("ruling");
    expect(legal?.amountUsd).toBeNull();
  });

  it("puts the company talked with over a funding round first, as the investor", () => {
    const event = analyze("Perplexity in talks with Nvidia over new funding round").find(
      (e) => e.type === "investment",
    );
    expect(event?.parties).toEqual(["nvidia", "perplexity"]);
    // The investor may also open the sentence: the money word decides, not the word order.
    const amazon = analyze("Amazon in talks with OpenAI over a $10 billion investment").find(
      (e) => e.type === "investment",
    );
    expect(amazon?.parties).toEqual(["amazon", "openai"]);
  });

  it("reads a regulator launching a probe as legal, not a launch", () => {
    const types = analyze("FTC launches probe into Microsoft's ties with OpenAI").map((e) => e.type);
    expect(types).toContain("legal");
    expect(types).not.toContain("launch");
  });

  it("takes no amount for a ruling from another case the body mentions", () => {
    const legal = analyze(
      "Court lets authors' case against Meta go ahead",
      "A judge ruled on Tuesday that authors may pursue their copyright claims against Meta. Meta agreed in March to pay $725 million to settle a separate privacy lawsuit.",
    ).find((e) => e.type === "legal");
    expect(legal).toBeDefined();
    expect(legal?.amountUsd).toBeNull();
  });
});

// Amounts that tell history or another deal, and a round's price told without the lab's name.
describe("background amounts and unnamed valuations", () => {
  const analyze = (title: string, body = "") => analyzeArticle({ title, body }, context).events;

  it("reads no valuation from another contract 'valued at up to' after a comma", () => {
    const events = analyze(
      "Nebius signs $3 billion AI capacity deal with Meta",
      "The contract follows a five-year agreement with Microsoft, valued at up to $19.4 billion, that Nebius signed in September.",
    );
    expect(events.map((e) => e.type)).toEqual(["compute_contract"]);
    expect(events[0]?.amountUsd).toBe(3e9);
  });

  it("reads no valuation from another deal 'which is valued at up to'", () => {
    const events = analyze(
      "Nebius signs $3 billion AI capacity deal with Meta",
      "It comes on top of the Microsoft deal, which is valued at up to $19.4 billion over five years.",
    );
    expect(events.map((e) => e.type)).toEqual(["compute_contract"]);
  });

  it("reads last year's round as history: neither this deal's amount nor its valuation", () => {
    const events = analyze(
      "Nvidia in talks to invest in Groq",
      "Nvidia is in talks to take a stake in Groq, people familiar with the matter said. Groq raised $640 million at a $2.8 billion valuation a year ago.",
    );
    expect(events.map((e) => e.type)).toEqual(["investment"]);
    expect(events[0]?.amountUsd).toBeNull();
  });

  it("reads a round's price from a lead sentence that calls the company 'the lab'", () => {
    const events = analyze(
      "Google in talks to invest $2 billion in SSI",
      "Google is in talks to invest about $2 billion in Safe Superintelligence, people familiar with the plans said. The deal would value the lab at about $40 billion.",
    );
    const valuation = events.find((e) => e.type === "valuation");
    expect(valuation?.amountUsd).toBe(40e9);
    expect(valuation?.parties).toEqual(["ssi"]);
  });
});

describe("investors named in the lead", () => {
  it("adds an investor the lead says took part in the round, before the company that raised", () => {
    const events = analyzeArticle(
      {
        title: "Perplexity raises $1 billion from Nvidia",
        body: "Perplexity has raised $1 billion in a round led by Nvidia, the company said on Tuesday. SoftBank also took part in the round.",
      },
      context,
    ).events;
    expect(events.find((e) => e.type === "investment")?.parties).toEqual([
      "nvidia",
      "softbank",
      "perplexity",
    ]);
  });
});

// Registers and layouts beyond the wire headline (newsletters, columns, live blogs), the act over
// the topic noun, background sentences, and common words that are tracked names. Written by the
// team after the misses of held-out batch 4 were described to it, never from their text.
describe("registers, acts and background", () => {
  const intel = (title: string, body = "") => analyzeArticle({ title, body }, context);
  const analyze = (title: string, body = "") => intel(title, body).events;
  const types = (title: string, body = "") => analyze(title, body).map((e) => e.type);

  it("reads a newsletter's hedged cheque as an investment and 'put the lab at' as its valuation", () => {
    const events = analyze(
      "The Briefing: a big week for Paris",
      "Hello again. Microsoft is weighing a cheque north of $2 billion for Mistral, in a round that would put the lab at roughly $25 billion.",
    );
    expect(events.find((e) => e.type === "investment")).toMatchObject({
      amountUsd: 2e9,
      qualifier: "more_than",
      parties: ["microsoft", "mistral"],
      status: "talks",
    });
    expect(events.find((e) => e.type === "valuation")).toMatchObject({
      amountUsd: 25e9,
      parties: ["mistral"],
    });
  });

  it("reads 'the company's value at around' as a valuation", () => {
    const events = analyze(
      "SoftBank in talks to back Crusoe",
      "SoftBank is in talks to invest in Crusoe, a deal that would put the company's value at around $13 billion.",
    );
    expect(events.find((e) => e.type === "valuation")?.amountUsd).toBe(13e9);
  });

  it("puts the investor first when the one raising opens 'in discussions with Y about a new investment'", () => {
    const event = analyze("Crusoe is in discussions with SoftBank about a new investment").find(
      (e) => e.type === "investment",
    );
    expect(event?.parties).toEqual(["softbank", "crusoe"]);
  });

  it("reads a column's 'is paying $X for a company' as an acquisition", () => {
    const event = analyze("Why is AMD paying $900 million for a start-up few have heard of?").find(
      (e) => e.type === "acquisition",
    );
    expect(event).toMatchObject({ amountUsd: 900e6, parties: ["amd"] });
  });

  it("reads license-and-hire as a hire and an acquisition, the fee on the acquisition", () => {
    const events = analyze(
      "Microsoft hires founders of voice start-up and licenses its models for $300 million",
    );
    expect(events.find((e) => e.type === "acquisition")?.amountUsd).toBe(300e6);
    expect(events.find((e) => e.type === "people")?.amountUsd ?? null).toBeNull();
  });

  it("types money put into a data-centre builder as an investment, money put into sites as a build-out", () => {
    expect(types("SoftBank to invest $1 billion in data-centre developer Crusoe")).toContain("investment");
    expect(types("Microsoft to invest $10 billion in data centres in Portugal")).toEqual(["infrastructure"]);
  });

  it("types an appointment to run infrastructure as a hire, without last quarter's capex", () => {
    const events = analyze(
      "Oracle names Google veteran to lead its AI infrastructure unit",
      "Oracle spent $8.5 billion on capital expenditure in the last quarter.",
    );
    expect(events.map((e) => e.type)).toEqual(["people"]);
  });

  it("types a state directive to use domestic chips as regulation", () => {
    expect(types("Beijing tells Tencent to use only domestic chips in new data centres")).toEqual([
      "regulation",
    ]);
  });

  it("types moving work onto a cloud's in-house chips as a chip deal with the maker as a party", () => {
    const event = analyze("Anthropic to move training work onto Amazon's in-house chips")[0];
    expect(event).toMatchObject({ type: "chip_supply", parties: ["anthropic", "amazon"] });
  });

  it("reads 'ships', published weights and first samples as launches, but not chips shipped to a buyer", () => {
    expect(types("Mistral ships a new open coding model")).toEqual(["launch"]);
    expect(types("DeepSeek publishes the weights of its new reasoning model")).toEqual(["launch"]);
    expect(types("Micron begins sampling HBM4 to customers")).toEqual(["launch"]);
    expect(types("Nvidia ships H20 chips to Chinese buyers again")).not.toContain("launch");
  });

  it("reads a live blog's timestamped announcement as a launch, not the factory it mentions", () => {
    const events = analyze(
      "Live: SK Hynix at the memory summit",
      "10:05 — SK Hynix announced a 16-layer HBM4 stack, which it says is now sampling to customers.\n10:20 — The stacks will come from its new Cheongju factory.",
    );
    expect(events.map((e) => e.type)).toEqual(["launch"]);
  });

  it("reads an accusation outside court as controversy, a trade-secret accusation as legal", () => {
    expect(analyze("Researchers accuse Meta of overstating its model's test results")[0]).toMatchObject({
      type: "controversy",
      status: null,
    });
    expect(types("xAI accuses OpenAI of stealing trade secrets")).toContain("legal");
  });

  it("gives a regulator's opened investigation the stage filed, even beside the word 'rules'", () => {
    const event = analyze("Japan's watchdog opens investigation into Apple's app store rules").find(
      (e) => e.type === "legal",
    );
    expect(event?.status).toBe("filed");
    // A court that rules is still a ruling.
    const ruled = analyze("Judge rules Google must open its app store to rivals").find(
      (e) => e.type === "legal",
    );
    expect(ruled?.status).toBe("ruling");
  });

  it("raises no event for several companies' spending told as background", () => {
    expect(
      analyze(
        "What to expect from Amazon's results",
        "Microsoft, Alphabet and Meta have all raised their capital spending plans this year.",
      ),
    ).toEqual([]);
    expect(
      analyze(
        "The arithmetic of the AI boom",
        "Add up what Amazon, Microsoft and Oracle say they will spend on data centres and you pass $300 billion.",
      ),
    ).toEqual([]);
  });

  it("takes no division's quarterly profit for the size of an order", () => {
    const event = analyze(
      "SK Hynix wins memory order from Nvidia",
      "SK Hynix will supply memory for Nvidia's next accelerators. Its chip unit made 9.1 trillion won in operating profit in the third quarter.",
    )[0];
    expect(event).toMatchObject({ type: "chip_supply", amountUsd: null });
  });

  it("keeps the lead's 'about' on an amount the headline rounds, whatever noun the lead uses", () => {
    const event = analyze(
      "Dell wins $4 billion AI server order from CoreWeave",
      "CoreWeave has ordered about $4 billion of computing systems from Dell for new sites in Texas.",
    )[0];
    expect(event?.qualifier).toBe("about");
  });

  it("reads 'people say' and 'according to two people' as reported", () => {
    expect(analyze("Meta to rent AI capacity from CoreWeave, people say")[0]?.status).toBe("reported");
    expect(
      analyze(
        "Meta to rent AI capacity from CoreWeave",
        "Meta will rent capacity from CoreWeave, according to two people with knowledge of the plans.",
      )[0]?.status,
    ).toBe("reported");
  });

  it("does not take a capitalised common word for the company of that name", () => {
    const ids = (title: string, body = "") => intel(title, body).entities.map((e) => e.id);
    expect(ids("Perplexity Over Tariffs Grips Importers", "Perplexity about the new duties spread.")).toEqual(
      [],
    );
    expect(ids("Will Asia's Chip Alliances Ever Cohere?")).toEqual([]);
    // The companies themselves, capitalised by position too.
    expect(ids("Perplexity raises $200 million", "Perplexity said the round closed.")).toContain(
      "perplexity",
    );
    expect(ids("Can Cohere Compete With OpenAI?")).toContain("cohere");
    expect(ids("Perplexity About to Close New Funding", "Perplexity is raising again.")).toContain(
      "perplexity",
    );
  });
});

// Forms held-out batch 5 showed missing, as the diagnosis described them, rewritten by the team
// about other companies: who departs where, seller-first sales, per-investor amounts, recaps.
describe("batch 5 forms: acts, sales, per-investor amounts and recaps", () => {
  const analyze = (title: string, body = "") => analyzeArticle({ title, body }, context).events;
  const types = (title: string, body = "") => analyze(title, body).map((e) => e.type);

  it("reads a job title's remit as no build-out, and 'is leaving for' as a departure to the hirer", () => {
    expect(types("Amazon's data-centre AI chief departs for Meta")).toEqual(["people"]);
    expect(analyze("Meta's head of AI research is leaving for Google")[0]?.parties).toEqual([
      "google",
      "meta",
    ]);
  });

  it("reads a forbidden purchase as a directive, and chips built together as a partnership", () => {
    expect(types("Regulators tell Tencent and Baidu to stop buying Nvidia's China chip")).toEqual([
      "regulation",
    ]);
    const found = types("Intel to invest $2 billion in Arm as the pair agree to design chips together");
    expect(found).toContain("partnership");
    expect(found).not.toContain("chip_supply");
  });

  it("reads seller-first, passive and hedged sales as acquisitions, buyer first", () => {
    const sold = analyze("Intel agrees to sell its networking unit to Broadcom for $3 billion")[0];
    expect(sold).toMatchObject({ type: "acquisition", amountUsd: 3e9, parties: ["broadcom", "intel"] });
    expect(types("Equinix Data Centers sold to SoftBank group for $9 billion")).toEqual(["acquisition"]);
    const hedged = analyze("Dell to buy Fenwick Thermal Systems Group for about $2 billion")[0];
    expect(hedged).toMatchObject({ type: "acquisition", amountUsd: 2e9, qualifier: "about" });
  });

  it("takes the amount past a company suffix's full stop", () => {
    const event = analyze(
      "Qualcomm announces agreement to acquire Brightwave",
      "Qualcomm Technologies, Inc. today said it has agreed to acquire Brightwave, Inc., a maker of radio chips, for $1.2 billion in cash.",
    )[0];
    expect(event?.amountUsd).toBe(1.2e9);
  });

  it("splits 'A and B will invest $X and $Y respectively in C' into one investment each", () => {
    const events = analyze(
      "Google and Nvidia to invest in Mistral",
      "Google and Nvidia will invest as much as $1 billion and $2 billion respectively in Mistral, the companies said.",
    ).filter((e) => e.type === "investment");
    expect(events.map((e) => [e.parties, e.amountUsd, e.qualifier])).toEqual([
      [["google", "mistral"], 1e9, "up_to"],
      [["nvidia", "mistral"], 2e9, "up_to"],
    ]);
  });

  it("reads no valuation from a deal that could be worth a sum, and none from a past round recapped", () => {
    const chips = analyze(
      "Meta nears deal for Broadcom's custom accelerators",
      "Meta is in talks with Broadcom over custom accelerators, in a deal that could be worth at least $5 billion.",
    );
    expect(chips.map((e) => e.type)).toEqual(["chip_supply"]);
    expect(chips[0]).toMatchObject({ amountUsd: 5e9, qualifier: "at_least" });
    expect(
      types(
        "Cohere and Oracle team up on enterprise agents",
        "The two will sell agents together. Cohere raised $500 million at a valuation of $6 billion last month.",
      ),
    ).toEqual(["partnership"]);
  });

  it("raises nothing for a piece the outlet labels opinion or preview", () => {
    expect(types("Opinion: Nvidia is lending to its customers, and that should worry us")).toEqual([]);
    expect(
      types(
        "Earnings preview: Oracle's backlog",
        "Investors will watch Oracle's backlog, which rose on contracts with OpenAI and Meta and the data centres it has promised.",
      ),
    ).toEqual([]);
  });

  it("reads 'in talks over $X' as about the figure, not more than it", () => {
    const event = analyze("Apple in talks over $3 billion cloud deal with Oracle")[0];
    expect(event?.qualifier).toBe("exact");
  });
});

// Stage, parties and silence from the right clause: news that came before, a co-defendant named
// later, a consortium's members, a relative clause's own deal, an explainer told as a question.
describe("batch 5 forms: clauses that tell another thing", () => {
  const analyze = (title: string, body = "") => analyzeArticle({ title, body }, context).events;

  it("keeps a signed contract agreed when a trailing clause recalls earlier talks", () => {
    const event = analyze(
      "Nebius signs $2 billion GPU capacity contract with Apple",
      "Nebius has signed a contract worth $2 billion to supply Apple with GPU capacity, the companies said, days after reports that Apple was also negotiating with Lambda.",
    ).find((e) => e.type === "compute_contract");
    expect(event?.status).toBe("agreed");
  });

  it("adds a co-defendant the body names, and takes no other case's payment for a filing", () => {
    const suit = analyze(
      "Authors sue Apple over the books behind its assistant",
      "Novelists sued Apple on Tuesday, claiming its assistant was trained on pirated books. Anthropic, which built the model, was also named as a defendant.",
    ).find((e) => e.type === "legal");
    expect(suit?.parties).toEqual(["apple", "anthropic"]);
    const filing = analyze(
      "Publishers sue Cohere over copied articles",
      "Publishers sued Cohere on Monday. The case comes a day after Perplexity agreed to pay $25 million to resolve a similar lawsuit.",
    ).find((e) => e.type === "legal");
    expect(filing?.amountUsd).toBeNull();
  });

  it("names every consortium member as a buyer, and keeps a relative clause's deal to its subject", () => {
    const buyout = analyze(
      "SoftBank-led group nears $6 billion deal for Equinix",
      "A consortium led by SoftBank and MGX is in advanced talks to buy Equinix for about $6 billion, people familiar said.",
    ).find((e) => e.type === "acquisition");
    expect(buyout?.parties.slice(0, 2)).toEqual(["softbank", "mgx"]);
    const compute = analyze(
      "Google and Nvidia to invest $3 billion in Mistral, which commits $8 billion to AWS",
    ).find((e) => e.type === "compute_contract");
    expect(compute?.parties).toEqual(["mistral", "amazon"]);
  });

  it("raises nothing for an explainer told as a 'what is ..., and why' question", () => {
    expect(
      analyze(
        "What is a chip-for-equity deal, and why do regulators care?",
        "Nvidia has traded chips for stakes before. AMD granted OpenAI warrants in 2025 alongside a GPU order.",
      ),
    ).toEqual([]);
  });
});

describe("batch 5 forms: a plaintiff told by the company's passive case", () => {
  it("puts the company that lodged the case first when the headline names its founder", () => {
    const suit = analyzeArticle(
      {
        title: "Amodei takes Google and Meta to court over model licences",
        body: "Google and Meta must answer claims that they breached licence terms, under the case lodged by Anthropic in a California court.",
      },
      context,
    ).events.find((e) => e.type === "legal");
    expect(suit?.parties).toEqual(["anthropic", "google", "meta"]);
  });
});

describe("batch 5 forms: chips a cloud designs, bought for the buyer's own sites", () => {
  it("reads putting a cloud's TPUs in one's own data centres as a chip purchase, using them as capacity", () => {
    const bought = analyzeArticle(
      { title: "Is Apple about to put Google's TPUs in its data centres?", body: "" },
      context,
    ).events.map((e) => e.type);
    expect(bought).toEqual(["chip_supply"]);
    const rented = analyzeArticle(
      { title: "Apple in talks to use Google's TPUs in its data centres", body: "" },
      context,
    ).events.map((e) => e.type);
    expect(rented).toEqual(["compute_contract"]);
  });
});

// Forms held-out batches 6 and 7 were diagnosed as missing, written again with other companies.
type Want = { types: string[]; amountUsd?: number | null; parties?: string[] };
const read = (title: string, body = "") => {
  const events = analyzeArticle({ title, body }, context).events.filter((e) => !e.secondary);
  return { types: events.map((e) => e.type), first: events[0] };
};
const expectRead = (title: string, body: string, want: Want) => {
  const { types, first } = read(title, body);
  expect(types).toEqual(want.types);
  if (want.amountUsd !== undefined) expect(first?.amountUsd ?? null).toBe(want.amountUsd);
  if (want.parties) expect(first?.parties).toEqual(want.parties);
};

describe("batch 6 and 7 forms: background in the lead", () => {
  const cases: [string, string, Want][] = [
    [
      "Oracle hires Anthropic's head of compute",
      "Oracle has hired Anthropic's head of compute to run a new GPU team. It came weeks after Oracle announced a $6 billion campus in Texas.",
      { types: ["people"] },
    ],
    [
      "Crusoe raises $750 million led by BlackRock",
      "Crusoe has raised $750 million in a round led by BlackRock. The company signed a $1.5 billion capacity contract with Microsoft in April.",
      { types: ["investment"], amountUsd: 750e6 },
    ],
    [
      "Cohere valued at $12 billion in share deal",
      "Cohere is now valued at $12 billion, up from the $6.8 billion valuation set when Cohere raised $500 million in August.",
      { types: ["valuation"], amountUsd: 12e9 },
    ],
    [
      "xAI leases GPU capacity from Oracle",
      "xAI, which was valued at $80 billion this year, has agreed to lease GPU capacity from Oracle in Texas.",
      { types: ["compute_contract"] },
    ],
    [
      "CoreWeave wins Google contract",
      "CoreWeave has signed a $4.2 billion contract to supply Google with capacity.",
      { types: ["compute_contract"], amountUsd: 4.2e9 },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));
});

describe("batch 6 and 7 forms: deal verbs and registers", () => {
  const cases: [string, string, Want][] = [
    ["AMD paying $1.5 billion for Silvane was overdue", "", { types: ["acquisition"], amountUsd: 1.5e9 }],
    [
      "Intel's $900 million networking bet",
      "Intel paying $900 million for Ferrolink is its boldest wager in years.",
      { types: ["acquisition"], amountUsd: 900e6, parties: ["intel"] },
    ],
    [
      "Is Mistral really worth $30 billion?",
      "Investors are weighing a deal that would price the French lab at roughly $30 billion.",
      { types: ["valuation"], amountUsd: 30e9 },
    ],
    ["Nebius plans to price its shares at $2 billion in total", "", { types: [] }],
    ["Groq pulled in $500 million in revenue last year", "", { types: [] }],
    [
      "xAI signs up for $2 billion of GPU time from Oracle",
      "",
      { types: ["compute_contract"], amountUsd: 2e9, parties: ["xai", "oracle"] },
    ],
    [
      "Apple to pay Anthropic $600 million a year for Claude, report says",
      "",
      { types: ["partnership"], amountUsd: 600e6 },
    ],
    [
      "Nscale closes its round",
      "Nscale has pulled in more than $1 billion from a group led by Nvidia.",
      { types: ["investment"], amountUsd: 1e9, parties: ["nvidia", "nscale"] },
    ],
    [
      "OpenAI picks Cerebras chips for its coding model",
      "",
      { types: ["chip_supply"], parties: ["openai", "cerebras"] },
    ],
    [
      "Groq lands Meta as a customer",
      "Groq has won Meta as a customer for its inference systems, the chipmaker said.",
      { types: ["chip_supply"] },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));
});

describe("batch 6 and 7 forms: harm reports, no-news pieces and topic nouns", () => {
  const cases: [string, string, Want][] = [
    ["Unions round on Amazon over warehouse AI monitoring", "", { types: ["controversy"] }],
    ["Researchers say Microsoft's Recall stored passwords unencrypted", "", { types: ["controversy"] }],
    ["Meta's chatbot gave wrong information about vaccines, doctors say", "", { types: ["controversy"] }],
    ["OpenAI's agent booked flights users did not approve", "", { types: ["controversy"] }],
    [
      "Mailbag: do Microsoft and Oracle really need more data centres?",
      "A reader asks whether Microsoft and Oracle overbuild.",
      { types: [] },
    ],
    [
      "Asia's data-centre construction spending hits a record",
      "Builders for Microsoft, Google and Alibaba spent $19 billion on data-centre construction in the quarter, according to figures compiled by an analyst firm.",
      { types: [] },
    ],
    [
      "Broadcom to Acquire Helixo, Expanding Its Switching Line for AI Data Centers",
      "",
      { types: ["acquisition"] },
    ],
    ["Oracle confirms hire of Microsoft's data-centre chief to run its expansion", "", { types: ["people"] }],
    [
      "Equinix to buy Dutch data centre operator Polderhal for €2bn",
      "",
      { types: ["acquisition"], amountUsd: 2.16e9 },
    ],
    [
      "Digital Realty buys Kestrel",
      "Digital Realty has agreed to buy Kestrel, which runs nine data centres in Ireland, for $1.2 billion.",
      { types: ["acquisition"], amountUsd: 1.2e9 },
    ],
    [
      "Texas's data centre boom meets a new federal licence rule",
      "The Commerce Department will require export licences for some AI servers built at US sites.",
      { types: ["regulation"] },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));

  it("takes the dollar figure the article gives beside a headline's foreign amount", () => {
    expectRead(
      "Microsoft to spend £5bn on Welsh AI campus",
      "Microsoft will spend £5bn ($6.6bn) on an AI campus in Wales, the company said.",
      { types: ["infrastructure"], amountUsd: 6.6e9 },
    );
  });

  it("reads the amount past a press release's dateline and ticker", () => {
    expectRead(
      "Marvell to Acquire Tessiq",
      "SANTA CLARA, Calif., Nov. 3, 2025 -- Marvell Technology, Inc. (NASDAQ: MRVL) today announced an agreement to acquire Tessiq in a transaction valued at $1.7 billion.",
      { types: ["acquisition"], amountUsd: 1.7e9 },
    );
  });
});

describe("batch 6 and 7 forms: chip adoption, its sides and its price", () => {
  it("reads moving work onto a maker's systems and signing up for a named accelerator as chip deals", () => {
    expectRead("Amazon to move inference onto systems built by Cerebras", "", {
      types: ["chip_supply"],
      parties: ["amazon", "cerebras"],
    });
    expectRead("Cohere signs up for AMD's MI450 for its next cluster", "", {
      types: ["chip_supply"],
      parties: ["cohere", "amd"],
    });
  });

  it("leaves out the alternative set aside and the rivals named beside the deal", () => {
    expectRead("Mistral to run Le Chat on Cerebras chips rather than on Nvidia GPUs", "", {
      types: ["chip_supply"],
      parties: ["mistral", "cerebras"],
    });
  });

  it("does not take the supplier's own fundraise as the contract's price", () => {
    const { types, first } = read(
      "Groq wins Perplexity as a customer",
      "Groq has won Perplexity as a customer for its inference systems. Groq, which has itself raised $1.5 billion privately, is hiring fast.",
    );
    expect(types).toEqual(["chip_supply"]);
    expect(first?.amountUsd).toBeNull();
  });

  it("reads past a newsletter's greeting and teaser to the event and its stage", () => {
    const { first } = read(
      "The Monday letter",
      "Happy Monday. Two deals and a number to start your week. Lambda has closed a $1.2 billion round led by Nvidia.",
    );
    expect(first?.type).toBe("investment");
    expect(first?.status).toBe("closed");
  });
});

describe("batch 6 and 7 forms: what a capacity deal rents is no party", () => {
  it("leaves out the maker of the GPUs rented, not a chip maker that rents capacity itself", () => {
    expectRead("Anthropic to rent capacity on Nvidia GPUs from CoreWeave", "", {
      types: ["compute_contract"],
      parties: ["anthropic", "coreweave"],
    });
    expectRead("Nvidia signs $6 billion capacity deal with CoreWeave", "", {
      types: ["compute_contract"],
      parties: ["nvidia", "coreweave"],
    });
  });
});

describe("batch 6 and 7 forms: a company the suit is about but does not name", () => {
  it("drops a company the lead says is not a defendant", () => {
    const suit = read(
      "Authors sue Microsoft over its OpenAI ties",
      "A group of authors sued Microsoft in a New York court on Tuesday. OpenAI is not a defendant in the case.",
    ).first;
    expect(suit?.type).toBe("legal");
    expect(suit?.parties).toEqual(["microsoft"]);
  });
});

// Forms held-out batches 8 and 9 were diagnosed as missing, written again with other companies.
describe("batch 8 and 9 forms: a sale of existing shares sets a price, raises nothing", () => {
  const cases: [string, string, Want][] = [
    [
      "Cohere staff to sell up to $500 million of shares in tender offer",
      "Cohere will let employees sell up to $500 million of their shares in a tender offer that values the company at $9 billion.",
      { types: ["valuation"], amountUsd: 9e9, parties: ["cohere"] },
    ],
    [
      "Secondary sale values Perplexity at $25 billion",
      "Existing holders sold about $300 million of Perplexity stock to new investors, the company said.",
      { types: ["valuation"], amountUsd: 25e9 },
    ],
    [
      "Groq raises $750 million at $7 billion valuation as staff also sell shares",
      "Groq has raised $750 million in new money; employees will sell a further $100 million of existing shares.",
      { types: ["investment", "valuation"], amountUsd: 750e6 },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));
});

describe("batch 8 and 9 forms: deal wordings", () => {
  const cases: [string, string, Want][] = [
    [
      "Groq agrees to buy as much as $2 billion of Cerebras systems",
      "",
      { types: ["chip_supply"], amountUsd: 2e9, parties: ["groq", "cerebras"] },
    ],
    [
      "Cerebras gets its whale",
      "The chatbot maker Perplexity has signed an order for roughly $1.5 billion of Cerebras systems.",
      { types: ["chip_supply"], amountUsd: 1.5e9 },
    ],
    [
      "Is Amazon CoreWeave's next big customer?",
      "Amazon has agreed to pay CoreWeave more than $4 billion for GPUs over three years.",
      { types: ["compute_contract"], amountUsd: 4e9, parties: ["amazon", "coreweave"] },
    ],
    [
      "Google to supply TPUs to Meta",
      "Google will sell the chips to Meta for installation in Meta's own data centres from next year.",
      { types: ["chip_supply"], parties: ["meta", "google"] },
    ],
    [
      "Lambda signs $3 billion contract to supply Microsoft with GPU capacity",
      "",
      { types: ["compute_contract"], amountUsd: 3e9 },
    ],
    [
      "The weekend letter",
      "Happy Sunday. Mistral has pulled in more than four billion dollars from a round led by Nvidia. The deal puts a $30 billion price tag on the company.",
      { types: ["investment", "valuation"], amountUsd: 4e9, parties: ["nvidia", "mistral"] },
    ],
    [
      "Perplexity: $25bn is a bet on search",
      "Nvidia has led a $1 billion round in Perplexity at a $25 billion valuation.",
      { types: ["investment", "valuation"], amountUsd: 1e9, parties: ["nvidia", "perplexity"] },
    ],
    [
      "xAI in talks to raise $3 billion",
      "xAI is in talks to raise $3 billion, people familiar said. SoftBank is expected to lead the round.",
      { types: ["investment"], parties: ["softbank", "xai"] },
    ],
    [
      "Apple nears deal to build Mistral's assistant into its cars",
      "Apple considered buying Mistral last year but decided against an acquisition.",
      { types: ["partnership"] },
    ],
    [
      "CoreWeave signs $4 billion compute deal with Cohere days after OpenAI deal",
      "",
      { types: ["compute_contract"], parties: ["cohere", "coreweave"] },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));
});

describe("batch 8 and 9 forms: build-outs, debt and project costs", () => {
  const cases: [string, string, Want][] = [
    [
      "Samsung to spend $10 billion on new HBM plant",
      "Samsung will invest $10 billion to build a new memory fabrication plant in Texas.",
      { types: ["infrastructure"], amountUsd: 10e9 },
    ],
    [
      "Nebius plans Finnish AI campus",
      "Nebius will build a data-centre campus in Finland. Nebius valued the full build-out at more than $3 billion.",
      { types: ["infrastructure"], amountUsd: 3e9 },
    ],
    ["Crusoe borrows $2 billion for Texas sites", "", { types: ["infrastructure"], amountUsd: 2e9 }],
    [
      "CoreWeave sells $1.75 billion of convertible notes",
      "",
      { types: ["infrastructure"], amountUsd: 1.75e9 },
    ],
    [
      "Meta raises $20 billion in bond sale to pay for data centres",
      "",
      { types: ["infrastructure"], amountUsd: 20e9 },
    ],
    ["Suit against Amazon over data center noise thrown out", "", { types: ["legal"] }],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));
});

describe("batch 8 and 9 forms: hires, harm reports and appeals", () => {
  const cases: [string, string, Want][] = [
    [
      "Nvidia's finance chief is said to be leaving",
      "Nvidia's chief financial officer is preparing to step down. Nvidia is in talks with lenders over a $5 billion loan for new offices.",
      { types: ["people"] },
    ],
    [
      "OpenAI's coding agent emailed confidential documents to strangers, users say",
      "",
      { types: ["controversy"] },
    ],
    ["xAI safety report shows model tried to disable its own oversight", "", { types: ["controversy"] }],
    ["Users say Google's agent deleted their company files", "", { types: ["controversy"] }],
    ["Character chatbot on Meta coached kids on self-harm, study finds", "", { types: ["controversy"] }],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));

  it("reads asking an appeals court to overturn a ruling as an appeal", () => {
    const suit = read("Google asks appeals court to overturn ruling in search case").first;
    expect(suit?.type).toBe("legal");
    expect(suit?.status).toBe("appeal");
  });
});

describe("batch 8 and 9 forms: leases told as tenants, hires told as confirmations", () => {
  const cases: [string, string, Want][] = [
    [
      "CoreWeave's newest mega-tenant is Cohere",
      "Cohere has committed $2 billion for GPU capacity at CoreWeave's sites, making it an anchor tenant.",
      { types: ["compute_contract"], amountUsd: 2e9, parties: ["cohere", "coreweave"] },
    ],
    [
      "Microsoft confirms Meta researcher Ana Ruiz will lead its speech work",
      "",
      { types: ["people"], parties: ["microsoft", "meta"] },
    ],
    ["Nvidia and Intel are joining forces on PC chips", "", { types: ["partnership"] }],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));

  it("does not read a build-out 'when completed in 2028' as closed", () => {
    const { first } = read(
      "SoftBank to fund $4 billion Crusoe campus",
      "SoftBank will fund a $4 billion campus Crusoe is building in Texas. When completed in 2028, it will draw a gigawatt.",
    );
    expect(first?.type).toBe("infrastructure");
    expect(first?.status).toBe("agreed");
  });
});

describe("batch 8 and 9 forms: who acts, and what was set aside", () => {
  it("puts the state first in a passive regulation headline", () => {
    expectRead(
      "Tencent unit added to US export blacklist",
      "Tencent's cloud arm was added to a US export blacklist by the Commerce Department on Tuesday.",
      { types: ["regulation"], parties: ["us-government", "tencent"] },
    );
  });

  it("raises no purchase for a takeover the buyer considered and set aside", () => {
    expectRead(
      "Amazon invests $2 billion in Cohere",
      "Amazon will invest $2 billion in Cohere. Amazon considered buying Cohere outright last year but decided against it.",
      { types: ["investment"], amountUsd: 2e9 },
    );
  });
});

describe("batch 8 and 9 forms: a headline's aside names no party", () => {
  const cases: [string, string, Want][] = [
    [
      "Cohere raises $1bn: what it means for Oracle and Nvidia",
      "Event: Cohere raised $1 billion in a round led by SoftBank. Impact: Oracle and Nvidia sell it capacity and chips.",
      { types: ["investment"], amountUsd: 1e9, parties: ["softbank", "cohere"] },
    ],
    [
      "Google releases Gemini Flash 3, stepping up race with OpenAI and Anthropic",
      "",
      { types: ["launch"], parties: ["google"] },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));
});

describe("batch 8 and 9 forms: a roundup headline with two items", () => {
  it("reads each clause's deal with its own parties and amount", () => {
    const events = analyzeArticle(
      {
        title: "Daily Wrap: Mistral books Nebius capacity; Micron's $7bn Boise expansion",
        body: "Mistral has signed a $900 million contract to use GPU capacity in Nebius data centres. Separately, Micron will spend $7 billion to expand its Boise fab.",
      },
      context,
    ).events;
    const compute = events.find((e) => e.type === "compute_contract");
    const build = events.find((e) => e.type === "infrastructure");
    expect(compute?.parties).toEqual(["mistral", "nebius"]);
    expect(compute?.amountUsd).toBe(900e6);
    expect(build?.parties).toEqual(["micron"]);
    expect(build?.amountUsd).toBe(7e9);
  });

  it("reads a column's roundup headline parted by a comma the same way", () => {
    const events = analyzeArticle(
      {
        title: "Chip Notes: Cohere books Lambda capacity, Samsung's $5bn Taylor expansion",
        body: "Cohere has signed a $700 million contract to use GPU capacity in Lambda data centres. Separately, Samsung will spend $5 billion to expand its Taylor fab.",
      },
      context,
    ).events;
    expect(events.find((e) => e.type === "compute_contract")?.parties).toEqual(["cohere", "lambda"]);
    expect(events.find((e) => e.type === "infrastructure")?.parties).toEqual(["samsung"]);
    expect(events.find((e) => e.type === "infrastructure")?.amountUsd).toBe(5e9);
  });

  it("does not take a lab's name as the title of an exhibition", () => {
    const { entities } = analyzeArticle(
      {
        title: "Museum opens 'Thinking Machines' show on early computers",
        body: "The exhibition called Thinking Machines traces calculating devices from the abacus onwards.",
      },
      context,
    );
    expect(entities.map((e) => e.id)).not.toContain("thinking-machines");
  });
});

describe("batch 8 and 9 forms: a deal's stage", () => {
  it("keeps a deal the company announced agreed when a later sentence hedges a detail", () => {
    const { first } = read(
      "Oracle signs $5 billion capacity deal with Cohere",
      "Cohere has signed a $5 billion contract to rent capacity from Oracle, the software company said on Monday. Most of it will serve inference, according to a person familiar with the terms.",
    );
    expect(first?.status).toBe("agreed");
  });

  it("still reads a deal only sources tell of as reported", () => {
    const { first } = read(
      "Oracle signs $5 billion capacity deal with Cohere",
      "Cohere has signed a $5 billion contract to rent capacity from Oracle, according to people familiar with the matter.",
    );
    expect(first?.status).toBe("reported");
  });
});

describe("batch 11 forms: a round in talks beside what its money is for", () => {
  it("keeps a round the raiser is in talks to raise when a later sentence names the data centre it pays for", () => {
    const { types, first } = read(
      "Mistral is said to seek about $2 billion at a $14 billion valuation",
      "Mistral is in talks with investors to raise about $2 billion in fresh capital at a valuation of $14 billion, people familiar with the plans said. Mistral needs the money for its data centre campus outside Paris and for a gas-fired power plant next to it. The talks are at an early stage.",
    );
    expect(types).toContain("investment");
    expect(first?.type).toBe("investment");
    expect(first?.amountUsd).toBe(2e9);
  });

  it("reads new equity as a round beside the sites it pays for", () => {
    const { types } = read(
      "Cohere lines up $600 million in new equity",
      "Cohere has agreed $600 million in new equity with a group of pension funds, the company said. Most of the money will go to GPU clusters in two data centres in Canada.",
    );
    expect(types).toContain("investment");
    expect(types).not.toContain("infrastructure");
  });
});

describe("batch 11 forms: a cloud company's build-out in a country", () => {
  it("reads a cloud company's planned spending in a country as a build-out", () => {
    expectRead(
      "Frankfurt region picked for bulk of Microsoft's new German cloud spending",
      "Hesse will receive most of the €3.2 billion that Microsoft plans to invest in Germany by 2026, the company said on Thursday. The money will pay for two new campuses near Frankfurt and a larger site in North Rhine-Westphalia.",
      { types: ["infrastructure"], amountUsd: 3.2e9 * 1.08, parties: ["microsoft"] },
    );
  });

  it("still reads money a company plans to invest in a start-up as an investment", () => {
    expectRead(
      "Nvidia plans to invest $500 million in Poolside",
      "Nvidia plans to invest $500 million in the coding start-up Poolside, the companies said.",
      { types: ["investment"], amountUsd: 5e8 },
    );
  });
});

describe("batch 11 forms: a newsletter's round and its price in slang", () => {
  const title = "Le Chat's maker is now worth almost fifteen billion dollars";
  const body =
    "Good morning, and happy Thursday. Funding desk. Mistral banked $2 billion of fresh equity, with Thrive Capital writing the biggest cheque and Nvidia along for the ride. The price: $14 billion post-money. Elsewhere, chip stocks slipped for a third day.";

  it("reads a worded price in the headline as a valuation", () => {
    const events = analyzeArticle({ title, body }, context).events.filter((e) => !e.secondary);
    const valuation = events.find((e) => e.type === "valuation");
    expect(valuation?.amountUsd).toBe(15e9);
  });

  it("reads the round banked as fresh equity, with its investors", () => {
    const events = analyzeArticle({ title, body }, context).events.filter((e) => !e.secondary);
    const round = events.find((e) => e.type === "investment");
    expect(round?.amountUsd).toBe(2e9);
    expect(round?.parties).toEqual(["thrive-capital", "nvidia", "mistral"]);
    expect(events.find((e) => e.type === "valuation")?.parties).toEqual(["mistral"]);
  });

  it("reads a price told as a sentence of its own, post-money", () => {
    const events = analyzeArticle(
      {
        title: "Funding desk: Mistral banks $2 billion of fresh equity",
        body: "Mistral banked $2 billion of fresh equity from a group led by Thrive Capital. The price: $14 billion post-money.",
      },
      context,
    ).events.filter((e) => !e.secondary);
    expect(events.map((e) => e.type)).toEqual(["investment", "valuation"]);
    expect(events.find((e) => e.type === "valuation")?.amountUsd).toBe(14e9);
  });

  it("does not read a deal worth a worded amount as a valuation", () => {
    const { types } = read(
      "Oracle's deal with Meta is worth about twenty billion dollars",
      "Oracle will rent cloud capacity to Meta under a contract worth about twenty billion dollars over several years.",
    );
    expect(types).not.toContain("valuation");
  });
});

describe("batch 11 forms: a job title after 'hires' names no deal", () => {
  it("reads a hire of another company's head of a chip's software as the hire alone", () => {
    const { types } = read(
      "Anthropic hires Google's head of TPU software",
      "Anthropic has hired the Google engineer who led software for its TPUs, the company said. He spent nine years on the TPU compilers. Anthropic rents TPUs from Google Cloud.",
    );
    expect(types).toEqual(["people"]);
  });

  it("still reads a compute deal told beside a hire in the headline", () => {
    const { types } = read(
      "Anthropic signs TPU deal with Google and hires a new chief scientist",
      "Anthropic agreed to rent more TPUs from Google Cloud and named a new chief scientist, the company said.",
    );
    expect(types).toContain("compute_contract");
  });
});

describe("batch 11 forms: a deal's stage beside another deal", () => {
  it("does not take another company's closed round, told as 'days after', as this deal's stage", () => {
    const { first } = read(
      "Nebius signs $3 billion capacity deal with Meta",
      "Nebius signed a five-year contract worth $3 billion to supply Meta with computing capacity, the company said, five days after Anthropic closed a $13 billion funding round.",
    );
    expect(first?.type).toBe("compute_contract");
    expect(first?.status).toBe("agreed");
  });

  it("reads a part that completed qualification with a customer as agreed, not closed", () => {
    const { first } = read(
      "SK Hynix to supply HBM4 memory to Nvidia",
      "SK Hynix completed qualification with Nvidia for its HBM4 chips and will start supplying them next quarter, the company said.",
    );
    expect(first?.status).toBe("agreed");
  });

  it("raises no new lawsuit from a suit told as 'days after'", () => {
    const events = analyzeArticle(
      {
        title: "Perplexity launches a shopping agent for its search app",
        body: "Perplexity launched an agent that buys goods for users, the company said on Monday. It will be free for paying subscribers. The agent works with several large retailers. It can compare prices across shops. Payments go through a partner bank. It comes three days after a trade publisher sued Perplexity over its answers.",
      },
      context,
    ).events;
    expect(events.filter((e) => e.secondary)).toEqual([]);
  });
});

describe("batch 11 forms: a rival a launch headline challenges", () => {
  const title = "Gemini 3 is here, and Google wants ChatGPT's coding crown";
  const body =
    "Google released Gemini 3 on Tuesday, saying the model beats its rivals on coding tests. It is available in the Gemini app today.";

  it("names the launcher alone as the launch's party", () => {
    const { first } = read(title, body);
    expect(first?.type).toBe("launch");
    expect(first?.parties).toEqual(["google"]);
  });

  it("does not make the rival a subject of the story", () => {
    const { entities } = analyzeArticle({ title, body }, context);
    expect(entities.find((e) => e.id === "openai")?.about).toBe(false);
    expect(entities.find((e) => e.id === "google")?.about).toBe(true);
  });

  it("takes no rival 'to take on' as a party of a launch", () => {
    const { first } = read(
      "Mistral releases Devstral 2 to take on OpenAI's Codex",
      "Mistral released Devstral 2 on Monday, a coding model for developers, the company said.",
    );
    expect(first?.type).toBe("launch");
    expect(first?.parties).toEqual(["mistral"]);
  });
});

describe("batch 10 forms: rounds, stakes and their prices", () => {
  const cases: [string, string, Want][] = [
    [
      "Cohere (private): $2bn buys a lot of runway",
      "Cohere closed a $2 billion equity raise at a $20 billion post-money valuation. Investors named by the company include Nvidia and Oracle.",
      { types: ["investment", "valuation"], amountUsd: 2e9, parties: ["nvidia", "oracle", "cohere"] },
    ],
    [
      "Nebius shares climb as Microsoft buys in",
      "Nebius has a new shareholder with deep pockets. Microsoft is putting two billion dollars into the company through a share issue, taking roughly a 5% holding.",
      { types: ["investment"], amountUsd: 2e9, parties: ["microsoft", "nebius"] },
    ],
    [
      "Perplexity secures $1bn from investors including Nvidia and SoftBank",
      "",
      { types: ["investment"], amountUsd: 1e9, parties: ["nvidia", "softbank", "perplexity"] },
    ],
    [
      "xAI gets another cheque",
      "xAI raised $4 billion from Nvidia and others in a deal that values the Memphis builder of the Grok chatbot at $120 billion.",
      { types: ["investment", "valuation"], amountUsd: 4e9 },
    ],
    [
      "The lab is now worth more than most carmakers",
      "Cohere's war chest. Cohere has pulled in $1.5 billion at a price of $25 billion, with Nvidia and Oracle among the names on the cap table.",
      { types: ["investment", "valuation"], amountUsd: 1.5e9, parties: ["nvidia", "oracle", "cohere"] },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));

  it("gives the round's price to the valuation and the round's stage as closed", () => {
    const events = analyzeArticle(
      {
        title: "The lab is now worth more than most carmakers",
        body: "Cohere has pulled in $1.5 billion at a price of $25 billion, with Nvidia and Oracle among the names on the cap table.",
      },
      context,
    ).events;
    expect(events.find((e) => e.type === "valuation")?.amountUsd).toBe(25e9);
    expect(events[0]?.status).toBe("closed");
  });

  it("takes no valuation from an acquisition 'at a price of'", () => {
    const { types, first } = read("Nvidia to acquire Groq at a price of $20 billion");
    expect(types).toEqual(["acquisition"]);
    expect(first?.amountUsd).toBe(20e9);
  });
});

describe("batch 10 forms: capacity agreements, probes and harm reports", () => {
  const cases: [string, string, Want][] = [
    [
      "Lambda Signs 2-Gigawatt Capacity Agreement With Amazon at Ohio AI Campus",
      "Lambda will provide computing capacity at its Ohio campus to Amazon. The agreement carries a total contract value of approximately $7 billion.",
      { types: ["compute_contract"], amountUsd: 7e9, parties: ["amazon", "lambda"] },
    ],
    [
      "Is free cloud time a trap? Washington wants to know",
      "Clouds hand start-ups free credits. Critics say the credits lock them in. Regulators in Washington opened a formal investigation into Microsoft over the credits.",
      { types: ["legal"], parties: ["microsoft"] },
    ],
    [
      "European Union opens antitrust investigation into Google's ad tools",
      "",
      { types: ["legal"], parties: ["google"] },
    ],
    [
      "Fake Sora clips of the earthquake spread faster than the real ones",
      "Clips made with OpenAI's Sora of a quake that never happened were shared as real footage.",
      { types: ["controversy"], parties: ["openai"] },
    ],
    [
      "Meta's glasses can now identify strangers. Wearers were not told",
      "An update added a face look-up. Privacy regulators in Ireland said they had contacted Meta.",
      { types: ["controversy"] },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));
});

describe("batch 10 forms: figures of speech, job titles, back-references and asides", () => {
  const cases: [string, string, Want][] = [
    [
      "Nebius's Microsoft win: nearly $17bn and a bet on Finnish power",
      "Nebius has a new contract with Microsoft, worth close to $17 billion over five years, to supply GPU capacity.",
      { types: ["compute_contract"], amountUsd: 17e9, parties: ["microsoft", "nebius"] },
    ],
    [
      "OpenAI is said to be hiring Meta's AI infrastructure chief as CTO",
      "",
      { types: ["people"], parties: ["openai", "meta"] },
    ],
    [
      "SoftBank invests $2 billion in Crusoe",
      "SoftBank will invest $2 billion in Crusoe. It is SoftBank's second large investment this week, after it agreed on Tuesday to put $3 billion into cloud provider Nscale.",
      { types: ["investment"], amountUsd: 2e9, parties: ["softbank", "crusoe"] },
    ],
    [
      "Intel unveils new Gaudi chip, aiming to close the gap with Nvidia",
      "",
      { types: ["launch"], parties: ["intel"] },
    ],
    [
      "Infra Notes: Arm and Mistral pair up; SK Hynix's packaging bet",
      "Good morning.\n\n1.\n\nArm and Mistral pair up\n\nMistral said it would work together with Arm to run its models on Arm's chips.\n\n2.\n\nSK Hynix's packaging bet\n\nSK Hynix will spend 5 trillion won ($3.6 billion) on a new advanced packaging plant in Indiana.",
      { types: ["partnership", "infrastructure"], parties: ["arm", "mistral"] },
    ],
  ];
  for (const [title, body, want] of cases) it(title, () => expectRead(title, body, want));

  it("reads 'US' before a measure as the US government", () => {
    const { entities } = analyzeArticle(
      { title: "Nvidia ships chips to Saudi Arabia under US licences", body: "" },
      context,
    );
    expect(entities.map((e) => e.id)).toContain("us-government");
  });

  it("keeps the hedge of the dollar figure stated beside a foreign headline amount", () => {
    const first = read(
      "Amazon pledges A$20 billion for Australian data centres",
      "Amazon will spend A$20 billion (about US$13 billion) on data centres in Australia.",
    ).first;
    expect(first?.amountUsd).toBe(13e9);
    expect(first?.qualifier).toBe("about");
  });
});
