import type { CommandContext } from "../src/chat/command.js";
import { type Message, span } from "../src/chat/message.js";
import { OptionError, type OptionSpec } from "../src/chat/options.js";
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

/** The optional company (or product, or person) most commands take first. */
export function entityOption(example = "openai", description = "company, product or person"): OptionSpec {
  return { name: "entity", description, kind: "entity", positional: true, example };
}

/** The `since:` period with its default. */
export function sinceOption(defaultPeriod: string, example: string): OptionSpec {
  return { name: "since", description: "period", kind: "duration", default: defaultPeriod, example };
}
