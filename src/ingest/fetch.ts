import { isIP } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { Agent, request } from "undici";
import { type Clock, systemClock } from "../clock.js";
import { decodeBody } from "./decode.js";
import { FeedError } from "./errors.js";
import { type AddressPolicy, addressChecker, guardedLookup, RefusedAddressError } from "./net-guard.js";

export interface FetchSettings {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  policy: AddressPolicy;
  /** For Retry-After dates; the system clock unless a test moves time. */
  clock?: Clock;
}

export interface FetchConditions {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export type FetchOutcome =
  | {
      kind: "ok";
      /** Where the body came from after redirects. */
      url: string;
      text: string;
      charset: string;
      /** Bytes on the wire. */
      bytes: number;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    }
  | { kind: "not_modified"; url: string; etag?: string; lastModified?: string };

const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

function describeMs(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function httpFailure(status: number, retryAfterMs: number | undefined): FeedError {
  const later =
    retryAfterMs !== undefined ? `; the server asks us to retry in ${describeMs(retryAfterMs)}` : "";
  if (status === 404) return new FeedError("the feed was not found (HTTP 404)", { status });
  if (status === 410)
    return new FeedError("the feed is gone for good (HTTP 410)", { status, permanent: true });
  if (status === 401 || status === 403)
    return new FeedError(`the server denied access (HTTP ${status})`, { status });
  if (status === 429) {
    return new FeedError(`the server is rate-limiting us (HTTP 429)${later}`, { status, retryAfterMs });
  }
  if (status >= 500) {
    return new FeedError(`the server failed (HTTP ${status})${later}`, { status, retryAfterMs });
  }
  return new FeedError(`the server answered HTTP ${status}`, { status, retryAfterMs });
}

function networkFailure(error: unknown, url: URL, timeoutMs: number): FeedError {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const cause = err.cause ?? err;
  if (cause instanceof RefusedAddressError || err instanceof RefusedAddressError) {
    const refused = cause instanceof RefusedAddressError ? cause : (err as unknown as RefusedAddressError);
    return refusedFailure(refused.host, refused.address);
  }
  const code = cause.code ?? err.code;
  if (
    err.name === "TimeoutError" ||
    err.name === "AbortError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT"
  ) {
    return new FeedError(`the server did not answer within ${describeMs(timeoutMs)}`);
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new FeedError(`the host ${url.hostname} could not be found (DNS)`);
  if (code === "ECONNREFUSED") return new FeedError(`${url.host} refused the connection`);
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET")
    return new FeedError(`${url.host} closed the connection`);
  if (code?.startsWith("ERR_TLS") || code?.includes("CERT"))
    return new FeedError(`the TLS certificate of ${url.hostname} is not valid (${code})`);
  if (
    code === "Z_DATA_ERROR" ||
    code === "Z_BUF_ERROR" ||
    code === "ERR_BROTLI_DECOMPRESSION_FAILED" ||
    code === "ERR__ERROR_FORMAT_PADDING_1"
  ) {
    return new FeedError("the server sent a corrupt compressed body");
  }
  return new FeedError(`the request failed (${code ?? cause.message ?? String(error)})`);
}

export function refusedFailure(host: string, address: string): FeedError {
  const what =
    host === address
      ? `the address ${address} is private`
      : `the host ${host} resolves to the private address ${address}`;
  return new FeedError(
    `${what}, which infrawire refuses; set INFRAWIRE_ALLOW_PRIVATE_FEEDS=1 or list the range in network.allowedPrivateNetworks to allow it`,
    { permanent: true },
  );
}

class TooLargeError extends Error {}

/** Drops a response body we will not read. undici reports the abort as an error event: swallow it. */
function discard(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}

async function readCapped(
  body: Readable,
  encoding: string | undefined,
  maxBytes: number,
): Promise<{ bytes: Buffer; wire: number }> {
  let wire = 0;
  body.on("data", (chunk: Buffer) => {
    wire += chunk.length;
  });
  let stream: Readable = body;
  const coding = (encoding ?? "").trim().toLowerCase();
  if (coding === "gzip" || coding === "x-gzip") stream = body.pipe(createGunzip());
  else if (coding === "deflate") stream = body.pipe(createInflate());
  else if (coding === "br") stream = body.pipe(createBrotliDecompress());
  if (stream !== body) body.on("error", (e) => stream.destroy(e));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      total += buf.length;
      // The cap counts decoded bytes too, so a small gzip bomb cannot grow past it.
      if (total > maxBytes || wire > maxBytes) throw new TooLargeError();
      chunks.push(buf);
    }
  } finally {
    discard(body);
    if (stream !== body) {
      stream.on("error", () => {});
      stream.destroy();
    }
  }
  return { bytes: Buffer.concat(chunks, total), wire };
}

/**
 * Fetches feeds under the house rules: one deadline for the whole exchange, a byte cap while
 * streaming, manual redirects re-checked hop by hop, private addresses refused after DNS.
 */
export class FeedFetcher {
  private readonly agent: Agent;
  private readonly isAllowed: (address: string) => boolean;

