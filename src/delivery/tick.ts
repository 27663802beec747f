import cron, { type ScheduledTask } from "node-cron";
import type { Message } from "../chat/message.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type {
  Destination,
  DestinationRepository,
  DigestSlotRepository,
  NewOutboxRow,
  OutboxRepository,
} from "./destination.js";
import type { DigestSchedule, DueSlot, SkippedSlot } from "./schedule.js";

/**
 * Builds a destination's digest for a slot (the briefing's digest module, wired by the app), with
 * the keys of the rolled-over alerts it includes (from `OutboxRepository.rolledOver`).
 */
export type DigestBuilder = (
  destination: Destination,
  slot: DueSlot,
) => Promise<Message | { message: Message; carries: string[] }>;

export interface TickDeps {
  destinations: DestinationRepository;
  slots: DigestSlotRepository;
  outbox: OutboxRepository;
  schedule: DigestSchedule;
  clock: Clock;
  buildDigest: DigestBuilder;
  log?: Logger;
}

export interface TickResult {
  /** Slots this process won and queued a digest for. */
  queued: DueSlot[];
  /** Slots another process claimed first. */
  taken: DueSlot[];
  /** Slots too late to send, recorded and announced in their channel. */
  skipped: SkippedSlot[];
  /** Slots whose digest could not be built; the next tick tries again. */
  failed: DueSlot[];
}

function skippedNotice(slot: SkippedSlot): Message {
  return {
    title: "Digest skipped",
    sections: [{ lines: [[{ text: `Sorry, ${slot.reason}. The next digest runs as scheduled.` }]] }],
  };
}

/**
 * One scheduler tick: read the destinations with a digest, find the due slots, build each digest
 * and claim its slot together with its outbox row. Building comes first so the claim and the row
 * are one write; a process that loses the claim only wasted a build. Late slots are recorded as
 * skipped and the channel is told, once (the notice's key is the slot's).
 */
export async function runTick(deps: TickDeps): Promise<TickResult> {
  const now = deps.clock.now();
  const { due, skipped } = deps.schedule.findDue(await deps.destinations.listWithDigest(), now);
  const result: TickResult = { queued: [], taken: [], skipped: [], failed: [] };
  for (const slot of due) {
    let built: Awaited<ReturnType<DigestBuilder>>;
    try {
      built = await deps.buildDigest(slot.destination, slot);
    } catch (error) {
      deps.log?.error("digest could not be built; the next tick tries again", {
        slot: slot.key,
        error: error instanceof Error ? error.message : String(error),
      });
      result.failed.push(slot);
      continue;
    }
    const row: NewOutboxRow =
      "carries" in built
        ? {
            key: `digest:${slot.key}`,
            destinationKey: slot.destinationKey,
            kind: "digest",
            message: built.message,
            notBefore: now,
            carries: built.carries,
          }
        : {
            key: `digest:${slot.key}`,
            destinationKey: slot.destinationKey,
            kind: "digest",
            message: built,
            notBefore: now,
          };
    if (await deps.slots.claim(slot, row, now)) result.queued.push(slot);
    else result.taken.push(slot);
  }
  for (const slot of skipped) {
    if (!(await deps.slots.skip(slot, slot.reason, now))) continue;
    result.skipped.push(slot);
    deps.log?.warn("digest slot skipped", { slot: slot.key, lateMs: slot.lateMs });
    await deps.outbox.enqueue(
      {
        key: `notice:skipped:${slot.key}`,
        destinationKey: slot.destinationKey,
        kind: "notice",
        message: skippedNotice(slot),
        notBefore: now,
      },
      now,
    );
  }
  return result;
}

export interface Scheduler {
  /** Runs a tick now (at start, so slots missed while down go out at once). */
  runNow(): Promise<TickResult | undefined>;
  stop(): Promise<void>;
}

/**
 * The one cron job for every destination: every 30 s it runs a tick. node-cron only says "now";
 * what is due comes from the injected clock and each destination's zone, so the job itself needs
 * no timezone and tests call `runTick` directly. A tick still running when the next is due is not
 * overlapped (a slow store would otherwise run two ticks on the same slots).
 */
export function startScheduler(deps: TickDeps, expression = "*/30 * * * * *"): Scheduler {
  let running: Promise<TickResult | undefined> | undefined;
  const runNow = (): Promise<TickResult | undefined> => {
    if (running) return running;
    running = runTick(deps)
      .catch((error: unknown) => {
        deps.log?.error("digest tick failed; the next one tries again", {
          error: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task: ScheduledTask = cron.schedule(
    expression,
    async () => {
      await runNow();
    },
    { name: "infrawire-digests", noOverlap: true },
  );
  void runNow();
  return {
    runNow,
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
