import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bodyOf } from "../../src/enrich/enrich.js";
import { parseFeed } from "../../src/ingest/parse.js";
import { caseClaims, courtOf, differentCases } from "../../src/intel/legal.js";
import { analyzeBatch, type IntelInput } from "../../src/intel/pipeline.js";
import { itemsFrom, shippedIntel } from "../helpers/intel.js";

// Lawsuits between related parties are often several cases at once (a founder's suit, his
// company's suit, a countersuit). Grouping tells them apart by what each case is about, who
// brings it and where, while two outlets of one case still join however they word it.
const context = shippedIntel();
const hour = 3_600_000;
const at = Date.parse("2025-09-22T09:00:00Z");
const item = itemsFrom(at, hour);
const grouped = (inputs: IntelInput[]) => {
  const { items, stories } = analyzeBatch(inputs, context);
  return {
    story: (key: string) => stories.find((s) => s.keys.includes(key))?.id,
    legal: (key: string) => items.find((i) => i.key === key)?.intel.events.find((e) => e.type === "legal"),
  };
};

describe("what a case is about", () => {
  it.each([
    ["accused of luring away engineers to obtain confidential code", ["trade_secrets"]],
    ["says the company broke its founding promise to stay a nonprofit", ["nonprofit_mission"]],
    ["alleges that novels were used without permission to train chatbots", ["copyright"]],
    ["claims the pact was anticompetitive and locked out rivals", ["antitrust"]],
    ["blames the chatbot for a teenager's suicide", ["harm"]],
    ["over what happened to the quarterly figures", []],
  ])("%s -> %j", (text, claims) => {
    expect(caseClaims(text)).toEqual(claims);
  });

  it("reduces a court to its level and state, so that two ways of naming one court agree", () => {
    expect(courtOf("filed in federal court in Manhattan")).toBe("federal:ny");
    expect(courtOf("a complaint in the US District Court for the Southern District of New York")).toBe(
      "federal:ny",
    );
    expect(courtOf("in a Delaware state court")).toBe("state:de");
    expect(courtOf("the suit names no court")).toBeUndefined();
  });

  it("splits only on what both reports say: a report that names no claim may be the same case", () => {
    const trade = { claims: ["trade_secrets"], plaintiffs: ["xai"] };
    expect(differentCases(trade, { claims: ["nonprofit_mission"], plaintiffs: ["xai"] })).toBe(true);
    expect(differentCases(trade, { claims: [] })).toBe(false);
    expect(differentCases(trade, { claims: ["trade_secrets", "antitrust"] })).toBe(false);
    expect(differentCases({ claims: [], court: "state:ca" }, { claims: [], court: "federal:ca" })).toBe(true);
    // An untracked plaintiff beside a tracked one may be its founder: not comparable, no split.
    expect(
      differentCases({ claims: [], plaintiffs: ["name:musk"] }, { claims: [], plaintiffs: ["xai"] }),
    ).toBe(false);
    // Plaintiffs named by what they are never split: one outlet's novelists are another's writers.
    expect(
      differentCases(
        { claims: [], plaintiffs: ["role:novelists"] },
        { claims: [], plaintiffs: ["role:writers"] },
      ),
    ).toBe(false);
    expect(
      differentCases(
        { claims: [], plaintiffs: ["name:the chicago tribune"] },
        { claims: [], plaintiffs: ["name:the new york times"] },
      ),
    ).toBe(true);
    expect(
      differentCases(
        { claims: ["copyright"], plaintiffs: ["name:the new york times"] },
        { claims: ["copyright"], plaintiffs: ["name:nyt"] },
      ),
    ).toBe(false);
  });
});

