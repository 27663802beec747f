import { randomBytes } from "node:crypto";
import { UserError } from "../errors.js";
import type { Logger } from "../log.js";
import type { CommandContext, CommandDef } from "./command.js";
import { errorMessage, type Message } from "./message.js";
import { OptionError, type ParsedArgs, parseOptions, validateOptions } from "./options.js";

export type CommandInput = { text: string } | { options: Record<string, string> };

/**
 * Runs one command for one caller and always answers with a Message: bad input and refused
 * permissions get one sentence and an example; a bug gets an apology, is logged, and never
 * reaches the process.
 */
export async function dispatch(
  registry: readonly CommandDef[],
  name: string,
  input: CommandInput,
  ctx: CommandContext,
  log: Logger,
): Promise<Message> {
  const key = name.replace(/^\//, "").toLowerCase();
  const command = registry.find((c) => c.name === key);
  if (!command) return errorMessage(`There is no /${key} command.`, "/help");
  try {
    const args: ParsedArgs =
      "text" in input
        ? parseOptions(command.options, input.text, command.usage)
        : validateOptions(command.options, input.options, command.usage);
    const action = typeof args.action === "string" ? args.action : undefined;
    const needsAdmin =
      command.admin === true || (action !== undefined && (command.adminActions ?? []).includes(action));
    if (needsAdmin && !ctx.caller.isAdmin) {
      return errorMessage(
        `/${command.name}${action ? ` ${action}` : ""} is for admins (Slack workspace admins or configured admin ids; on Discord, Manage Server).`,
        command.examples[0],
      );
    }
    return await command.run(ctx, args);
  } catch (error) {
    return failureMessage(error, command.name, log);
  }
}

/** The answer to a request that failed: the user's own mistake in one sentence, else an error id. */
export function failureMessage(error: unknown, command: string, log: Logger): Message {
  if (error instanceof OptionError) return errorMessage(error.problem, error.example);
  if (error instanceof UserError) return errorMessage(`${error.message} ${error.fix}.`);
  // The id in the answer finds the stack in the log when a user reports it.
  const errorId = randomBytes(4).toString("hex");
  log.error("command failed", { command, errorId, error: (error as Error)?.stack ?? String(error) });
  return errorMessage(
    `Something went wrong on our side (error id ${errorId}); it has been logged. Please try again in a minute.`,
  );
}
