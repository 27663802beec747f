import type { IncomingMessage, ServerResponse } from "node:http";
import { App, LogLevel, type Logger as SlackLogger, type webApi } from "@slack/bolt";
import { type Installation, type InstallationStore, InstallProvider } from "@slack/oauth";
import { systemClock } from "../clock.js";
import { UserError } from "../errors.js";
import type { Logger } from "../log.js";
import type { ChannelRef, InstallationRepository } from "../store/index.js";
import type { ChatCore, CommandRequest } from "./core.js";
import type { Message } from "./message.js";
import { renderSlack, type SlackBlock } from "./render/slack.js";
import { type SlackMode, type SlackSettings, slackMode } from "./settings.js";
import { SLACK_BOT_SCOPES } from "./slack-manifest.js";
import { SlackHttpReceiver, SlackRequestVerifier } from "./slack-receiver.js";
import { settleWithin } from "./timing.js";

type WebClient = webApi.WebClient;

const workspaceKey = (q: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}) => (q.isEnterpriseInstall && q.enterpriseId ? `enterprise:${q.enterpriseId}` : (q.teamId ?? ""));

/** Bolt's installation store on our repository: one record per workspace. */
export function slackInstallationStore(repo: InstallationRepository, now: () => Date): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const key = workspaceKey({
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await repo.save("slack", key, JSON.stringify(installation), now());
    },
    async fetchInstallation(query) {
      const data = await repo.find("slack", workspaceKey(query));
      if (!data) throw new Error(`infrawire is not installed in Slack workspace ${workspaceKey(query)}`);
      return JSON.parse(data) as Installation<"v2", boolean>;
    },
    async deleteInstallation(query) {
      await repo.remove("slack", workspaceKey(query));
    },
  };
}

const RATE_LIMITED = "A rate limit was exceeded";

/**
 * Web API client options. The client's default policy retries any failed call ten times, and a
 * chat.postMessage whose answer was lost would then be posted twice. Here only a 429 is retried:
 * the client has already waited out Retry-After before the retry, and nothing was posted.
 */
export function slackClientOptions(apiUrl?: string): webApi.WebClientOptions {
  const retryConfig: webApi.RetryOptions & { onFailedAttempt(error: Error): void } = {
    retries: 3,
    factor: 1,
    minTimeout: 0,
    maxTimeout: 0,
    onFailedAttempt(error) {
      // The client wraps its own rate-limit signal in a request error: "A request error occurred: A rate limit…".
      if (!error.message.includes(RATE_LIMITED)) throw error;
    },
  };
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig,
    rejectRateLimitedCalls: false,
    timeout: 10_000,
  };
}

export interface PostOptions {
  /** Slack: the parent message's ts; Discord: the id of the message to reply to. */
  thread?: string;
  /** Rides along with the post so that a resend after an unknown outcome can be recognised. */
  idempotencyKey?: string;
}

/** Posts a Message in a channel (for digests, alerts and shared answers); returns its ts. */
export async function postSlackMessage(
  client: WebClient,
  channel: ChannelRef,
  message: Message,
  options: PostOptions = {},
): Promise<{ ts: string }> {
  const { text, blocks } = renderSlack(message);
  const result = await client.chat.postMessage({
    channel: channel.channelId,
    text,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(options.thread ? { thread_ts: options.thread } : {}),
    ...(options.idempotencyKey
      ? { metadata: { event_type: "infrawire_post", event_payload: { key: options.idempotencyKey } } }
      : {}),
  });
  return { ts: String(result.ts ?? "") };
}

const SHARE_ACTION = "iw_share";
const WORKING = "Working on it…";
const ADMIN_TTL_MS = 10 * 60_000;

interface ShareValue {
  c: string;
  t: string;
}

type ActionsBlock = {
  type: "actions";
  elements: {
    type: "button";
    action_id: string;
    text: { type: "plain_text"; text: string };
    value: string;
  }[];
};

/** An ephemeral answer, with a button that posts it in the channel when it may be shared. */
export function slackReply(message: Message, share?: ShareValue) {
  const rendered = renderSlack(message);
  const blocks: (SlackBlock | ActionsBlock)[] = [...rendered.blocks];
  const value = share ? JSON.stringify(share) : "";
  // Slack caps a button value at 2,000 characters; a longer command line is simply not shareable.
  if (share && value.length <= 2_000)
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: SHARE_ACTION,
          text: { type: "plain_text", text: "Share in channel" },
          value,
        },
      ],
    });
  return { response_type: "ephemeral" as const, text: rendered.text, blocks };
}

