import { DEAL_TYPES, describePeriod, periodToken, storyLine } from "../src/briefing/format.js";
import type { CommandDef } from "../src/chat/command.js";
import { formatAmount } from "../src/intel/money.js";
import { emptyResult, entityOption, requireEntity, sinceOption } from "./shared.js";

const LIMIT = 15;

export const deals: CommandDef = {
  name: "deals",
  description:
    "The deal ledger: investments, valuations, compute and chip contracts, largest and newest first",
  usage: "/deals [entity] [min:$1B] [type:investment] [since:30d]",
  examples: [
    "/deals",
    "/deals openai min:$5B since:90d",
    "/deals type:compute_contract",
    "/deals nvidia type:investment",
  ],
  options: [
    entityOption("openai"),
    { name: "min", description: "smallest amount", kind: "amount", example: "$1B" },
    { name: "type", description: "kind of deal", kind: "choice", choices: DEAL_TYPES, example: "investment" },
    sinceOption("30d", "90d"),
  ],
  run(ctx, args) {
    const entity =
      typeof args.entity === "string" ? requireEntity(ctx, args.entity, "/deals <entity>") : undefined;
    const since = Number(args.since);
    const minUsd = typeof args.min === "number" ? args.min : undefined;
    const type = typeof args.type === "string" ? args.type : undefined;
    const { rows, total } = ctx.services.briefing.stories({
      entity: entity?.id,
      types: type ? [type] : DEAL_TYPES,
      minUsd,
      since: new Date(ctx.now.getTime() - since),
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
      const wider = `/deals${entity ? ` ${entity.id}` : ""} since:${periodToken(Math.min(since * 3, 3_650 * 86_400_000))}`;
      return emptyResult(title, `deals ${scope} in ${describePeriod(since)}`.replace(/\s+/g, " "), wider);
    }
    const sources = ctx.services.briefing.sources(rows.map((r) => r.id));
    const more = total - rows.length;
    return {
      title,
      sections: [{ lines: rows.map((r) => storyLine(r, sources.get(r.id) ?? [], ctx.services.entities)) }],
      footer:
        more > 0
          ? `and ${more} more — narrow it: /deals${entity ? ` ${entity.id}` : ""} min:$${minUsd ? formatAmount(minUsd * 5).slice(1) : "5B"} since:${periodToken(since)}`
          : `${rows.length} deal${rows.length === 1 ? "" : "s"} ${scope}`.trim(),
    };
  },
};