describe("grouping lawsuits by case", () => {
  it("joins two outlets of one case told in different words", () => {
    const { story } = grouped([
      item(
        "a",
        0,
        "xAI sues OpenAI, saying it poached engineers to get at its trade secrets",
        "The complaint, filed in federal court in California, says former xAI staff carried source code to OpenAI.",
      ),
      item(
        "b",
        30,
        "Musk's xAI takes OpenAI to court over confidential Grok code",
        "xAI accused OpenAI of misappropriating proprietary information through a string of hires.",
      ),
    ]);
    expect(story("a")).toBe(story("b"));
  });

  it("joins two outlets of one newspaper's case whatever they call the paper", () => {
    const { story, legal } = grouped([
      item(
        "a",
        0,
        "The New York Times sues OpenAI and Microsoft over copyright",
        "The paper says the companies used millions of its articles without permission.",
      ),
      item(
        "b",
        20,
        "NYT files lawsuit against OpenAI and Microsoft, citing copyright infringement",
        "The newspaper wants the companies to pay for training chatbots on its reporting.",
      ),
    ]);
    expect(legal("a")?.legalCase?.claims).toContain("copyright");
    expect(story("a")).toBe(story("b"));
  });

  it("keeps two cases of the same parties in the same week apart: trade secrets vs the nonprofit mission", () => {
    const { story, legal } = grouped([
      item(
        "secrets",
        0,
        "xAI sues OpenAI, claiming it lured away staff to steal trade secrets",
        "The suit says engineers took confidential files when they left for OpenAI.",
      ),
      item(
        "mission",
        72,
        "Elon Musk files new lawsuit against OpenAI over its nonprofit mission",
        "Musk says OpenAI and Sam Altman broke the founding agreement to run the lab as a nonprofit.",
      ),
    ]);
    expect(legal("secrets")?.parties).toEqual(["xai", "openai"]);
    expect(legal("mission")?.parties).toEqual(["xai", "openai"]);
    expect(story("secrets")).not.toBe(story("mission"));
  });

  it("keeps one plaintiff's suits against two companies apart although the claim is the same", () => {
    const { story } = grouped([
      item(
        "openai",
        0,
        "xAI sues OpenAI over stolen trade secrets",
        "xAI says former engineers took confidential code with them.",
      ),
      item(
        "apple",
        30,
        "xAI sues Apple over stolen trade secrets",
        "xAI says former engineers took confidential code with them to Cupertino.",
      ),
    ]);
    expect(story("openai")).not.toBe(story("apple"));
  });

  it("keeps two newspapers' copyright suits against one company apart", () => {
    const { story } = grouped([
      item(
        "times",
        0,
        "The New York Times sues OpenAI over copyright",
        "The paper says its articles were copied without permission to train ChatGPT.",
      ),
      item(
        "tribune",
        48,
        "The Chicago Tribune sues OpenAI over copyright",
        "The Tribune joins other newspapers in saying its stories trained ChatGPT without a licence.",
      ),
    ]);
    expect(story("times")).not.toBe(story("tribune"));
  });

  it("joins two outlets of one authors' case although one says authors and the other writers", () => {
    const { story } = grouped([
      item(
        "a",
        0,
        "Authors sue Anthropic, saying Claude was trained on pirated books",
        "The class action was filed in federal court in San Francisco.",
      ),
      item(
        "b",
        26,
        "Writers file class action accusing Anthropic of copyright infringement",
        "The writers say Anthropic trained Claude on copies of their books downloaded from pirate sites.",
      ),
    ]);
    expect(story("a")).toBe(story("b"));
  });

  it("keeps the demo's Musk suit and xAI's trade-secrets suit apart when they arrive hours apart", async () => {
    // The two samples as `npm run demo` replays them: dated an hour or so apart.
    const xml = readFileSync(join(import.meta.dirname, "../../feeds/samples/legal.rss.xml"), "utf8");
    const feed = await parseFeed(xml, { now: new Date(at) });
    const musk = feed.items.find((i) => /musk/i.test(i.title) && /lawsuit/i.test(i.title));
    const xai = feed.items.find((i) => /trade secrets/i.test(i.title));
    if (!musk || !xai) throw new Error("the legal samples no longer hold the Musk and xAI suits");
    const { story, legal } = grouped([
      item("musk", 0, musk.title, bodyOf(musk)),
      item("xai", 1, xai.title, bodyOf(xai)),
    ]);
    expect(legal("musk")?.parties).toContain("openai");
    expect(legal("xai")?.parties).toContain("openai");
    expect(story("musk")).not.toBe(story("xai"));
  });
});
