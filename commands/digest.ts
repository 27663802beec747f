import { defineCommand } from "../src/chat/command.js";
import { bold, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";

const DAY_MS = 86_400_000;

export const digest = defineCommand({
  name: "digest",
  description: "A daily digest in this channel at a set time, or a preview of it now",
  usage: "/digest on <HH:MM> [timezone] | off | now | preview",
  examples: ["/digest on 08:30 Europe/London", "/digest off", "/digest preview"],
  adminActions: ["on", "off"],
  options: [
    {
      name: "action",
      description: "what to do",
      kind: "action",
      positional: true,
      choices: ["on", "off", "now", "preview"] as const,
      default: "preview",
      example: "on",
    },
    { name: "time", description: "time of day, 24-hour", kind: "time", positional: true, example: "08:30" },
    {
      name: "timezone",
      description: "IANA time zone",
      kind: "zone",
      positional: true,
      example: "Europe/London",
    },
  ],
  async run(ctx, args) {
    const { actions, channel } = ctx;
    if (args.action === "on") {
      if (args.time === undefined)
        throw new OptionError('"(none)" is not a time of day like 08:30.', "/digest on 08:30 Europe/London");
      const zone = args.timezone ?? "UTC";
      await actions.changeSettings(
        channel,
        { digestEnabled: true, digestTime: args.time, digestTimezone: zone },
        ctx.caller.id,
      );
      return {
        title: "Daily digest on",
        sections: [
          {
            lines: [
              [span("This channel gets the digest every day at "), bold(`${args.time} ${zone}`), span(".")],
            ],
          },
        ],
      };
    }
    if (args.action === "off") {
      await actions.changeSettings(channel, { digestEnabled: false }, ctx.caller.id);
      return {
        title: "Daily digest off",
        sections: [{ lines: [[span("Turn it back on: /digest on 08:30 UTC")]] }],
      };
    }
    const settings = await actions.settings(channel);
    const message = await ctx.briefing.digest({
      channel,
      since: new Date(ctx.now.getTime() - DAY_MS),
      now: ctx.now,
      timeZone: settings.digestTimezone ?? undefined,
    });
    // `now` shows the digest to the channel; `preview` only to the one who asked.
    return { ...message, ephemeral: args.action === "preview" };
  },
});
