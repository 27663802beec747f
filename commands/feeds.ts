import type { CommandDef } from "../src/chat/command.js";
import { bold, link, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";

export const feeds: CommandDef = {
  name: "feeds",
  description: "The feeds infrawire reads and their health (admins add and remove)",
  usage: "/feeds add|remove|list|status <url>",
  examples: ["/feeds list", "/feeds status", "/feeds add https://blogs.nvidia.com/feed/", "/feeds remove 12"],
  adminActions: ["add", "remove"],
  options: [
    {
      name: "action",
      description: "what to do",
      kind: "action",
      positional: true,
      choices: ["add", "remove", "list", "status"],
      default: "list",
      example: "list",
    },
    {
      name: "url",
      description: "feed URL or id",
      kind: "text",
      positional: true,
      example: "https://blogs.nvidia.com/feed/",
    },
  ],
  async run(ctx, args) {
    const { feeds: store } = ctx.services;
    const action = String(args.action);
    const target = typeof args.url === "string" ? (args.url.replace(/^<|>$/g, "").split("|")[0] ?? "") : "";
    if (action === "add") {
      if (!target) throw new OptionError("Give the feed's URL.", "/feeds add https://blogs.nvidia.com/feed/");
      const added = await ctx.services.addFeed(target);
      return {
        title: added.error ? "Feed added, first poll failed" : `Feed added: ${added.title}`,
        sections: [
          {
            lines: [
              [
                span(
                  added.error
                    ? `Reason: ${added.error}. It will be retried.`
                    : `${added.items} items stored.`,
                ),
              ],
            ],
          },
        ],
      };
    }
    if (action === "remove") {
      if (!target) throw new OptionError("Give the feed's URL or id.", "/feeds remove 12");
      const removed = store.remove(target);
      if (!removed) throw new OptionError(`No feed matches "${target}".`, "/feeds list");
      return {
        title: `Feed removed: ${removed.title ?? removed.url}`,
        sections: [{ lines: [[span("Its stored articles stay.")]] }],
      };
    }
    const rows = store.summaries();
    const shown = action === "status" ? rows.filter((r) => r.status !== "ok") : rows;
    if (shown.length === 0) {
      return {
        title: action === "status" ? "All feeds are healthy" : "No feeds",
        sections: [
          {
            lines: [
              [
                span(
                  action === "status"
                    ? `${rows.length} feeds, none failing.`
                    : "An admin can add one: /feeds add <url>",
                ),
              ],
            ],
          },
        ],
      };
    }
    return {
      title:
        action === "status"
          ? `Feeds needing attention (${shown.length} of ${rows.length})`
          : `Feeds (${rows.length})`,
      sections: [
        {
          lines: shown
            .slice(0, 40)
            .map((r) => [
              bold(r.status === "ok" ? "ok" : r.status),
              span(` #${r.id} `),
              link(r.title ?? r.url, r.url),
              span(` · ${r.itemCount} items${r.lastError ? ` · ${r.lastError}` : ""}`),
            ]),
        },
      ],
      ...(shown.length > 40
        ? { footer: `and ${shown.length - 40} more — see failing ones only: /feeds status` }
        : {}),
    };
  },
};
