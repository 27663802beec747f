import { type ArticleIntel, analyzeArticle, type IntelContext, leadOf } from "./intel/analyze.js";
import { type AnalyzedItem, groupStories, type IntelInput } from "./intel/pipeline.js";
import type { Logger } from "./log.js";
import type { IntelStore, ItemForIntel } from "./store/intel.js";

const WINDOW_MS = 72 * 3_600_000;
const BATCH = 5_000;

/** An item's text for the intel layer: the summary, then the content when it adds to it. */
export function bodyOf(item: { summary: string; content: string }): string {
  if (!item.content) return item.summary;
  if (!item.summary || item.content.startsWith(item.summary.slice(0, 80))) return item.content;
  return `${item.summary}\n\n${item.content}`;
}

function toInput(item: ItemForIntel): IntelInput {
  return { key: String(item.id), title: item.title, body: bodyOf(item), publishedAt: item.publishedAt };
}

export interface EnrichResult {
  analyzed: number;
  stories: number;
}

/** Has the next pass read the last 72 hours again, e.g. with an entity a user just added. */
export function reanalyzeWindow(store: IntelStore, now: Date): number {
  return store.reanalyzeSince(new Date(now.getTime() - WINDOW_MS));
}

/**
 * Reads new items with the intel layer: stores their entities and events, then regroups the
 * stories of the last 72 hours (plus the new items, whatever their date) so that a late outlet
 * joins the story it reports. After the entity list changes, `reanalyzeWindow` has the window
 * read again.
 */
export function enrichNewItems(
  store: IntelStore,
  context: IntelContext,
  log: Logger,
  now: Date,
): EnrichResult {
  const started = Date.now();
  // 1. New items, in batches: analysed and stored. Stories are regrouped once, after the last
  // batch: regrouping the window after each batch made a large backlog quadratic.
  const fresh = new Map<number, { item: ItemForIntel; intel: ArticleIntel }>();
  for (;;) {
    const batch = store.unanalyzed(BATCH);
    if (batch.length === 0) break;
    const analysed = batch.map((item) => {
      const input = toInput(item);
      return { item, intel: analyzeArticle({ title: input.title, body: input.body }, context) };
    });
    store.transaction(() => {
      for (const { item, intel } of analysed) store.saveItem(item.id, intel, new Date(item.publishedAt));
    });
    for (const entry of analysed) fresh.set(entry.item.id, entry);
  }
  if (fresh.size === 0) return { analyzed: 0, stories: 0 };

  // 2. The stories of the last 72 hours plus the new items, whatever their date, so that a late
  // outlet joins the story it reports. The window's intel is read back from the store (only the
  // lead, which grouping compares, is split again).
  const from = new Date(now.getTime() - WINDOW_MS);
  const window = store.since(from).filter((i) => !fresh.has(i.id));
  const stored = store.intelSince(from);
  const all = [...window, ...[...fresh.values()].map((f) => f.item)];
  const inputs = all.map(toInput);
  const items: AnalyzedItem[] = inputs.map((input) => {
    const id = Number(input.key);
    const known = fresh.get(id)?.intel ?? withLead(stored.get(id), input.body);
    // An item stored while this pass ran is read here and analysed in the next pass.
    return {
      key: input.key,
      intel: known ?? analyzeArticle({ title: input.title, body: input.body }, context),
    };
  });
  const stories = groupStories(inputs, items);
  const byKey = new Map(items.map((i) => [i.key, i.intel]));
  store.transaction(() => {
    store.replaceStories(
      all.map((i) => i.id),
      stories,
      (key) =>
        byKey
          .get(key)
          ?.entities.filter((e) => e.about)
          .map((e) => e.id) ?? [],
    );
  });
  log.info("items analysed", {
    items: fresh.size,
    window: window.length,
    stories: stories.length,
    ms: Date.now() - started,
  });
  return { analyzed: fresh.size, stories: stories.length };
}

function withLead(
  intel: Pick<ArticleIntel, "entities" | "events"> | undefined,
  body: string,
): ArticleIntel | undefined {
  return intel ? { ...intel, lead: leadOf(body) } : undefined;
}
