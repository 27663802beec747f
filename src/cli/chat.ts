import type { Command } from "commander";
import { commands } from "../../commands/index.js";
import { slackManifest } from "../chat/slack-manifest.js";
import { UserError } from "../errors.js";

/** `infrawire slack manifest` and `infrawire discord register`: set-up from the one registry. */
export function addChatCommands(program: Command): void {
  const slack = program.command("slack").description("set up the Slack app");
  slack
    .command("manifest")
    .description("print the Slack app manifest (YAML) to paste at https://api.slack.com/apps")
    .option("--url <url>", "the bot's public https URL (without it: Socket Mode)")
    .action((opts: { url?: string }) => {
      if (opts.url !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.url))
        throw new UserError(
          `"${opts.url}" is not a URL.`,
          "pass the bot's public address, e.g. --url https://bot.example.com",
        );
      process.stdout.write(slackManifest(commands, opts.url));
    });

  const discord = program.command("discord").description("set up the Discord application");
  discord
    .command("register")
    .description("overwrite the application's slash commands with the registry's (one PUT)")
    .option("--guild <id>", "register in one server only (instant; for development)")
    .action(async (opts: { guild?: string }) => {
      const token = process.env.DISCORD_TOKEN?.trim();
      const appId = process.env.DISCORD_APP_ID?.trim();
      if (!token || !appId)
        throw new UserError(
          "DISCORD_TOKEN and DISCORD_APP_ID are both needed to register commands.",
          "copy the bot token and the application id from https://discord.com/developers/applications into .env",
        );
      if (opts.guild !== undefined && !/^\d{5,25}$/.test(opts.guild))
        throw new UserError(
          `"${opts.guild}" is not a server id.`,
          "copy the id with Developer Mode on: right-click the server, Copy Server ID",
        );
      // discord.js takes a second to load: only this command needs it.
      const { Routes } = await import("discord.js");
      const { discordRest } = await import("../chat/discord.js");
      const { discordCommands } = await import("../chat/discord-commands.js");
      const rest = discordRest({
        token,
        ...(process.env.DISCORD_API_URL ? { apiUrl: process.env.DISCORD_API_URL } : {}),
      });
      const body = discordCommands(commands);
      const route = opts.guild
        ? Routes.applicationGuildCommands(appId, opts.guild)
        : Routes.applicationCommands(appId);
      let registered: { name: string }[];
      try {
        registered = (await rest.put(route, { body })) as { name: string }[];
      } catch (error) {
        throw new UserError(
          `Discord refused the registration: ${(error as Error).message}.`,
          "check DISCORD_TOKEN and DISCORD_APP_ID (the bot token and the id of the same application)",
        );
      }
      const where = opts.guild
        ? `server ${opts.guild} (available now)`
        : "every server (global; may take up to an hour to appear)";
      console.log(`Registered ${registered.length} commands in ${where}:`);
      for (const c of registered) console.log(`  /${c.name}`);
    });
}
