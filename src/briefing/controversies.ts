import type { Message } from "../chat/message.js";
import { type BriefingDeps, linesFor, type Period, startOf } from "./deps.js";
import { describePeriod, emptyResult, MAX_PERIOD_MS, periodToken } from "./format.js";

/** Lawsuits, settlements, probes and criticism, newest first. */
export async function controversies(deps: BriefingDeps, period: Period): Promise<Message> {
  const { entity, since } = period;
  const { rows, total } = await deps.stories.stories({
    entity: entity?.id,
    types: ["legal", "controversy"],
    since: startOf(period),
    limit: 15,
    order: "recent",
  });
  const title = `Controversies${entity ? `: ${entity.name}` : ""} — ${describePeriod(since)}`;
  if (rows.length === 0) {
    return emptyResult(
      title,
      `lawsuits or controversies${entity ? ` about ${entity.name}` : ""} in ${describePeriod(since)}`,
      `/controversies${entity ? ` ${entity.id}` : ""} since:${periodToken(Math.min(since * 4, MAX_PERIOD_MS))}`,
    );
  }
  return {
    title,
    sections: [{ lines: await linesFor(deps, rows) }],
    ...(total > rows.length
      ? { footer: `and ${total - rows.length} more — narrow it with an entity: /controversies openai` }
      : {}),
  };
}
