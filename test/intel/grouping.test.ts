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
});
