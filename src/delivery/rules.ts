import type { Message } from "../chat/message.js";
import type { EventType } from "../intel/event-types.js";
import type {
  AlertRules,
  AlertSubject,
  Destination,
  NewOutboxRow,
  OutboxRepository,
  OutboxRow,
  QuietHours,
} from "./destination.js";
import { addDays, instantOf, localDateOf, localParts } from "./zone.js";

/** What delivery needs to know of one revision of a story (the store's story, flattened). */
export interface StoryRevision {
  storyId: string;
  /** Grows by one each time the story's facts change (a new outlet, an amount, a status). */
  revision: number;
  type: EventType;
  amountUsd: number | null;
  status: string | null;
  /** Entity ids of the parties to the event. */
  parties: string[];
  /** Every tracked entity the story is about, parties included. */
  entityIds: string[];
  sourceCount: number;
  /** Distinct outlets that reported it. */
  outlets: string[];
  /** Stored from a feed's first fetch: history, never news. */
  backfill: boolean;
}

export type MaterialChange = "first_amount" | "status" | "new_party" | "third_outlet";

export function subjectOf(revision: StoryRevision): AlertSubject {
  return {
    storyId: revision.storyId,
    revision: revision.revision,
    amountUsd: revision.amountUsd,
    status: revision.status,
    parties: [...revision.parties],
    outletCount: new Set(revision.outlets).size,
  };
}

/**
 * What makes a revision worth a follow-up in the first alert's thread: the first amount, a changed
 * status (talks -> agreed), a party not named before, or the third outlet (the story is confirmed
 * beyond a report and its echo). A reworded headline or a fourth outlet is not.
 */
export function materialChanges(previous: AlertSubject, next: StoryRevision): MaterialChange[] {
  const changes: MaterialChange[] = [];
  if (previous.amountUsd === null && next.amountUsd !== null) changes.push("first_amount");
  if (next.status !== null && next.status !== previous.status) changes.push("status");
  const known = new Set(previous.parties);
  if (next.parties.some((p) => !known.has(p))) changes.push("new_party");
  if (previous.outletCount < 3 && new Set(next.outlets).size >= 3) changes.push("third_outlet");
  return changes;
}

export interface RuleMatch {
  matched: boolean;
  /** Tracked entities the story is about. */
  entities: string[];
  /** Why it did not match, in words `/why` can show. */
  reason?: string;
}

export function matchRules(rules: AlertRules, revision: StoryRevision): RuleMatch {
  const about = new Set([...revision.parties, ...revision.entityIds]);
  const entities = rules.trackedEntityIds.filter((id) => about.has(id));
  if (rules.trackedEntityIds.length === 0) {
    return { matched: false, entities, reason: "the channel tracks no companies" };
  }
  if (entities.length === 0) {
    return { matched: false, entities, reason: "it is about none of the channel's tracked companies" };
  }
  if (rules.eventTypes.length > 0 && !rules.eventTypes.includes(revision.type)) {
    return { matched: false, entities, reason: `the channel does not alert on ${revision.type}` };
  }
  if (
    rules.minAmountUsd !== undefined &&
    revision.amountUsd !== null &&
    revision.amountUsd < rules.minAmountUsd
  ) {
    return { matched: false, entities, reason: "its amount is under the channel's minimum" };
  }
  return { matched: true, entities };
}

/**
 * When quiet hours that hold an alert at `now` end, in the zone's local time; undefined when `now`
 * is outside them. Hours spanning midnight (22–07) end on the next local date when it is evening.
 */
export function quietRelease(quiet: QuietHours, zone: string, now: Date): Date | undefined {
  const { startHour: start, endHour: end } = quiet;
  if (start === end) return undefined;
  const parts = localParts(zone, now.getTime());
  const h = parts.hour;
  const inside = start < end ? h >= start && h < end : h >= start || h < end;
  if (!inside) return undefined;
  const today = localDateOf(parts);
  const date = start > end && h >= start ? addDays(today, 1) : today;
  return new Date(instantOf(zone, date, end, 0));
}

export function destinationZone(destination: Destination): string {
  return destination.zone ?? destination.digest?.zone ?? "UTC";
}

export type AlertRenderer = (revision: StoryRevision, context: { changes: MaterialChange[] }) => Message;

export type AlertDecision =
  | { action: "none"; reason: string }
  | { action: "alert"; row: NewOutboxRow; entities: string[]; heldUntil?: Date }
  | { action: "follow_up"; row: NewOutboxRow; changes: MaterialChange[]; heldUntil?: Date }
  | { action: "rolled"; row: NewOutboxRow; entities: string[]; notice?: NewOutboxRow };

