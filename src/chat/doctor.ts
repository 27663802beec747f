import { discordSettings, slackMode, slackSettings } from "./settings.js";

export interface ChatCheck {
  ok: boolean;
  label: string;
  detail?: string;
}

const SHAPES: Record<string, { test: RegExp; expect: string }> = {
  SLACK_BOT_TOKEN: {
    test: /^xoxb-[A-Za-z0-9-]+$/,
    expect: 'a bot token starting with "xoxb-" (OAuth & Permissions)',
  },
  SLACK_APP_TOKEN: {
    test: /^xapp-[A-Za-z0-9-]+$/,
    expect: 'an app-level token starting with "xapp-" (Basic Information)',
  },
  SLACK_SIGNING_SECRET: {
    test: /^[0-9a-f]{32}$/i,
    expect: "the 32 hex characters of the Signing Secret (Basic Information)",
  },
  DISCORD_TOKEN: {
    test: /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/,
    expect: "the bot token (Bot, Reset Token): three parts separated by dots",
  },
  DISCORD_APP_ID: {
    test: /^\d{17,20}$/,
    expect: "the Application ID (General Information), 17 to 20 digits",
  },
  DISCORD_PUBLIC_KEY: {
    test: /^[0-9a-f]{64}$/i,
    expect: "the 64 hex characters of the Public Key (General Information)",
  },
};

function shape(env: NodeJS.ProcessEnv, name: string): ChatCheck | undefined {
  const value = env[name]?.trim();
  const spec = SHAPES[name];
  if (!value || !spec) return undefined;
  return spec.test.test(value)
    ? { ok: true, label: `${name} looks right` }
    : { ok: false, label: `${name} does not look right`, detail: `set it to ${spec.expect}` };
}

/** The chat part of `infrawire doctor`: which adapters will run in which mode, and token shapes. */
export function chatChecks(env: NodeJS.ProcessEnv): ChatCheck[] {
  const checks: ChatCheck[] = [];
  const slack = slackSettings(env);
  const discord = discordSettings(env);
  const port = env.PORT || "3000";
  if (!slack && !discord)
    checks.push({
      ok: true,
      label: "chat: console (no SLACK_BOT_TOKEN, DISCORD_TOKEN or DISCORD_PUBLIC_KEY set)",
    });
  if (slack) {
    const mode = slackMode(slack);
    checks.push({
      ok: true,
      label: `chat: Slack in ${mode === "socket" ? "Socket Mode" : `HTTP mode at http://<your host>:${port}/slack/events`}${mode === "oauth" ? ` for every workspace that installs it at /slack/install` : ""}`,
    });
    if (mode === "http" && !slack.signingSecret)
      checks.push({
        ok: false,
        label: "Slack",
        detail: "set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)",
      });
  }
  if (discord) {
    checks.push({
      ok: true,
      label: `chat: Discord ${discord.mode === "http" ? `HTTP interactions at http://<your host>:${port}/discord/interactions` : "gateway"}`,
    });
    if (!discord.appId)
      checks.push({ ok: false, label: "Discord", detail: "set DISCORD_APP_ID to your application's id" });
  } else if (env.INFRAWIRE_DISCORD_MODE?.trim().toLowerCase() === "http") {
    checks.push({
      ok: false,
      label: "Discord",
      detail: "INFRAWIRE_DISCORD_MODE=http needs DISCORD_PUBLIC_KEY",
    });
  }
  for (const name of Object.keys(SHAPES)) {
    const check = shape(env, name);
    if (check && !check.ok) checks.push(check);
  }
  return checks;
}
