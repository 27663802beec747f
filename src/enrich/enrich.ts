import type { Clock } from "../clock.js";
import type { AlertPlanner, StoryChange } from "../delivery/plan-alerts.js";
import { type ArticleIntel, analyzeArticle, type IntelContext, leadOf } from "../intel/analyze.js";
import { clusterEvents, EVENT_WINDOW_MS, familyTypes, TEXT_WINDOW_MS } from "../intel/cluster.js";
import type { Story } from "../intel/pipeline.js";
import { type AnalyzedItem, groupStories, type IntelInput } from "../intel/pipeline.js";
import type { Logger } from "../log.js";
import type { DealProbe, IntelRepository, ItemForIntel, StoredIntel, StoryFacts } from "../store/index.js";

// Each pass regroups this window whole; older stories join only when an item reports their deal.
const WINDOW_MS = TEXT_WINDOW_MS;
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
  /** Outbox rows (alerts, follow-ups, notices) written with the stories. */
  alerts?: number;
}

export interface EnrichOptions {
  /** Plans alerts for the stories a pass changes; their rows are written with the stories. */
  alerts?: AlertPlanner;
}

/** The facts whose change makes a new revision of a story (and maybe a follow-up). */
function factsOf(story: Story): Omit<StoryFacts, "revision"> {
  return {
    type: story.event?.type ?? null,
    amountUsd: story.event?.amountUsd ?? null,
    status: story.event?.status ?? null,
    parties: [...(story.event?.parties ?? [])].sort(),
    sourceCount: story.keys.length,
  };
}

const sameFacts = (a: Omit<StoryFacts, "revision">, b: Omit<StoryFacts, "revision">): boolean =>
  a.type === b.type &&
  a.amountUsd === b.amountUsd &&
  a.status === b.status &&
  a.sourceCount === b.sourceCount &&
  JSON.stringify([...a.parties].sort()) === JSON.stringify([...b.parties].sort());

/** Has the next pass read the last 72 hours again, e.g. with an entity a user just added. */
export function reanalyzeWindow(store: IntelRepository, now: Date): Promise<number> {
  return store.reanalyzeSince(new Date(now.getTime() - WINDOW_MS));
}

/**
 * Reads new items with the intel layer: stores their entities and events, then regroups the
 * stories of the last 72 hours plus every analysed item in no story yet (the new ones, whatever
 * their date, so that a late outlet joins the story it reports; and any a stopped pass left
 * ungrouped). After the entity list changes, `reanalyzeWindow` has the window read again.
 */
