import type { CommandDef } from "../src/chat/command.js";
import { link, span } from "../src/chat/message.js";
import { emptyResult } from "./shared.js";

export const search: CommandDef = {
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
    const words = String(args.words);
    const hits = ctx.services.items.search(words, 10);
    const title = `Search: ${words}`;
    if (hits.length === 0) {
      return emptyResult(
        title,
        `stored article matches "${words}" (${ctx.services.items.count()} searched)`,
        "/search with fewer or shorter words",
      );
    }
    return {
      title,
      sections: [
        {
          lines: hits.map((h) => [
            span(`${(h.publishedAt ?? h.fetchedAt).slice(0, 10)} `),
            link(h.title || "(untitled)", h.url),
            span(h.feedTitle ? ` — ${h.feedTitle}` : ""),
          ]),
        },
      ],
    };
  },
};
