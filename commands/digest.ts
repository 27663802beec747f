import { defineCommand } from "../src/chat/command.js";
import { bold, span } from "../src/chat/message.js";
import { OptionError } from "../src/chat/options.js";

const DAY_MS = 86_400_000;

export const digest = defineCommand({
  name: "digest",
  description: "A daily digest in this channel at a set time, or a preview of it now",
  usage: "/digest [on <HH:MM> [timezone] | off | now | preview]",
  examples: ["/digest", "/digest on 08:30 Europe/London", "/digest off", "/digest now", "/digest preview"],
  adminActions: ["on", "off"],
  options: [
    {
      name: "action",
      description: "what to do",
      kind: "action",
      positional: true,
      choices: ["status", "on", "off", "now", "preview"] as const,
      default: "status",
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
    if (args.action === "status") {
      const next = settings.digestEnabled ? await actions.nextDigest(channel) : undefined;
      const zone = settings.digestTimezone ?? "UTC";
      const when =
        next &&
        new Intl.DateTimeFormat("en-GB", {
          timeZone: zone,
          weekday: "short",
          day: "numeric",
          month: "short",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        }).format(next);
      return {
        title: settings.digestEnabled ? "Daily digest is on" : "Daily digest is off",
        sections: [
          {
            lines: settings.digestEnabled
              ? [
                  [span("Every day at "), bold(`${settings.digestTime} ${zone}`), span(".")],
                  [span("Next: "), bold(when ? `${when} (${zone})` : "not scheduled")],
                ]
              : [[span("Turn it on: /digest on 08:30 Europe/London · see it now: /digest preview")]],
          },
        ],
      };
    }
    const message = await ctx.briefing.digest({
      channel,
      since: new Date(ctx.now.getTime() - DAY_MS),
      now: ctx.now,
      timeZone: settings.digestTimezone ?? undefined,
    });
    // `preview` shows the digest only to the one who asked; `now` posts it to the channel through
    // the outbox, like a scheduled digest (the shell has no channel: it prints it).
    if (args.action === "preview" || channel.platform === "cli")
      return { ...message, ephemeral: args.action === "preview" };
    await actions.postDigest(channel, message, ctx.caller.id);
    return {
      title: "Digest posted",
      sections: [{ lines: [[span("The digest goes to this channel now; it does not move the daily one.")]] }],
      ephemeral: true,
    };
  },
});
