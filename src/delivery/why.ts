import type { EntityDirectory } from "../briefing/entity-directory.js";
import { bold, type Line, type Message, span } from "../chat/message.js";
import { canonicalUrl } from "../ingest/canonical.js";
import type { BriefingRepository } from "../store/repositories.js";
import {
  type ChannelRef,
  type DestinationRepository,
  destinationKey,
  type OutboxRepository,
} from "./destination.js";
import { destinationZone, matchRules, quietRelease } from "./rules.js";

export interface WhyDeps {
  stories: BriefingRepository;
  destinations: DestinationRepository;
  outbox: OutboxRepository;
  entities: EntityDirectory;
}

const when = (at: Date, zone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);

const STATE: Record<string, string> = {
  pending: "queued",
  in_flight: "being posted",
  sent: "posted",
  dead: "could not be delivered",
  rolled: "over the hourly limit, waiting for the next digest",
  digested: "over the hourly limit, included in a digest",
};

/**
 * Why a story was or was not alerted in a channel, from what delivery stored (its outbox rows)
 * and, where it stored nothing, from the channel's rules applied to the story as it is now.
 */
export async function explainStory(
  deps: WhyDeps,
  channel: ChannelRef,
  ref: string,
  now: Date,
): Promise<Message> {
  const text = ref.trim();
  const isLink = /^https?:\/\//i.test(text);
  const found = await deps.stories.findStory(
    isLink
      ? { url: text, ...(canonicalUrl(text) ? { canonicalUrl: canonicalUrl(text) } : {}) }
      : { id: text },
  );
  const story = found ? await deps.stories.story(found.storyId) : undefined;
  if (!found || !story) {
    return {
      title: "No such story",
      sections: [
        {
          lines: [
            [span(`No stored story matches ${isLink ? "that link" : `"${text}"`}.`)],
            [span("Give an article's link or a story id, e.g. from /search or /brief: "), bold("/why s123")],
          ],
        },
      ],
      ephemeral: true,
      kind: "error",
    };
  }
  const key = destinationKey(channel);
  const destination = await deps.destinations.get(key);
  const zone = destination ? destinationZone(destination) : "UTC";
  const sources = (await deps.stories.sources([story.id])).get(story.id) ?? [];
  const outlets = [...new Set(sources.map((s) => s.outlet ?? "unknown outlet"))];
  const names = (ids: readonly string[]) => ids.map((id) => deps.entities.get(id)?.name ?? id).join(", ");
  const lines: Line[] = [
    [bold(story.headline), span(` (${story.id})`)],
    [span(`Reported by ${outlets.length} outlet${outlets.length === 1 ? "" : "s"}: ${outlets.join(", ")}.`)],
  ];
  const rows = await deps.outbox.alertsForStory(key, story.id);
  if (rows.length > 0) {
    for (const row of rows) {
      const held = row.notBefore.getTime() > row.createdAt.getTime() + 60_000;
      lines.push([
        bold(row.kind === "follow_up" ? "Follow-up" : "Alert"),
        span(
          ` (revision ${row.subject?.revision ?? "?"}): ${STATE[row.state] ?? row.state}${held ? `, held by quiet hours until ${when(row.notBefore, zone)}` : ""}${row.lastError ? ` — ${row.lastError}` : ""}.`,
        ),
      ]);
    }
  } else {
    let reason: string;
    const rules = destination?.alerts;
    if (found.backfill) reason = "it was stored as backfill (a feed's first fetch), which never alerts";
    else if (!destination || !rules) reason = "alerts are off in this channel (turn them on: /alerts on)";
    else if (destination.paused) reason = `posting here is paused: ${destination.paused.reason}`;
    else if (!story.type) reason = "no deal or other event was found in it, and alerts are for events";
    else {
      const match = matchRules(rules, {
        storyId: story.id,
        revision: 1,
        type: story.type,
        amountUsd: story.amountUsd,
        status: story.status,
        parties: story.parties,
        entityIds: story.parties,
        sourceCount: story.sourceCount,
        outlets,
        backfill: false,
      });
      reason = match.matched
        ? `it matches the channel's rules (${names(match.entities)}) but was stored before they did`
        : (match.reason ?? "it does not match the channel's rules");
      const quiet = rules.quietHours ? quietRelease(rules.quietHours, zone, now) : undefined;
      if (quiet) reason += `; quiet hours hold alerts until ${when(quiet, zone)}`;
    }
    lines.push([bold("Not alerted: "), span(`${reason}.`)]);
  }
  const digest = destination?.digest;
  lines.push(
    digest
      ? [
          bold("Digest: "),
          span(
            `the ${digest.time} digest lists the stories new in the day before it runs; this one's latest outlet came ${when(new Date(story.lastSeenAt), zone)}${digest.lastSlot ? `, the last digest here was on ${digest.lastSlot}` : ""}.`,
          ),
        ]
      : [bold("Digest: "), span("this channel has no daily digest (/digest on 08:30 Europe/London).")],
  );
  return { title: "Why", sections: [{ lines }], ephemeral: true };
}
