import type { Message } from "../chat/message.js";
import { DEAL_TYPES, type EventType } from "../intel/event-types.js";
import { formatAmount } from "../intel/money.js";
import { type BriefingDeps, linesFor, type Period, startOf } from "./deps.js";
import { describePeriod, emptyResult, MAX_PERIOD_MS, periodToken } from "./format.js";

const LIMIT = 15;

export interface DealsQuery extends Period {
  minUsd?: number | undefined;
  type?: EventType | undefined;
}

/** The deal ledger: one line per story, largest and newest first, with every source. */
export async function deals(deps: BriefingDeps, query: DealsQuery): Promise<Message> {
  const { entity, minUsd, type, since } = query;
  const { rows, total } = await deps.stories.stories({
    entity: entity?.id,
    types: type ? [type] : DEAL_TYPES,
    minUsd,
    since: startOf(query),
    limit: LIMIT,
    order: "amount",
  });
  const scope = [
    entity ? `about ${entity.name}` : "",
    minUsd ? `of at least ${formatAmount(minUsd)}` : "",
    type ? `of type ${type}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const title = `Deals${entity ? `: ${entity.name}` : ""} — ${describePeriod(since)}`;
  if (rows.length === 0) {
    const wider = `/deals${entity ? ` ${entity.id}` : ""} since:${periodToken(Math.min(since * 3, MAX_PERIOD_MS))}`;
    return emptyResult(title, `deals ${scope} in ${describePeriod(since)}`.replace(/\s+/g, " "), wider);
  }
  const more = total - rows.length;
  return {
    title,
    sections: [{ lines: await linesFor(deps, rows) }],
    footer:
      more > 0
        ? `and ${more} more — narrow it: /deals${entity ? ` ${entity.id}` : ""} min:$${minUsd ? formatAmount(minUsd * 5).slice(1) : "5B"} since:${periodToken(since)}`
        : `${rows.length} deal${rows.length === 1 ? "" : "s"} ${scope}`.trim(),
  };
}
