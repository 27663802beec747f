/**
 * The feedparser test corpus as the conformance test sees it: where it lives (outside the repo,
 * never copied in), each file's `Description:` / `Expect:` / `Header:` comment, and a loopback
 * HTTP server that serves files with their headers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (this file is test/conformance/corpus.ts). */
export const REPO_ROOT = path.resolve(HERE, "../..");
/** The shared corpus, by a path relative to the repo: ../shared/corpora/feedparser. */
export const CORPUS_DIR = path.resolve(HERE, "../../../shared/corpora/feedparser");

/** Throws a readable error when the corpus is not where it should be. */
export function assertCorpus(dir = CORPUS_DIR): void {
  const readme = path.join(dir, "README.md");
  if (!existsSync(dir) || !existsSync(path.join(dir, "wellformed")) || !existsSync(readme)) {
    throw new Error(
      `The feedparser conformance corpus is missing: expected it at ${dir} ` +
        `(../shared/corpora/feedparser relative to the repository root ${REPO_ROOT}). ` +
        "It is shared test data and is not part of the repository; restore that folder to run this test.",
    );
  }
}

export interface CorpusFile {
  /** Path inside the corpus, with forward slashes: "wellformed/rss/item_title.xml". */
  rel: string;
  /** "wellformed/rss", "illformed", "illformed/chardet", "encoding", "entities". */
  area: string;
  bytes: Buffer;
  /** The bytes as text, decoded well enough to read the leading comment and locate elements. */
  text: string;
  description?: string;
  expect?: string;
  /** `Header:` lines, in order. */
  headers: [string, string][];
}

function listXml(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) out.push(...listXml(full, rel));
    else if (name.endsWith(".xml")) out.push(rel);
  }
  return out;
}

/**
 * Reads the bytes as text for our own bookkeeping (not the code under test): UTF-32/16 by BOM or
 * by the layout of "<", then UTF-8 when valid, else latin-1 (the comments are ASCII).
 */
export function sniffText(bytes: Buffer): string {
  const b = (i: number) => bytes[i] ?? -1;
  let encoding: string | undefined;
  if (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff) encoding = "utf-32be";
  else if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) encoding = "utf-32le";
  else if (b(0) === 0xfe && b(1) === 0xff) encoding = "utf-16be";
  else if (b(0) === 0xff && b(1) === 0xfe) encoding = "utf-16le";
  else if (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0x3c) encoding = "utf-32be";
  else if (b(0) === 0x3c && b(1) === 0 && b(2) === 0 && b(3) === 0) encoding = "utf-32le";
  else if (b(0) === 0 && b(1) === 0x3c) encoding = "utf-16be";
  else if (b(0) === 0x3c && b(1) === 0) encoding = "utf-16le";
  if (encoding) return iconv.decode(bytes, encoding, { stripBOM: true });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return bytes.toString("latin1");
  }
}

/** `Key: value` lines of the first comment. */
function readComment(text: string): { description?: string; expect?: string; headers: [string, string][] } {
  const comment = /<!--([\s\S]*?)-->/.exec(text)?.[1] ?? "";
  const out: { description?: string; expect?: string; headers: [string, string][] } = { headers: [] };
  for (const line of comment.split(/\r?\n/)) {
    const m = /^\s*(Description|Expect|Header):\s?(.*)$/.exec(line);
    if (!m) continue;
    const value = (m[2] ?? "").trim();
    if (m[1] === "Description") out.description = value;
    else if (m[1] === "Expect") out.expect = value;
    else {
      const colon = value.indexOf(":");
      if (colon > 0) out.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
    }
  }
  return out;
}

export function areaOf(rel: string): string {
  const parts = rel.split("/");
  return parts.slice(0, Math.max(1, parts.length - 1)).join("/");
}

export function loadCorpus(): CorpusFile[] {
  assertCorpus();
  return listXml(CORPUS_DIR).map((rel) => {
    const bytes = readFileSync(path.join(CORPUS_DIR, rel));
    const text = sniffText(bytes);
    return { rel, area: areaOf(rel), bytes, text, ...readComment(text) };
  });
}

/** feedparser's own harness serves the corpus from here; relative-URI expectations assume it. */
export function harnessUrl(file: CorpusFile): string {
  return `http://127.0.0.1:8097/tests/${file.rel}`;
}

/** Whether the file goes through HTTP: encoding cases and anything with `Header:` lines. */
export function servedOverHttp(file: CorpusFile): boolean {
  return file.area === "encoding" || file.headers.length > 0;
}

export interface CorpusServer {
  urlFor(file: CorpusFile): string;
  close(): Promise<void>;
}

/** Serves corpus files on 127.0.0.1 (port 0) with their `Header:` lines as response headers. */
export async function startCorpusServer(files: CorpusFile[]): Promise<CorpusServer> {
  const byPath = new Map(files.map((file) => [`/tests/${file.rel}`, file]));
  const server: Server = createServer((req, res) => {
    const file = byPath.get(decodeURIComponent((req.url ?? "").split("?")[0] ?? ""));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    try {
      for (const [name, value] of file.headers) res.setHeader(name, value);
      res.setHeader("Content-Length", file.bytes.length);
      res.writeHead(200);
      res.end(file.bytes);
    } catch (error) {
      // A header node refuses to send is a problem of this harness, not of the feed reader.
      res.writeHead(500, {
        "x-harness-error": String(error)
          .slice(0, 100)
          .replace(/[^\x20-\x7e]/g, "?"),
      });
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (file) => `http://127.0.0.1:${port}/tests/${file.rel}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
