import { describePeriod, periodToken, storyLine } from "../src/briefing/format.js";
import type { CommandDef } from "../src/chat/command.js";
import { emptyResult, entityOption, requireEntity, sinceOption } from "./shared.js";

export const controversies: CommandDef = {
  name: "controversies",
  description: "Lawsuits, settlements, probes and criticism, newest first",
  usage: "/controversies [entity] [since:90d]",
  examples: ["/controversies", "/controversies openai since:180d"],
  options: [entityOption("openai"), sinceOption("90d", "180d")],
  run(ctx, args) {
    const since = Number(args.since);
    const entity =
      typeof args.entity === "string"
        ? requireEntity(ctx, args.entity, "/controversies <entity>")
        : undefined;
    const { rows, total } = ctx.services.briefing.stories({
      entity: entity?.id,
      types: ["legal", "controversy"],
      since: new Date(ctx.now.getTime() - since),
      limit: 15,
      order: "recent",
    });
    const title = `Controversies${entity ? `: ${entity.name}` : ""} — ${describePeriod(since)}`;
    if (rows.length === 0) {
      return emptyResult(
        title,
        `lawsuits or controversies${entity ? ` about ${entity.name}` : ""} in ${describePeriod(since)}`,
        `/controversies${entity ? ` ${entity.id}` : ""} since:${periodToken(Math.min(since * 4, 3_650 * 86_400_000))}`,
      );
    }
    const sources = ctx.services.briefing.sources(rows.map((r) => r.id));
    return {
      title,
      sections: [{ lines: rows.map((r) => storyLine(r, sources.get(r.id) ?? [], ctx.services.entities)) }],
      ...(total > rows.length
        ? { footer: `and ${total - rows.length} more — narrow it with an entity: /controversies openai` }
        : {}),
    };
  },
};
