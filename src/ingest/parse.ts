import { createHash } from "node:crypto";
import RssParser from "rss-parser";
import { systemClock } from "../clock.js";
import { normalizeDate } from "./dates.js";
import { FeedError } from "./errors.js";
import type { Enclosure, NormalizedItem, ParsedFeed } from "./item.js";
import { cleanLine, cleanText, foldWhitespace, repairText } from "./text.js";
import { prepareXml } from "./xml-prep.js";

/** An xml2js node as rss-parser hands it over: text, or an object of attributes and children. */
type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };
type XmlRecord = Record<string, unknown>;

// Canonical prefixes, so that a feed that names a namespace `a:` instead of `atom:` reads the same.
const NAMESPACES: Record<string, string> = {
  "http://www.w3.org/2005/atom": "atom",
  "http://purl.org/atom/ns#": "atom",
  "http://purl.org/rss/1.0/modules/content/": "content",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  "http://purl.org/rss/1.0/": "",
  "http://my.netscape.com/rdf/simple/0.9/": "",
  "http://backend.userland.com/rss2": "",
  "http://search.yahoo.com/mrss/": "media",
  "http://search.yahoo.com/mrss": "media",
  "http://www.w3.org/1999/xhtml": "xhtml",
};

// rss-parser calls `new Date(published).toISOString()` on Atom dates and throws on a bad one;
// renaming the elements lets us read and parse those dates ourselves.
const RENAMED: Record<string, string> = { published: "iw:published", updated: "iw:updated" };

function tagNameProcessor(xml: string): (name: string) => string {
  const prefixes = new Map<string, string>();
  for (const m of xml.matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) {
    if (!prefixes.has(m[1] ?? "")) prefixes.set(m[1] ?? "", (m[2] ?? "").toLowerCase());
  }
  const root = /<([\w.:-]+)[^>]*>/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ""));
  const defaultNs = root ? /\sxmlns\s*=\s*["']([^"']*)["']/.exec(root[0])?.[1]?.toLowerCase() : undefined;
  const rootIsAtom = root ? /(^|:)feed$/.test(root[1] ?? "") : false;
  return (name) => {
    const colon = name.indexOf(":");
    const prefix = colon === -1 ? "" : name.slice(0, colon);
    const local = colon === -1 ? name : name.slice(colon + 1);
    const uri = prefix === "" ? defaultNs : prefixes.get(prefix);
    let canonical = uri === undefined ? undefined : NAMESPACES[uri];
    if (canonical === "atom" && rootIsAtom) canonical = "";
    if (canonical === undefined) return name;
    if (canonical === "") return RENAMED[local] ?? local;
    return `${canonical}:${local}`;
  };
}

const RAW_ITEM_FIELDS = [
  "$",
  "title",
  "dc:title",
  "link",
  "guid",
  "id",
  "description",
  "dc:description",
  "summary",
  "content",
  "content:encoded",
  "xhtml:body",
  "fullitem",
  "category",
  "enclosure",
  "author",
  "dc:creator",
  "dc:author",
  "pubDate",
  "dc:date",
  "dcterms:issued",
  "dcterms:created",
  "dcterms:modified",
  "iw:published",
  "iw:updated",
  "issued",
  "created",
  "modified",
  "atom:link",
  "media:content",
  "dc:subject",
];
const RAW_FEED_FIELDS = ["$", "title", "dc:title", "link", "atom:link"];

function rawFields(names: string[]): [string, string, { keepArray: boolean }][] {
  return names.map((name) => [name, `raw:${name}`, { keepArray: true }]);
}

function nodes(record: XmlRecord, name: string): XmlNode[] {
  const value = record[`raw:${name}`];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

/** The attributes of the element a record was read from (copied by the "$" custom field). */
function ownAttrs(record: XmlRecord): Record<string, string> {
  const value = record["raw:$"];
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : {};
}

function attrs(node: XmlNode | undefined): Record<string, string> {
  return typeof node === "object" && node.$ ? node.$ : {};
}

/** Every piece of text below a node, in document order as far as xml2js keeps it. */
function deepText(node: unknown): string {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.map(deepText).join(" ");
  if (node && typeof node === "object") {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === "$") continue;
      parts.push(deepText(value));
    }
    return parts.join(" ");
  }
  return "";
}

/** Atom 0.3 `mode="base64"`, or Atom 1.0 content of a type that is neither text nor XML. */
function isBase64(node: XmlNode, type: string): boolean {
  if (typeof node === "string") return false;
  if (attrs(node).mode === "base64") return true;
  if (type === "" || ["text", "html", "xhtml"].includes(type)) return false;
  return !/^text\/|[+/]xml$/.test(type);
}

