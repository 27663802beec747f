import type { Line } from "../chat/message.js";
import type { EventType } from "../intel/event-types.js";
import { differentCases, type LegalCase } from "../intel/legal.js";
import type { SecondaryEventRow, StoryRow } from "../store/index.js";
import type { BriefingDeps } from "./deps.js";
import { secondaryLine } from "./format.js";

/** A secondary event ready to show, with the time it sorts by. */
export interface SecondaryLine {
  at: string;
  type: EventType;
  line: Line;
}

const sameParties = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Two reports of one case: same type and parties, and claims both name and share. A case told
 * without its claims stays a line of its own: folding it could hide another case.
 */
function sameCaseReported(
  a: { type: EventType | null; parties: readonly string[]; legalCase?: LegalCase | undefined },
  b: { type: EventType | null; parties: readonly string[]; legalCase?: LegalCase | undefined },
): boolean {
  if (a.type !== b.type || !a.legalCase || !b.legalCase) return false;
  if (!a.parties.some((p) => b.parties.includes(p))) return false;
  if (!sameParties(a.parties, b.parties) && a.parties.length > 1 && b.parties.length > 1) return false;
  return (
    a.legalCase.claims.some((c) => b.legalCase?.claims.includes(c)) &&
    !differentCases(a.legalCase, b.legalCase)
  );
}

/**
 * The events articles report beside their headline event (a lawsuit told in a deal story), one
 * line per case, newest first. A case that a listed story already tells is left to that story;
 * the same case in two articles is one line with both.
 */
export async function secondaryLines(
  deps: BriefingDeps,
  query: { entity?: string | undefined; types: readonly EventType[]; since: Date; limit: number },
  shown: readonly StoryRow[],
): Promise<SecondaryLine[]> {
  const rows = await deps.stories.secondaryEvents({ ...query, limit: query.limit * 3 });
  const cases: SecondaryEventRow[][] = [];
  for (const row of rows) {
    if (shown.some((story) => sameCaseReported(story, row))) continue;
    const same = cases.find((c) => sameCaseReported(c[0] as SecondaryEventRow, row));
    if (same) same.push(row);
    else cases.push([row]);
  }
  return cases.slice(0, query.limit).map((reports) => {
    const first = reports[0] as SecondaryEventRow;
    return { at: first.at, type: first.type, line: secondaryLine(reports, deps.entities) };
  });
}
