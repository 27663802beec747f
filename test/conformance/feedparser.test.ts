/**
 * Conformance against feedparser's test corpus (../shared/corpora/feedparser, never copied in).
 *
 * 1. Score: for wellformed/{rss,atom,atom10,rdf,amp,namespace,base}, each file's `Expect:` is
 *    reduced to the sub-expressions over fields we model (see feedparser-view.ts) and evaluated
 *    against parseFeed's output. The overall pass rate must stay >= 90 %.
 * 2. Robustness: every .xml file ends in items or a FeedError, never another exception or a hang.
 *    Encoding cases and files with `Header:` lines go through FeedFetcher over loopback HTTP.
 * 3. Encoding: where an encoding case's Expect reads a modelled field, the decoded text matches.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedFetcher } from "../../src/ingest/fetch.js";
import {
  assertCorpus,
  CORPUS_DIR,
  type CorpusFile,
  type CorpusServer,
  loadCorpus,
  startCorpusServer,
} from "./corpus.js";
import { type CheckResult, judge, type ParseResult } from "./feedparser-view.js";
import { FILE_TIMEOUT_MS, type Outcome, runFile } from "./pipeline.js";

const SCORED_AREAS = ["rss", "atom", "atom10", "rdf", "amp", "namespace", "base"].map(
  (a) => `wellformed/${a}`,
);
const MIN_PASS_RATE = 0.9;
const JS_ERROR = /Cannot read propert|is not a function|is not defined|is not iterable|Maximum call stack/;

const CONTENT_LOCATION =
  "Content-Location is not a base URI for us (RFC 7231 dropped that); links resolve against the request URL";
const AUTHOR_DISPLAY =
  "our author is the person's name; feedparser's `author` is its 'name (email)' display string";

/**
 * Behaviour we decided not to model. Each entry is excluded from the score (not counted as a
 * pass or a fail). Keep this short and honest: a parser bug does not belong here.
 */
const KNOWN_MISSES: Record<string, string> = {
  "wellformed/base/http_channel_link_base_content_location.xml": CONTENT_LOCATION,
  "wellformed/base/http_entry_link_base_content_location.xml": CONTENT_LOCATION,
  "wellformed/base/http_feed_link_base_content_location.xml": CONTENT_LOCATION,
  "wellformed/base/http_item_link_base_content_location.xml": CONTENT_LOCATION,
  "wellformed/base/http_entry_id_base_content_location.xml": CONTENT_LOCATION,
  "wellformed/atom/entry_author_map_author.xml": AUTHOR_DISPLAY,
  "wellformed/atom10/entry_author_map_author.xml": AUTHOR_DISPLAY,
  "wellformed/rss/item_image_link_conflict.xml":
    "we serialise links with WHATWG URL, which lower-cases the host (http://item.TEST/ -> http://item.test/)",
  "wellformed/rss/item_madeup_tags_element.xml": "a made-up <tags> element that feedparser splits on commas",
  "encoding/bozo_linenoise.xml":
    "feedparser keeps undecodable bytes as mojibake; repairText repairs them on purpose",
  "encoding/euc-kr-attribute.xml":
    "the only non-ASCII text sits in an <img alt>, which plain-text conversion drops: nothing left to compare",
};

interface Judged {
  file: CorpusFile;
  outcome: Outcome;
  check: CheckResult;
  knownMiss?: string;
}

