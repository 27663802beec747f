import { link, type Message, span } from "../chat/message.js";
import type { BriefingDeps } from "./deps.js";
import { emptyResult } from "./format.js";

/** Full-text search over stored articles: title matches first, newest first. */
export async function search(deps: BriefingDeps, words: string): Promise<Message> {
  const hits = await deps.items.search(words, 10);
  const title = `Search: ${words}`;
  if (hits.length === 0) {
    return emptyResult(
      title,
      `stored article matches "${words}" (${await deps.items.count()} searched)`,
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
}