function boltLogger(log: Logger): SlackLogger {
  const join = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(" ");
  return {
    debug: (...m: unknown[]) => log.debug(`slack: ${join(m)}`),
    info: (...m: unknown[]) => log.debug(`slack: ${join(m)}`),
    warn: (...m: unknown[]) => log.warn(`slack: ${join(m)}`),
    error: (...m: unknown[]) => log.error(`slack: ${join(m)}`),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

export interface SlackAdapter {
  readonly mode: SlackMode;
  readonly app: App;
  /** Mounted at POST /slack/events in HTTP mode. */
  handle?(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void>;
  /** With OAuth: GET /slack/install and GET /slack/oauth_redirect. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackAdapterOptions {
  log: Logger;
  now?: () => Date;
  /** How long a command may take before Slack gets "working on it" instead (Slack allows 3 s). */
  answerBudgetMs?: number;
  /** Where OAuth installations are kept (needed with SLACK_CLIENT_ID and friends). */
  installations?: InstallationRepository;
}

/**
 * Slack through Bolt: every registry command as a slash command, answered ephemerally with a
 * "Share in channel" button, and settings changes announced in the channel.
 */
export function createSlackAdapter(
  core: ChatCore,
  settings: SlackSettings,
  options: SlackAdapterOptions,
): SlackAdapter {
  const { log } = options;
  const budget = options.answerBudgetMs ?? 2_000;
  const mode = slackMode(settings);
  let receiver: SlackHttpReceiver | undefined;
  if (mode !== "socket") {
    if (!settings.signingSecret)
      throw new UserError(
        "SLACK_SIGNING_SECRET is not set, and Slack over HTTP cannot check requests without it.",
        "copy the Signing Secret from your app's Basic Information page into .env, or set SLACK_APP_TOKEN for Socket Mode",
      );
    receiver = new SlackHttpReceiver(new SlackRequestVerifier(settings.signingSecret, options.now), log);
  }
  let oauthInstaller: InstallProvider | undefined;
  if (settings.oauth) {
    if (!options.installations) throw new Error("Slack OAuth needs an installation store.");
    oauthInstaller = new InstallProvider({
      ...settings.oauth,
      installationStore: slackInstallationStore(
        options.installations,
        options.now ?? (() => systemClock.now()),
      ),
      installUrlOptions: { scopes: [...SLACK_BOT_SCOPES] },
      directInstall: true,
      clientOptions: slackClientOptions(settings.apiUrl),
      logger: boltLogger(log),
    });
  }
  const installer = oauthInstaller;
  const app = new App({
    ...(installer ? { authorize: (source) => installer.authorize(source) } : { token: settings.botToken }),
    ...(receiver
      ? { receiver }
      : {
          socketMode: true,
          appToken: settings.appToken,
          // The Socket Mode client opens its connection through its own Web API client.
          installerOptions: { clientOptions: slackClientOptions(settings.apiUrl) },
        }),
    clientOptions: slackClientOptions(settings.apiUrl),
    logger: boltLogger(log),
  });

  const admins = new Map<string, { admin: boolean; until: number }>();
  const now = () => (options.now ? options.now() : systemClock.now()).getTime();
  async function isWorkspaceAdmin(client: WebClient, teamId: string, userId: string): Promise<boolean> {
    const key = `${teamId}:${userId}`;
    const cached = admins.get(key);
    if (cached && cached.until > now()) return cached.admin;
    try {
      const info = await client.users.info({ user: userId });
      const admin = Boolean(info.user?.is_admin || info.user?.is_owner);
      admins.set(key, { admin, until: now() + ADMIN_TTL_MS });
      return admin;
    } catch (error) {
      log.warn("slack users.info failed; treating the user as a member", { error: (error as Error).message });
      return false;
    }
  }

  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    const name = command.command.replace(/^\//, "");
    const text = command.text ?? "";
    const channel: ChannelRef = {
      platform: "slack",
      workspaceId: command.team_id,
      channelId: command.channel_id,
    };
    const answer = (async () => {
      const admin = await isWorkspaceAdmin(client, command.team_id, command.user_id);
      const request: CommandRequest = {
        command: name,
        input: { text },
        caller: core.caller(command.user_id, admin),
        channel,
      };
      return { request, message: await core.run(request) };
    })();
    const reply = ({ request, message }: { request: CommandRequest; message: Message }) => {
      const note = core.announcement(request, message, command.user_name);
      return {
        body: slackReply(message, message.kind === "error" || note ? undefined : { c: name, t: text }),
        note,
      };
    };
    const early = await settleWithin(answer, budget);
    let note: Message | undefined;
    if (early) {
      const r = reply(early);
      note = r.note;
      await ack(r.body);
    } else {
      await ack({ response_type: "ephemeral", text: WORKING });
      const r = reply(await answer);
      note = r.note;
      await respond({ ...r.body, replace_original: true });
    }
    if (note) await respond({ ...renderSlack(note), response_type: "in_channel" });
  });

  app.action(SHARE_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    if (body.type !== "block_actions") return;
    const action = body.actions[0];
    const channelId = body.channel?.id;
    if (action?.type !== "button" || !channelId) return;
    let share: ShareValue;
    try {
      share = JSON.parse(action.value ?? "") as ShareValue;
    } catch {
      return;
    }
    const channel: ChannelRef = {
      platform: "slack",
      workspaceId: body.team?.id ?? body.user.team_id ?? "",
      channelId,
    };
    const who = body.user.name ?? body.user.id;
    const request: CommandRequest = {
      command: share.c,
      input: { text: share.t },
      caller: core.caller(body.user.id, false),
      channel,
    };
    // Sharing re-runs a read; a settings change is never re-applied by a button.
    if (core.announcement(request, { title: "", sections: [] }, who)) return;
    const message = await core.run(request);
    const footer = [message.footer, `shared by ${who}`].filter(Boolean).join(" · ");
    await postSlackMessage(client, channel, { ...message, footer, ephemeral: false });
    await respond({ delete_original: true });
  });

  app.error(async (error) => {
    log.error("slack listener failed", { error: error.stack ?? error.message });
  });

  return {
    mode,
    app,
    ...(receiver ? { handle: receiver.handle.bind(receiver) } : {}),
    ...(installer
      ? {
          routes: {
            "/slack/install": (req, res) => installer.handleInstallPath(req, res),
            "/slack/oauth_redirect": (req, res) => installer.handleCallback(req, res),
          },
        }
      : {}),
    async start() {
      if (mode === "socket") await app.start();
    },
    async stop() {
      if (mode === "socket") await app.stop();
    },
  };
}
