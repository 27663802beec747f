import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import { analyzeBatch } from "../../src/intel/pipeline.js";
import { expectRead, readEvents as read, summary } from "../helpers/headline.js";
import { itemsFrom, shippedIntel } from "../helpers/intel.js";

// Forms held-out batch 13 was diagnosed as missing (bench/gold-diagnoses.md, its general
// weaknesses), written again by the team in its own words with other companies and amounts.
const context = shippedIntel();

describe("batch 13 forms: a round told in one clause, and newsletter rounds", () => {
  it("reads '<lab>'s new round, $X led by A, with B participating, sets a $Y post-money valuation'", () => {
    expect(
      summary(
        "Cohere (private): $9bn looks steep for a model maker",
        "Cohere's new round, $600 million led by Thrive Capital, with Nvidia participating, sets a $9 billion post-money valuation. The Toronto lab sells to banks.",
      ),
    ).toEqual([
      ["investment", 600e6, ["thrive-capital", "nvidia", "cohere"]],
      ["valuation", 9e9, ["cohere"]],
    ]);
  });

  it("reads the same round told between dashes", () => {
    expect(
      summary(
        "Perplexity (private): a $22 billion price that assumes ads work",
        "Perplexity's new round — $700m led by Sequoia, with Nvidia participating — sets a $22bn post-money valuation.",
      ),
    ).toEqual([
      ["investment", 700e6, ["sequoia", "nvidia", "perplexity"]],
      ["valuation", 22e9, ["perplexity"]],
    ]);
  });

  it("reads 'Post-money: $Y.' and 'with A writing the lead cheque' in a newsletter", () => {
    expect(
      summary(
        "A busy week for Lambda",
        "Lambda closed a $900m round this week, with BlackRock writing the lead cheque. Post-money: $11bn. The company rents out Nvidia GPUs.",
      ),
    ).toEqual([
      ["investment", 900e6, ["blackrock", "lambda"]],
      ["valuation", 11e9, ["lambda"]],
    ]);
  });

  it("reads '<company>'s $X haul' as a round", () => {
    expectRead("Together AI's $400 million haul comes with a $5 billion price", "", {
      types: ["investment"],
      amountUsd: 400e6,
      parties: ["together-ai"],
    });
  });

  it("puts the investor first when the raiser 'closed' the round", () => {
    expectRead("Mistral closed a €600m funding round with Nvidia", "", {
      types: ["investment"],
      parties: ["nvidia", "mistral"],
    });
  });

  it("gives the price to the raiser, not to the lab its founder came from", () => {
    expect(
      summary(
        "SSI raises $2bn at $30bn valuation",
        "Safe Superintelligence, the lab founded by former OpenAI chief scientist Ilya Sutskever, has raised $2 billion at a $30 billion valuation.",
      ),
    ).toEqual([
      ["investment", 2e9, ["ssi"]],
      ["valuation", 30e9, ["ssi"]],
    ]);
  });

  it("keeps a former employer that is also named as an investor", () => {
    const [round] = read(
      "SSI raises $2bn led by Nvidia",
      "SSI, founded by a former OpenAI scientist, raised $2 billion in a round led by Nvidia; OpenAI also took part in the round.",
    );
    expect(round?.parties).toContain("openai");
  });
});

describe("batch 13 forms: a hire told as a profile headline", () => {
  it("reads 'A's loss is B's gain' with the poaching in the lead, and no build-out from the new job", () => {
    expectRead(
      "Intel's loss is AMD's gain",
      "AMD has poached Intel's head of server chips, Priya Raman, who will sell its processors to data centres.",
      { types: ["people"], parties: ["amd", "intel"] },
    );
  });

  it("reads 'Why <person> left A' with the poaching in the lead", () => {
    expectRead(
      "Why Sarah Lin left Google for Anthropic",
      "Anthropic poached Lin, who led Google's TPU compiler team, last month. She will oversee its data centers.",
      { types: ["people"], parties: ["anthropic", "google"] },
    );
  });

  it("reads 'B's gain, A's loss' and names the employer the lead leaves out", () => {
    expectRead(
      "AMD's gain, Intel's loss: the server chief who switched sides",
      "AMD has poached Intel's head of server chips to sell its processors to data centres.",
      { types: ["people"], parties: ["amd", "intel"] },
    );
    expectRead(
      "Why Intel's server chief left for AMD",
      "AMD poached him in March. He will sell its chips to data centres.",
      {
        types: ["people"],
        parties: ["amd", "intel"],
      },
    );
  });

  it("keeps a company's 'why' question about a market no hire", () => {
    expect(read("Why Nvidia left the Chinese market to Huawei", "").map((e) => e.type)).not.toContain(
      "people",
    );
  });
});

