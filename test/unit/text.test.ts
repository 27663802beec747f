import { describe, expect, it } from "vitest";
import { cleanLine, cleanText, htmlToText, repairText } from "../../src/ingest/text.js";

describe("HTML to text", () => {
  it("strips tags, drops scripts and styles, decodes entities and keeps paragraphs apart", () => {
    const html = `<div><p>Nvidia &amp; OpenAI&nbsp;agree</p><script>alert(1)</script><style>p{}</style><p>10&#160;GW &mdash; &quot;huge&quot;</p></div>`;
    expect(htmlToText(html)).toBe('Nvidia & OpenAI agree\n\n10 GW — "huge"');
  });

  it("leaves plain text with a lone < alone", () => {
    expect(htmlToText("margins < 5% for AT&T")).toBe("margins < 5% for AT&T");
  });

  it("folds white space in one-line fields", () => {
    expect(cleanLine("  Oracle \n\n  wins   <b>deal</b> ")).toBe("Oracle wins deal");
  });

  it("caps very long text", () => {
    expect(cleanText("a".repeat(500), 100)).toHaveLength(100);
  });
});

describe("repairing mangled feed text", () => {
  it("turns full stops that became ? back into full stops, keeping numbers intact", () => {
    expect(repairText("Stargate to cost $1?5 trillion, U?S? officials say")).toBe(
      "Stargate to cost $1.5 trillion, U.S. officials say",
    );
    expect(repairText("OpenAI raised $6?6 billion? The company said more was coming?")).toBe(
      "OpenAI raised $6.6 billion. The company said more was coming.",
    );
  });

  it("keeps real questions", () => {
    expect(repairText("Is the AI capex boom a bubble?")).toBe("Is the AI capex boom a bubble?");
    expect(repairText("Who pays? Investors ask. Nobody knows.")).toBe(
      "Who pays? Investors ask. Nobody knows.",
    );
  });

  it("puts back apostrophes, dashes and quotes lost as U+FFFD", () => {
    expect(repairText("OpenAI\ufffds deal with AWS \ufffd worth $38bn \ufffd runs 2025\ufffd2032")).toBe(
      "OpenAI’s deal with AWS – worth $38bn – runs 2025–2032",
    );
    expect(repairText("He called it \ufffdcircular\ufffd, analysts said")).toBe(
      "He called it “circular”, analysts said",
    );
  });

  it("undoes UTF-8 read as windows-1252", () => {
    expect(repairText("Nvidiaâ€™s â€œRubinâ€\u009d chips â€” cafÃ©")).toBe("Nvidia’s “Rubin” chips — café");
  });

  it("does not touch clean text", () => {
    const clean = "Microsoft’s €2.5bn plan — Â is a letter in Âge";
    expect(repairText(clean)).toBe(clean);
  });
});
