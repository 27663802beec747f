import { defineCommand } from "../src/chat/command.js";
import { entityOption, optionalEntity, sinceOption } from "./shared.js";

export const controversies = defineCommand({
  name: "controversies",
  description: "Lawsuits, settlements, probes and criticism, newest first",
  usage: "/controversies [entity] [since:90d]",
  examples: ["/controversies", "/controversies openai since:180d"],
  options: [entityOption("openai"), sinceOption("90d", "180d")],
  run(ctx, args) {
    const entity = optionalEntity(ctx, args.entity, "/controversies <entity>");
    return ctx.briefing.controversies({ now: ctx.now, since: args.since, entity });
  },
});
