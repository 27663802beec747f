import type { EntityDirectory } from "../briefing/entity-directory.js";
import type { Briefing } from "../briefing/index.js";
import type { Message } from "../chat/message.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type { BriefingRepository, DeliveryRepositories, SettingsRepository } from "../store/repositories.js";
import { type ChannelRef, type Destination, destinationKey, type Platform } from "./destination.js";
import { DigestSchedule } from "./schedule.js";
import { Sender, type SenderOptions } from "./sender.js";
import { type DigestBuilder, type Scheduler, startScheduler } from "./tick.js";
import type { Transport } from "./transport.js";
import { explainStory } from "./why.js";

const DAY_MS = 86_400_000;

export interface DeliveryDeps {
  repositories: DeliveryRepositories;
  clock: Clock;
  log: Logger;
  /** The briefing for a destination's channel (built per call: the entity names can change). */
  briefing: () => Promise<Briefing>;
  stories: BriefingRepository;
  entities: () => Promise<EntityDirectory>;
  sender?: Partial<Omit<SenderOptions, "clock" | "outbox" | "destinations" | "transports" | "notifyAdmins">>;
  /** Where notices go: each workspace's notice channel (`/feeds notices`), the channel that added a feed. */
  notices?: Pick<SettingsRepository, "noticeChannel" | "noticeChannels" | "feedOwner">;
}

/** A feed the poller disabled, as its notice names it. */
export interface DisabledFeed {
  id: number;
  url: string;
  title: string | null;
}

/** What the channel that added a feed (or the admins' notice channel) reads when it is disabled. */
export function feedDisabledMessage(feed: DisabledFeed, reason: string): Message {
  return {
    title: `Feed disabled: ${feed.title || feed.url}`,
    sections: [
      {
        lines: [
          [{ text: `infrawire stopped reading ${feed.url}: ${reason.replace(/\.$/, "")}.` }],
          [
            {
              text: `Once it works again, re-enable it with /feeds enable ${feed.id} (or infrawire feeds enable ${feed.id} from the shell).`,
            },
          ],
        ],
      },
    ],
  };
}

function plainText(message: Message): string {
  return [
    message.title,
    ...message.sections.flatMap((s) => s.lines.map((line) => line.map((span) => span.text).join(""))),
  ].join(" ");
}

/** A store ChannelRef delivery can post to (the shell's "cli" is never posted to). */
function postable(ref: { platform: string; workspaceId: string; channelId: string } | undefined) {
  return ref && ref.platform !== "cli" ? (ref as ChannelRef) : undefined;
}

/**
 * Delivery as the running bot uses it: the scheduler (one node-cron tick for every digest), the
 * sender, and the transports chat adapters register. A platform without a transport keeps its
 * rows queued until one is registered (`transports.slack = ...`).
 */
export interface Delivery {
  readonly schedule: DigestSchedule;
  /** The seam for chat adapters: one Transport per platform, read by the sender on every send. */
  readonly transports: Partial<Record<Platform, Transport>>;
  readonly sender: Sender;
  buildDigest: DigestBuilder;
  /** Starts the scheduler (which runs a tick at once: slots missed while down) and the sender. */
  start(): void;
  /** Stops the tick, lets sends under way finish and be recorded; claimed rows not started stay leased. */
  stop(): Promise<void>;
  /** Queues a message for a channel now (`/digest now`); the sender posts it. */
  post(channel: ChannelRef, kind: "digest" | "notice", message: Message, by: string): Promise<string>;
  /** The channel's destination as delivery sees it. */
  destination(channel: ChannelRef): Promise<Destination | undefined>;
  nextDigest(channel: ChannelRef): Promise<Date | undefined>;
  /** Why a story (a link or an id) was or was not alerted or digested in the channel. */
  why(channel: ChannelRef, ref: string): Promise<Message>;
  /**
   * Tells the channel that added a feed, or else every workspace's notice channel, that the poller
   * disabled it: once (the outbox key holds the feed and the moment), with the command that
   * re-enables it. Returns how many channels were told; with none to tell, it only logs.
   */
  feedDisabled(feed: DisabledFeed, reason: string, at: Date): Promise<number>;
  /** Channels where a permanent error stopped posting, in one workspace or everywhere. */
  paused(workspace?: { platform: string; workspaceId: string }): Promise<Destination[]>;
  /** Rows that failed for good, in one channel or everywhere. */
  deadLetters(
    channel?: ChannelRef,
  ): Promise<{ key: string; destinationKey: string; kind: string; title: string; error: string }[]>;
}

