import { describe, expect, it } from "vitest";
import { clusterStories, goodsKind } from "../../src/intel/cluster.js";
import { analyzeBatch, type IntelInput } from "../../src/intel/pipeline.js";
import { itemsFrom, shippedIntel } from "../helpers/intel.js";

// Story grouping that reads the extracted event: one story per real event, however the outlets
// word their headlines, and two deals of one company in one week kept apart.
const context = shippedIntel();
const day = 86_400_000;
const at = Date.parse("2025-10-06T09:00:00Z");
const item = itemsFrom(at, day);
const storyOf = (inputs: IntelInput[]) => {
  const { stories } = analyzeBatch(inputs, context);
  return (key: string) => stories.find((s) => s.keys.includes(key))?.id;
};

describe("event-aware story grouping", () => {
  it("joins two outlets of one deal told with different words five days apart", () => {
    const story = storyOf([
      item(
        "a",
        0,
        "AMD strikes six-gigawatt GPU deal with OpenAI",
        "AMD will supply OpenAI with Instinct GPUs over several years.",
      ),
      item(
        "b",
        5,
        "Why OpenAI's chip pact with AMD rattled Nvidia investors",
        "OpenAI agreed to deploy AMD accelerators across its data centres in a multiyear chip deal.",
      ),
    ]);
    expect(story("a")).toBe(story("b"));
  });

  it("keeps OpenAI–AMD and OpenAI–Broadcom apart in the same week", () => {
    const story = storyOf([
      item(
        "amd",
        0,
        "OpenAI and AMD sign multiyear chip supply deal",
        "OpenAI will deploy AMD GPUs in a chip supply deal.",
      ),
      item(
        "broadcom",
        3,
        "OpenAI and Broadcom sign multiyear chip supply deal",
        "OpenAI will deploy Broadcom accelerators in a chip supply deal.",
      ),
    ]);
    expect(story("amd")).not.toBe(story("broadcom"));
  });

  it("keeps Nvidia–Intel and Nvidia–OpenAI apart in the same week", () => {
    const story = storyOf([
      item(
        "intel",
        0,
        "Nvidia to invest $5 billion in Intel",
        "Nvidia will invest $5 billion in Intel stock, the companies said.",
      ),
      item(
        "openai",
        4,
        "Nvidia to invest up to $100 billion in OpenAI",
        "Nvidia will invest up to $100 billion in OpenAI as it builds data centres, the companies said.",
      ),
    ]);
    expect(story("intel")).not.toBe(story("openai"));
  });

  it("keeps two raises of one company apart when the amounts differ", () => {
    const story = storyOf([
      item("first", 0, "SoftBank invests $2 billion in Intel", "SoftBank will invest $2 billion in Intel."),
      item("second", 6, "SoftBank invests $9 billion in Intel", "SoftBank will invest $9 billion in Intel."),
    ]);
    expect(story("first")).not.toBe(story("second"));
  });

  it("does not join the same deal more than ten days apart", () => {
    const story = storyOf([
      item(
        "early",
        0,
        "Amazon invests $4 billion in Anthropic",
        "Amazon will invest $4 billion in Anthropic.",
      ),
      item(
        "late",
        12,
        "Anthropic gets $4 billion from Amazon in new deal",
        "Anthropic will take $4 billion from Amazon.",
      ),
    ]);
    expect(story("early")).not.toBe(story("late"));
  });

  // A one-party deal (a buyer whose target is not tracked) matched on party, kind and amount
  // alone joined two purchases of one company in a week; the target's name now tells them apart.
  it("keeps two one-party purchases of one company with equal amounts apart in a week", () => {
    const story = storyOf([
      item(
        "lumora",
        0,
        "Broadcom to buy optics start-up Lumora for $900 million",
        "Broadcom agreed to buy Lumora, which makes optical links for data-centre racks, for $900 million.",
      ),
      item(
        "quillet",
        4,
        "Broadcom buys chip software firm Quillet for about $900 million",
        "Broadcom has bought Quillet, a maker of chip design tools, for about $900 million in cash.",
      ),
    ]);
    expect(story("lumora")).not.toBe(story("quillet"));
  });

  it("still joins two outlets of one one-party purchase four days apart on the target's name", () => {
    const story = storyOf([
      item(
        "wire",
        0,
        "Broadcom to buy optics start-up Lumora for $900 million",
        "Broadcom agreed to buy Lumora, which makes optical links for data-centre racks, for $900 million.",
      ),
      item(
        "column",
        4,
        "Why Broadcom is paying $900 million for a start-up",
        "The chipmaker's purchase of Lumora buys it a foothold in co-packaged optics, analysts say.",
      ),
    ]);
    expect(story("wire")).toBe(story("column"));
  });

  it("does not key a one-party deal on an event the item tells only in passing", () => {
    const story = storyOf([
      item(
        "build",
        0,
        "Amazon to spend $10 billion on Ohio data centres",
        "Amazon will spend $10 billion on new data-centre campuses in Ohio over five years.",
      ),
      item(
        "hire",
        2,
        "Amazon hires Cohere's research chief",
        "Amazon has hired the head of research at Cohere to lead a new model team. The move came days after Amazon announced a $10 billion data-centre investment in Ohio.",
      ),
    ]);
    expect(story("build")).not.toBe(story("hire"));
  });
});

