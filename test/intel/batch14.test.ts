import { describe, expect, it } from "vitest";
import { analyzeBatch } from "../../src/intel/pipeline.js";
import { expectRead, readEvents as read, summary } from "../helpers/headline.js";
import { shippedIntel } from "../helpers/intel.js";

// Forms held-out batch 14 was diagnosed as missing (bench/gold-diagnoses.md, its general
// weaknesses), written again by the team in its own words with other companies and amounts.
const context = shippedIntel();
const types = (title: string, body = "") => read(title, body).map((e) => e.type);

describe("batch 14 forms: live blogs", () => {
  // Housekeeping first, then the newest entries: the older entries hold the news.
  const housekeeping =
    "Follow along with our live coverage. All times are Pacific. Refresh this page for the latest.";
  it("reads past the follow-along, time-zone, refresh and sign-off lines to the unveiling", () => {
    expectRead(
      "Live: Qualcomm keynote from Maui",
      `${housekeeping}\n17:50 — That's all from us today.\n17:20 — Q&A ran long.\n16:40 — Qualcomm unveiled its AI250 data-centre accelerator on stage.`,
      { types: ["launch"], parties: ["qualcomm"] },
    );
  });

  it("still reads a live blog's real first entry", () => {
    expectRead(
      "Live: Intel foundry event",
      "09:30 — Intel unveiled its 14A process roadmap.\n09:10 — Doors are open in San Jose.",
      { types: ["launch"], parties: ["intel"] },
    );
  });

  it("reads '<company>'s <amount> order' in a market-move headline as a chip deal", () => {
    expectRead(
      "Live: Broadcom shares jump on Meta's $6 billion order",
      `${housekeeping}\n16:10 — Analysts asked about margins.\n16:00 — Analysts asked about power.\n15:50 — Analysts asked about networking.\n15:40 — Analysts asked about guidance.`,
      { types: ["chip_supply"], amountUsd: 6e9, parties: ["meta", "broadcom"] },
    );
  });

  it("reads '<CEO> shows <product>' as a launch, and no build-out from the occasion's name", () => {
    expect(types("Live: AMD CEO shows MI500 at its data center event", housekeeping)).toEqual(["launch"]);
  });
});

describe("batch 14 forms: newsletter rounds told in one breath", () => {
  it("reads '<raiser> closed <amount>,' with the lead cheque and 'the post-money is <price>'", () => {
    expect(
      summary(
        "Funding notes: Groq",
        "Groq closed $640 million, with BlackRock writing the lead cheque and Samsung coming along. The post-money is $2.8 billion.",
      ),
    ).toEqual([
      ["investment", 640e6, ["blackrock", "samsung", "groq"]],
      ["valuation", 2.8e9, ["groq"]],
    ]);
  });

  it("reads '<fund> wrote the lead cheque; <participant> came along' after a greeting in another language", () => {
    expect(
      summary(
        "Bonjour à tous. Mistral closed €500m",
        "Bonjour à tous. Mistral closed €500m this week. Sequoia wrote the lead cheque; Nvidia came along. The post-money is $9bn.",
      ).map(([type, , parties]) => [type, parties]),
    ).toEqual([
      ["investment", ["sequoia", "nvidia", "mistral"]],
      ["valuation", ["mistral"]],
    ]);
  });

  it("keeps 'closed' of a share price no round", () => {
    expect(types("Nvidia shares closed 3% higher")).not.toContain("investment");
  });
});

describe("batch 14 forms: harm wordings", () => {
  it("reads '<product> gave <group> <harmful> advice, <watchdog> finds' as a controversy", () => {
    expectRead(
      "Copilot gave teenagers dangerous dieting advice, child-safety group finds",
      "Microsoft's Copilot assistant told test accounts posing as 14-year-olds how to skip meals.",
      { types: ["controversy"], parties: ["microsoft"] },
    );
  });

  it("reads '<product> under fire again after <topic> report' as a controversy", () => {
    expectRead(
      "Gemini under fire again after election misinformation report",
      "Google's Gemini chatbot is under fire again after researchers found it gave wrong polling dates.",
      {
        types: ["controversy"],
        parties: ["google"],
      },
    );
  });

  it("keeps 'under fire' with no harm, of a share price, no event", () => {
    expect(types("Nvidia under fire from short sellers as stock slides")).toEqual([]);
  });
});