const HOUR = 3_600_000;

export function alertKey(destinationKey: string, revision: StoryRevision): string {
  return `alert:${destinationKey}:${revision.storyId}:${revision.revision}`;
}

function overflowNotice(destination: Destination, at: Date, cap: number): NewOutboxRow {
  const bucket = new Date(Math.floor(at.getTime() / HOUR) * HOUR).toISOString().slice(0, 13);
  return {
    key: `notice:overflow:${destination.key}:${bucket}`,
    destinationKey: destination.key,
    kind: "notice",
    message: {
      title: "Alert limit reached",
      sections: [
        {
          lines: [
            [
              {
                text: `More than ${cap} alerts matched this hour, so the rest will be in the next digest.`,
              },
            ],
          ],
        },
      ],
    },
    notBefore: at,
  };
}

/**
 * Decides what one stored revision of a story means for one destination: nothing (and why), a new
 * alert, a follow-up in the first alert's thread, or — over the hourly cap — a row rolled into the
 * next digest plus one notice for that hour. Quiet hours hold the row until they end; the cap
 * counts alerts at the time they will go out, so alerts held overnight do not all land at 07:00.
 * Follow-ups go into a thread and do not count towards the cap. The caller writes the rows in the
 * transaction that stored the revision.
 */
export async function planAlert(
  outbox: Pick<OutboxRepository, "alertsForStory" | "countAlerts">,
  destination: Destination,
  revision: StoryRevision,
  now: Date,
  render: AlertRenderer,
): Promise<AlertDecision> {
  if (revision.backfill) return { action: "none", reason: "it was stored as backfill, which never alerts" };
  const rules = destination.alerts;
  if (!rules) return { action: "none", reason: "alerts are off in this channel" };
  if (destination.paused)
    return { action: "none", reason: `the channel is paused: ${destination.paused.reason}` };
  const heldUntil = rules.quietHours
    ? quietRelease(rules.quietHours, destinationZone(destination), now)
    : undefined;
  const notBefore = heldUntil ?? now;
  const key = alertKey(destination.key, revision);
  const earlier = await outbox.alertsForStory(destination.key, revision.storyId);
  const posted = earlier.filter((r) => r.state !== "rolled" && r.state !== "digested");
  const last: OutboxRow | undefined = earlier.at(-1);

  if (last?.subject) {
    if (last.subject.revision >= revision.revision)
      return { action: "none", reason: "this revision was already handled" };
    const changes = materialChanges(last.subject, revision);
    if (changes.length === 0)
      return { action: "none", reason: "nothing material changed since the last alert" };
    const first = posted.find((r) => r.kind === "alert");
    if (first) {
      return {
        action: "follow_up",
        changes,
        ...(heldUntil ? { heldUntil } : {}),
        row: {
          key,
          destinationKey: destination.key,
          kind: "follow_up",
          message: render(revision, { changes }),
          notBefore,
          threadOf: first.key,
          subject: subjectOf(revision),
        },
      };
    }
    // The first alert was rolled into a digest: there is no thread, so this is a new alert.
  }

  const match = matchRules(rules, revision);
  if (!match.matched)
    return { action: "none", reason: match.reason ?? "it does not match the channel's rules" };
  const row: NewOutboxRow = {
    key,
    destinationKey: destination.key,
    kind: "alert",
    message: render(revision, { changes: [] }),
    notBefore,
    subject: subjectOf(revision),
  };
  const recent = await outbox.countAlerts(
    destination.key,
    new Date(notBefore.getTime() - HOUR),
    new Date(notBefore.getTime() + 1),
  );
  if (recent >= rules.capPerHour) {
    return {
      action: "rolled",
      entities: match.entities,
      row: { ...row, rolled: true },
      notice: overflowNotice(destination, notBefore, rules.capPerHour),
    };
  }
  return { action: "alert", row, entities: match.entities, ...(heldUntil ? { heldUntil } : {}) };
}

/** Writes a decision's rows (the caller runs this inside the transaction that stored the story). */
export async function enqueueDecision(
  outbox: Pick<OutboxRepository, "enqueue">,
  decision: AlertDecision,
  now: Date,
): Promise<void> {
  if (decision.action === "none") return;
  await outbox.enqueue(decision.row, now);
  if (decision.action === "rolled" && decision.notice) await outbox.enqueue(decision.notice, now);
}