describe("batch 13 forms: the deal type set by what is bought, not by the seller's kind", () => {
  it("reads a foundry's manufacturing capacity booked for a cloud's own TPU as a chip deal", () => {
    expectRead(
      "Google books TSMC capacity for its next TPU",
      "Google has reserved 3nm manufacturing capacity at TSMC for its next-generation TPU, in a deal worth about $5 billion.",
      { types: ["chip_supply"], amountUsd: 5e9, parties: ["google", "tsmc"] },
    );
  });

  it("reads a chip maker paid to run a lab's models in its own data centres as a compute contract", () => {
    expectRead(
      "OpenAI to pay Cerebras $8bn for computing capacity",
      "OpenAI will pay Cerebras about $8 billion over four years to serve its models from Cerebras's own data centres, the companies said.",
      { types: ["compute_contract"], amountUsd: 8e9, parties: ["openai", "cerebras"] },
    );
    expectRead(
      "Meta signs $5bn inference contract with Groq",
      "Meta will pay Groq $5 billion over three years to run its Llama models in Groq's data centres.",
      { types: ["compute_contract"], amountUsd: 5e9 },
    );
  });

  it("keeps a chip maker selling its systems for the buyer's own data centres a chip deal", () => {
    expectRead(
      "OpenAI to buy $3bn of Cerebras systems",
      "OpenAI will buy $3 billion of Cerebras systems for its own data centres.",
      { types: ["chip_supply"], amountUsd: 3e9 },
    );
    expectRead("Cerebras wins Mistral as a customer for its inference systems", "", {
      types: ["chip_supply"],
    });
  });

  it("keeps TPU capacity rented from a cloud a compute contract", () => {
    expectRead(
      "Anthropic books Google TPU capacity worth $20bn",
      "Anthropic will rent up to one million TPUs from Google Cloud.",
      { types: ["compute_contract"] },
    );
  });
});

describe("batch 13 forms: headline nouns that are not the news", () => {
  it("reads no build-out in an analyst's capex worry beside a contract", () => {
    expectRead("Oracle lands $30bn OpenAI contract; analyst flags capex risk", "", {
      types: ["compute_contract"],
      amountUsd: 30e9,
    });
  });

  it("keeps a roundup's own build-out item", () => {
    expect(
      read("The Wrap: Oracle lands $30bn OpenAI contract; Meta lifts its capex to $70bn", "").map(
        (e) => e.type,
      ),
    ).toEqual(["compute_contract", "infrastructure"]);
  });

  it("reads 'expands <partner> partnership with a $X contract' as the contract alone", () => {
    expectRead("Meta expands Nebius partnership with $3bn contract", "", {
      types: ["compute_contract"],
      amountUsd: 3e9,
    });
  });

  it("keeps a partnership told without a contract", () => {
    expectRead("Nvidia and Mistral announce partnership to build European AI cloud", "", {
      types: ["partnership"],
    });
  });
});

describe("batch 13 forms: stages", () => {
  it("reads 'as it reported results' as no report of the deal", () => {
    expectRead(
      "Amazon signs $4bn Anthropic deal as it reported results",
      "Amazon has signed a $4 billion cloud contract with Anthropic, it said as it reported results on Thursday.",
      { types: ["compute_contract"], status: "agreed" },
    );
  });

  it("reads 'is said to near' and 'close to an agreement' as talks", () => {
    expectRead(
      "Oracle is said to near a $6bn deal with xAI",
      "Oracle is said to near a $6 billion cloud contract with xAI, according to people familiar with the matter.",
      { types: ["compute_contract"], status: "talks" },
    );
    expectRead(
      "Oracle close to an agreement to rent GPUs to xAI",
      "Oracle is close to an agreement to rent $6 billion of GPU capacity to xAI, people familiar with the matter said.",
      { types: ["compute_contract"], status: "talks" },
    );
  });

  it("keeps a deal told by unnamed sources reported", () => {
    expectRead("Oracle reportedly signs $6bn cloud deal with xAI", "", {
      types: ["compute_contract"],
      status: "reported",
    });
  });
});

