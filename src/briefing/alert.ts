import { bold, type Message, span } from "../chat/message.js";
import { type BriefingDeps, linesFor } from "./deps.js";

export interface AlertQuery {
  storyId: string;
  /** A follow-up of an alert already posted (it goes into that alert's thread). */
  followUp?: { reason: string } | undefined;
  /** The tracked companies of the channel that the story names. */
  matched: readonly string[];
}

/** One story for one channel: the first report, or what changed since the first alert. */
export async function alert(deps: BriefingDeps, query: AlertQuery): Promise<Message | undefined> {
  const story = await deps.stories.story(query.storyId);
  if (!story) return undefined;
  const [line] = await linesFor(deps, [story]);
  const names = query.matched.map((id) => deps.entities.get(id)?.name ?? id);
  return {
    title: query.followUp ? `Update: ${story.headline}` : story.headline,
    sections: [
      {
        lines: [
          ...(line ? [line] : []),
          ...(query.followUp ? [[bold("What changed: "), span(query.followUp.reason)]] : []),
          ...(names.length > 0 ? [[span(`Tracked here: ${names.join(", ")}`)]] : []),
        ],
      },
    ],
  };
}
