import { describe, expect, it } from "vitest";
import { analyzeBatch, type IntelInput } from "../../src/intel/pipeline.js";
import { shippedIntel } from "../helpers/intel.js";

// Story grouping that reads the extracted event: one story per real event, however the outlets
// word their headlines, and two deals of one company in one week kept apart.
const context = shippedIntel();
const day = 86_400_000;
const at = Date.parse("2025-10-06T09:00:00Z");
const item = (key: string, days: number, title: string, body: string): IntelInput => ({
  key,
  title,
  body,
  publishedAt: at + days * day,
});
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
