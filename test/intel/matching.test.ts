import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EntityConfig } from "../../src/config/schema.js";
import { EntityMatcher } from "../../src/intel/entities.js";
import { foldAccents } from "../../src/intel/fold.js";

const isWord = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9]/.test(ch);

/**
 * The matching rule written the slow, obvious way: at each word start take the longest name
 * (any case; one space, tab, newline or hyphen between words) that ends before a non-word
 * character, then go on after it.
 */
function reference(names: readonly string[], text: string): string[] {
  const patterns = names.map(
    (name) =>
      new RegExp(
        `^${name
          .split(" ")
          .map((w) => w.replace(/[.&]/g, "\\$&"))
          .join("[ \\t\\n-]")}`,
        "i",
      ),
  );
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!isWord(text[i]) || isWord(text[i - 1])) continue;
    let best = "";
    for (const pattern of patterns) {
      const m = pattern.exec(text.slice(i));
      if (m && m[0].length > best.length && !isWord(text[i + m[0].length])) best = m[0];
    }
    if (best) {
      out.push(best);
      i += best.length - 1;
    }
  }
  return out;
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
const name = fc
  .array(word, { minLength: 1, maxLength: 3 })
  .map((words) => words.join(" "))
  .filter((n) => n.length >= 2);
const separator = fc.constantFrom("", " ", "-", "\n", ", ", ". ", "'s ", " (", "—", " é ");

/** One plain lab per name, ids e0, e1, …: what the property tests match against. */
function labsNamed(names: readonly string[]): EntityConfig[] {
  return names.map((n, i) => ({
    id: `e${i}`,
    name: n,
    kind: "lab",
    aliases: [],
    caseSensitive: false,
    products: [],
    people: [],
    veto: [],
  }));
}

describe("entity matching", () => {
  it("finds the leftmost-longest names the way a naive per-name scan does", () => {
    const scenario = fc.uniqueArray(name, { minLength: 1, maxLength: 12 }).chain((names) =>
      fc.record({
        names: fc.constant(names),
        // The names themselves, their first words, and other words, in any case.
        pieces: fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom(...names),
              fc.constantFrom(...names.map((n) => n.split(" ")[0] ?? n)),
              word,
            ),
            separator,
            fc.boolean(),
          ),
          { maxLength: 25 },
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ names, pieces }) => {
        const config = labsNamed(names);
        const matcher = new EntityMatcher(config);
        const text = pieces
          .map(([piece, sep, upper]) => (upper ? piece.toUpperCase() : piece) + sep)
          .join("");
        const found = matcher.mentions(text).map((m) => m.text);
        expect(found).toEqual(reference(names, foldAccents(text)));
      }),
      { numRuns: 400 },
    );
  });

  it("finds the same names when the trie's exact proposals are taken without the RegExp", () => {
    // A proposal that spells its name exactly skips the RegExp, unless the name forks from another
    // at a separator or the text holds whitespace the trie does not read as one. Few short words,
    // joined by any separator, make such forks and near-misses common.
    const short = fc.constantFrom("ab", "cd", "ef", "x1", "g");
    const joiner = fc.constantFrom(" ", "-", "\t");
    const multiword = fc
      .array(fc.tuple(joiner, short), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.map(([sep, w], i) => (i === 0 ? w : sep + w)).join(""))
      .filter((n) => n.length >= 2);
    const scenario = fc.uniqueArray(multiword, { minLength: 1, maxLength: 8 }).chain((names) =>
      fc.record({
        names: fc.constant(names),
        pieces: fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...names), short),
            fc.constantFrom(" ", "-", "\t", "\u2009", "\u00a0", ", ", "\n", "'s "),
            fc.boolean(),
          ),
          { maxLength: 20 },
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ names, pieces }) => {
        const config = labsNamed(names);
        const fast = new EntityMatcher(config);
        const plain = new EntityMatcher(config, { literalProposals: false });
        const text = pieces
          .map(([piece, sep, upper]) => (upper ? piece.toUpperCase() : piece) + sep)
          .join("");
        const spans = (m: EntityMatcher) => m.mentions(text).map((x) => [x.entityId, x.start, x.end]);
        expect(spans(fast)).toEqual(spans(plain));
      }),
      { numRuns: 1500 },
    );
    // A fork the random names rarely make: the RegExp takes the space's branch at the hyphen.
    const forked = ["ab cd", "ab-cd ef"].map((n, i) => ({
      id: `e${i}`,
      name: n,
      kind: "lab" as const,
      aliases: [],
      caseSensitive: false,
      products: [],
      people: [],
      veto: [],
    }));
    for (const text of ["ab-cd ef x", "ab cd ef x", "x ab\u2009cd ef"])
      expect(new EntityMatcher(forked).mentions(text)).toEqual(
        new EntityMatcher(forked, { literalProposals: false }).mentions(text),
      );
  });

  it("still builds, and still matches Latin names, when the names hold hundreds of other characters", () => {
    // Names match at ASCII word starts (after accent folding); an alias in another script is
    // never found, but 300 of them, more distinct characters than a byte can number, must not
    // break the matcher for the rest.
    const other = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + 2 * i, 0x4e01 + 2 * i));
    const matcher = new EntityMatcher([
      {
        id: "acme",
        name: "Acme Compute",
        kind: "neocloud",
        aliases: other,
        caseSensitive: false,
        products: [],
        people: [],
        veto: [],
      },
    ]);
    expect(matcher.mentions("Acme Compute signs a deal").map((m) => m.entityId)).toEqual(["acme"]);
  });

  it("folds accents and typographic punctuation to what the names are written in", () => {
    // Every BMP character, against the rule: decompose (NFD), drop combining marks, and write
    // curly quotes, dashes and no-break spaces the ASCII way.
    const plain = (s: string) =>
      s
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[\u2018\u2019\u02bc]/g, "'")
        .replace(/[\u201c\u201d]/g, '"')
        .replace(/[\u2010-\u2015]/g, "-")
        .replace(/\u00a0/g, " ");
    const wrong: string[] = [];
    for (let code = 0x80; code < 0x10000; code++) {
      if (code >= 0xd800 && code < 0xe000) continue;
      const text = `Nébius ${String.fromCharCode(code)} “€5bn”`;
      if (foldAccents(text) !== plain(text)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(foldAccents("Nébius’s “deal” — €5bn")).toBe(`Nebius's "deal" - €5bn`);
  });
});
