import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadIntelContext } from "../../src/enrich/context.js";
import type { IntelContext } from "../../src/intel/analyze.js";
import type { IntelInput } from "../../src/intel/pipeline.js";

let cached: IntelContext | undefined;

/** The intel context built from the shipped config/ (entities.yaml, fx-rates.yaml). */
export function shippedIntel(): IntelContext {
  cached ??= loadIntelContext(join(import.meta.dirname, "../../config"));
  return cached;
}

/** The seed articles, by a path relative to the repo: ../shared/seeds (shared data, not ours). */
export const SEEDS_DIR = resolve(import.meta.dirname, "../../../shared/seeds");

export interface SeedArticle {
  name: string;
  title: string;
  /** Paragraphs in reading order. */
  paragraphs: string[];
}

/** One seed article: its first line is the headline, blank lines part the paragraphs. */
export function readSeed(name: string): SeedArticle {
  const file = join(SEEDS_DIR, `${name}.txt`);
  if (!existsSync(file))
    throw new Error(
      `The seed article ${file} is missing (../shared/seeds relative to the repository root); restore that folder to run this test.`,
    );
  const [title = "", ...rest] = readFileSync(file, "utf8").split("\n");
  const paragraphs = rest
    .join("\n")
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return { name, title: title.trim(), paragraphs };
}

function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An RSS 2.0 document with one item per seed, each body as HTML paragraphs, as a feed would carry it. */
export function seedFeed(seeds: readonly SeedArticle[], publishedAt: readonly string[]): string {
  const items = seeds.map((seed, i) => {
    const html = seed.paragraphs.map((p) => `<p>${xmlText(p)}</p>`).join("");
    return [
      "<item>",
      `<title>${xmlText(seed.title)}</title>`,
      `<link>https://seeds.infrawire.invalid/${seed.name}</link>`,
      `<guid>${seed.name}</guid>`,
      `<pubDate>${new Date(publishedAt[i] ?? publishedAt[0] ?? "2025-12-16T12:00:00Z").toUTCString()}</pubDate>`,
      `<description>${xmlText(html)}</description>`,
      "</item>",
    ].join("");
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>seeds</title><link>https://seeds.infrawire.invalid/</link><description>seed articles</description>${items.join("")}</channel></rss>`;
}

/**
 * A maker of pipeline inputs dated `at` plus a number of `unitMs` (hours, days), so grouping
 * tests read as "this outlet, 20 hours later".
 */
export function itemsFrom(at: number, unitMs: number) {
  return (key: string, units: number, title: string, body: string): IntelInput => ({
    key,
    title,
    body,
    publishedAt: at + units * unitMs,
  });
}
