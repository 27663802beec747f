import type { CommandContext } from "../src/chat/command.js";
import { type Message, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";
import type { EntityInfo } from "../src/intel/entities.js";

/** Resolves an entity option, or explains with "did you mean" what to type instead. */
export function requireEntity(ctx: CommandContext, name: string, usage: string): EntityInfo {
  const entity = ctx.services.entities.resolve(name);
  if (entity) return entity;
  const suggestions = ctx.services.entities.suggest(name, 3);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((e) => e.name).join(", ")}?` : "";
  throw new OptionError(
    `"${name}" is not a tracked company, product or person.${hint}`,
    suggestions[0] ? usage.replace("<entity>", suggestions[0].id) : "/track list",
  );
}

export function emptyResult(title: string, what: string, wider: string): Message {
  return {
    title,
    sections: [
      { lines: [[span(`No ${what}.`)], [span("Try a wider search: "), span(wider, { bold: true })]] },
    ],
  };
}