describe("batch 14 forms: headline nouns that describe, not report", () => {
  it("reads no build-out from a hire's remit past five words", () => {
    expect(types("Amazon hires Meta veteran to run its satellite unit and data centre design")).toEqual([
      "people",
    ]);
  });

  it("reads no contract from a job title before 'is said to be leaving'", () => {
    expect(types("Google's TPU chief is said to be leaving")).toEqual(["people"]);
    expect(types("Oracle's data center chief is said to be leaving")).toEqual(["people"]);
  });

  it("reads no compute contract from 'the GPU cloud' that describes a round's raiser", () => {
    expectRead("CoreWeave, the GPU cloud, raises $1.1 billion", "", {
      types: ["investment"],
      amountUsd: 1.1e9,
    });
  });

  it("reads a licence requirement as the rule alone, not the sites it covers", () => {
    expect(types("US requires licences for AMD shipments to Gulf data centres")).toEqual(["regulation"]);
  });
});

describe("batch 14 forms: launches, appeals and colons", () => {
  it("reads '<product> is out' as a launch", () => {
    expectRead("Galaxy S26 is out. Here's what Samsung changed", "", {
      types: ["launch"],
      parties: ["samsung"],
    });
  });

  it("reads 'the CEO is out' as no launch", () => {
    expect(types("The CEO is out at Intel")).not.toContain("launch");
    expect(types("Intel's CEO is out.")).not.toContain("launch");
  });

  it("reads 'appeals <adjective> verdict' as an appeal, without the harm the verdict found", () => {
    expectRead("Meta appeals landmark privacy verdict", "", { types: ["legal"], parties: ["meta"] });
    expectRead("Google appeals $310 million verdict that it tracked users without consent", "", {
      types: ["legal"],
      parties: ["google"],
    });
  });

  it("keeps a controversy told apart from a ruling", () => {
    expect(types("Judge rules for Meta as critics slam chatbot's privacy practices")).toContain("legal");
  });

  it("reads the figure after a headline label's colon", () => {
    expectRead("Arizona's TSMC fab: 6,000 jobs and a $65 billion question", "", {
      types: ["infrastructure"],
      amountUsd: 65e9,
    });
  });

  it("reads the figure after a lead sentence's scene-setting colon", () => {
    expectRead(
      "Micron's Idaho fab slips again",
      "In Boise: the site where Micron plans a $15 billion memory plant sits half built. Officials are impatient.",
      { types: ["infrastructure"], amountUsd: 15e9 },
    );
  });
});

describe("batch 14 grouping: one company's launches", () => {
  const day = 86_400_000;
  const at = Date.parse("2020-06-01T09:00:00Z");
  const group = (items: { title: string; body: string; days: number }[]) => {
    const result = analyzeBatch(
      items.map((x, i) => ({ key: `k${i}`, title: x.title, body: x.body, publishedAt: at + x.days * day })),
      context,
    );
    return result.stories.map((s) => [...s.keys].sort());
  };

  it("joins a launch and a hands-on review that share the product's name", () => {
    expect(
      group([
        {
          title: "Samsung launches Galaxy Tab S11 with on-device AI",
          body: "Samsung launched the Galaxy Tab S11 on Tuesday, priced from $799, with a new AI assistant built in.",
          days: 0,
        },
        {
          title: "Galaxy Tab S11 is out. We spent a week with it",
          body: "Samsung's Galaxy Tab S11 is out. The screen is bright, the keyboard cover is pricey and battery life runs past ten hours.",
          days: 3,
        },
      ]),
    ).toEqual([["k0", "k1"]]);
  });

  it("keeps two different launches of one company in a week apart", () => {
    const stories = group([
      {
        title: "Samsung launches Galaxy Tab S11 with on-device AI",
        body: "Samsung launched the Galaxy Tab S11 on Tuesday, priced from $799.",
        days: 0,
      },
      {
        title: "Samsung unveils HBM4E memory samples",
        body: "Samsung unveiled HBM4E stacks for accelerators, with shipments due next year.",
        days: 2,
      },
    ]);
    expect(stories).toHaveLength(2);
  });
});