/** The text of a node; `type` says whether it is HTML, plain text or inline XHTML (Atom). */
function nodeText(node: XmlNode | undefined, kind: "line" | "block", defaultHtml: boolean): string {
  if (node === undefined) return "";
  const type = (attrs(node).type ?? "").toLowerCase();
  let value: string;
  let isHtml = defaultHtml;
  if (typeof node === "string") value = node;
  else if (type === "xhtml" || type === "application/xhtml+xml") {
    value = deepText(Object.fromEntries(Object.entries(node).filter(([k]) => k !== "$")));
    isHtml = false;
  } else value = typeof node._ === "string" ? node._ : deepText(node);
  if (isBase64(node, type)) {
    value = Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
    isHtml = true;
  } else if (type === "text" || type === "text/plain") isHtml = false;
  else if (type === "html" || type === "text/html" || attrs(node).mode === "escaped") isHtml = true;
  if (!isHtml) {
    const text = repairText(foldWhitespace(value));
    return kind === "line" ? text.replace(/\s+/g, " ") : text;
  }
  return kind === "line" ? cleanLine(value) : cleanText(value);
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  const value = href?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function baseFor(node: XmlNode | XmlRecord | undefined, parentBase: string | undefined): string | undefined {
  const own =
    node && typeof node === "object" ? (node as { $?: Record<string, string> }).$?.["xml:base"] : undefined;
  if (!own) return parentBase;
  return resolveUrl(own, parentBase) ?? parentBase;
}

function pickLink(links: XmlNode[], base: string | undefined): string | undefined {
  let fallback: string | undefined;
  for (const link of links) {
    if (typeof link === "string") {
      const url = resolveUrl(link, base);
      if (url) return url;
      continue;
    }
    const a = attrs(link);
    const href = a.href ?? link._;
    const rel = a.rel ?? "alternate";
    const url = resolveUrl(href, baseFor(link, base));
    if (!url) continue;
    if (rel === "alternate" && (!a.type || /html/i.test(a.type))) return url;
    if (rel === "alternate") fallback ??= url;
    else if (!fallback && rel !== "self" && rel !== "enclosure" && rel !== "replies") fallback = url;
  }
  return fallback;
}

function firstText(record: XmlRecord, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const node of nodes(record, name)) {
      const text = typeof node === "string" ? node : (node._ ?? deepText(node));
      if (text.trim()) return text.trim();
    }
  }
  return undefined;
}

// In order of preference: Atom 1.0, RSS 2.0, Dublin Core, Atom 0.3; the update time last.
const PUBLISHED_FIELDS = [
  "iw:published",
  "pubDate",
  "dc:date",
  "dcterms:issued",
  "issued",
  "dcterms:created",
  "created",
  "iw:updated",
  "modified",
  "dcterms:modified",
];
const UPDATED_FIELDS = ["iw:updated", "modified", "dcterms:modified"];

/** The first of the named elements that holds a usable date. */
function firstDate(record: XmlRecord, now: Date, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const node of nodes(record, name)) {
      const date = normalizeDate(typeof node === "string" ? node : node._, now);
      if (date) return date;
    }
  }
  return undefined;
}

/** RSS authors are often "me@example.com (Jane Roe)" or "Jane Roe (me@example.com)": keep the name. */
function nameOfAuthor(text: string): string {
  const emailFirst = /^\S+@\S+\s*\(([^)]+)\)$/.exec(text);
  if (emailFirst?.[1]) return emailFirst[1].trim();
  const nameFirst = /^(.+?)\s*\(\S+@\S+\)$/.exec(text);
  if (nameFirst?.[1]) return nameFirst[1].trim();
  return text;
}

function readAuthor(record: XmlRecord): string | undefined {
  for (const node of [
    ...nodes(record, "author"),
    ...nodes(record, "dc:creator"),
    ...nodes(record, "dc:author"),
  ]) {
    if (typeof node === "object" && (node.name || node.email)) {
      const name = deepText(node.name).trim();
      const email = deepText(node.email).trim();
      const value = name || email;
      if (value) return cleanLine(value, 200);
    }
    const text = cleanLine(typeof node === "string" ? node : deepText(node), 200);
    if (text) return nameOfAuthor(text);
  }
  return undefined;
}

function readCategories(record: XmlRecord): string[] {
  const out: string[] = [];
  for (const node of [...nodes(record, "category"), ...nodes(record, "dc:subject")]) {
    const a = attrs(node);
    const value = a.term ?? a.label ?? (typeof node === "string" ? node : (node._ ?? ""));
    const text = cleanLine(value, 200);
    if (text && !out.includes(text)) out.push(text);
  }
  return out.slice(0, 50);
}

