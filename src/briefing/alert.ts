import { bold, type Message, span } from "../chat/message.js";
import type { SourceRow, StoryRow } from "../store/index.js";
import type { BriefingDeps } from "./deps.js";
import type { EntityDirectory } from "./entity-directory.js";
import { storyLine } from "./format.js";

export interface AlertQuery {
  storyId: string;
  /** A follow-up of an alert already posted (it goes into that alert's thread). */
  followUp?: { reason: string } | undefined;
  /** The tracked companies of the channel that the story names. */
  matched: readonly string[];
}

/**
 * One story for one channel from facts at hand: delivery builds alerts with this while the
 * story is being stored (the alert row is written in the same transaction), so it cannot read
 * the story back first.
 */
export function alertMessage(
  story: StoryRow,
  sources: readonly SourceRow[],
  entities: EntityDirectory,
  query: Omit<AlertQuery, "storyId">,
): Message {
  const line = storyLine(story, sources, entities);
  const names = query.matched.map((id) => entities.get(id)?.name ?? id);
  return {
    title: query.followUp ? `Update: ${story.headline}` : story.headline,
    sections: [
      {
        lines: [
          line,
          ...(query.followUp ? [[bold("What changed: "), span(query.followUp.reason)]] : []),
          ...(names.length > 0 ? [[span(`Tracked here: ${names.join(", ")}`)]] : []),
        ],
      },
    ],
  };
}

/** One stored story for one channel: the first report, or what changed since the first alert. */
export async function alert(deps: BriefingDeps, query: AlertQuery): Promise<Message | undefined> {
  const story = await deps.stories.story(query.storyId);
  if (!story) return undefined;
  const sources = (await deps.stories.sources([story.id])).get(story.id) ?? [];
  return alertMessage(story, sources, deps.entities, query);
}
