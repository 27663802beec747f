import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import { shippedIntel } from "../helpers/intel.js";

// Which number is the deal: only an amount the clause ties to the event counts, not a party's
// revenue or market value, a forecast, an industry estimate or an earlier deal told as context.
const context = shippedIntel();
const first = (title: string, body: string) => analyzeArticle({ title, body }, context).events[0];

describe("the deal's amount", () => {
  it("skips a market value for the money actually put in", () => {
    expect(
      first(
        "Microsoft deepens its OpenAI investment",
        "Microsoft, now worth $3.5 trillion in market value, will invest $2 billion more in OpenAI, people said.",
      ),
    ).toMatchObject({ type: "investment", amountUsd: 2e9, parties: ["microsoft", "openai"] });
  });

  it("skips a revenue forecast for the contract's value", () => {
    expect(
      first(
        "CoreWeave signs cloud contract with Meta",
        "CoreWeave, which forecasts $5 billion in revenue this year, signed a $14 billion contract with Meta.",
      ),
    ).toMatchObject({ type: "compute_contract", amountUsd: 14e9, parties: ["meta", "coreweave"] });
  });

  it("skips an industry-wide estimate", () => {
    const event = first(
      "Oracle wins new OpenAI cloud deal",
      "Analysts estimate the industry will spend $3 trillion on data centres by 2028. The contract with OpenAI is worth $30 billion a year, Oracle said.",
    );
    expect(event).toMatchObject({ type: "compute_contract", parties: ["openai", "oracle"] });
    expect(event?.amountUsd).toBe(30e9);
  });

  it("leaves the amount open rather than take an earlier commitment told as background", () => {
    const event = first(
      "OpenAI to rent more servers from AWS",
      "The new arrangement comes on top of the $38 billion OpenAI has already committed to spending on AWS.",
    );
    expect(event).toMatchObject({ type: "compute_contract", parties: ["openai", "amazon"] });
    expect(event?.amountUsd).toBeNull();
  });

  it("skips a market-cap gain in a deal headline", () => {
    const event = first(
      "AMD adds $80 billion in market value after OpenAI chip deal",
      "AMD will supply OpenAI with six gigawatts of Instinct GPUs under the agreement.",
    );
    expect(event).toMatchObject({ type: "chip_supply", parties: ["openai", "amd"] });
    expect(event?.amountUsd ?? null).toBeNull();
  });

  it("reads past the lead for the figure when the headline names the deal but not its size", () => {
    const body = [
      "The cloud market is changing fast.",
      "Analysts have watched the two companies for months.",
      "Few expected a tie-up this year.",
      "The talks are at an early stage.",
      "Amazon is negotiating a $10 billion investment in OpenAI, people familiar with the matter said.",
    ].join(" ");
    expect(first("Amazon's OpenAI bet signals a shift in cloud power", body)).toMatchObject({
      type: "investment",
      amountUsd: 10e9,
      parties: ["amazon", "openai"],
    });
  });
});
