import type { CommandDef } from "../src/chat/command.js";
import { bold, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";

/** /help needs the registry, which needs /help: the registry hands itself in. */
export function helpCommand(registry: () => readonly CommandDef[]): CommandDef {
  return {
    name: "help",
    description: "Every command with examples, or one command in detail",
    usage: "/help [command]",
    examples: ["/help", "/help deals"],
    options: [
      { name: "command", description: "a command name", kind: "text", positional: true, example: "deals" },
    ],
    run(_ctx, args) {
      const all = registry();
      if (typeof args.command === "string") {
        const name = args.command.replace(/^\//, "").toLowerCase();
        const command = all.find((c) => c.name === name);
        if (!command) throw new OptionError(`There is no /${name} command.`, "/help");
        return {
          title: `/${command.name}`,
          sections: [
            { lines: [[span(command.description)], [bold(command.usage)]] },
            {
              heading: "Options",
              lines: command.options.map((o) => [
                bold(o.positional ? `<${o.name}>` : `${o.name}:`),
                span(
                  ` ${o.description}${o.choices ? ` (${o.choices.join(", ")})` : ""}${o.default ? `, default ${o.default}` : ""}`,
                ),
              ]),
            },
            { heading: "Examples", lines: command.examples.map((e) => [span(e)]) },
          ],
          ephemeral: true,
        };
      }
      return {
        title: "infrawire commands",
        sections: [
          {
            lines: all.map((c) => [
              bold(`/${c.name}`),
              span(` — ${c.description}. e.g. ${c.examples[1] ?? c.examples[0] ?? c.usage}`),
            ]),
          },
        ],
        footer: "Details and options: /help <command>",
        ephemeral: true,
      };
    },
  };
}
