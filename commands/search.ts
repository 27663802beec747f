import { defineCommand } from "../src/chat/command.js";

export const search = defineCommand({
  name: "search",
  description: "Full-text search over stored articles: title matches first, newest first",
  usage: "/search <words>",
  examples: ["/search stargate abilene", "/search h200 export"],
  options: [
    {
      name: "words",
      description: "words to find",
      kind: "words",
      positional: true,
      required: true,
      example: "stargate abilene",
    },
  ],
  run(ctx, args) {
    return ctx.briefing.search(args.words);
  },
});
