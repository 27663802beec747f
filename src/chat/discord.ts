import { createHash, createPublicKey, type KeyObject, verify } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type APIActionRowComponent,
  type APIApplicationCommandInteractionDataOption,
  type APIButtonComponent,
  type APIEmbed,
  type APIInteraction,
  type APIInteractionResponse,
  ApplicationCommandOptionType,
  ButtonStyle,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  type Interaction,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
} from "discord.js";
import { UserError } from "../errors.js";
import type { Logger } from "../log.js";
import type { ChannelRef } from "../store/index.js";
import type { ChatCore, CommandRequest } from "./core.js";
import type { Message } from "./message.js";
import { type DiscordMessage, renderDiscord } from "./render/discord.js";
import type { DiscordSettings } from "./settings.js";
import type { PostOptions } from "./slack.js";
import { settleWithin } from "./timing.js";

/**
 * discord.js's REST client. It waits out 429s itself; `retries: 0` stops it from re-sending a
 * post after a 5xx or a timeout, when the first one may have gone through.
 */
export function discordRest(settings: Pick<DiscordSettings, "token" | "apiUrl">): REST {
  const rest = new REST({ version: "10", retries: 0, ...(settings.apiUrl ? { api: settings.apiUrl } : {}) });
  if (settings.token) rest.setToken(settings.token);
  return rest;
}

const NONCE_MAX = 25;

/**
 * A key as a Discord nonce (at most 25 characters). Keys of one channel share long prefixes
 * ("alert:discord:<guild>:<channel>:…"), so a cut key would make different posts look alike and
 * Discord would drop all but the first: the nonce is a digest of the whole key.
 */
export function discordNonce(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, NONCE_MAX);
}

/** Posts a Message in a channel; with a key, Discord itself refuses a second post (nonce). */
export async function postDiscordMessage(
  rest: REST,
  channel: ChannelRef,
  message: Message,
  options: PostOptions = {},
): Promise<{ id: string }> {
  const { flags: _ephemeral, ...body } = renderDiscord(message);
  const sent = (await rest.post(Routes.channelMessages(channel.channelId), {
    body: {
      ...body,
      ...(options.thread
        ? { message_reference: { message_id: options.thread, fail_if_not_exists: false } }
        : {}),
      ...(options.idempotencyKey ? { nonce: discordNonce(options.idempotencyKey), enforce_nonce: true } : {}),
    },
  })) as { id: string };
  return { id: sent.id };
}

const SHARE_ID = "iw_share";

const shareRow = (): APIActionRowComponent<APIButtonComponent> => ({
  type: ComponentType.ActionRow,
  components: [
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Share", custom_id: SHARE_ID },
  ],
});

/** An answer only the caller sees; a "Share" button when it may be posted for everyone. */
export function discordReply(
  message: Message,
  shareable: boolean,
): DiscordMessage & { components: APIActionRowComponent<APIButtonComponent>[] } {
  return {
    ...renderDiscord(message),
    flags: MessageFlags.Ephemeral,
    components: shareable ? [shareRow()] : [],
  };
}

function publicMessage(message: Message): DiscordMessage {
  const { flags: _ephemeral, ...body } = renderDiscord({ ...message, ephemeral: false });
  return body;
}

/** Ed25519 public key from the 64 hex characters the developer portal shows. */
export function discordPublicKey(hex: string): KeyObject {
  // SPKI prefix of an Ed25519 key: the raw 32 bytes follow.
  const prefix = Buffer.from("302a300506032b6570032100", "hex");
  return createPublicKey({
    key: Buffer.concat([prefix, Buffer.from(hex, "hex")]),
    format: "der",
    type: "spki",
  });
}

export function verifyDiscordRequest(
  key: KeyObject,
  headers: IncomingMessage["headers"],
  raw: Buffer,
): boolean {
  const signature = headers["x-signature-ed25519"];
  const timestamp = headers["x-signature-timestamp"];
  if (typeof signature !== "string" || typeof timestamp !== "string" || !/^[0-9a-f]{128}$/i.test(signature))
    return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, "utf8"), raw]),
      key,
      Buffer.from(signature, "hex"),
    );
  } catch {
    return false;
  }
}