export async function enrichNewItems(
  store: IntelRepository,
  context: IntelContext,
  log: Logger,
  clock: Clock,
  options: EnrichOptions = {},
): Promise<EnrichResult> {
  const started = performance.now();
  // 1. New items, in batches: analysed and stored. Stories are regrouped once, after the last
  // batch: regrouping the window after each batch made a large backlog quadratic.
  const fresh = new Map<number, ArticleIntel>();
  for (;;) {
    const batch = await store.unanalyzed(BATCH);
    if (batch.length === 0) break;
    const analysed = batch.map((item) => {
      const input = toInput(item);
      return {
        id: item.id,
        intel: analyzeArticle({ title: input.title, body: input.body }, context),
        at: new Date(item.publishedAt),
      };
    });
    await store.saveAnalysed(analysed);
    for (const entry of analysed) fresh.set(entry.id, entry.intel);
  }
  // 2. Everything analysed but not grouped: this pass's items and any a stopped pass left.
  const pending = await store.unstoried();
  if (pending.length === 0) return { analyzed: fresh.size, stories: 0 };
  const pendingIds = new Set(pending.map((i) => i.id));

  // 3. The stories of the last 72 hours plus the pending items. The window's intel is read back
  // from the store (only the lead, which grouping compares, is split again).
  const from = new Date(clock.now().getTime() - WINDOW_MS);
  const window = await store.since(from);
  // Stories are regrouped whole: an older outlet of a story in the window is read with it, or
  // replacing the story would leave that outlet out.
  const inWindow = new Set(window.map((i) => i.id));
  const mates = (await store.storyMates([...inWindow, ...pendingIds])).filter((i) => !pendingIds.has(i.id));
  // A first pass over a fresh window has every item in `fresh`: reading their intel back is waste.
  const stored =
    window.length + mates.length > 0 ? await store.intelSince(from) : new Map<number, StoredIntel>();
  const older = [...pending, ...mates].filter((i) => !fresh.has(i.id) && !stored.has(i.id)).map((i) => i.id);
  if (older.length > 0) for (const [id, intel] of await store.intelOf(older)) stored.set(id, intel);
  // Stories older than the window that may report a pending item's deal are regrouped with it,
  // so that an outlet days late joins the story on the event (within EVENT_WINDOW_MS).
  const taken = new Set([...inWindow, ...pendingIds, ...mates.map((i) => i.id)]);
  // A loop, not Math.min(...): a backlog can hold more items than a call takes arguments.
  let earliest = Number.POSITIVE_INFINITY;
  for (const item of pending) if (item.publishedAt < earliest) earliest = item.publishedAt;
  const kin = (
    await store.dealMates(
      probesOf(pending, (id) => fresh.get(id) ?? stored.get(id)),
      new Date(earliest - EVENT_WINDOW_MS),
      // A story last seen inside the window is regrouped whole already (its members are there).
      from,
    )
  ).filter((i) => !taken.has(i.id));
  if (kin.length > 0)
    for (const [id, intel] of await store.intelOf(kin.map((i) => i.id))) stored.set(id, intel);
  mates.push(...kin);
  const all = [...window, ...mates, ...pending];
  const inputs = all.map(toInput);
  const items: AnalyzedItem[] = inputs.map((input) => {
    const id = Number(input.key);
    const known = fresh.get(id) ?? withLead(stored.get(id), input.body);
    // An item stored while this pass ran is read here and analysed in the next pass.
    return {
      key: input.key,
      intel: known ?? analyzeArticle({ title: input.title, body: input.body }, context),
    };
  });
  const stories = groupStories(inputs, items);
  const byKey = new Map(items.map((i) => [i.key, i.intel]));
  const entitiesOf = (key: string) =>
    byKey
      .get(key)
      ?.entities.filter((e) => e.about)
      .map((e) => e.id) ?? [];

  // 4. Revisions: a story whose facts changed (or a new one) gets the next; with new items in it
  // that are not backfill, it may alert. The alert rows are written with the stories, at once.
  const previous = await store.storyFacts(stories.map((s) => s.id));
  const revisions = new Map<string, number>();
  const changes: StoryChange[] = [];
  const byId = new Map(all.map((i) => [String(i.id), i]));
  for (const story of stories) {
    const facts = factsOf(story);
    const before = previous.get(story.id);
    const changed = !before || !sameFacts(facts, before);
    const revision = !before ? 1 : changed ? before.revision + 1 : before.revision;
    revisions.set(story.id, revision);
    const added = story.keys.filter((k) => pendingIds.has(Number(k)));
    if (!changed || added.length === 0 || !story.event || !options.alerts) continue;
    const members = story.keys.map((k) => byId.get(k)).filter((i): i is ItemForIntel => i !== undefined);
    const outlets = members.map((i) => i.outlet ?? `item ${i.id}`);
    changes.push({
      revision: {
        storyId: story.id,
        revision,
        type: story.event.type,
        amountUsd: facts.amountUsd,
        status: facts.status,
        parties: [...story.event.parties],
        entityIds: [...new Set(story.keys.flatMap(entitiesOf))],
        sourceCount: story.keys.length,
        outlets,
        // Only what this pass brought decides: a backfilled copy of a story is history.
        backfill: added.every((k) => byId.get(k)?.backfill !== false),
      },
      story: {
        id: story.id,
        headline: story.headline,
        summary: story.summary,
        type: story.event.type,
        amountUsd: facts.amountUsd,
        qualifier: story.event.qualifier,
        status: story.event.status,
        parties: [...story.event.parties],
        amounts: story.amounts,
        sourceCount: story.keys.length,
        firstSeenAt: new Date(story.firstSeen).toISOString(),
        lastSeenAt: new Date(story.lastSeen).toISOString(),
      },
      sources: [...members]
        .sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id)
        .map((i) => ({
          storyId: story.id,
          title: i.title,
          url: i.url,
          outlet: i.outlet,
          publishedAt: new Date(i.publishedAt).toISOString(),
        })),
    });
  }
  const now = clock.now();
  const planned = options.alerts ? await options.alerts.plan(changes, now) : { rows: [] };
  await store.replaceStories(
    all.map((i) => i.id),
    stories,
    entitiesOf,
    { revisions, outbox: { rows: planned.rows, now } },
  );
  log.info("items analysed", {
    items: fresh.size,
    regrouped: pending.length - fresh.size,
    window: window.length,
    stories: stories.length,
    alertRows: planned.rows.length,
    ms: Math.round(performance.now() - started),
  });
  return { analyzed: fresh.size, stories: stories.length, alerts: planned.rows.length };
}

/** The headline deals of the pending items, as the store can look up stories that may report them. */
function probesOf(
  items: readonly ItemForIntel[],
  intelOf: (id: number) => Pick<StoredIntel, "events"> | undefined,
): DealProbe[] {
  const probes: DealProbe[] = [];
  for (const item of items)
    for (const event of clusterEvents(intelOf(item.id)?.events ?? []))
      probes.push({
        types: familyTypes(event.type),
        parties: event.parties,
        amountUsd: event.amountUsd,
      });
  return probes;
}

function withLead(intel: StoredIntel | undefined, body: string): ArticleIntel | undefined {
  return intel ? { ...intel, lead: leadOf(body) } : undefined;
}