describe("batch 13 grouping: the state as a side of a headline rule", () => {
  const hour = 3_600_000;
  const at = Date.parse("2025-10-06T09:00:00Z");
  const item = itemsFrom(at, hour);
  it("counts the state about when it is a party of a headline regulation", () => {
    const intel = analyzeArticle(
      {
        title: "Washington's chip rule hits Nvidia and AMD",
        body: "The Commerce Department's new rule caps sales of Nvidia and AMD accelerators to China, the department said.",
      },
      context,
    );
    expect(intel.events[0]?.type).toBe("regulation");
    expect(intel.entities.find((e) => e.id === "us-government")?.about).toBe(true);
  });

  it("reads the capital's possessive before a measure as the state", () => {
    const intel = analyzeArticle(
      {
        title: "Washington’s export curbs hit Nvidia’s China sales",
        body: "Nvidia will need licences for more of its accelerators.",
      },
      context,
    );
    expect(intel.events[0]?.type).toBe("regulation");
    expect(intel.events[0]?.parties[0]).toBe("us-government");
    expect(intel.entities.find((e) => e.id === "us-government")?.about).toBe(true);
    const state = analyzeArticle(
      { title: "Washington state's data centre tax break draws Microsoft", body: "" },
      context,
    );
    expect(state.entities.map((e) => e.id)).not.toContain("us-government");
  });

  it("joins an outlet on a rule's effect with the one on the rule", () => {
    const { stories } = analyzeBatch(
      [
        item(
          "rule",
          0,
          "Commerce Department caps AI chip sales to China",
          "The Commerce Department said its new rule caps sales of Nvidia and AMD accelerators to Chinese buyers from next month.",
        ),
        item(
          "effect",
          20,
          "Washington's chip rule hits Nvidia and AMD",
          "The Commerce Department's new rule caps sales of Nvidia and AMD accelerators to China, the department said.",
        ),
      ],
      context,
    );
    const story = (key: string) => stories.find((s) => s.keys.includes(key))?.id;
    expect(story("effect")).toBe(story("rule"));
  });
});

describe("batch 13 forms: live blogs, roundup items and asides", () => {
  // Newest entries first: the one with the contract's figure is near the bottom, past the lead.
  const entries = [
    "18:40 — That's it from us tonight. Thanks for reading.",
    ...Array.from(
      { length: 16 },
      (_, i) => `18:${String(30 - i).padStart(2, "0")} — Analysts on the call asked about power and margins.`,
    ),
    "17:12 — Oracle says Meta signed a cloud contract worth $14 billion over five years.",
    "17:05 — The call has started.",
  ];
  it("reads a live blog's headline deal figure from an entry past the lead", () => {
    expectRead(
      "Live: Oracle results call as Meta cloud contract lifts shares",
      `Refresh for the latest. Times are Eastern.\n${entries.join("\n")}`,
      { types: ["compute_contract"], amountUsd: 14e9, parties: ["meta", "oracle"] },
    );
  });

  it("reads a roundup's '<buyer> turns to <chip maker>' as a chip deal", () => {
    expect(
      summary(
        "Chip Notes: Micron's $7bn Idaho expansion; Meta turns to Broadcom",
        "Good morning. Two items today. Micron will spend $7 billion on a memory plant in Idaho.",
      ),
    ).toEqual([
      ["infrastructure", 7e9, ["micron"]],
      ["chip_supply", null, ["meta", "broadcom"]],
    ]);
  });

  it("reads no chip deal when a company turns to one that makes no chips", () => {
    expect(read("Apple turns to Google for Siri's new brain").map((e) => e.type)).not.toContain(
      "chip_supply",
    );
    expect(read("Intel turns to debt markets for its Ohio fab").map((e) => e.type)).not.toContain(
      "chip_supply",
    );
  });

  it("keeps the chip deal when another chip cue follows or another sentence has one", () => {
    expectRead("Meta is turning to custom chips from Broadcom", "", { types: ["chip_supply"] });
    expectRead(
      "Meta orders Broadcom accelerators",
      "The talk then turned to pricing at Meta. Meta will buy $2 billion of Broadcom custom chips.",
      { types: ["chip_supply"], amountUsd: 2e9 },
    );
  });

  it("keeps a rival named in a 'narrowing its gap with' aside out of the deal", () => {
    expectRead("xAI raises $10bn, narrowing its gap with OpenAI", "", {
      types: ["investment"],
      parties: ["xai"],
    });
    expectRead("Anthropic lands $5bn Google cloud deal as it narrows the gap with OpenAI", "", {
      types: ["compute_contract"],
      parties: ["anthropic", "google"],
    });
  });
});
