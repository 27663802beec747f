import { type Message, type Section, span } from "../chat/message.js";
import { DEAL_TYPES, type EventType } from "../intel/event-types.js";
import type { ChannelRef, StoryRow } from "../store/index.js";
import { type BriefingDeps, linesForGroups } from "./deps.js";
import { secondaryLines } from "./secondary.js";

const DISPUTES: readonly EventType[] = ["legal", "controversy", "regulation"];
/** At most this many events told inside other stories join the disputes of one digest. */
const TOLD_PER_DIGEST = 3;

/** Digest sections in the order readers want them: money first, then disputes, then news. */
const GROUPS: { heading: string; types: readonly (EventType | null)[]; withTold?: boolean }[] = [
  { heading: "Deals", types: DEAL_TYPES.filter((t) => t !== "valuation") },
  { heading: "Valuations", types: ["valuation"] },
  // A lawsuit or controversy an article told beside its headline event is news of the day too.
  { heading: "Legal and controversies", types: DISPUTES, withTold: true },
  { heading: "Launches and people", types: ["launch", "people"] },
  { heading: "Other news", types: [null] },
];
const PER_GROUP = 8;

export interface DigestQuery {
  channel: ChannelRef;
  /** Stories new or updated since then (the channel's last digest). */
  since: Date;
  now: Date;
  /** The channel's IANA zone, for the dates the digest shows. */
  timeZone?: string | undefined;
}

/**
 * What is new for one channel since a given time: top stories grouped by kind, the channel's
 * tracked companies first, deals with amounts first, one line per story with every source.
 * The same Message serves a scheduled post and `/digest preview`.
 */
export async function digest(deps: BriefingDeps, query: DigestQuery): Promise<Message> {
  const tracked = new Set(await deps.settings.watchlist(query.channel));
  const { rows } = await deps.stories.stories({
    since: query.since,
    limit: 300,
    order: "recent",
    withTotal: false,
  });
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone: query.timeZone ?? "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
  }).format(query.now);
  const title = `Daily digest — ${day}`;
  const isTracked = (s: StoryRow) => s.parties.some((p) => tracked.has(p));
  const rank = (a: StoryRow, b: StoryRow) =>
    Number(isTracked(b)) - Number(isTracked(a)) ||
    Number(b.amountUsd !== null) - Number(a.amountUsd !== null) ||
    (b.amountUsd ?? 0) - (a.amountUsd ?? 0) ||
    b.sourceCount - a.sourceCount ||
    (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0);
  const sections: Section[] = [];
  let shown = 0;
  const byGroup = GROUPS.map((group) => rows.filter((s) => group.types.includes(s.type)).sort(rank));
  // One read of sources for every section, as /brief does.
  const groupLines = await linesForGroups(
    deps,
    byGroup.map((stories) => stories.slice(0, PER_GROUP)),
  );
  for (const [i, group] of GROUPS.entries()) {
    const stories = byGroup[i] ?? [];
    const top = stories.slice(0, PER_GROUP);
    const lines = groupLines[i] ?? [];
    if (group.withTold)
      for (const told of await secondaryLines(
        deps,
        { types: DISPUTES, since: query.since, limit: TOLD_PER_DIGEST },
        stories,
      ))
        lines.push(told.line);
    if (lines.length === 0) continue;
    shown += top.length;
    sections.push({
      heading:
        stories.length > top.length
          ? `${group.heading} (top ${top.length} of ${stories.length})`
          : group.heading,
      lines,
    });
  }
  if (sections.length === 0) {
    return {
      title,
      sections: [{ lines: [[span("A quiet day: no new stories since the last digest.")]] }],
      footer: "Ask for more: /brief since:7d",
    };
  }
  return {
    title,
    sections,
    footer: `${shown} of ${rows.length} new stor${rows.length === 1 ? "y" : "ies"}${tracked.size > 0 ? " · tracked companies first" : ""} · /brief for more`,
  };
}
