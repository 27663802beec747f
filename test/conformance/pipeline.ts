/**
 * Runs one corpus file through the feed reader: over loopback HTTP with FeedFetcher when the file
 * carries `Header:` lines or is an encoding case, else decodeBody + parseFeed on the bytes.
 * The outcome is a feed, a FeedError with its reason, or a crash (any other exception, a timeout,
 * or a synchronous run that took longer than the hang limit).
 */
import { performance } from "node:perf_hooks";
import { decodeBody } from "../../src/ingest/decode.js";
import { FeedError } from "../../src/ingest/errors.js";
import type { FeedFetcher } from "../../src/ingest/fetch.js";
import type { ParsedFeed } from "../../src/ingest/item.js";
import { parseFeed } from "../../src/ingest/parse.js";
import { type CorpusFile, type CorpusServer, harnessUrl, servedOverHttp } from "./corpus.js";

/** A fixed clock, so that date clamping never depends on the day the test runs. */
export const NOW = new Date("2030-01-01T00:00:00Z");
/** Per-file deadline (async stalls) and the limit past which a run counts as a hang. */
export const FILE_TIMEOUT_MS = 10_000;
export const HANG_MS = 5_000;

export type Outcome = { via: "http" | "file"; ms: number; charset?: string } & (
  | { kind: "ok"; feed: ParsedFeed }
  | { kind: "feed-error"; reason: string }
  | { kind: "crash"; error: string }
);

class Timeout extends Error {}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function describeCrash(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error thrown: ${String(error)}`;
  const frame = error.stack?.split("\n").find((line) => line.trim().startsWith("at "));
  return `${error.name}: ${error.message.split("\n")[0] ?? ""}${frame ? ` (${frame.trim()})` : ""}`;
}

export async function runFile(
  file: CorpusFile,
  fetcher: FeedFetcher,
  server: CorpusServer,
): Promise<Outcome> {
  const via: Outcome["via"] = servedOverHttp(file) ? "http" : "file";
  const started = performance.now();
  let charset: string | undefined;
  const work = async (): Promise<ParsedFeed> => {
    let text: string;
    if (via === "http") {
      const fetched = await fetcher.fetch(server.urlFor(file));
      if (fetched.kind !== "ok") throw new Error(`unexpected fetch outcome ${fetched.kind}`);
      text = fetched.text;
      charset = fetched.charset;
    } else {
      const decoded = decodeBody(file.bytes);
      text = decoded.text;
      charset = decoded.charset;
    }
    // The document URL of feedparser's own harness, so that relative-URI expectations line up.
    return parseFeed(text, { url: harnessUrl(file), now: NOW });
  };
  const stamp = () => ({ via, ms: Math.round(performance.now() - started), ...(charset ? { charset } : {}) });
  let outcome: Outcome;
  try {
    const feed = await withTimeout(work(), FILE_TIMEOUT_MS);
    outcome = { ...stamp(), kind: "ok", feed };
  } catch (error) {
    outcome =
      error instanceof FeedError
        ? { ...stamp(), kind: "feed-error", reason: error.reason }
        : { ...stamp(), kind: "crash", error: describeCrash(error) };
  }
  // A synchronous loop cannot be cut short by the deadline above; it is caught here instead.
  if (outcome.ms > HANG_MS) {
    return { ...stamp(), kind: "crash", error: `took ${outcome.ms} ms (hang limit ${HANG_MS} ms)` };
  }
  return outcome;
}
