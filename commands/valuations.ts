import type { CommandDef } from "../src/chat/command.js";
import { bold, type Line, link, span } from "../src/chat/message.js";
import { formatAmount, type Qualifier } from "../src/intel/money.js";
import type { ValuationRow } from "../src/store/briefing.js";
import { emptyResult, entityOption, requireEntity } from "./shared.js";

export const valuations: CommandDef = {
  name: "valuations",
  description: "Latest valuation per company and its history, with dates and sources",
  usage: "/valuations [entity]",
  examples: ["/valuations", "/valuations anthropic"],
  options: [entityOption("anthropic", "company")],
  run(ctx, args) {
    const { briefing, entities } = ctx.services;
    const entity =
      typeof args.entity === "string" ? requireEntity(ctx, args.entity, "/valuations <entity>") : undefined;
    const rows = briefing.valuations(entity?.id, entity ? 20 : 500);
    const title = entity ? `Valuations: ${entity.name}` : "Valuations";
    if (rows.length === 0) {
      return emptyResult(
        title,
        `valuation ${entity ? `of ${entity.name} ` : ""}on record`,
        entity ? "/valuations" : "/deals type:investment since:1y",
      );
    }
    const line = (r: ValuationRow): Line => [
      bold(entities.get(r.company)?.name ?? r.company),
      span(
        ` ${formatAmount(r.amountUsd, (r.qualifier ?? "exact") as Qualifier)} · ${r.at.slice(0, 10)} · ${r.status} · `,
      ),
      link(r.outlet ?? "source", r.url),
    ];
    if (entity) return { title, sections: [{ heading: "Newest first", lines: rows.map(line) }] };
    const latest = new Map<string, ValuationRow>();
    for (const r of rows) if (!latest.has(r.company)) latest.set(r.company, r);
    const sorted = [...latest.values()].sort((a, b) => b.amountUsd - a.amountUsd);
    return {
      title,
      sections: [{ heading: "Latest per company, largest first", lines: sorted.slice(0, 25).map(line) }],
      footer: "History of one company: /valuations <company>",
    };
  },
};