function flatOptions(options: readonly APIApplicationCommandInteractionDataOption[] | undefined) {
  const out: Record<string, string> = {};
  let focused: { name: string; value: string } | undefined;
  for (const o of options ?? []) {
    if (
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup
    )
      continue;
    if (!("value" in o)) continue;
    out[o.name] = String(o.value);
    if ("focused" in o && o.focused) focused = { name: o.name, value: String(o.value) };
  }
  return { options: out, focused };
}

const hasManageGuild = (permissions: string | undefined) =>
  permissions !== undefined &&
  /^\d+$/.test(permissions) &&
  (BigInt(permissions) & PermissionFlagsBits.ManageGuild) !== 0n;

export interface DiscordAdapterOptions {
  log: Logger;
  /** How long a command may take before Discord gets a deferred reply instead. */
  answerBudgetMs?: number;
}

const send = (res: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) res.writeHead(status).end();
  else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

/** The handler for POST /discord/interactions (HTTP interactions mode). */
export function discordInteractionsHandler(
  core: ChatCore,
  settings: DiscordSettings,
  options: DiscordAdapterOptions,
) {
  if (!settings.publicKey || !/^[0-9a-f]{64}$/i.test(settings.publicKey))
    throw new UserError(
      "DISCORD_PUBLIC_KEY is not a Discord public key (64 hex characters).",
      "copy the Public Key from your application's General Information page into .env",
    );
  const key = discordPublicKey(settings.publicKey);
  const rest = discordRest(settings);
  const budget = options.answerBudgetMs ?? 2_000;
  const { log } = options;

  return async (req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> => {
    if (!verifyDiscordRequest(key, req.headers, raw)) {
      log.warn("discord request refused", { reason: "bad signature" });
      send(res, 401, { error: "invalid request signature" });
      return;
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(raw.toString("utf8")) as APIInteraction;
    } catch {
      send(res, 400, { error: "invalid JSON" });
      return;
    }
    const respond = (body: APIInteractionResponse) => send(res, 200, body);
    if (interaction.type === InteractionType.Ping) {
      respond({ type: InteractionResponseType.Pong });
      return;
    }
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      const { focused } = flatOptions("options" in interaction.data ? interaction.data.options : undefined);
      respond({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: await core.suggestEntities(focused?.value ?? "", 25) },
      });
      return;
    }
    if (interaction.type === InteractionType.MessageComponent) {
      if (interaction.data.custom_id !== SHARE_ID) {
        respond({ type: InteractionResponseType.DeferredMessageUpdate });
        return;
      }
      const who = interaction.member?.user.username ?? interaction.user?.username ?? "someone";
      respond({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...sharedEmbeds(interaction.message.embeds, who), allowed_mentions: { parse: [] } },
      });
      return;
    }
    if (interaction.type !== InteractionType.ApplicationCommand) {
      respond({ type: InteractionResponseType.Pong });
      return;
    }
    const data = interaction.data;
    const userId = interaction.member?.user.id ?? interaction.user?.id ?? "";
    const who = interaction.member?.user.username ?? interaction.user?.username ?? userId;
    const request: CommandRequest = {
      command: data.name,
      input: { options: flatOptions("options" in data ? data.options : undefined).options },
      caller: core.caller(userId, hasManageGuild(interaction.member?.permissions)),
      channel: {
        platform: "discord",
        workspaceId: interaction.guild_id ?? "dm",
        channelId: interaction.channel?.id ?? "",
      },
    };
    const answer = core.run(request);
    const early = await settleWithin(answer, budget);
    const reply = (message: Message) => {
      const note = core.announcement(request, message, who);
      return { body: discordReply(message, message.kind !== "error" && !note), note };
    };
    const appId = interaction.application_id;
    let note: Message | undefined;
    if (early) {
      const r = reply(early);
      note = r.note;
      respond({ type: InteractionResponseType.ChannelMessageWithSource, data: r.body });
    } else {
      respond({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: MessageFlags.Ephemeral },
      });
      const r = reply(await answer);
      note = r.note;
      const { flags: _flags, ...body } = r.body;
      await rest
        .patch(Routes.webhookMessage(appId, interaction.token, "@original"), { body, auth: false })
        .catch((error: Error) => log.error("discord deferred answer failed", { error: error.message }));
    }
    if (note)
      await rest
        .post(Routes.webhook(appId, interaction.token), { body: publicMessage(note), auth: false })
        .catch((error: Error) => log.error("discord settings note failed", { error: error.message }));
  };
}