function readEnclosures(record: XmlRecord, base: string | undefined): Enclosure[] {
  const out: Enclosure[] = [];
  const add = (href: string | undefined, type: string | undefined, length: string | undefined) => {
    const url = resolveUrl(href, base);
    if (!url || out.some((e) => e.url === url)) return;
    const enclosure: Enclosure = { url };
    if (type) enclosure.type = type;
    const bytes = Number(length);
    if (length && Number.isFinite(bytes) && bytes >= 0) enclosure.length = bytes;
    out.push(enclosure);
  };
  for (const node of nodes(record, "enclosure")) {
    const a = attrs(node);
    add(a.url, a.type, a.length);
  }
  for (const node of [...nodes(record, "link"), ...nodes(record, "atom:link")]) {
    const a = attrs(node);
    if (a.rel === "enclosure") add(a.href, a.type, a.length);
  }
  for (const node of nodes(record, "media:content")) {
    const a = attrs(node);
    add(a.url, a.type, a.fileSize);
  }
  return out.slice(0, 20);
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

function normalizeItem(record: XmlRecord, feedBase: string | undefined, now: Date): NormalizedItem {
  const base = baseFor({ $: ownAttrs(record) }, feedBase);
  const titleNode = nodes(record, "title")[0] ?? nodes(record, "dc:title")[0];
  const title = nodeText(titleNode, "line", true);

  const guidNode = nodes(record, "guid")[0];
  const guid =
    guidNode === undefined
      ? undefined
      : (typeof guidNode === "string" ? guidNode : (guidNode._ ?? "")).trim();
  const guidIsPermalink = guidNode !== undefined && attrs(guidNode).isPermaLink?.toLowerCase() !== "false";
  const atomId = firstText(record, "id");
  const about = ownAttrs(record)["rdf:about"];

  let url = pickLink([...nodes(record, "link"), ...nodes(record, "atom:link")], base);
  if (!url && guid && guidIsPermalink) url = resolveUrl(guid, base);
  if (!url && about) url = resolveUrl(about, base);

  const summaryNode =
    nodes(record, "summary")[0] ?? nodes(record, "description")[0] ?? nodes(record, "dc:description")[0];
  const contentNode =
    nodes(record, "content:encoded")[0] ??
    nodes(record, "content")[0] ??
    nodes(record, "xhtml:body")[0] ??
    nodes(record, "fullitem")[0];
  const summary = nodeText(summaryNode, "block", true);
  const content = nodeText(contentNode, "block", true);

  const published = firstDate(record, now, ...PUBLISHED_FIELDS);
  const updated = firstDate(record, now, ...UPDATED_FIELDS);

  const id = (
    guid ||
    atomId ||
    url ||
    // No guid, id or link: the item's own text identifies it, so a re-poll does not store it twice.
    `sha256:${hash([title, published ?? "", summary.slice(0, 200), content.slice(0, 200), JSON.stringify(record["raw:enclosure"] ?? "")].join("\n"))}`
  ).slice(0, 2_000);

  const item: NormalizedItem = {
    id,
    title: title || (summary ? cleanLine(summary, 120) : ""),
    summary: summary || (content ? cleanText(content, 1_000) : ""),
    content,
    categories: readCategories(record),
    enclosures: readEnclosures(record, base),
  };
  if (url) item.url = url;
  const author = readAuthor(record);
  if (author) item.author = author;
  if (published) item.publishedAt = published;
  if (updated) item.updatedAt = updated;
  return item;
}

export interface ParseOptions {
  /** The URL the feed was fetched from: the base for relative links. */
  url?: string;
  now?: Date;
  /** Items beyond this are dropped (newest feeds list newest first). */
  maxItems?: number;
}

/**
 * Parses RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 text into our item model. Throws FeedError with a
 * readable reason for anything that is not a feed.
 */
export async function parseFeed(text: string, options: ParseOptions = {}): Promise<ParsedFeed> {
  const now = options.now ?? systemClock.now();
  const xml = prepareXml(text, options.url);
  const parser = new RssParser<XmlRecord, XmlRecord>({
    defaultRSS: 2,
    customFields: { feed: rawFields(RAW_FEED_FIELDS) as never, item: rawFields(RAW_ITEM_FIELDS) as never },
    xml2js: { tagNameProcessors: [tagNameProcessor(xml)], strict: true },
  });
  let feed: XmlRecord & { items: XmlRecord[] };
  try {
    feed = (await parser.parseString(xml)) as XmlRecord & { items: XmlRecord[] };
  } catch (error) {
    // rss-parser trips over an <rss> or <rdf:RDF> with no <channel>: a feed with nothing in it.
    if (error instanceof TypeError) return { title: "", items: [] };
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    if (/not recognized as RSS/i.test(message)) {
      throw new FeedError("the document is XML but not an RSS or Atom feed");
    }
    throw new FeedError(`the feed is not well-formed XML (${message.slice(0, 160)})`);
  }
  const feedBase = baseFor({ $: ownAttrs(feed) }, options.url);
  const link = pickLink([...nodes(feed, "link"), ...nodes(feed, "atom:link")], feedBase);
  const items = (feed.items ?? [])
    .slice(0, options.maxItems ?? 1_000)
    .map((record) => normalizeItem(record, feedBase, now));
  const titleNode = nodes(feed, "title")[0] ?? nodes(feed, "dc:title")[0];
  const result: ParsedFeed = { title: nodeText(titleNode, "line", true), items };
  if (link) result.link = link;
  return result;
}
