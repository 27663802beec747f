import type { EntityInfo } from "../intel/entities.js";
import type { BriefingRepository, ItemRepository, SettingsRepository, StoryRow } from "../store/index.js";
import type { EntityDirectory } from "./entity-directory.js";
import { storyLine } from "./format.js";

/** What every briefing module reads: the store's query side and the names of entities. */
export interface BriefingDeps {
  stories: BriefingRepository;
  items: ItemRepository;
  settings: SettingsRepository;
  entities: EntityDirectory;
}

/** Story lines with every source of each story, read in one query. */
export async function linesFor(deps: BriefingDeps, rows: readonly StoryRow[]) {
  const sources = await deps.stories.sources(rows.map((r) => r.id));
  return rows.map((r) => storyLine(r, sources.get(r.id) ?? [], deps.entities));
}

/** A period that ends now: what `since:` options mean. */
export interface Period {
  now: Date;
  /** How far back, in milliseconds. */
  since: number;
  entity?: EntityInfo | undefined;
}

export function startOf(period: Period): Date {
  return new Date(period.now.getTime() - period.since);
}
