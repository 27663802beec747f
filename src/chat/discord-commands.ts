import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDef } from "./command.js";

const DESCRIPTION_MAX = 100;
const CHOICES_MAX = 25;

const clip = (text: string) =>
  text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;

/**
 * Discord application commands from the registry: native string options, required ones first
 * (Discord's rule), choices where the registry lists them, autocomplete for company names.
 */
export function discordCommands(commands: readonly CommandDef[]): RESTPutAPIApplicationCommandsJSONBody {
  return commands.map((command) => {
    const options = [...command.options].sort(
      (a, b) => Number(b.required ?? false) - Number(a.required ?? false),
    );
    return {
      type: ApplicationCommandType.ChatInput,
      name: command.name,
      description: clip(command.description),
      options: options.map((o) => ({
        type: ApplicationCommandOptionType.String as const,
        name: o.name,
        description: clip(o.description),
        required: o.required ?? false,
        ...(o.choices && o.choices.length <= CHOICES_MAX
          ? { choices: o.choices.map((v) => ({ name: v, value: v })) }
          : o.kind === "entity"
            ? { autocomplete: true }
            : {}),
      })),
    };
  });
}
