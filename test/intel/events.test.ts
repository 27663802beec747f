import { describe, expect, it } from "vitest";
import { analyzeArticle, articleSentences } from "../../src/intel/analyze.js";
import { clusterStories } from "../../src/intel/cluster.js";
import { dealLine, summarize } from "../../src/intel/summarize.js";
import { shippedIntel } from "../helpers/intel.js";

const context = shippedIntel();
const events = (title: string, body = "") => analyzeArticle({ title, body }, context).events;

describe("events", () => {
  it("reads a valuation as a valuation of the company, not an investment", () => {
    const found = events("Share sale values OpenAI above $500 billion");
    expect(found.find((e) => e.type === "valuation")).toMatchObject({
      amountUsd: 500e9,
      qualifier: "more_than",
      parties: ["openai"],
    });
    expect(found.find((e) => e.type === "investment")?.amountUsd ?? null).toBeNull();
  });

  it("splits a round and the valuation it sets into two events", () => {
    expect(events("Anthropic raises $13 billion at $183 billion valuation")).toMatchObject([
      { type: "investment", amountUsd: 13e9, parties: ["anthropic"] },
      { type: "valuation", amountUsd: 183e9, parties: ["anthropic"] },
    ]);
  });

  it("reads a cloud commitment as a compute contract, customer first", () => {
    const [event] = events(
      "OpenAI commits $38 billion to AWS",
      "OpenAI has committed $38 billion to spending on AWS over seven years, the companies said.",
    );
    expect(event).toMatchObject({
      type: "compute_contract",
      amountUsd: 38e9,
      parties: ["openai", "amazon"],
      durationYears: 7,
    });
  });

  it("puts the investor first and reads the deal's stage", () => {
    expect(events("Amazon in talks to invest more than $10 billion in OpenAI")[0]).toMatchObject({
      type: "investment",
      qualifier: "more_than",
      parties: ["amazon", "openai"],
      status: "talks",
    });
    expect(events("Nvidia reportedly plans $5 billion Intel stake")[0]?.status).toBe("reported");
    expect(events("AMD completes $4.9 billion acquisition of ZT Systems")[0]).toMatchObject({
      type: "acquisition",
      status: "closed",
    });
  });

  it.each([
    // The clause with the cue names the investors, not the sentence's subject.
    [
      "Anthropic expands in Europe as Google and Amazon invest another $4bn",
      "investment",
      ["google", "amazon", "anthropic"],
    ],
    // Whoever grants the warrant is the one being invested in.
    ["AMD gives OpenAI warrants for up to 160 million shares", "investment", ["openai", "amd"]],
    // Money behind a build-out comes first: named after "backed by", or an investor firm.
    ["Crusoe's Wyoming campus, backed by Blue Owl, breaks ground", "infrastructure", ["blue-owl", "crusoe"]],
    ["Meta secures data-centre financing with Blue Owl", "infrastructure", ["blue-owl", "meta"]],
    // The licensee of a technology is the buyer.
    ["Cerebras licenses its wafer-scale technology to Microsoft", "acquisition", ["microsoft", "cerebras"]],
    // A hyperscaler renting capacity from a neocloud is the customer.
    ["Nscale signs multiyear GPU capacity deal with Microsoft", "compute_contract", ["microsoft", "nscale"]],
  ])("orders the parties of %s", (title, type, parties) => {
    expect(events(title).find((e) => e.type === type)?.parties).toEqual(parties);
  });

  it("reads lawsuits, settlements and criticism", () => {
    expect(events("Authors sue Anthropic over pirated books")[0]?.type).toBe("legal");
    expect(events("Anthropic agrees to pay $1.5 billion to settle authors' lawsuit")[0]).toMatchObject({
      type: "legal",
      amountUsd: 1.5e9,
    });
    expect(
      events("Investors question circular AI deals", "Nvidia has agreed to invest in OpenAI.")[0]?.type,
    ).toBe("controversy");
  });

  it("raises nothing without a tracked entity or for a name in another sense", () => {
    expect(events("Local bakery raises $2 million in seed round")).toEqual([]);
    expect(events("The Amazon rainforest lost $5 billion of timber")).toEqual([]);
  });
});

describe("summaries and deal lines", () => {
  it("keeps the news and drops bylines, share prompts and refusals", () => {
    const body = [
      "By Jane Roe, Staff Reporter",
      "Oracle signed a $300 billion deal to supply computing power to OpenAI over five years, people familiar said.",
      "The contract is among the largest cloud deals ever.",
      "Oracle declined to comment.",
      "Share this article",
    ].join("\n\n");
    const title = "Oracle signs $300 billion OpenAI deal";
    const text = summarize(title, articleSentences(body));
    expect(text).toContain("Oracle signed a $300 billion deal");
    expect(text).not.toMatch(/By Jane|Share this|declined/);
  });

  it("writes one line per deal", () => {
    const line = dealLine(
      {
        type: "investment",
        amountUsd: 10e9,
        qualifier: "more_than",
        parties: ["amazon", "openai"],
        status: "talks",
        sources: 2,
      },
      context.matcher.entities,
    );
    expect(line).toBe("Amazon → OpenAI · investment · >$10B · talks · 2 sources");
  });
});

describe("stories", () => {
  const at = Date.parse("2025-11-03T12:00:00Z");
  const base = { text: "", about: ["openai", "amazon"] };
  it("groups outlets on one event and keeps different events on the same companies apart", () => {
    const groups = clusterStories([
      {
        ...base,
        key: "a",
        title: "Amazon in talks to invest $10 billion in OpenAI",
        publishedAt: at,
        eventType: "investment",
        amountUsd: 10e9,
      },
      {
        ...base,
        key: "b",
        title: "Amazon weighs $10bn-plus stake in OpenAI",
        publishedAt: at + 3_600_000,
        eventType: "investment",
        amountUsd: 10e9,
      },
      {
        ...base,
        key: "c",
        title: "OpenAI signs $38 billion AWS cloud contract with Amazon",
        publishedAt: at + 7_200_000,
        eventType: "compute_contract",
        amountUsd: 38e9,
      },
      {
        ...base,
        key: "d",
        title: "Amazon in talks to invest $10 billion in OpenAI",
        publishedAt: at + 200 * 3_600_000,
        eventType: "investment",
        amountUsd: 10e9,
      },
    ]);
    expect(groups.map((g) => g.keys)).toEqual([["a", "b"], ["c"], ["d"]]);
  });

  it("collapses syndicated copies even without entities", () => {
    const text =
      "The same wire story, word for word, carried by two outlets with different headlines. Demand for accelerators rose again in the quarter as cloud providers placed large orders, suppliers said, and lead times for advanced packaging stretched to nearly a year.";
    const groups = clusterStories([
      { key: "x", title: "Wire: chip demand soars", text, publishedAt: at, about: [] },
      { key: "y", title: "Chip demand soars, wire says", text, publishedAt: at + 60_000, about: [] },
    ]);
    expect(groups).toHaveLength(1);
  });
});
