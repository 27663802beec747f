import { bold, type Line, link, type Message, span } from "../chat/message.js";
import { DEAL_TYPES, EVENT_TYPES, type EventType } from "../intel/event-types.js";
import { formatAmount } from "../intel/money.js";
import { partiesText } from "../intel/summarize.js";
import type { SecondaryEventRow, SourceRow, StoryRow } from "../store/index.js";
import type { EntityDirectory } from "./entity-directory.js";

export { DEAL_TYPES };
export const ALL_TYPES = EVENT_TYPES;

const TYPE_LABELS: Record<EventType, string> = {
  investment: "Investments",
  valuation: "Valuations",
  compute_contract: "Compute contracts",
  chip_supply: "Chip supply",
  infrastructure: "Build-outs",
  acquisition: "Acquisitions",
  partnership: "Partnerships",
  launch: "Launches",
  people: "People",
  legal: "Legal",
  controversy: "Controversies",
  regulation: "Regulation",
};

export function typeLabel(type: EventType | null): string {
  return type ? TYPE_LABELS[type] : "Other news";
}

/** The longest period a command looks back. */
export const MAX_PERIOD_MS = 3_650 * 86_400_000;

/** An empty answer says what was searched and suggests a wider one. */
export function emptyResult(title: string, what: string, wider: string): Message {
  return {
    title,
    sections: [
      { lines: [[span(`No ${what}.`)], [span("Try a wider search: "), span(wider, { bold: true })]] },
    ],
  };
}

export function describePeriod(ms: number): string {
  const days = ms / 86_400_000;
  if (days >= 365 && days % 365 === 0) return days === 365 ? "the last year" : `the last ${days / 365} years`;
  if (days >= 1 && Number.isInteger(days)) return days === 1 ? "the last day" : `the last ${days} days`;
  return `the last ${Math.round(ms / 3_600_000)} hours`;
}

export function periodToken(ms: number): string {
  return ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : `${Math.round(ms / 3_600_000)}h`;
}

/** Amount as analysts read it; outlets that disagree are shown side by side with their counts. */
function amountText(story: StoryRow): string | undefined {
  if (story.amounts.length > 1) {
    return story.amounts.map((a) => `${formatAmount(a.amountUsd, a.qualifier)} (${a.sources})`).join(" vs ");
  }
  return story.amountUsd !== null ? formatAmount(story.amountUsd, story.qualifier ?? "exact") : undefined;
}

/**
 * One line per story: `Amazon → OpenAI · investment · >$10B · talks · 2 sources: Outlet A, Outlet B`
 * with each outlet linked, or the headline when the story carries no event.
 */
export function storyLine(story: StoryRow, sources: readonly SourceRow[], entities: EntityDirectory): Line {
  const line: Line = [];
  if (story.type) {
    // Lawsuits read "The New York Times v. OpenAI, Microsoft"; deals "Amazon → OpenAI".
    const names = partiesText({ ...story, type: story.type }, entities);
    const parts = [story.type.replace(/_/g, " ")];
    const amount = amountText(story);
    if (amount) parts.push(amount);
    if (story.status) parts.push(story.status);
    line.push(bold(names || "—"), span(` · ${parts.join(" · ")} · `));
  }
  line.push(span(`${story.headline} `));
  line.push(
    span(
      `(${story.lastSeenAt.slice(0, 10)}) — ${sources.length || story.sourceCount} source${(sources.length || story.sourceCount) === 1 ? "" : "s"}: `,
    ),
  );
  const shown = sources.slice(0, 6);
  shown.forEach((source, i) => {
    if (i > 0) line.push(span(", "));
    line.push(link(source.outlet ?? hostOf(source.url) ?? "source", source.url));
  });
  if (sources.length > shown.length) line.push(span(` +${sources.length - shown.length}`));
  return line;
}

/** How much of a secondary event's sentence a line quotes. */
const EVIDENCE_CHARS = 240;

/**
 * One line per case that articles report beside their headline event, told by its own sentence,
 * with the articles that report it: `OpenAI · legal · filed · A lawsuit says… (2025-12-16) —
 * reported in “Amazon's $10B OpenAI bet…”: Outlet B`. `reports` are newest first.
 */
export function secondaryLine(reports: readonly SecondaryEventRow[], entities: EntityDirectory): Line {
  const event = reports[0] as SecondaryEventRow;
  const names = partiesText(event, entities);
  const parts = [event.type.replace(/_/g, " ")];
  if (event.status) parts.push(event.status);
  const text = event.evidence.trim();
  const quoted = text.length > EVIDENCE_CHARS ? `${text.slice(0, EVIDENCE_CHARS - 1).trimEnd()}…` : text;
  const line: Line = [
    bold(names || "—"),
    span(` · ${parts.join(" · ")} · `),
    span(`${quoted} `),
    span(`(${event.at.slice(0, 10)}) — reported in `),
  ];
  const shown = reports.slice(0, 4);
  shown.forEach((report, i) => {
    if (i > 0) line.push(span("; "));
    line.push(span(`“${report.title}”: `), link(report.outlet ?? hostOf(report.url) ?? "source", report.url));
  });
  if (reports.length > shown.length) line.push(span(` +${reports.length - shown.length}`));
  return line;
}

function hostOf(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}
