import { describe, expect, it } from "vitest";
import { repairPunctuation } from "../../src/intel/analyze.js";

describe("damaged punctuation as some feeds deliver it", () => {
  it("reads '?' as the full stop when nearly every sentence ends in one", () => {
    const damaged =
      "The lab raised $2?5 billion in its latest round? Investors include two cloud providers? The round closed on Monday?\nIts rivals are raising too?";
    expect(repairPunctuation(damaged)).toBe(
      "The lab raised $2.5 billion in its latest round. Investors include two cloud providers. The round closed on Monday.\nIts rivals are raising too.",
    );
  });

  it("keeps the questions of a text that asks them", () => {
    const questions =
      "What is an accelerator? Why do labs buy so many? They train models on them. Prices rose this year. Will they fall?";
    expect(repairPunctuation(questions)).toBe(questions);
    expect(repairPunctuation("Is Nvidia about to buy a cloud company?")).toBe(
      "Is Nvidia about to buy a cloud company?",
    );
  });

  it("keeps the text's length, so that mention offsets stay valid", () => {
    const damaged = "One? Two sentences here? Three more words? Four \uFFFD five?";
    expect(repairPunctuation(damaged)).toHaveLength(damaged.length);
  });
});
