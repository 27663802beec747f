/** One article as every later stage sees it, whatever feed format it came from. */
export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

export interface NormalizedItem {
  /** Identity inside its feed: guid, else link, else a hash of title + date. */
  id: string;
  /** Absolute article URL (a permalink guid counts as the link). */
  url?: string;
  title: string;
  /** Plain text (HTML stripped, entities decoded, whitespace folded). */
  summary: string;
  /** Plain text of the full content when the feed carries it, else "". */
  content: string;
  author?: string;
  categories: string[];
  enclosures: Enclosure[];
  /** ISO 8601 UTC, or undefined when the feed gives no usable date. */
  publishedAt?: string;
  /** ISO 8601 UTC of the last update when the feed says so. */
  updatedAt?: string;
}

export interface ParsedFeed {
  title: string;
  /** The site's home page, absolute. */
  link?: string;
  items: NormalizedItem[];
}
