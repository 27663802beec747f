import { defineCommand } from "../src/chat/command.js";

export const why = defineCommand({
  name: "why",
  description: "Why a story was or was not alerted or digested in this channel",
  usage: "/why <article link or story id>",
  examples: ["/why https://example.com/openai-funding", "/why s123"],
  options: [
    {
      name: "story",
      description: "an article's link or a story id",
      kind: "words",
      positional: true,
      required: true,
      example: "s123",
    },
  ],
  run(ctx, args) {
    return ctx.actions.why(ctx.channel, args.story);
  },
});
