import { bold, type Line, link, type Message, span } from "../chat/message.js";
import type { EntityInfo } from "../intel/entities.js";
import { formatAmount } from "../intel/money.js";
import type { ValuationRow } from "../store/index.js";
import type { BriefingDeps } from "./deps.js";
import { emptyResult } from "./format.js";

/** Latest valuation per company, or one company's history, with dates and sources. */
export async function valuations(deps: BriefingDeps, entity: EntityInfo | undefined): Promise<Message> {
  // The overview reads the 500 newest valuations and shows each company's latest of them.
  const rows = entity
    ? await deps.stories.valuations(entity.id, 20)
    : await deps.stories.latestValuations(500, 25);
  const title = entity ? `Valuations: ${entity.name}` : "Valuations";
  if (rows.length === 0) {
    return emptyResult(
      title,
      `valuation ${entity ? `of ${entity.name} ` : ""}on record`,
      entity ? "/valuations" : "/deals type:investment since:1y",
    );
  }
  const line = (r: ValuationRow): Line => [
    bold(deps.entities.get(r.company)?.name ?? r.company),
    span(` ${formatAmount(r.amountUsd, r.qualifier ?? "exact")} · ${r.at.slice(0, 10)} · ${r.status} · `),
    link(r.outlet ?? "source", r.url),
  ];
  if (entity) return { title, sections: [{ heading: "Newest first", lines: rows.map(line) }] };
  return {
    title,
    sections: [{ heading: "Latest per company, largest first", lines: rows.map(line) }],
    footer: "History of one company: /valuations <company>",
  };
}