function parseResult(outcome: Outcome): ParseResult {
  if (outcome.kind === "ok") return { kind: "ok", feed: outcome.feed };
  if (outcome.kind === "feed-error") return { kind: "error", message: `FeedError: ${outcome.reason}` };
  return { kind: "error", message: `crash: ${outcome.error}` };
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

function percent(passed: number, total: number): string {
  return total === 0 ? "-" : `${((passed / total) * 100).toFixed(1)}%`;
}

interface AreaScore {
  area: string;
  files: number;
  modelled: number;
  passed: number;
  notModelled: number;
  unsupported: number;
  noExpect: number;
  knownMiss: number;
}

function score(area: string, judged: Judged[]): AreaScore {
  const mine = judged.filter((j) => j.file.area === area);
  const counted = mine.filter((j) => !j.knownMiss);
  return {
    area,
    files: mine.length,
    modelled: counted.filter((j) => j.check.status === "pass" || j.check.status === "fail").length,
    passed: counted.filter((j) => j.check.status === "pass").length,
    notModelled: mine.filter((j) => j.check.status === "not-modelled").length,
    unsupported: mine.filter((j) => j.check.status === "unsupported").length,
    noExpect: mine.filter((j) => j.check.status === "no-expect").length,
    knownMiss: mine.filter((j) => j.knownMiss).length,
  };
}

function scoreTable(scores: AreaScore[]): string {
  const total: AreaScore = {
    area: "TOTAL",
    files: 0,
    modelled: 0,
    passed: 0,
    notModelled: 0,
    unsupported: 0,
    noExpect: 0,
    knownMiss: 0,
  };
  for (const s of scores) {
    total.files += s.files;
    total.modelled += s.modelled;
    total.passed += s.passed;
    total.notModelled += s.notModelled;
    total.unsupported += s.unsupported;
    total.noExpect += s.noExpect;
    total.knownMiss += s.knownMiss;
  }
  return table(
    [
      "area",
      "files",
      "modelled checks",
      "passed",
      "pass %",
      "not modelled",
      "unsupported",
      "no Expect",
      "known miss",
    ],
    [...scores, total].map((s) => [
      s.area,
      s.files,
      s.modelled,
      s.passed,
      percent(s.passed, s.modelled),
      s.notModelled,
      s.unsupported,
      s.noExpect,
      s.knownMiss,
    ]),
  );
}

/** A rough first cut at why a check failed, to group the report. */
function causeOf(details: string[]): string {
  const text = details.join(" ");
  if (/^FeedError|^crash/.test(text)) return "parseFeed refused or crashed on a well-formed feed";
  if (/IndexError: index \d+ out of range/.test(text)) return "entry (or list item) missing from our output";
  if (/KeyError/.test(text)) return "field absent from our item";
  return "value differs";
}

function failureReport(judged: Judged[]): string {
  const groups = new Map<string, string[]>();
  for (const j of judged) {
    if (j.check.status !== "fail" || j.knownMiss) continue;
    const cause = causeOf(j.check.details);
    const entry = `  - ${j.file.rel}\n      check: ${j.check.checked}\n      ${j.check.details.join("\n      ")}`;
    groups.set(cause, [...(groups.get(cause) ?? []), entry]);
  }
  return [...groups]
    .map(([cause, entries]) => `${cause} (${entries.length}):\n${entries.join("\n")}`)
    .join("\n");
}

describe("feedparser conformance corpus", () => {
  let judged: Judged[] = [];
  let server: CorpusServer | undefined;
  let fetcher: FeedFetcher | undefined;

  beforeAll(async () => {
    assertCorpus();
    const files = loadCorpus();
    server = await startCorpusServer(files);
    fetcher = new FeedFetcher({
      timeoutMs: FILE_TIMEOUT_MS / 2,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 3,
      userAgent: "infrawire-conformance-test",
      policy: { allowPrivate: true, allowedNetworks: [] },
    });
    for (const file of files) {
      const outcome = await runFile(file, fetcher, server);
      const check = judge(file.expect, file.text, parseResult(outcome));
      const knownMiss = KNOWN_MISSES[file.rel];
      judged.push({ file, outcome, check, ...(knownMiss ? { knownMiss } : {}) });
    }
  }, 600_000);

  afterAll(async () => {
    await fetcher?.close();
    await server?.close();
    judged = [];
  });

  it("reads the corpus from ../shared/corpora/feedparser", () => {
    expect(judged.length, `no .xml files under ${CORPUS_DIR}`).toBeGreaterThan(0);
    for (const area of SCORED_AREAS) {
      expect(
        judged.some((j) => j.file.area === area),
        `${area} is missing from ${CORPUS_DIR}`,
      ).toBe(true);
    }
  });

  it(`passes at least ${MIN_PASS_RATE * 100}% of the modelled checks in the core wellformed areas`, () => {
    const scores = SCORED_AREAS.map((area) => score(area, judged));
    const modelled = scores.reduce((n, s) => n + s.modelled, 0);
    const passed = scores.reduce((n, s) => n + s.passed, 0);
    const rate = modelled === 0 ? 0 : passed / modelled;
    console.log(
      `\nfeedparser conformance, scored areas (overall ${percent(passed, modelled)}):\n${scoreTable(scores)}`,
    );

    const others = [...new Set(judged.map((j) => j.file.area))]
      .filter((a) => !SCORED_AREAS.includes(a))
      .sort();
    console.log(
      `\nother areas (informational, not scored):\n${scoreTable(others.map((a) => score(a, judged)))}`,
    );

    const unmodelled = new Map<string, number>();
    for (const j of judged.filter((x) => SCORED_AREAS.includes(x.file.area))) {
      const keys =
        j.check.status === "not-modelled"
          ? j.check.keys
          : j.check.status === "pass" || j.check.status === "fail"
            ? j.check.dropped
            : [];
      for (const key of new Set(keys.map((k) => k.replace(/\[\d+\]/g, "[i]")))) {
        unmodelled.set(key, (unmodelled.get(key) ?? 0) + 1);
      }
    }
    const top = [...unmodelled].sort((a, b) => b[1] - a[1]).slice(0, 15);
    console.log(
      `\nmost frequent keys we do not model (files):\n${top.map(([k, n]) => `  ${n}  ${k}`).join("\n")}`,
    );

    const failures = failureReport(judged.filter((j) => SCORED_AREAS.includes(j.file.area)));
    if (failures) console.log(`\nfailing modelled checks:\n${failures}`);
    expect(
      rate,
      `pass rate ${percent(passed, modelled)} is below ${MIN_PASS_RATE * 100}%`,
    ).toBeGreaterThanOrEqual(MIN_PASS_RATE);
  });

  it("ends every corpus file in items or a FeedError, never a crash or a hang", () => {
    const ok = judged.filter((j) => j.outcome.kind === "ok");
    const errors = judged.flatMap((j) => (j.outcome.kind === "feed-error" ? [j.outcome.reason] : []));
    const crashes = judged.flatMap((j) =>
      j.outcome.kind === "crash" ? [`${j.file.rel}: ${j.outcome.error}`] : [],
    );
    const byReason = new Map<string, number>();
    for (const reason of errors) {
      const prefix = reason
        .replace(/\s*\(.*$/, "")
        .replace(/,.*$/, "")
        .slice(0, 90);
      byReason.set(prefix, (byReason.get(prefix) ?? 0) + 1);
    }
    const slowest = [...judged].sort((a, b) => b.outcome.ms - a.outcome.ms)[0];
    const refusedWellFormed = judged.flatMap((j) =>
      j.outcome.kind === "feed-error" && j.file.area.startsWith("wellformed/")
        ? [`${j.file.rel}: ${j.outcome.reason}`]
        : [],
    );
    // A FeedError whose reason carries a JavaScript runtime error is a crash in disguise.
    const disguised = judged.flatMap((j) =>
      j.outcome.kind === "feed-error" && JS_ERROR.test(j.outcome.reason)
        ? [`${j.file.rel}: ${j.outcome.reason}`]
        : [],
    );
    console.log(
      [
        "\nrobustness over every corpus file:",
        `  files:      ${judged.length} (${judged.filter((j) => j.outcome.via === "http").length} over loopback HTTP)`,
        `  ok:         ${ok.length} (${ok.filter((j) => j.outcome.kind === "ok" && j.outcome.feed.items.length > 0).length} with items)`,
        `  FeedError:  ${errors.length}`,
        ...[...byReason]
          .sort((a, b) => b[1] - a[1])
          .map(([reason, n]) => `    ${String(n).padStart(4)}  ${reason}`),
        `  crashes:    ${crashes.length}`,
        ...crashes.map((c) => `    ${c}`),
        `  well-formed files refused with a FeedError: ${refusedWellFormed.length}`,
        ...refusedWellFormed.map((c) => `    ${c}`),
        `  FeedErrors that wrap an internal JavaScript error: ${disguised.length}`,
        ...disguised.map((c) => `    ${c}`),
        `  slowest:    ${slowest ? `${slowest.file.rel} ${slowest.outcome.ms} ms` : "-"}`,
      ].join("\n"),
    );
    for (const j of judged) {
      if (j.outcome.kind === "feed-error") expect(j.outcome.reason, j.file.rel).toMatch(/\S/);
    }
    expect(crashes).toEqual([]);
  });

  it("gives honest FeedError reasons (no internal JavaScript error passed off as a reason)", () => {
    const disguised = judged.flatMap((j) =>
      j.outcome.kind === "feed-error" && JS_ERROR.test(j.outcome.reason)
        ? [`${j.file.rel}: ${j.outcome.reason}`]
        : [],
    );
    expect(disguised).toEqual([]);
  });

  it("decodes the encoding cases whose Expect reads a modelled field", () => {
    const cases = judged.filter(
      (j) => j.file.area === "encoding" && (j.check.status === "pass" || j.check.status === "fail"),
    );
    const lines = cases.map(
      (j) =>
        `  ${j.check.status === "pass" ? "pass" : j.knownMiss ? "skip" : "FAIL"}  ${j.file.rel} [${j.outcome.charset ?? "?"}]` +
        (j.check.status === "fail" ? `\n        ${j.check.details.join("\n        ")}` : "") +
        (j.knownMiss ? `\n        known miss: ${j.knownMiss}` : ""),
    );
    console.log(`\nencoding cases with modelled checks:\n${lines.join("\n")}`);
    expect(cases.length).toBeGreaterThan(0);
    const failing = cases.filter((j) => j.check.status === "fail" && !j.knownMiss).map((j) => j.file.rel);
    expect(failing).toEqual([]);
  });
});
