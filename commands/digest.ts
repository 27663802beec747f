import type { CommandDef } from "../src/chat/command.js";
import { bold, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";
import { brief } from "./brief.js";

function validTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const digest: CommandDef = {
  name: "digest",
  description: "A daily digest in this channel at a set time (delivery starts with the scheduler)",
  usage: "/digest on <HH:MM> [timezone] | off | now | preview",
  examples: ["/digest on 08:30 Europe/London", "/digest off", "/digest preview"],
  adminActions: ["on", "off"],
  options: [
    {
      name: "action",
      description: "what to do",
      kind: "action",
      positional: true,
      choices: ["on", "off", "now", "preview"],
      default: "preview",
      example: "on",
    },
    { name: "time", description: "time of day, 24-hour", kind: "text", positional: true, example: "08:30" },
    {
      name: "timezone",
      description: "IANA time zone",
      kind: "text",
      positional: true,
      example: "Europe/London",
    },
  ],
  run(ctx, args) {
    const channel = ctx.channel;
    if (args.action === "on") {
      const time = typeof args.time === "string" ? args.time : "";
      if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) {
        throw new OptionError(
          `"${time || "(none)"}" is not a time of day like 08:30.`,
          "/digest on 08:30 Europe/London",
        );
      }
      const zone = typeof args.timezone === "string" ? args.timezone : "UTC";
      if (!validTimezone(zone))
        throw new OptionError(`"${zone}" is not a time zone.`, "/digest on 08:30 America/New_York");
      ctx.services.settings.update(
        channel,
        { digestEnabled: true, digestTime: time.padStart(5, "0"), digestTimezone: zone },
        ctx.caller.id,
        ctx.now,
      );
      return {
        title: "Daily digest on",
        sections: [
          {
            lines: [
              [
                span("This channel gets the digest every day at "),
                bold(`${time.padStart(5, "0")} ${zone}`),
                span("."),
              ],
            ],
          },
        ],
      };
    }
    if (args.action === "off") {
      ctx.services.settings.update(channel, { digestEnabled: false }, ctx.caller.id, ctx.now);
      return {
        title: "Daily digest off",
        sections: [{ lines: [[span("Turn it back on: /digest on 08:30 UTC")]] }],
      };
    }
    const preview = brief.run(ctx, { since: 86_400_000 });
    return preview;
  },
};
