import { DEAL_TYPES, describePeriod, periodToken, storyLine, typeLabel } from "../src/briefing/format.js";
import type { CommandDef } from "../src/chat/command.js";
import type { Section } from "../src/chat/message.js";
import { link, span } from "../src/chat/message.js";
import { formatAmount, type Qualifier } from "../src/intel/money.js";
import { emptyResult, entityOption, requireEntity, sinceOption } from "./shared.js";

export const brief: CommandDef = {
  name: "brief",
  description:
    "The top stories of a period by type, or one company's valuation, deals, disputes and headlines",
  usage: "/brief [entity] [since:7d]",
  examples: ["/brief", "/brief openai", "/brief trainium since:30d"],
  options: [entityOption("openai"), sinceOption("7d", "30d")],
  run(ctx, args) {
    const since = Number(args.since);
    const from = new Date(ctx.now.getTime() - since);
    const { briefing, entities } = ctx.services;
    const entity =
      typeof args.entity === "string" ? requireEntity(ctx, args.entity, "/brief <entity>") : undefined;
    const sections: Section[] = [];
    const lineFor = (rows: ReturnType<typeof briefing.stories>["rows"]) => {
      const sources = briefing.sources(rows.map((r) => r.id));
      return rows.map((r) => storyLine(r, sources.get(r.id) ?? [], entities));
    };
    if (entity) {
      const valuation = briefing.valuations(entity.id, 1)[0];
      if (valuation) {
        sections.push({
          heading: "Latest valuation",
          lines: [
            [
              span(
                `${formatAmount(valuation.amountUsd, (valuation.qualifier ?? "exact") as Qualifier)} (${valuation.at.slice(0, 10)}, ${valuation.status}) · `,
              ),
              link(valuation.outlet ?? "source", valuation.url),
            ],
          ],
        });
      }
      const groups: [string, readonly string[], "amount" | "recent"][] = [
        ["Deals", DEAL_TYPES.filter((t) => t !== "valuation"), "amount"],
        ["Controversies and legal", ["legal", "controversy", "regulation"], "recent"],
        ["Headlines", ["launch", "people"], "recent"],
      ];
      for (const [heading, types, order] of groups) {
        const { rows } = briefing.stories({
          entity: entity.id,
          types,
          since: from,
          limit: 6,
          order,
          withTotal: false,
        });
        if (rows.length > 0) sections.push({ heading, lines: lineFor(rows) });
      }
      const { rows: other } = briefing.stories({
        entity: entity.id,
        since: from,
        limit: 5,
        order: "recent",
        withTotal: false,
      });
      const untyped = other.filter((r) => r.type === null);
      if (untyped.length > 0) sections.push({ heading: "Other headlines", lines: lineFor(untyped) });
      const title = `Brief: ${entity.name} — ${describePeriod(since)}`;
      if (sections.length === 0) {
        return emptyResult(
          title,
          `news about ${entity.name} in ${describePeriod(since)}`,
          `/brief ${entity.id} since:${periodToken(Math.min(since * 4, 3_650 * 86_400_000))}`,
        );
      }
      return { title, sections };
    }
    const { rows, total } = briefing.stories({ since: from, limit: 60, order: "recent" });
    const byType = new Map<string, typeof rows>();
    for (const row of [...rows].sort(
      (a, b) => b.sourceCount - a.sourceCount || (b.amountUsd ?? 0) - (a.amountUsd ?? 0),
    )) {
      const list = byType.get(row.type ?? "") ?? [];
      if (list.length < 4) list.push(row);
      byType.set(row.type ?? "", list);
    }
    const order = [...DEAL_TYPES, "legal", "controversy", "regulation", "launch", "people", ""];
    for (const type of order) {
      const list = byType.get(type);
      if (list && list.length > 0) sections.push({ heading: typeLabel(type || null), lines: lineFor(list) });
    }
    const title = `Brief — ${describePeriod(since)}`;
    if (sections.length === 0) {
      return emptyResult(
        title,
        `stories in ${describePeriod(since)}`,
        `/brief since:${periodToken(Math.min(since * 4, 3_650 * 86_400_000))}`,
      );
    }
    return {
      title,
      sections,
      footer: `${total} stories in ${describePeriod(since)} · /deals for the ledger`,
    };
  },
};
