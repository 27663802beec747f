import { defineCommand } from "../src/chat/command.js";
import { bold, link, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";
import { count } from "../src/plural.js";

export const feeds = defineCommand({
  name: "feeds",
  description:
    "The feeds infrawire reads and their health (admins add, remove, enable, choose the notice channel)",
  usage: "/feeds add|remove|enable|list|status|notices <url>",
  examples: [
    "/feeds list",
    "/feeds status",
    "/feeds add https://blogs.nvidia.com/feed/",
    "/feeds remove 12",
    "/feeds enable 12",
    "/feeds notices",
  ],
  adminActions: ["add", "remove", "enable", "notices"],
  options: [
    {
      name: "action",
      description: "what to do",
      kind: "action",
      positional: true,
      choices: ["add", "remove", "enable", "list", "status", "notices"] as const,
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
    const { action } = args;
    // Slack wraps links as <url> or <url|label>.
    const target = args.url?.replace(/^<|>$/g, "").split("|")[0] ?? "";
    if (action === "add") {
      if (!target) throw new OptionError("Give the feed's URL.", "/feeds add https://blogs.nvidia.com/feed/");
      const added = await ctx.actions.addFeed(target, { addedIn: ctx.channel });
      const title = added.feed.title || added.feed.url;
      if (!added.created)
        return {
          title: `Already in the list: ${title}`,
          sections: [{ lines: [[span(`Feed #${added.feed.id}. See its health: /feeds list`)]] }],
        };
      const error = added.firstPoll?.error;
      return {
        title: error ? "Feed added, first poll failed" : `Feed added: ${title}`,
        sections: [
          {
            lines: [
              [
                span(
                  error
                    ? `Reason: ${error}. It will be retried.`
                    : `${count(added.firstPoll?.items ?? 0, "item")} stored.`,
                ),
              ],
            ],
          },
        ],
      };
    }
    if (action === "remove") {
      if (!target) throw new OptionError("Give the feed's URL or id.", "/feeds remove 12");
      const removed = await ctx.actions.removeFeed(target);
      return {
        title: `Feed removed: ${removed.title ?? removed.url}`,
        sections: [{ lines: [[span("Its stored articles stay.")]] }],
      };
    }
    if (action === "enable") {
      if (!target) throw new OptionError("Give the feed's URL or id.", "/feeds enable 12");
      const feed = await ctx.actions.enableFeed(target);
      return {
        title: `Feed enabled: ${feed.title ?? feed.url}`,
        sections: [{ lines: [[span("It is polled on the next cycle; see how it does: /feeds status")]] }],
      };
    }
    if (action === "notices") {
      const off = target.toLowerCase() === "off";
      await ctx.actions.setNoticeChannel(ctx.channel, off);
      return off
        ? {
            title: "Notices off",
            sections: [
              { lines: [[span("infrawire's notices now go to its log only. Back on: /feeds notices")]] },
            ],
          }
        : {
            title: "Notices come to this channel",
            sections: [
              {
                lines: [
                  [
                    span(
                      "A feed disabled after repeated failures, and a channel where posting stopped, are told here once, with the fix. Stop: /feeds notices off",
                    ),
                  ],
                ],
              },
            ],
          };
    }
    const rows = await ctx.actions.feeds();
    const shown = action === "status" ? rows.filter((r) => r.status !== "ok") : rows;
    // Posts to this channel that failed for good: no silent stalls.
    const dead = action === "status" ? await ctx.actions.deadLetters(ctx.channel) : [];
    const paused = action === "status" ? await ctx.actions.pausedChannels(ctx.channel) : [];
    const deadSection = [
      ...(dead.length > 0
        ? [
            {
              heading: `Posts that could not be delivered here (${dead.length})`,
              lines: dead.slice(0, 10).map((d) => [bold(d.title), span(` · ${d.kind} · ${d.error}`)]),
            },
          ]
        : []),
      ...(paused.length > 0
        ? [
            {
              heading: `Channels where posting stopped (${paused.length})`,
              lines: paused
                .slice(0, 10)
                .map((p) => [
                  bold(p.channel.channelId),
                  span(` · since ${p.at.toISOString().slice(0, 16).replace("T", " ")} UTC · ${p.reason}`),
                ]),
            },
          ]
        : []),
    ];
    if (shown.length === 0) {
      return {
        title:
          action !== "status"
            ? "No feeds"
            : paused.length > 0
              ? `Feeds are healthy; posting stopped in ${count(paused.length, "channel")}`
              : "All feeds are healthy",
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
          ...deadSection,
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
              span(
                ` · ${count(r.itemCount, "item")}${r.lastError ? ` · ${r.lastError}` : ""}${r.note ? ` · ${r.note}` : ""}`,
              ),
            ]),
        },
        ...deadSection,
      ],
      ...(shown.length > 40
        ? { footer: `and ${shown.length - 40} more — see failing ones only: /feeds status` }
        : {}),
    };
  },
});