  constructor(private readonly settings: FetchSettings) {
    this.isAllowed = addressChecker(settings.policy);
    this.agent = new Agent({
      connect: { lookup: guardedLookup(this.isAllowed), timeout: settings.timeoutMs },
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      connections: 4,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Throws FeedError when the URL is not one we may fetch; DNS is checked at connect time. */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FeedError(`"${raw}" is not a valid URL`, { permanent: true });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new FeedError(`only http and https URLs can be fetched, not ${url.protocol.replace(":", "")}`, {
        permanent: true,
      });
    }
    if (url.username || url.password)
      throw new FeedError("URLs with a user name or password are refused", { permanent: true });
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) !== 0 && !this.isAllowed(host)) throw refusedFailure(host, host);
    return url;
  }

  async fetch(rawUrl: string, conditions: FetchConditions = {}, signal?: AbortSignal): Promise<FetchOutcome> {
    const { timeoutMs, maxBytes, maxRedirects, userAgent } = this.settings;
    const deadline = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([deadline, signal]) : deadline;
    const first = this.checkUrl(rawUrl);
    let url = first;
    const seen = new Set<string>([url.href]);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        "user-agent": userAgent,
        accept:
          "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "accept-encoding": "gzip, deflate, br",
      };
      // Validators belong to the original resource; another origin must not see them.
      if (url.origin === first.origin) {
        if (conditions.etag) headers["if-none-match"] = conditions.etag;
        if (conditions.lastModified) headers["if-modified-since"] = conditions.lastModified;
      }
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, { method: "GET", headers, signal: combined, dispatcher: this.agent });
      } catch (error) {
        throw networkFailure(error, url, timeoutMs);
      }
      const { statusCode, headers: resHeaders, body } = response;
      if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
        discard(body);
        const location = header(resHeaders, "location");
        if (!location)
          throw new FeedError(`the server answered HTTP ${statusCode} without a Location`, {
            status: statusCode,
          });
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new FeedError(`the server redirected to an invalid URL (${location.slice(0, 100)})`);
        }
        if (next.protocol !== "http:" && next.protocol !== "https:") {
          throw new FeedError(
            `the server redirected to a ${next.protocol.replace(":", "")} URL, which is refused`,
          );
        }
        if (seen.has(next.href)) throw new FeedError(`the server redirects in a loop (back to ${next.href})`);
        if (hop + 1 > maxRedirects)
          throw new FeedError(`the server redirected more than ${maxRedirects} times`);
        seen.add(next.href);
        url = this.checkUrl(next.href);
        continue;
      }
      const etag = header(resHeaders, "etag");
      const lastModified = header(resHeaders, "last-modified");
      const validators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
      if (statusCode === 304) {
        discard(body);
        return { kind: "not_modified", url: url.href, ...validators };
      }
      if (statusCode !== 200 && statusCode !== 203) {
        discard(body);
        throw httpFailure(
          statusCode,
          parseRetryAfter(
            header(resHeaders, "retry-after"),
            (this.settings.clock ?? systemClock).now().getTime(),
          ),
        );
      }
      const declared = Number(header(resHeaders, "content-length"));
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard(body);
        throw new FeedError(`the feed is larger than the ${describeBytes(maxBytes)} limit`);
      }
      let read: { bytes: Buffer; wire: number };
      try {
        read = await readCapped(body, header(resHeaders, "content-encoding"), maxBytes);
      } catch (error) {
        if (error instanceof TooLargeError)
          throw new FeedError(`the feed is larger than the ${describeBytes(maxBytes)} limit`);
        throw networkFailure(error, url, timeoutMs);
      }
      const contentType = header(resHeaders, "content-type");
      const { text, charset } = decodeBody(read.bytes, contentType);
      return {
        kind: "ok",
        url: url.href,
        text,
        charset,
        bytes: read.wire,
        ...(contentType ? { contentType } : {}),
        ...validators,
      };
    }
  }
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
