import type { Message } from "../chat/message.js";
import { type BriefingDeps, linesFor, type Period, startOf } from "./deps.js";
import { describePeriod, emptyResult, MAX_PERIOD_MS, periodToken } from "./format.js";
import { secondaryLines } from "./secondary.js";

const LIMIT = 15;

/**
 * Lawsuits, settlements, probes and criticism, newest first: the stories of such events, and the
 * ones articles report beside another headline (a lawsuit told in a deal story), each on its line.
 */
export async function controversies(deps: BriefingDeps, period: Period): Promise<Message> {
  const { entity, since } = period;
  const types = ["legal", "controversy"] as const;
  const { rows, total } = await deps.stories.stories({
    entity: entity?.id,
    types,
    since: startOf(period),
    limit: LIMIT,
    order: "recent",
  });
  const told = await secondaryLines(
    deps,
    { entity: entity?.id, types, since: startOf(period), limit: LIMIT },
    rows,
  );
  const title = `Controversies${entity ? `: ${entity.name}` : ""} — ${describePeriod(since)}`;
  if (rows.length === 0 && told.length === 0) {
    return emptyResult(
      title,
      `lawsuits or controversies${entity ? ` about ${entity.name}` : ""} in ${describePeriod(since)}`,
      `/controversies${entity ? ` ${entity.id}` : ""} since:${periodToken(Math.min(since * 4, MAX_PERIOD_MS))}`,
    );
  }
  const storyLines = await linesFor(deps, rows);
  // Newest first; on the same date a story before a case told inside another story.
  const merged = [...rows.map((r, i) => ({ at: r.lastSeenAt, line: storyLines[i] ?? [] })), ...told].sort(
    (a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0),
  );
  const lines = merged.slice(0, LIMIT).map((m) => m.line);
  const more = total - rows.length + (merged.length - lines.length);
  return {
    title,
    sections: [{ lines }],
    ...(more > 0 ? { footer: `and ${more} more — narrow it with an entity: /controversies openai` } : {}),
  };
}
