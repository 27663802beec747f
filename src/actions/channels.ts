import type { Message } from "../chat/message.js";
import type { Clock } from "../clock.js";
import type { Destination } from "../delivery/destination.js";
import type { IntelSource } from "../enrich/context.js";
import { UserError } from "../errors.js";
import type { EntityInfo } from "../intel/entities.js";
import { foldAccents } from "../intel/fold.js";
import type { ChannelRef, ChannelSettings, SettingsRepository } from "../store/index.js";

export interface WorkspaceRef {
  platform: string;
  workspaceId: string;
}

/** Delivery as channel actions use it (src/delivery/runtime.ts). */
export interface ChannelDelivery {
  post(channel: ChannelRef, kind: "digest" | "notice", message: Message, by: string): Promise<string>;
  nextDigest(channel: ChannelRef): Promise<Date | undefined>;
  deadLetters(channel?: ChannelRef): Promise<DeadLetter[]>;
  paused(workspace?: WorkspaceRef): Promise<Destination[]>;
  why(channel: ChannelRef, ref: string): Promise<Message>;
}

/** A post that failed for good, as `/feeds status` and `infrawire doctor` show it. */
export interface DeadLetter {
  key: string;
  destinationKey: string;
  kind: string;
  title: string;
  error: string;
}

export interface ChannelActionDeps {
  settings: SettingsRepository;
  intel: IntelSource;
  clock: Clock;
  /** Absent where nothing posts (the benchmark): posting then says how to run the bot. */
  delivery?: ChannelDelivery;
}

/** Queues a message for the channel through the outbox; the running bot's sender posts it. */
export function postToChannel(
  deps: ChannelActionDeps,
  channel: ChannelRef,
  message: Message,
  by: string,
): Promise<string> {
  if (!deps.delivery || channel.platform === "cli")
    throw new UserError(
      "Posting to a channel needs the running bot.",
      "run /digest now in a chat channel or the console",
    );
  return deps.delivery.post(channel, "digest", message, by);
}

export function track(deps: ChannelActionDeps, channel: ChannelRef, entityId: string, by: string) {
  return deps.settings.watch(channel, entityId, by, deps.clock.now());
}

export function untrack(deps: ChannelActionDeps, channel: ChannelRef, entityId: string) {
  return deps.settings.unwatch(channel, entityId);
}

export function changeSettings(
  deps: ChannelActionDeps,
  channel: ChannelRef,
  changes: Partial<ChannelSettings>,
  by: string,
): Promise<ChannelSettings> {
  return deps.settings.update(channel, changes, by, deps.clock.now());
}

/** Names are found where an ASCII word starts (accents are folded first). */
export function unmatchableName(names: readonly string[]): string | undefined {
  return names.find((n) => !/^[A-Za-z0-9].+/.test(foldAccents(n)));
}

/**
 * Adds a company that config/entities.yaml does not know, with its other names, and rebuilds
 * the matcher so that the next articles are read with it.
 */
export async function addEntity(
  deps: ChannelActionDeps,
  name: string,
  aliases: readonly string[],
  by: string,
): Promise<EntityInfo> {
  const id = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  if (!id)
    throw new UserError(
      `"${name}" cannot be an entity name.`,
      "use letters or digits, e.g. /track add Fluidstack",
    );
  const unmatchable = unmatchableName([name, ...aliases]);
  if (unmatchable !== undefined)
    throw new UserError(
      `"${unmatchable}" cannot be matched in articles: names must be at least two characters and start with a Latin letter or digit (accents are fine).`,
      `give another name, e.g. /track add ${name} aliases:"${name}"`,
    );
  await deps.settings.addCustomEntity({ id, name: name.trim(), aliases: [...aliases] }, by, deps.clock.now());
  deps.intel.refresh();
  const entity = (await deps.intel.get()).matcher.entities.get(id);
  if (!entity) throw new Error(`entity ${id} was stored but is not in the rebuilt matcher`);
  return entity;
}
