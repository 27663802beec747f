import { DEAL_TYPES } from "../src/briefing/format.js";
import { defineCommand } from "../src/chat/command.js";
import { entityOption, optionalEntity, sinceOption } from "./shared.js";

export const deals = defineCommand({
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
    const entity = optionalEntity(ctx, args.entity, "/deals <entity>");
    return ctx.briefing.deals({ now: ctx.now, since: args.since, entity, minUsd: args.min, type: args.type });
  },
});
