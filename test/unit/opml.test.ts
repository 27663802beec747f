import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { parseOpml, toOpml } from "../../src/ingest/opml.js";

describe("OPML", () => {
  it("reads the shipped catalogue: 20+ distinct http(s) feeds with titles and categories", () => {
    const feeds = parseOpml(readFileSync(join(import.meta.dirname, "../../feeds/default.opml"), "utf8"));
    expect(feeds.length).toBeGreaterThanOrEqual(20);
    expect(new Set(feeds.map((f) => f.url)).size).toBe(feeds.length);
    for (const feed of feeds) {
      expect(feed.url).toMatch(/^https?:\/\//);
      expect(feed.title).toBeTruthy();
      expect(feed.category).toBeTruthy();
    }
  });

  it("round-trips titles and URLs with special characters", () => {
    const feeds = [
      { url: "https://n.example/rss?a=1&b=2", title: 'Chips & "Clouds" <AI>', siteUrl: "https://n.example/" },
    ];
    expect(parseOpml(toOpml(feeds))).toEqual(feeds);
  });

  it("refuses a file that is not OPML", () => {
    expect(() => parseOpml("<rss></rss>", "x.xml")).toThrow(UserError);
  });
});
