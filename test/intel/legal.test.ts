import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/intel/analyze.js";
import { dealLine } from "../../src/intel/summarize.js";
import { shippedIntel } from "../helpers/intel.js";

// Legal events read as legal events: a stage of their own, plaintiffs before defendants, and
// untracked parties kept by name so the line reads "The New York Times v. OpenAI, Microsoft".
const context = shippedIntel();
const legal = (title: string, body = "") =>
  analyzeArticle({ title, body }, context).events.find((e) => e.type === "legal");
const line = (title: string) => {
  const event = legal(title);
  if (!event) throw new Error(`no legal event in ${title}`);
  return dealLine({ ...event, sources: 1 }, context.matcher.entities);
};

describe("legal events", () => {
  it("names an untracked plaintiff and puts it before the defendants", () => {
    expect(line("The New York Times sues OpenAI and Microsoft over copyright")).toBe(
      "The New York Times v. OpenAI, Microsoft · legal · filed · 1 source",
    );
    expect(legal("The New York Times sues OpenAI and Microsoft over copyright")).toMatchObject({
      parties: ["openai", "microsoft"],
      partyNames: ["The New York Times", "OpenAI", "Microsoft"],
      plaintiffCount: 1,
    });
  });

  it("reads the other side of a settlement as the plaintiffs", () => {
    expect(line("Anthropic agrees $1.5 billion settlement with authors")).toBe(
      "Authors v. Anthropic · legal · $1.5B · settled · 1 source",
    );
    expect(line("Google settles with Texas over data collection claims")).toMatch(
      /^Texas v\. Google · legal/,
    );
  });

  it("names a person who sues by name, not as the company the name points at", () => {
    expect(line("Elon Musk sues OpenAI and Sam Altman over the lab's for-profit turn")).toBe(
      "Elon Musk v. OpenAI · legal · filed · 1 source",
    );
    // The company the person runs still counts as a party, for /controversies <company>.
    expect(legal("Elon Musk sues OpenAI and Sam Altman over the lab's for-profit turn")?.parties).toEqual([
      "xai",
      "openai",
    ]);
    expect(line("xAI sues OpenAI over trade secrets")).toBe("xAI v. OpenAI · legal · filed · 1 source");
  });

  it.each([
    [
      "Judge lets New York Times copyright case against OpenAI and Microsoft move ahead",
      "ruling",
      "New York Times v. OpenAI, Microsoft",
    ],
    ["xAI sues Apple and OpenAI, alleging a scheme to stifle AI rivals", "filed", "xAI v. Apple, OpenAI"],
    ["Anthropic agrees to pay $1.5 billion to settle authors' copyright lawsuit", "settled", "Anthropic"],
    ["Judge dismisses Musk lawsuit against OpenAI", "dismissed", "Musk v. OpenAI"],
    ["OpenAI appeals order to hand over ChatGPT logs in copyright case", "appeal", "OpenAI"],
    [
      "OpenAI sued by estate of Connecticut woman over ChatGPT chats",
      "filed",
      "Estate of Connecticut woman v. OpenAI",
    ],
    ["A lawsuit by musicians accuses xAI of copying their songs", "filed", "Musicians v. xAI"],
    [
      "OpenAI faces wrongful death lawsuit from parents of California teen",
      "filed",
      "Parents of California teen v. OpenAI",
    ],
  ])("%s -> %s, %s", (title, status, parties) => {
    expect(legal(title)?.status).toBe(status);
    expect(line(title).startsWith(`${parties} · legal · `)).toBe(true);
    expect(line(title)).toContain(` · ${status} · 1 source`);
  });

  it("gives a controversy no deal status", () => {
    const [event] = analyzeArticle(
      { title: "Investors question 'circular' AI deals between Nvidia and OpenAI", body: "" },
      context,
    ).events;
    expect(event).toMatchObject({ type: "controversy", status: null });
    expect(dealLine({ ...(event as NonNullable<typeof event>), sources: 2 }, context.matcher.entities)).toBe(
      "Nvidia → OpenAI · controversy · 2 sources",
    );
  });
});
