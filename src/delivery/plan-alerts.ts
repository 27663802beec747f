import { alertMessage } from "../briefing/alert.js";
import type { EntityDirectory } from "../briefing/entity-directory.js";
import { formatAmount } from "../intel/money.js";
import type { SourceRow, StoryRow } from "../store/repositories.js";
import type { DestinationRepository, NewOutboxRow, OutboxRepository, OutboxRow } from "./destination.js";
import {
  type AlertDecision,
  type MaterialChange,
  matchRules,
  planAlert,
  type StoryRevision,
} from "./rules.js";

/** One revision of a story an enrichment pass is about to store, with what an alert shows of it. */
export interface StoryChange {
  revision: StoryRevision;
  story: StoryRow;
  sources: SourceRow[];
}

export interface PlannedAlerts {
  /** The outbox rows to write in the transaction that stores the stories. */
  rows: NewOutboxRow[];
  decisions: { destinationKey: string; storyId: string; decision: AlertDecision }[];
}

/** Plans the alerts of a pass's changed stories for every destination with alerts on. */
export interface AlertPlanner {
  plan(changes: readonly StoryChange[], now: Date): Promise<PlannedAlerts>;
}

function changeText(changes: readonly MaterialChange[], story: StoryRow): string {
  return changes
    .map((c) => {
      if (c === "first_amount" && story.amountUsd !== null)
        return `first amount reported: ${formatAmount(story.amountUsd, story.qualifier ?? "exact")}`;
      if (c === "status") return `status now ${story.status ?? "unknown"}`;
      if (c === "new_party") return "a new party named";
      return `now ${story.sourceCount} outlets`;
    })
    .join("; ");
}

/**
 * Rows planned earlier in the same pass count as if written: a batch of ten stories about one
 * company must meet the hourly cap, and a story's second revision in one pass threads under the
 * first.
 */
function withPlanned(
  outbox: Pick<OutboxRepository, "alertsForStory" | "countAlerts">,
  planned: NewOutboxRow[],
): Pick<OutboxRepository, "alertsForStory" | "countAlerts"> {
  const asRow = (r: NewOutboxRow): OutboxRow => ({
    ...r,
    state: r.rolled ? "rolled" : "pending",
    attempts: 0,
    createdAt: r.notBefore,
    outcomeUnknown: false,
  });
  return {
    async alertsForStory(destinationKey, storyId) {
      const stored = await outbox.alertsForStory(destinationKey, storyId);
      const keys = new Set(stored.map((r) => r.key));
      const extra = planned
        .filter(
          (r) => r.destinationKey === destinationKey && r.subject?.storyId === storyId && !keys.has(r.key),
        )
        .map(asRow);
      return [...stored, ...extra];
    },
    async countAlerts(destinationKey, from, to) {
      const stored = await outbox.countAlerts(destinationKey, from, to);
      const extra = planned.filter(
        (r) =>
          r.destinationKey === destinationKey &&
          r.kind === "alert" &&
          !r.rolled &&
          r.notBefore.getTime() >= from.getTime() &&
          r.notBefore.getTime() < to.getTime(),
      ).length;
      return stored + extra;
    },
  };
}

export function createAlertPlanner(deps: {
  destinations: Pick<DestinationRepository, "listWithAlerts">;
  outbox: Pick<OutboxRepository, "alertsForStory" | "countAlerts">;
  entities: () => Promise<EntityDirectory>;
}): AlertPlanner {
  return {
    async plan(changes, now) {
      const out: PlannedAlerts = { rows: [], decisions: [] };
      const live = changes.filter((c) => !c.revision.backfill);
      if (live.length === 0) return out;
      const destinations = await deps.destinations.listWithAlerts();
      if (destinations.length === 0) return out;
      const entities = await deps.entities();
      const outbox = withPlanned(deps.outbox, out.rows);
      for (const change of live) {
        for (const destination of destinations) {
          const matched = destination.alerts ? matchRules(destination.alerts, change.revision).entities : [];
          const decision = await planAlert(outbox, destination, change.revision, now, (_, context) =>
            alertMessage(change.story, change.sources, entities, {
              matched,
              followUp:
                context.changes.length > 0
                  ? { reason: changeText(context.changes, change.story) }
                  : undefined,
            }),
          );
          out.decisions.push({ destinationKey: destination.key, storyId: change.revision.storyId, decision });
          if (decision.action === "none") continue;
          out.rows.push(decision.row);
          if (decision.action === "rolled" && decision.notice) out.rows.push(decision.notice);
        }
      }
      return out;
    },
  };
}