export function createDelivery(deps: DeliveryDeps): Delivery {
  const { repositories: r, clock, log } = deps;
  const schedule = new DigestSchedule();
  const transports: Partial<Record<Platform, Transport>> = {};
  /** Queues a notice once (its key is unique) for a channel, creating its destination if new. */
  const enqueueNotice = async (channel: ChannelRef, key: string, message: Message): Promise<boolean> => {
    const dest = destinationKey(channel);
    const now = clock.now();
    if (!(await r.destinations.get(dest))) await r.destinations.upsert({ ...channel, key: dest }, now);
    return r.outbox.enqueue({ key, destinationKey: dest, kind: "notice", message, notBefore: now }, now);
  };
  const sender = new Sender({
    clock,
    outbox: r.outbox,
    destinations: r.destinations,
    transports,
    log,
    notifyAdmins: async ({ destination, key, message }) => {
      const to = postable(await deps.notices?.noticeChannel(destination.platform, destination.workspaceId));
      // The notice channel itself paused (or none set): the log is the one place left to say it,
      // and the pause stays visible in `infrawire doctor` and `/feeds status`.
      if (to && destinationKey(to) !== destination.key) {
        await enqueueNotice(to, key, message);
        log.info("admins told in their notice channel", { destination: destination.key, to: to.channelId });
      } else
        log.warn(plainText(message), {
          destination: destination.key,
          fix: "an admin can choose a channel for such notices with /feeds notices",
        });
    },
    ...deps.sender,
  });
  const buildDigest: DigestBuilder = async (destination, slot) => {
    // What is new since the day's previous slot: the channel's last digest.
    const since = new Date(slot.dueAt.getTime() - DAY_MS);
    const rolled = await r.outbox.rolledOver(destination.key);
    const message = await (await deps.briefing()).digest({
      channel: destination,
      since,
      now: slot.dueAt,
      timeZone: destination.digest?.zone,
    });
    if (rolled.length === 0) return message;
    const note = `${rolled.length} alert${rolled.length === 1 ? "" : "s"} over the hourly limit ${rolled.length === 1 ? "is" : "are"} among these stories.`;
    return {
      message: { ...message, footer: message.footer ? `${message.footer} · ${note}` : note },
      carries: rolled.map((row) => row.key),
    };
  };
  let scheduler: Scheduler | undefined;
  let running: Promise<void> | undefined;
  return {
    schedule,
    transports,
    sender,
    buildDigest,
    start() {
      scheduler ??= startScheduler({
        destinations: r.destinations,
        slots: r.slots,
        outbox: r.outbox,
        schedule,
        clock,
        buildDigest,
        log,
      });
      running ??= sender.run().catch((error: unknown) => {
        log.error("the sender stopped", { error: error instanceof Error ? error.message : String(error) });
      });
    },
    async stop() {
      await scheduler?.stop();
      await sender.stop();
      await running;
    },
    async post(channel, kind, message, by) {
      const key = destinationKey(channel);
      const now = clock.now();
      // The sender posts only to known destinations: a channel that never changed a setting
      // gets its (default) settings row first.
      if (!(await r.destinations.get(key))) {
        await r.destinations.upsert({ ...channel, key }, now);
        log.debug("destination created for a post", { destination: key, by });
      }
      const rowKey = `${kind}:now:${key}:${now.toISOString()}`;
      await r.outbox.enqueue({ key: rowKey, destinationKey: key, kind, message, notBefore: now }, now);
      return rowKey;
    },
    destination: (channel) => r.destinations.get(destinationKey(channel)),
    async why(channel, ref) {
      return explainStory(
        {
          stories: deps.stories,
          destinations: r.destinations,
          outbox: r.outbox,
          entities: await deps.entities(),
        },
        channel,
        ref,
        clock.now(),
      );
    },
    async feedDisabled(feed, reason, at) {
      const owner = postable(await deps.notices?.feedOwner(feed.url));
      const targets = owner
        ? [owner]
        : ((await deps.notices?.noticeChannels()) ?? []).flatMap((c) => postable(c) ?? []);
      const message = feedDisabledMessage(feed, reason);
      if (targets.length === 0) {
        log.warn(plainText(message), {
          feed: feed.id,
          fix: "an admin can choose a channel for such notices with /feeds notices",
        });
        return 0;
      }
      let told = 0;
      for (const to of targets)
        if (
          await enqueueNotice(
            to,
            `notice:feed-disabled:${feed.id}:${at.toISOString()}:${destinationKey(to)}`,
            message,
          )
        )
          told++;
      return told;
    },
    async paused(workspace) {
      return (await r.destinations.listPaused()).filter(
        (d) => !workspace || (d.platform === workspace.platform && d.workspaceId === workspace.workspaceId),
      );
    },
    async deadLetters(channel) {
      const only = channel ? destinationKey(channel) : undefined;
      return (await r.outbox.deadLetters())
        .filter((row) => only === undefined || row.destinationKey === only)
        .map((row) => ({
          key: row.key,
          destinationKey: row.destinationKey,
          kind: row.kind,
          title: row.message.title,
          error: row.lastError ?? "unknown error",
        }));
    },
    async nextDigest(channel) {
      const d = await r.destinations.get(destinationKey(channel));
      return d ? schedule.nextRun(d, clock.now()) : undefined;
    },
  };
}
