import type { EntityInfo } from "../intel/entities.js";
import type {
  BriefingRepository,
  ItemRepository,
  SettingsRepository,
  SourceRow,
  StoryRow,
} from "../store/index.js";
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
  return (await linesForGroups(deps, [rows]))[0] ?? [];
}

/** The lines of several lists of stories (a brief's sections), their sources read in one query. */
export async function linesForGroups(deps: BriefingDeps, groups: readonly (readonly StoryRow[])[]) {
  const ids = groups.flat().map((r) => r.id);
  const sources = ids.length > 0 ? await deps.stories.sources(ids) : new Map<string, SourceRow[]>();
  return groups.map((rows) => rows.map((r) => storyLine(r, sources.get(r.id) ?? [], deps.entities)));
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