// Batch 8's diagnosis: a buyer's second purchase, whose lead says the terms were not disclosed,
// took the price of the first from a back-reference further down and joined its story on the
// buyer, the kind and that amount alone, with no words in common.
describe("a story joined on text needs some shared text", () => {
  const lumora = item(
    "lumora",
    0,
    "Marvell to buy optics start-up Lumora for $3.2 billion",
    "Marvell agreed to buy Lumora, which makes optical links for data-centre racks, for $3.2 billion. The deal is expected to close next year. Lumora has about 400 staff in Ottawa and Austin. Analysts said the price looked full.",
  );
  const quillet = item(
    "quillet",
    2,
    "Marvell snaps up chip design tools maker Quillet",
    "Marvell has agreed to acquire Quillet, a maker of chip design software, the company said on Wednesday. Financial terms were not disclosed. Quillet's tools check circuit layouts before they go to the factory. Its founders will join Marvell's custom silicon group. The purchase comes two days after Marvell agreed to buy Lumora for $3.2 billion.",
  );

  it("reads no amount past the lead when the lead says the terms were not disclosed", () => {
    const { items } = analyzeBatch([quillet], context);
    const event = items[0]?.intel.events[0];
    expect(event?.type).toBe("acquisition");
    expect(event?.amountUsd ?? null).toBeNull();
  });

  it("keeps one buyer's two purchases apart when only the buyer, the kind and the amount agree", () => {
    const groups = clusterStories([
      {
        key: "a",
        title: "Marvell to buy optics start-up Lumora for $3.2 billion",
        text: "Marvell agreed to buy Lumora, which makes optical links for data-centre racks.",
        publishedAt: at,
        about: ["marvell"],
        eventType: "acquisition",
        amountUsd: 3.2e9,
        events: [{ type: "acquisition", amountUsd: 3.2e9, parties: ["marvell"] }],
      },
      {
        key: "b",
        title: "Marvell snaps up Quillet",
        text: "Quillet's tools check circuit layouts before they go to the factory.",
        publishedAt: at + 2 * day,
        about: ["marvell"],
        eventType: "acquisition",
        amountUsd: 3.2e9,
        events: [{ type: "acquisition", amountUsd: 3.2e9, parties: ["marvell"] }],
      },
    ]);
    expect(groups).toHaveLength(2);
  });

  it("keeps apart two one-party purchases of one buyer that name different targets, amount or not", () => {
    const story = storyOf([
      item(
        "veltrix",
        0,
        "Intel to buy networking chip maker Veltrix for $2.4 billion",
        "Intel agreed to buy Veltrix, a maker of networking chips for servers, for $2.4 billion, the companies said on Monday. The deal gives Intel a foothold in data-centre switching.",
      ),
      item(
        "tarn",
        2,
        "Intel snaps up compiler start-up Tarn Labs",
        "Intel has agreed to acquire Tarn Labs, a start-up that writes compilers for AI chips, the company said on Wednesday. Its engineers will join Intel's data-centre group.",
      ),
    ]);
    expect(story("veltrix")).not.toBe(story("tarn"));
  });

  it("keeps the two purchases apart end to end", () => {
    const story = storyOf([lumora, quillet]);
    expect(story("lumora")).not.toBe(story("quillet"));
  });

  it("still joins two outlets of one purchase that share a few words", () => {
    const story = storyOf([
      lumora,
      item(
        "second",
        1,
        "Marvell's Lumora deal: what the optics purchase buys",
        "Marvell is paying $3.2 billion for Lumora, a maker of optical links, to sell more of its custom data-centre silicon.",
      ),
    ]);
    expect(story("lumora")).toBe(story("second"));
  });
});

