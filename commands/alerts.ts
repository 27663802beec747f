import { ALL_TYPES } from "../src/briefing/format.js";
import type { CommandDef } from "../src/chat/command.js";
import { bold, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";
import { formatAmount } from "../src/intel/money.js";

export const alerts: CommandDef = {
  name: "alerts",
  description: "Alerts in this channel when a tracked company makes news, with filters and quiet hours",
  usage: "/alerts on|off [min:$1B] [types:investment,compute_contract] [quiet:22-07]",
  examples: ["/alerts on min:$1B", "/alerts on types:investment,acquisition quiet:22-07", "/alerts off"],
  adminActions: ["on", "off"],
  options: [
    {
      name: "action",
      description: "on or off",
      kind: "action",
      positional: true,
      choices: ["on", "off", "status"],
      default: "status",
      example: "on",
    },
    { name: "min", description: "smallest amount", kind: "amount", example: "$1B" },
    {
      name: "types",
      description: "comma-separated event types",
      kind: "text",
      example: "investment,acquisition",
    },
    { name: "quiet", description: "quiet hours, HH-HH", kind: "text", example: "22-07" },
  ],
  run(ctx, args) {
    const { settings } = ctx.services;
    if (args.action === "off") {
      settings.update(ctx.channel, { alertsEnabled: false }, ctx.caller.id, ctx.now);
      return {
        title: "Alerts off",
        sections: [{ lines: [[span("Turn them back on: /alerts on min:$1B")]] }],
      };
    }
    if (args.action === "on") {
      const types =
        typeof args.types === "string"
          ? args.types
              .split(",")
              .map((t) => t.trim().toLowerCase())
              .filter(Boolean)
          : [];
      const unknown = types.filter((t) => !(ALL_TYPES as readonly string[]).includes(t));
      if (unknown.length > 0) {
        throw new OptionError(
          `"${unknown.join(", ")}" is not an event type (types: ${ALL_TYPES.join(", ")}).`,
          "/alerts on types:investment,acquisition",
        );
      }
      let quietStart: number | null = null;
      let quietEnd: number | null = null;
      if (typeof args.quiet === "string") {
        const m = /^(\d{1,2})-(\d{1,2})$/.exec(args.quiet);
        if (!m || Number(m[1]) > 23 || Number(m[2]) > 23)
          throw new OptionError(`quiet:${args.quiet} is not hours like 22-07.`, "/alerts on quiet:22-07");
        quietStart = Number(m[1]);
        quietEnd = Number(m[2]);
      }
      const next = settings.update(
        ctx.channel,
        {
          alertsEnabled: true,
          alertsMinUsd: typeof args.min === "number" ? args.min : null,
          alertsTypes: types,
          quietStart,
          quietEnd,
        },
        ctx.caller.id,
        ctx.now,
      );
      const tracked = settings.watchlist(ctx.channel).length;
      return {
        title: "Alerts on",
        sections: [
          {
            lines: [
              [
                span("Alerts for "),
                bold(`${tracked} tracked ${tracked === 1 ? "company" : "companies"}`),
                span(tracked === 0 ? " — add some: /track add openai" : ""),
              ],
              [
                span(
                  `Filters: ${next.alertsMinUsd ? `at least ${formatAmount(next.alertsMinUsd)}` : "any amount"}; ${next.alertsTypes.length ? next.alertsTypes.join(", ") : "all types"}${next.quietStart !== null ? `; quiet ${next.quietStart}:00–${next.quietEnd}:00` : ""}.`,
                ),
              ],
            ],
          },
        ],
      };
    }
    const s = settings.settings(ctx.channel);
    return {
      title: s.alertsEnabled ? "Alerts are on" : "Alerts are off",
      sections: [
        {
          lines: [
            [
              span(
                s.alertsEnabled
                  ? `Minimum ${s.alertsMinUsd ? formatAmount(s.alertsMinUsd) : "none"}; types ${s.alertsTypes.join(", ") || "all"}.`
                  : "Turn them on: /alerts on min:$1B",
              ),
            ],
          ],
        },
      ],
    };
  },
};
