import type { CommandContext } from "../src/chat/command.js";
import { OptionError } from "../src/chat/options.js";
import type { EntityInfo } from "../src/intel/entities.js";

/** Resolves an entity option, or explains with "did you mean" what to type instead. */
export function requireEntity(ctx: CommandContext, name: string, usage: string): EntityInfo {
  const entity = ctx.entities.resolve(name);
  if (entity) return entity;
  const suggestions = ctx.entities.suggest(name, 3);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((e) => e.name).join(", ")}?` : "";
  throw new OptionError(
    `"${name}" is not a tracked company, product or person.${hint}`,
    suggestions[0] ? usage.replace("<entity>", suggestions[0].id) : "/track list",
  );
}

/** The optional entity, resolved when given. */
export function optionalEntity(ctx: CommandContext, name: string | undefined, usage: string) {
  return name === undefined ? undefined : requireEntity(ctx, name, usage);
}

/** The optional company (or product, or person) most commands take first. */
export function entityOption<const E extends string>(example: E, description = "company, product or person") {
  return { name: "entity", description, kind: "entity", positional: true, example } as const;
}

/** The `since:` period with its default. */
export function sinceOption<const D extends string>(defaultPeriod: D, example: string) {
  return { name: "since", description: "period", kind: "duration", default: defaultPeriod, example } as const;
}