// Batch 9's diagnosis: two outlets described one plaintiff differently in their headlines ("news
// publisher", "newspaper chain") and the descriptions told the case apart from itself.
describe("a lawsuit's plaintiff named in the lead, not described in the headline", () => {
  it("joins two outlets of one publisher's suit and keeps another publisher's suit apart", () => {
    const story = storyOf([
      item(
        "first",
        0,
        "News publisher sues Groq over copied articles",
        "The Lantern Gazette, which owns nine city papers, sued Groq in federal court on Monday, saying its chatbot copied articles without permission.",
      ),
      item(
        "second",
        1,
        "Regional newspaper chain sues Groq in copyright case",
        "The copyright suit comes from the Lantern Gazette, the owner of nine city papers, which filed a complaint in federal court.",
      ),
      item(
        "other",
        2,
        "Wordsmith Press sues Groq over copied dictionary entries",
        "Wordsmith Press, the dictionary publisher, sued Groq in federal court, saying the company copied its entries.",
      ),
    ]);
    expect(story("first")).toBe(story("second"));
    expect(story("other")).not.toBe(story("first"));
  });
});

describe("a rival one outlet's launch headline challenges", () => {
  it("joins two outlets of one launch when only one headline names the rival", () => {
    const story = storyOf([
      item(
        "a",
        0,
        "Devstral 3 is here, and Mistral wants GPT-5's coding crown",
        "Mistral put out Devstral 3 on Tuesday, saying the model tops every rival on two coding benchmarks. Developers can try it today.",
      ),
      item(
        "b",
        0.8,
        "Mistral unveils Devstral 3 for programmers",
        "The Paris lab released a new version of its software-writing model on Tuesday, with longer context and lower prices.",
      ),
    ]);
    expect(story("a")).toBe(story("b"));
  });
});

describe("two chip deals of one pair without amounts", () => {
  it("tells the kind of goods from the sentence that states the deal", () => {
    expect(goodsKind("Samsung will supply HBM4 memory for AMD's accelerators")).toBe("memory");
    expect(goodsKind("AMD has agreed to buy wafers made on Samsung's 2nm process")).toBe("foundry");
    expect(goodsKind("xAI orders Nvidia GB200 systems")).toBe("compute");
    expect(goodsKind("Samsung's memory wafers for AMD")).toBeUndefined();
    expect(goodsKind("AMD signs supply deal with Samsung")).toBeUndefined();
  });

  it("keeps the two apart when the same pair is told, and still joins two outlets of the memory deal", () => {
    const story = storyOf([
      item(
        "hbm",
        0,
        "Samsung to supply HBM memory for AMD's next accelerators",
        "Samsung will supply high-bandwidth memory to AMD for its next accelerators, people familiar with the matter said.",
      ),
      item(
        "hbm4",
        0.25,
        "AMD picks Samsung for HBM4 chips, sources say",
        "AMD will buy HBM4 chips from Samsung for its next accelerators, two people familiar with the matter said.",
      ),
      item(
        "wafers",
        1.2,
        "AMD orders 2nm chips from Samsung's foundry",
        "AMD has agreed to buy wafers made on Samsung's 2nm process at its foundry in Texas, both companies said.",
      ),
    ]);
    expect(story("hbm")).toBe(story("hbm4"));
    expect(story("wafers")).not.toBe(story("hbm"));
  });
});
