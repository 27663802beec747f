import type { CommandInput } from "./dispatch.js";
import { type Message, span } from "./message.js";

/** The actions that change what a channel receives; everyone in it should know who changed it. */
const SETTINGS_CHANGES: Record<string, readonly string[]> = {
  track: ["add", "remove"],
  feeds: ["add", "remove"],
  digest: ["on", "off"],
  alerts: ["on", "off"],
};

function actionOf(input: CommandInput): string | undefined {
  const raw = "text" in input ? input.text.trim().split(/\s+/)[0] : input.options.action;
  return raw?.toLowerCase();
}

function typed(command: string, input: CommandInput): string {
  if ("text" in input) return `/${command} ${input.text.trim()}`.trim();
  const parts = Object.entries(input.options).map(([k, v]) => (k === "action" ? v : `${k}:${v}`));
  return `/${command} ${parts.join(" ")}`.trim();
}

/**
 * The note posted in the channel when a command changed its settings: who ran what, and the
 * answer's headline. Undefined for everything else (reads, refusals, errors).
 */
export function settingsAnnouncement(
  command: string,
  input: CommandInput,
  answer: Message,
  who: string,
): Message | undefined {
  const name = command.replace(/^\//, "").toLowerCase();
  const action = actionOf(input);
  if (answer.kind === "error" || !action || !SETTINGS_CHANGES[name]?.includes(action)) return undefined;
  return {
    title: "Channel settings changed",
    sections: [
      { lines: [[span(`${who} ran `), span(typed(name, input), { bold: true })], [span(answer.title)]] },
    ],
  };
}