function sharedEmbeds(embeds: readonly APIEmbed[], who: string): { embeds: APIEmbed[] } {
  // The embeds are our own earlier answer; the footer says who shared it.
  return {
    embeds: embeds.slice(0, 1).map((e) => ({
      ...e,
      footer: {
        text: [e.footer?.text, `shared by ${who}`]
          .filter(Boolean)
          .join(" · ")
          .slice(0, 2_000)
          .replace(/@/g, "@\u200b"),
      },
    })),
  };
}

/** Gateway mode: a discord.js Client with the Guilds intent only, mentions off for every send. */
export function createDiscordGateway(
  core: ChatCore,
  settings: DiscordSettings,
  options: DiscordAdapterOptions,
) {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { retries: 0, ...(settings.apiUrl ? { api: settings.apiUrl } : {}) },
  });
  const budget = options.answerBudgetMs ?? 2_000;
  const { log } = options;
  client.on(Events.InteractionCreate, (interaction) => {
    void handleGatewayInteraction(core, interaction, budget).catch((error: Error) =>
      log.error("discord interaction failed", { error: error.stack ?? error.message }),
    );
  });
  let ready = false;
  client.once(Events.ClientReady, () => {
    ready = true;
    log.info("discord gateway connected", { user: client.user?.tag });
  });
  return {
    client,
    isReady: () => ready,
    async start() {
      if (!settings.token) throw new Error("DISCORD_TOKEN is needed for the Discord gateway.");
      await client.login(settings.token);
    },
    async stop() {
      await client.destroy();
    },
  };
}

export async function handleGatewayInteraction(
  core: ChatCore,
  interaction: Interaction,
  budgetMs: number,
): Promise<void> {
  if (interaction.isAutocomplete()) {
    await interaction.respond(await core.suggestEntities(String(interaction.options.getFocused()), 25));
    return;
  }
  if (interaction.isButton()) {
    if (interaction.customId !== SHARE_ID) return;
    await interaction.reply({
      ...sharedEmbeds(
        interaction.message.embeds.map((e) => e.toJSON()),
        interaction.user.username,
      ),
      allowedMentions: { parse: [] },
    });
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  const options: Record<string, string> = {};
  for (const o of interaction.options.data) if (o.value !== undefined) options[o.name] = String(o.value);
  const request: CommandRequest = {
    command: interaction.commandName,
    input: { options },
    caller: core.caller(
      interaction.user.id,
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    ),
    channel: {
      platform: "discord",
      workspaceId: interaction.guildId ?? "dm",
      channelId: interaction.channelId,
    },
  };
  const answer = core.run(request);
  const early = await settleWithin(answer, budgetMs);
  let message: Message;
  if (early) {
    message = early;
  } else {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    message = await answer;
  }
  const note = core.announcement(request, message, interaction.user.username);
  const reply = discordReply(message, message.kind !== "error" && !note);
  const payload = { embeds: reply.embeds, components: reply.components, allowedMentions: { parse: [] } };
  if (early) await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
  else await interaction.editReply(payload);
  if (note)
    await interaction.followUp({ embeds: publicMessage(note).embeds, allowedMentions: { parse: [] } });
}
