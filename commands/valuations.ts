import { defineCommand } from "../src/chat/command.js";
import { entityOption, optionalEntity } from "./shared.js";

export const valuations = defineCommand({
  name: "valuations",
  description: "Latest valuation per company and its history, with dates and sources",
  usage: "/valuations [entity]",
  examples: ["/valuations", "/valuations anthropic"],
  options: [entityOption("anthropic", "company")],
  run(ctx, args) {
    return ctx.briefing.valuations(optionalEntity(ctx, args.entity, "/valuations <entity>"));
  },
});
