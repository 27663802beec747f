/**
 * Synthetic AI-infrastructure news for the benchmarks: made-up company names and deal-style
 * articles of about 460 characters over any list of names, from a seeded generator so every run
 * reads the same data.
 */
import { seededRandom } from "./random.js";

export interface SyntheticArticle {
  title: string;
  body: string;
}

export function syntheticNews(seed: number): {
  companyName(i: number): string;
  article(names: readonly string[]): SyntheticArticle;
} {
  const { random, pick } = seededRandom(seed);
  // Made-up company names, built like real ones from a wide set of syllables so that the names
  // start with as many different letters as a real alias list does.
  const ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "qu",
    "r",
    "s",
    "t",
    "v",
    "w",
    "x",
    "z",
    "br",
    "cr",
    "dr",
    "fl",
    "gr",
    "kr",
    "pl",
    "pr",
    "sk",
    "st",
    "tr",
    "vr",
  ];
  const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "y"];
  const CODAS = ["", "n", "x", "r", "l", "s", "th", "nd", "sk", "m"];
  function syllable(): string {
    return pick(ONSETS) + pick(VOWELS) + pick(CODAS);
  }
  function companyName(i: number): string {
    const name = `${syllable()}${syllable()}${random() < 0.5 ? syllable() : ""}`.replace(/^./, (c) =>
      c.toUpperCase(),
    );
    return name + (i % 3 === 0 ? " Compute" : i % 3 === 1 ? " AI" : "");
  }

  const TEMPLATES = [
    (a: string, b: string, n: number) => `${a} to invest $${n} billion in ${b}`,
    (a: string, b: string, n: number) => `${a} signs $${n} billion cloud deal with ${b} over five years`,
    (a: string, b: string, n: number) =>
      `${b} raises $${n} billion at a $${n * 12} billion valuation led by ${a}`,
    (a: string, b: string) => `${a} sues ${b} over trade secrets`,
    (a: string, b: string, n: number) => `${a} in talks to buy ${b} for about €${n} billion`,
    (a: string) => `${a} launches new AI accelerator for inference`,
  ];
  const FILLER = [
    "The companies did not disclose further terms of the agreement.",
    "Analysts said the move reflects soaring demand for computing power across the industry.",
    "Shares rose 3% in early trading after the announcement on Monday.",
    "The deal is expected to close in the first half of next year, subject to regulatory approval.",
    "People familiar with the matter said talks were at an early stage.",
  ];

  function article(names: readonly string[]): SyntheticArticle {
    const a = pick(names);
    const b = pick(names);
    const n = 1 + Math.floor(random() * 90);
    const title = pick(TEMPLATES)(a, b, n);
    let body = `${title}, according to a statement. ${pick(FILLER)}`;
    while (body.length < 360) body += ` ${pick(FILLER)}`;
    return { title, body };
  }
  return { companyName, article };
}
