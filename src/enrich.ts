import { analyzeArticle, type IntelContext, leadOf } from "./intel/analyze.js";
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

/**
 * Reads new items with the intel layer: stores their entities and events, then regroups the
 * stories of the last 72 hours (plus the new items, whatever their date) so that a late outlet
 * joins the story it reports. After the entity list changes, `reanalyzeWindow` has the window
 * read again.
 */
/** Has the next pass read the last 72 hours again, e.g. with an entity a user just added. */
export function reanalyzeWindow(store: IntelStore, now: Date): number {
  return store.reanalyzeSince(new Date(now.getTime() - WINDOW_MS));
}

export function enrichNewItems(
  store: IntelStore,
  context: IntelContext,
  log: Logger,
  now: Date,
): { analyzed: number; stories: number } {
  let analyzed = 0;
  let stories = 0;
  for (;;) {
    const fresh = store.unanalyzed(BATCH);
    if (fresh.length === 0) break;
    const started = Date.now();
    const freshIds = new Set(fresh.map((i) => i.id));
    const from = new Date(now.getTime() - WINDOW_MS);
    const window = store.since(from).filter((i) => !freshIds.has(i.id));
    // The window's items were analysed in earlier passes: their stored entities and events are
    // read back (only the lead, which grouping compares, is split again), new items analysed.
    const stored = store.intelSince(from);
    const all = [...window, ...fresh];
    const inputs = all.map(toInput);
    const items: AnalyzedItem[] = inputs.map((input, i) => {
      const known = freshIds.has((all[i] as ItemForIntel).id) ? undefined : stored.get(Number(input.key));
      const intel = known
        ? { ...known, lead: leadOf(input.body) }
        : analyzeArticle({ title: input.title, body: input.body }, context);
      return { key: input.key, intel };
    });
    const result = { items, stories: groupStories(inputs, items) };
    const byKey = new Map(result.items.map((i) => [i.key, i]));
    store.transaction(() => {
      for (const item of fresh) {
        const intel = byKey.get(String(item.id))?.intel;
        if (intel) store.saveItem(item.id, intel, new Date(item.publishedAt));
      }
      store.replaceStories(
        all.map((i) => i.id),
        result.stories,
        (key) =>
          byKey
            .get(key)
            ?.intel.entities.filter((e) => e.about)
            .map((e) => e.id) ?? [],
      );
    });
    analyzed += fresh.length;
    stories = result.stories.length;
    log.info("items analysed", {
      items: fresh.length,
      window: window.length,
      stories: result.stories.length,
      ms: Date.now() - started,
    });
  }
  return { analyzed, stories };
}
