import { defineCommand } from "../src/chat/command.js";
import { entityOption, optionalEntity, sinceOption } from "./shared.js";

export const brief = defineCommand({
  name: "brief",
  description:
    "The top stories of a period by type, or one company's valuation, deals, disputes and headlines",
  usage: "/brief [entity] [since:7d]",
  examples: ["/brief", "/brief openai", "/brief trainium since:30d"],
  options: [entityOption("openai"), sinceOption("7d", "30d")],
  run(ctx, args) {
    const entity = optionalEntity(ctx, args.entity, "/brief <entity>");
    return ctx.briefing.brief({ now: ctx.now, since: args.since, entity });
  },
});
