import { defineCommand } from "../src/chat/command.js";
import { bold, span } from "../src/chat/message.js";
import { formatAmount } from "../src/intel/money.js";

export const alerts = defineCommand({
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
      choices: ["on", "off", "status"] as const,
      default: "status",
      example: "on",
    },
    { name: "min", description: "smallest amount", kind: "amount", example: "$1B" },
    {
      name: "types",
      description: "comma-separated event types",
      kind: "types",
      example: "investment,acquisition",
    },
    { name: "quiet", description: "quiet hours, HH-HH", kind: "hours", example: "22-07" },
  ],
  async run(ctx, args) {
    const { actions, channel } = ctx;
    if (args.action === "off") {
      await actions.changeSettings(channel, { alertsEnabled: false }, ctx.caller.id);
      return {
        title: "Alerts off",
        sections: [{ lines: [[span("Turn them back on: /alerts on min:$1B")]] }],
      };
    }
    if (args.action === "on") {
      const next = await actions.changeSettings(
        channel,
        {
          alertsEnabled: true,
          alertsMinUsd: args.min ?? null,
          alertsTypes: args.types ?? [],
          quietStart: args.quiet?.start ?? null,
          quietEnd: args.quiet?.end ?? null,
        },
        ctx.caller.id,
      );
      const tracked = (await actions.watchlist(channel)).length;
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
    const s = await actions.settings(channel);
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
});
