import type { CommandDef } from "../src/chat/command.js";
import { bold, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";
import { canBeMatched, MATCHABLE_NAME_RULE } from "../src/intel/name-rules.js";

export const track: CommandDef = {
  name: "track",
  description: "This channel's watchlist: alerts and digests follow the companies on it",
  usage: "/track add|remove|list <entity> [aliases:a,b]",
  examples: ["/track list", "/track add openai", "/track add trainium", "/track remove nvidia"],
  options: [
    {
      name: "action",
      description: "what to do",
      kind: "action",
      positional: true,
      choices: ["add", "remove", "list"],
      default: "list",
      example: "add",
    },
    {
      name: "entity",
      description: "company, product or person",
      kind: "entity",
      positional: true,
      example: "openai",
    },
    {
      name: "aliases",
      description: "admins: other names of a new entity, comma-separated",
      kind: "text",
      example: "Fluid Stack,FluidStack",
    },
  ],
  run(ctx, args) {
    const { settings, entities } = ctx.services;
    const channel = ctx.channel;
    if (args.action === "list") {
      const ids = settings.watchlist(channel);
      if (ids.length === 0) {
        return {
          title: "Watchlist",
          sections: [
            { lines: [[span("Nothing tracked in this channel yet. Add one: "), bold("/track add openai")]] },
          ],
        };
      }
      return {
        title: `Watchlist (${ids.length})`,
        sections: [{ lines: ids.map((id) => [bold(entities.get(id)?.name ?? id), span(` (${id})`)]) }],
      };
    }
    const name = typeof args.entity === "string" ? args.entity : "";
    if (!name) throw new OptionError(`Say which company to ${args.action}.`, `/track ${args.action} openai`);
    let entity = entities.resolve(name);
    if (!entity && args.action === "add" && typeof args.aliases === "string") {
      if (!ctx.caller.isAdmin)
        throw new OptionError("Only admins can add a new entity.", `/track add ${name}`);
      const aliases = args.aliases
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean)
        .slice(0, 20);
      // Say so rather than store a name that will never match.
      const unmatchable = [name, ...aliases].find((n) => !canBeMatched(n));
      if (unmatchable !== undefined)
        throw new OptionError(
          `"${unmatchable}" cannot be matched in articles: ${MATCHABLE_NAME_RULE}.`,
          `/track add ${name} aliases:"${name}"`,
        );
      entity = ctx.services.addEntity(name, aliases, ctx.caller.id);
    }
    if (!entity) {
      const suggestions = entities.suggest(name, 3);
      const lines = [[span(`"${name}" is not a tracked company, product or person.`)]];
      if (suggestions.length > 0) {
        lines.push([
          span("Did you mean: "),
          ...suggestions.flatMap((e, i) => [span(i ? ", " : ""), bold(`/track add ${e.id}`)]),
        ]);
      }
      lines.push([
        span("An admin can add it as a new entity with its other names: "),
        bold(`/track add ${name} aliases:"${name},${name.replace(/\s+/g, "")}"`),
      ]);
      return { title: "Unknown name", sections: [{ lines }], ephemeral: true, kind: "error" };
    }
    if (args.action === "add") {
      const added = settings.watch(channel, entity.id, ctx.caller.id, ctx.now);
      return {
        title: added ? `Tracking ${entity.name}` : `${entity.name} is already tracked`,
        sections: [
          {
            lines: [
              [
                span("Alerts and digests in this channel now follow "),
                bold(entity.name),
                span(". See all: /track list"),
              ],
            ],
          },
        ],
      };
    }
    const removed = settings.unwatch(channel, entity.id);
    return {
      title: removed ? `Stopped tracking ${entity.name}` : `${entity.name} was not tracked here`,
      sections: [{ lines: [[span("See what is tracked: /track list")]] }],
    };
  },
};
