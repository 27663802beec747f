import { stringify } from "yaml";
import type { CommandDef } from "./command.js";

/** What the bot needs: slash commands, posting (also in public channels it was not added to), admin checks. */
export const SLACK_BOT_SCOPES = ["commands", "chat:write", "chat:write.public", "users:read"] as const;

/**
 * The Slack app manifest (YAML) for the registry: one paste at api.slack.com/apps creates the
 * app. With a public URL, requests go to it over HTTP; without one, Socket Mode is switched on.
 */
export function slackManifest(commands: readonly CommandDef[], url?: string): string {
  const base = url?.replace(/\/+$/, "");
  const events = base ? `${base}/slack/events` : undefined;
  const manifest = {
    display_information: {
      name: "infrawire",
      description: "AI-infrastructure deals, valuations and stories from the news, one line each.",
    },
    features: {
      bot_user: { display_name: "infrawire", always_online: true },
      slash_commands: commands.map((c) => ({
        command: `/${c.name}`,
        description: c.description.slice(0, 2000),
        usage_hint: c.usage.replace(/^\/\S+\s*/, "").slice(0, 1000) || undefined,
        should_escape: false,
        ...(events ? { url: events } : {}),
      })),
    },
    oauth_config: {
      ...(base ? { redirect_urls: [`${base}/slack/oauth_redirect`] } : {}),
      scopes: { bot: [...SLACK_BOT_SCOPES] },
    },
    settings: {
      interactivity: { is_enabled: true, ...(events ? { request_url: events } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !base,
      token_rotation_enabled: false,
    },
  };
  return stringify(manifest, { lineWidth: 0 });
}
