import { Parser } from "htmlparser2";
import { systemClock } from "../clock.js";
import { UserError } from "../errors.js";

export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  category?: string;
}

/** Reads the feed outlines (`xmlUrl`) of an OPML file, with the category outline they sit in. */
export function parseOpml(text: string, source = "the OPML file"): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  const categories: (string | undefined)[] = [];
  let sawOpml = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (tag === "opml") sawOpml = true;
        if (tag !== "outline") return;
        const attrs = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), v]));
        const url = attrs.xmlurl?.trim();
        const title = (attrs.title ?? attrs.text)?.trim();
        categories.push(url ? undefined : title);
        if (!url) return;
        const feed: OpmlFeed = { url };
        if (title) feed.title = title;
        if (attrs.htmlurl) feed.siteUrl = attrs.htmlurl.trim();
        const category = categories.filter((c): c is string => Boolean(c)).at(-1);
        if (category) feed.category = category;
        feeds.push(feed);
      },
      onclosetag(name) {
        if (name.toLowerCase() === "outline") categories.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  if (!sawOpml)
    throw new UserError(
      `${source} is not an OPML file (no <opml> element).`,
      "export your feeds as OPML and try again",
    );
  return feeds;
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function toOpml(feeds: OpmlFeed[], title = "infrawire feeds", now = systemClock.now()): string {
  const lines = feeds.map((feed) => {
    const name = escapeAttr(feed.title ?? feed.url);
    const site = feed.siteUrl ? ` htmlUrl="${escapeAttr(feed.siteUrl)}"` : "";
    return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeAttr(feed.url)}"${site}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escapeAttr(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    "  </head>",
    "  <body>",
    ...lines,
    "  </body>",
    "</opml>",
    "",
  ].join("\n");
}
