import { decodeHTML } from "entities";
import { FeedError } from "./errors.js";

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const MAX_DECLARED_ENTITY_CHARS = 1_000;

function findFeedLink(html: string, base: string | undefined): string | undefined {
  const tags = html.match(/<link\b[^>]*>/gi) ?? [];
  for (const tag of tags) {
    if (!/rel=["']?alternate/i.test(tag)) continue;
    if (!/type=["']?application\/(rss|atom)\+xml/i.test(tag)) continue;
    const href = /href=["']([^"']+)["']/i.exec(tag)?.[1];
    if (!href) continue;
    try {
      return new URL(decodeHTML(href), base).href;
    } catch {}
  }
  return undefined;
}

/**
 * Reads the internal DTD subset. Plain-text entities are kept for substitution; an entity that
 * refers to other entities (the "billion laughs" shape) or an external entity refuses the feed.
 */
function readDeclaredEntities(subset: string): Map<string, string> {
  const declared = new Map<string, string>();
  const declaration = /<!ENTITY\s+(%\s+)?([\w.:-]+)\s+(SYSTEM|PUBLIC)?\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const m of subset.matchAll(declaration)) {
    const value = m[4] ?? m[5] ?? "";
    if (m[1] || m[3]) {
      throw new FeedError(
        "the feed declares external or parameter XML entities, which infrawire refuses for safety",
      );
    }
    if (/[&%]/.test(value) || value.length > MAX_DECLARED_ENTITY_CHARS) {
      throw new FeedError(
        "the feed declares nested or oversized XML entities (a billion-laughs pattern), which infrawire refuses",
      );
    }
    declared.set(m[2] ?? "", value);
  }
  return declared;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Makes real-world feed text acceptable to a strict XML parser without changing its meaning:
 * drops the DOCTYPE, turns HTML named entities (&nbsp; &eacute;) into numeric ones, escapes bare
 * ampersands ("AT&T"), and refuses HTML pages and entity bombs with a readable reason.
 */
export function prepareXml(text: string, url?: string): string {
  let xml = text.replace(/^\ufeff/, "").replace(/^\s+/, "");
  if (xml === "") throw new FeedError("the response was empty");
  const head = xml.slice(0, 2048).toLowerCase();
  // An HTML page, not a feed: its first element is <html> (an XHTML doctype before <rss> is not).
  const root = /<([A-Za-z][\w:.-]*)/.exec(head.replace(/<!--[\s\S]*?-->|<![^>]*>|<\?[\s\S]*?\?>/g, ""))?.[1];
  const isHtml = root === "html" || (root === undefined && /<!doctype html/.test(head));
  if (isHtml) {
    const feed = findFeedLink(xml, url);
    throw new FeedError(
      feed
        ? `the URL returned an HTML page, not a feed; the page links to its feed at ${feed}`
        : "the URL returned an HTML page, not an RSS or Atom feed",
    );
  }
  if (!xml.startsWith("<")) throw new FeedError("the response is not XML (it does not start with '<')");

  let declared = new Map<string, string>();
  // Only a DOCTYPE in the prolog counts: "<!DOCTYPE" inside a comment or a CDATA section is text.
  const masked = xml.replace(/<!--[\s\S]*?-->/g, (comment) => " ".repeat(comment.length));
  const doctype = /<!DOCTYPE[^[>]*(\[([\s\S]*?)\])?\s*>/i.exec(masked);
  const firstElement = /<[A-Za-z]/.exec(masked)?.index ?? xml.length;
  if (doctype && doctype.index < firstElement) {
    declared = readDeclaredEntities(doctype[2] ?? "");
    xml = xml.slice(0, doctype.index) + xml.slice(doctype.index + doctype[0].length);
  }

  const fixReferences = (part: string) =>
    part.replace(/&(#\d{1,7};|#x[0-9a-fA-F]{1,6};|([A-Za-z][A-Za-z0-9._-]{0,31});)?/g, (whole, ref, name) => {
      if (ref === undefined) return "&amp;";
      if (name === undefined || XML_ENTITIES.has(name)) return whole;
      const own = declared.get(name);
      if (own !== undefined) return escapeXml(own);
      const decoded = decodeHTML(whole);
      if (decoded === whole) return `&amp;${name};`;
      return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join("");
    });
  // CDATA sections and comments are literal: only the text between them gets its references fixed.
  // An <rss> whose items sit directly under it (no <channel>) is read as if the channel were there.
  if (/^\s*<rss\b/i.test(masked.slice(firstElement)) && !/<channel[\s>]/i.test(masked)) {
    xml = xml.replace(/(<rss\b[^>]*>)/i, "$1<channel>").replace(/<\/rss>\s*$/i, "</channel></rss>");
  }
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/)
    .map((part, index) => (index % 2 === 1 ? part : fixReferences(part)))
    .join("");
}
