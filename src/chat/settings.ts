/**
 * Which chat platforms the environment configures, read without loading their libraries: Bolt
 * and discord.js take a second or more to import, and most commands never need them.
 */

export interface SlackSettings {
  /** One workspace: the bot token. Unset with OAuth: each workspace's token comes from its installation. */
  botToken?: string;
  signingSecret?: string;
  /** Set: Socket Mode (no public URL needed). */
  appToken?: string;
  /** Override of https://slack.com/api/ (tests). */
  apiUrl?: string;
  /** Multi-workspace: the OAuth install flow at /slack/install and /slack/oauth_redirect. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
}

export type SlackMode = "http" | "socket" | "oauth";

/** Slack settings from the environment, or undefined when Slack is not configured. */
export function slackSettings(env: NodeJS.ProcessEnv): SlackSettings | undefined {
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  const clientId = env.SLACK_CLIENT_ID?.trim();
  const clientSecret = env.SLACK_CLIENT_SECRET?.trim();
  const stateSecret = env.SLACK_STATE_SECRET?.trim();
  const oauth = clientId && clientSecret && stateSecret ? { clientId, clientSecret, stateSecret } : undefined;
  if (!botToken && !oauth) return undefined;
  return {
    ...(botToken ? { botToken } : {}),
    ...(oauth ? { oauth } : {}),
    ...(env.SLACK_SIGNING_SECRET?.trim() ? { signingSecret: env.SLACK_SIGNING_SECRET.trim() } : {}),
    ...(env.SLACK_APP_TOKEN?.trim() ? { appToken: env.SLACK_APP_TOKEN.trim() } : {}),
    ...(env.SLACK_API_URL?.trim() ? { apiUrl: env.SLACK_API_URL.trim() } : {}),
  };
}

export function slackMode(settings: SlackSettings): SlackMode {
  if (settings.oauth) return "oauth";
  return settings.appToken ? "socket" : "http";
}

export type DiscordMode = "gateway" | "http";

export interface DiscordSettings {
  mode: DiscordMode;
  token?: string;
  appId?: string;
  publicKey?: string;
  /** Override of https://discord.com/api (tests). */
  apiUrl?: string;
}

/** Discord settings from the environment, or undefined when Discord is not configured. */
export function discordSettings(env: NodeJS.ProcessEnv): DiscordSettings | undefined {
  const mode: DiscordMode = env.INFRAWIRE_DISCORD_MODE?.trim().toLowerCase() === "http" ? "http" : "gateway";
  const token = env.DISCORD_TOKEN?.trim();
  const publicKey = env.DISCORD_PUBLIC_KEY?.trim();
  if (mode === "gateway" ? !token : !publicKey) return undefined;
  return {
    mode,
    ...(token ? { token } : {}),
    ...(env.DISCORD_APP_ID?.trim() ? { appId: env.DISCORD_APP_ID.trim() } : {}),
    ...(publicKey ? { publicKey } : {}),
    ...(env.DISCORD_API_URL?.trim() ? { apiUrl: env.DISCORD_API_URL.trim().replace(/\/$/, "") } : {}),
  };
}

/** True when any chat platform is configured: then `infrawire run` serves chat, not the console. */
export function chatConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(slackSettings(env) || discordSettings(env));
}
