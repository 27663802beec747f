import type { ArticleIntel, IntelContext } from "./analyze.js";
import { analyzeArticle, articleSentences } from "./analyze.js";
import { type ClusterOptions, clusterEvents, clusterStories } from "./cluster.js";
import type { EventStatus, ExtractedEvent } from "./event-types.js";
import type { Qualifier } from "./money.js";
import { summarize } from "./summarize.js";

/** What the intel layer needs of an item; the store and `analyze` both provide it. */
export interface IntelInput {
  key: string;
  title: string;
  /** Summary and content, plain text. */
  body: string;
  /** Epoch ms; undated items take the time they were fetched. */
  publishedAt: number;
}

export interface AnalyzedItem {
  key: string;
  intel: ArticleIntel;
}

export interface AmountReport {
  amountUsd: number;
  qualifier: Qualifier;
  sources: number;
}

export interface Story {
  /** Stable as long as the earliest item stays in the story: "s" + that item's key. */
  id: string;
  keys: string[];
  centre: string;
  headline: string;
  summary: string;
  /** The event most of the sources report, with every party any of them names. */
  event?: ExtractedEvent | undefined;
  /** Distinct amounts the outlets give for that event, most reported first ("$10B" vs ">$10B"). */
  amounts: AmountReport[];
  firstSeen: number;
  lastSeen: number;
}

// Summaries of recent story centres. The enrichment pass regroups its whole window each time and
// most stories keep their centre; segmenting every centre's body again was a fifth of a steady
// pass. A summary is a function of the title and body alone, so a hit is what summarize gives.
const SUMMARIES_KEPT = 8_192;
const summaries = new Map<string, string>();

function summaryOf(title: string, body: string): string {
  const key = `${title}\u0000${body}`;
  let summary = summaries.get(key);
  if (summary === undefined) {
    summary = summarize(title, articleSentences(body));
    if (summaries.size >= SUMMARIES_KEPT) summaries.clear();
    summaries.set(key, summary);
  }
  return summary;
}

/** Intel for each item, then the stories that group them. Pure and deterministic. */
export function analyzeBatch(
  inputs: readonly IntelInput[],
  context: IntelContext,
  options: ClusterOptions = {},
): { items: AnalyzedItem[]; stories: Story[] } {
  const items = inputs.map((input) => {
    const intel = analyzeArticle({ title: input.title, body: input.body }, context);
    return { key: input.key, intel };
  });
  return { items, stories: groupStories(inputs, items, options) };
}

/**
 * The stories that group items already analysed (`items[i]` is the intel of `inputs[i]`): the
 * enrichment pass regroups a 72-hour window from stored intel and analyses only new items.
 */
export function groupStories(
  inputs: readonly IntelInput[],
  items: readonly AnalyzedItem[],
  options: ClusterOptions = {},
): Story[] {
  const byKey = new Map(items.map((item, i) => [item.key, { item, input: inputs[i] as IntelInput }]));
  const groups = clusterStories(
    items.map((item, i) => {
      const input = inputs[i] as IntelInput;
      const events = clusterEvents(item.intel.events);
      return {
        key: item.key,
        title: input.title,
        text: item.intel.lead.map((s) => s.text).join(" "),
        publishedAt: input.publishedAt,
        about: item.intel.entities.filter((e) => e.about).map((e) => e.id),
        eventType: events[0]?.type,
        amountUsd: events[0]?.amountUsd,
        events,
      };
    }),
    options,
  );
  return groups.map((group) => {
    const members = group.keys.map((k) => byKey.get(k)).filter((m) => m !== undefined);
    const centre = byKey.get(group.centre);
    const story: Story = {
      id: `s${group.centre}`,
      keys: group.keys,
      centre: group.centre,
      headline: centre?.input.title ?? "",
      // Summaries need full sentence segmentation: done once per story, for its centre.
      summary: centre ? summaryOf(centre.input.title, centre.input.body) : "",
      event: mergeEvents(
        members.map((m) => m.item.intel.events.find((e) => !e.secondary)).filter((e) => e !== undefined),
      ),
      amounts: [],
      firstSeen: Math.min(...members.map((m) => m.input.publishedAt)),
      lastSeen: Math.max(...members.map((m) => m.input.publishedAt)),
    };
    if (story.event)
      story.amounts = amountReports(
        members.map((m) => m.item.intel.events),
        story.event.type,
      );
    return story;
  });
}

// Later stages win when outlets differ: a deal in talks that one outlet already calls agreed.
const STATUS_ORDER: readonly (EventStatus | null)[] = [
  null,
  "talks",
  "reported",
  "agreed",
  "closed",
  "filed",
  "ruling",
  "appeal",
  "dismissed",
  "settled",
];

/** The majority event type; parties from every source; the most advanced status any reports. */
function mergeEvents(events: readonly ExtractedEvent[]): ExtractedEvent | undefined {
  if (events.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const type = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const same = events.filter((e) => e.type === type);
  const first = same[0] as ExtractedEvent;
  const parties = [...new Set(same.flatMap((e) => e.parties))];
  const withAmount = same.find((e) => e.amountUsd !== null);
  const status = same.reduce(
    (best: EventStatus | null, e) =>
      STATUS_ORDER.indexOf(e.status) > STATUS_ORDER.indexOf(best) ? e.status : best,
    first.status,
  );
  return {
    ...first,
    parties,
    status,
    amountUsd: withAmount?.amountUsd ?? null,
    qualifier: withAmount?.qualifier ?? null,
  };
}

function amountReports(eventLists: readonly (readonly ExtractedEvent[])[], type: string): AmountReport[] {
  const reports: AmountReport[] = [];
  for (const events of eventLists) {
    const event = events.find((e) => e.type === type && e.amountUsd !== null);
    if (!event || event.amountUsd === null) continue;
    const qualifier = event.qualifier ?? "exact";
    const same = reports.find((r) => r.amountUsd === event.amountUsd && r.qualifier === qualifier);
    if (same) same.sources++;
    else reports.push({ amountUsd: event.amountUsd, qualifier, sources: 1 });
  }
  return reports.sort((a, b) => b.sources - a.sources);
}
