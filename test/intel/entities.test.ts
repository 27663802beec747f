import { describe, expect, it } from "vitest";
import { EntityMatcher, scoreEntities } from "../../src/intel/entities.js";
import { shippedIntel } from "../helpers/intel.js";

const matcher = shippedIntel().matcher;
const ids = (title: string, body = "") => scoreEntities(matcher, { title, body }).map((e) => e.id);

describe("tracked entities", () => {
  it("resolves products and people to their company", () => {
    expect(ids("Trainium chips from AWS power Claude Sonnet 4.5")).toEqual(
      expect.arrayContaining(["amazon", "anthropic"]),
    );
    // A plain-word product alone is not enough: "Claude" could be Monet.
    expect(ids("Claude paints the lilies")).toEqual([]);
    expect(ids("ChatGPT maker's Sam Altman talks up GPT-5")).toEqual(["openai"]);
    expect(ids("TPU and Gemini gains")).toEqual(["google"]);
    expect(ids("H200 and Nemotron on show")).toEqual(["nvidia"]);
  });

  it("does not read a '-scale AI' compound as Scale AI", () => {
    expect(
      ids(
        "Nvidia unveils rack-scale AI systems",
        "Its Rack-Scale AI line ships to gigawatt-scale AI campuses.",
      ),
    ).toEqual(["nvidia"]);
    expect(ids("Meta's $14 billion Scale AI bet")).toContain("scale-ai");
  });

  it("matches the longest name and folds accents", () => {
    const m = matcher.mentions("Amazon Web Services and Nébius");
    expect(m.map((x) => x.text)).toEqual(["Amazon Web Services", "Nebius"]);
  });

  it("scores the title above a passing mention", () => {
    const scores = scoreEntities(matcher, {
      title: "Oracle wins OpenAI contract",
      body: "Nvidia chips will be used.",
    });
    expect(scores[0]?.about).toBe(true);
    expect(scores.find((s) => s.id === "nvidia")).toMatchObject({ about: false });
  });

  it.each([
    ["The Amazon river is at a record low as drought grips the rainforest", "amazon"],
    ["Warren Buffett, the Oracle of Omaha, reflects on a long career", "oracle"],
    ["Stargate SG-1 cast reunite at a fan convention", "stargate"],
    ["Apple growers brace for a smaller harvest", "apple"],
    ["A meta-analysis of 40 trials finds a small effect", "meta"],
    ["Robotic arm helps surgeons; the Arm of the robot is steady", "arm"],
    ["Robinson Crusoe returns to the stage", "crusoe"],
    ["Military intel points to a troop build-up. Intel from satellites agrees.", "intel"],
    ["The anthropic principle, explained", "anthropic"],
    ["Llama trekking takes off in the Lake District", "meta"],
  ])("vetoes another sense: %s", (text, id) => {
    expect(ids(text)).not.toContain(id);
  });

  it("keeps the company when the same article also uses the name of a veto phrase elsewhere", () => {
    expect(ids("AWS signs OpenAI", "The cloud unit of Amazon is far from the Amazon river.")).toContain(
      "amazon",
    );
  });

  // One sense per article, counted over the whole article: veto words past the 60-character
  // window still say which sense a bare name has, once two or more of them appear.
  it("takes a bare name out when the article holds two veto phrases far from it", () => {
    const title = "Streaming service commissions a fresh Stargate series from veteran producers";
    const body =
      "The Stargate revival will be written by a team that worked on the earlier shows for cable television. " +
      "Casting has not started, and the streamer gave no date for the first of its ten episodes. Fans of " +
      "the long-running franchise have campaigned for a return since the last spin-off ended in 2011.";
    expect(ids(title, body)).not.toContain("stargate");
    // A hyphen where the veto phrase has a space ("science-fiction") is a hit too.
    expect(
      ids(
        "Streaming service commissions a fresh Stargate series from veteran producers",
        "The Stargate revival will be written by a team that worked on the earlier shows for cable television. " +
          "Casting has not started, and the streamer gave no date for the first of its ten episodes. It is the " +
          "oldest science-fiction property the streamer owns.",
      ),
    ).not.toContain("stargate");
  });

  it("keeps a bare name with one far veto phrase, or with more mentions than veto hits", () => {
    expect(
      ids(
        "OpenAI picks a fifth Stargate site in Texas",
        "The Stargate campus will draw on a new substation. Executives said the project would " +
          "be the largest data-centre build in the known universe, and that the first hall opens in 2026.",
      ),
    ).toContain("stargate");
    // A data-centre piece on a river site: Amazon named more often than the river.
    expect(
      ids(
        "Amazon to build a $10 billion data centre campus in Oregon",
        "Amazon said the campus would open in stages over the next four years, starting in the spring. " +
          "Cooling water for the halls will come from the river under a permit that regulators granted last " +
          "month after a long review of summer flows and fish stocks in the valley. Amazon will hire 300 " +
          "people on the site and expects the first building to open in 2027, the company said. Local " +
          "officials said the plan met the limits set by the river authority.",
      ),
    ).toContain("amazon");
    // A veto phrase inside a longer word is no hit ("driver" is not "river").
    expect(
      ids(
        "Amazon names a new chief of its driver network",
        "Amazon said the driver programme would grow. The new head of drivers, who joined from a " +
          "rival, will report to the head of retail operations.",
      ),
    ).toContain("amazon");
  });

  it("is case-sensitive where a name is also a word", () => {
    expect(ids("an apple a day and an oracle of old")).toEqual([]);
    expect(ids("APPLE SHARES RISE")).toContain("apple");
  });

  it("rebuilds quickly when a user adds an entity", () => {
    const started = performance.now();
    const custom = new EntityMatcher([
      {
        id: "fluidstack",
        name: "Fluidstack",
        kind: "neocloud",
        aliases: ["Fluid Stack"],
        caseSensitive: false,
        products: [],
        people: [],
        veto: [],
      },
    ]);
    expect(custom.mentions("Fluid Stack signs a deal").map((m) => m.entityId)).toEqual(["fluidstack"]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
