/** The Expect evaluator and the feedparser mapping on small, hand-made cases. */
import { describe, expect, it } from "vitest";
import type { ParsedFeed } from "../../src/ingest/item.js";
import { assertCorpus } from "./corpus.js";
import { evaluate, type PyValue, parseExpect, type Scope, UnsupportedExpression } from "./expect-eval.js";
import { judge } from "./feedparser-view.js";

const empty: Scope = {
  lookup(name) {
    throw new Error(`no ${name}`);
  },
};

function run(source: string, scope: Scope = empty): PyValue {
  return evaluate(parseExpect(source), scope);
}

describe("expect-eval", () => {
  it("reads Python string literals", () => {
    expect(run(String.raw`'don\u2019t'`)).toBe("don’t");
    expect(run(String.raw`u'\xa3\u201ctest.\u201d'`)).toBe("£“test.”");
    expect(run(`"it's"`)).toBe("it's");
    expect(run(`'''a "b" 'c' '''`)).toBe(`a "b" 'c' `);
    expect(run(`"""&lt;!' <a href="foo">"""`)).toBe(`&lt;!' <a href="foo">`);
    expect(run(String.raw`'\U0001F600 \101 \q'`)).toBe("😀 A \\q");
    expect(run(String.raw`r'\n'`)).toBe("\\n");
    expect(run("'a' 'b'")).toBe("ab");
  });

  it("evaluates the boolean and comparison subset", () => {
    expect(run("(2004, 1, 1) == (2004, 1, 1)")).toBe(true);
    expect(run("1 == 1 == 2")).toBe(false);
    expect(run("not None and True")).toBe(true);
    expect(run("'b' in 'abc' and 'x' not in ('a', 'b')")).toBe(true);
    expect(run("len('caf\\xe9') == 4")).toBe(true);
    expect(run("0 or ''")).toBe("");
    expect(run("('a',)[0] != 'b'")).toBe(true);
  });

  it("gives up on anything outside the subset", () => {
    for (const source of [
      "x is None",
      "ord(x) == 1",
      "x == {'a': 1}",
      "x == ['a']",
      "headers.get('a')",
      "a < b",
      "b'abc'",
    ]) {
      expect(() => parseExpect(source), source).toThrow(UnsupportedExpression);
    }
  });
});

describe("feedparser mapping", () => {
  const atom = `<!--\nExpect: x\n-->\n<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">a &lt;b&gt;</title>
<entry><title>T</title><link rel="self" href="http://s/"/><link href="http://x/"/></entry></feed>`;
  const feed: ParsedFeed = {
    title: "a <b>",
    items: [
      { id: "i", url: "http://x/", title: "T", summary: "", content: "", categories: [], enclosures: [] },
    ],
  };
  const ok = { kind: "ok", feed } as const;

  it("drops bozo, keeps modelled sub-expressions and compares text fairly", () => {
    expect(judge("not bozo and feed['title'] == 'a <b>'", atom, ok)).toMatchObject({ status: "pass" });
    expect(judge("bozo and feed.title == 'a <b>' or feed['title'] == 'nope'", atom, ok)).toMatchObject({
      status: "pass",
    });
    expect(judge("feed['title'] == 'a'", atom, ok)).toMatchObject({ status: "fail" });
  });

  it("counts a check that reads only unmodelled keys as not modelled", () => {
    expect(judge("not bozo and feed['copyright'] == 'x'", atom, ok)).toEqual({
      status: "not-modelled",
      keys: ["feed['copyright']"],
    });
    expect(judge("not bozo", atom, ok)).toMatchObject({ status: "not-modelled" });
    expect(judge("entries[0]['title'] == 'T' and version == 'atom10'", atom, ok)).toMatchObject({
      status: "pass",
      dropped: ["version"],
    });
  });

  it("models links[0].href only when the first link is rel=alternate", () => {
    expect(judge("entries[0]['links'][0]['href'] == 'http://s/'", atom, ok)).toMatchObject({
      status: "not-modelled",
    });
    expect(judge("entries[0]['link'] == 'http://x/'", atom, ok)).toMatchObject({ status: "pass" });
  });

  it("fails a modelled check when parseFeed refused the feed", () => {
    expect(
      judge("entries[0]['title'] == 'T'", atom, { kind: "error", message: "FeedError: x" }),
    ).toMatchObject({
      status: "fail",
      details: ["FeedError: x"],
    });
  });
});

describe("corpus location", () => {
  it("fails with a clear message when the corpus folder is missing", () => {
    expect(() => assertCorpus("/nonexistent/shared/corpora/feedparser")).toThrow(/corpus is missing/);
  });
});
