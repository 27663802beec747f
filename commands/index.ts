import type { CommandDef } from "../src/chat/command.js";
import { DISCORD_STRING } from "../src/chat/options.js";
import { alerts } from "./alerts.js";
import { brief } from "./brief.js";
import { controversies } from "./controversies.js";
import { deals } from "./deals.js";
import { digest } from "./digest.js";
import { feeds } from "./feeds.js";
import { helpCommand } from "./help.js";
import { search } from "./search.js";
import { track } from "./track.js";
import { valuations } from "./valuations.js";
import { why } from "./why.js";

/** The single source of truth for every platform: Slack's manifest and Discord's registration come from here. */
export const commands: readonly CommandDef[] = [
  brief,
  deals,
  valuations,
  controversies,
  search,
  track,
  feeds,
  digest,
  alerts,
  why,
  helpCommand(() => commands),
];

/** What `infrawire commands --json` prints: names, descriptions and options with Discord types. */
export function registryJson() {
  return commands.map((c) => ({
    name: c.name,
    description: c.description.slice(0, 100),
    usage: c.usage,
    admin: c.admin ?? false,
    adminActions: c.adminActions ?? [],
    options: c.options.map((o) => ({
      name: o.name,
      description: o.description.slice(0, 100),
      type: DISCORD_STRING,
      required: o.required ?? false,
      ...(o.choices ? { choices: o.choices.map((v) => ({ name: v, value: v })) } : {}),
    })),
  }));
}
