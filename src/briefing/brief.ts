import { link, type Message, type Section, span } from "../chat/message.js";
import { DEAL_TYPES, type EventType } from "../intel/event-types.js";
import { formatAmount } from "../intel/money.js";
import { count } from "../plural.js";
import type { StoryRow } from "../store/index.js";
import { type BriefingDeps, linesFor, linesForGroups, type Period, startOf } from "./deps.js";
import { describePeriod, emptyResult, MAX_PERIOD_MS, periodToken, typeLabel } from "./format.js";
import { secondaryLines } from "./secondary.js";

/** Disputes that articles report beside another headline, shown with the disputes. */
const DISPUTE_TYPES = ["legal", "controversy"] as const;
/** At most this many such lines in a brief's section. */
const MAX_TOLD = 3;

/** The order types are shown in a brief: deals first, then disputes, then headlines. */
export const BRIEF_TYPE_ORDER: readonly (EventType | null)[] = [
  ...DEAL_TYPES,
  "legal",
  "controversy",
  "regulation",
  "launch",
  "people",
  null,
];

/** Top stories of a period by type; for one company its latest valuation, deals, disputes and headlines. */
export async function brief(deps: BriefingDeps, period: Period): Promise<Message> {
  return period.entity ? companyBrief(deps, period) : periodBrief(deps, period);
}

async function companyBrief(deps: BriefingDeps, period: Period): Promise<Message> {
  const entity = period.entity as NonNullable<Period["entity"]>;
  const from = startOf(period);
  const sections: Section[] = [];
  const valuation = (await deps.stories.valuations(entity.id, 1))[0];
  if (valuation) {
    sections.push({
      heading: "Latest valuation",
      lines: [
        [
          span(
            `${formatAmount(valuation.amountUsd, valuation.qualifier ?? "exact")} (${valuation.at.slice(0, 10)}, ${valuation.status}) · `,
          ),
          link(valuation.outlet ?? "source", valuation.url),
        ],
      ],
    });
  }
  const groups: [string, readonly EventType[], "amount" | "recent"][] = [
    ["Deals", DEAL_TYPES.filter((t) => t !== "valuation"), "amount"],
    ["Controversies and legal", ["legal", "controversy", "regulation"], "recent"],
    ["Headlines", ["launch", "people"], "recent"],
  ];
  for (const [heading, types, order] of groups) {
    const { rows } = await deps.stories.stories({
      entity: entity.id,
      types,
      since: from,
      limit: 6,
      order,
      withTotal: false,
    });
    const lines = rows.length > 0 ? await linesFor(deps, rows) : [];
    if (heading === "Controversies and legal") {
      const told = await secondaryLines(
        deps,
        { entity: entity.id, types: DISPUTE_TYPES, since: from, limit: MAX_TOLD },
        rows,
      );
      lines.push(...told.map((t) => t.line));
    }
    if (lines.length > 0) sections.push({ heading, lines });
  }
  const { rows: other } = await deps.stories.stories({
    entity: entity.id,
    since: from,
    limit: 5,
    order: "recent",
    withTotal: false,
  });
  const untyped = other.filter((r) => r.type === null);
  if (untyped.length > 0) sections.push({ heading: "Other headlines", lines: await linesFor(deps, untyped) });
  const title = `Brief: ${entity.name} — ${describePeriod(period.since)}`;
  if (sections.length === 0) {
    return emptyResult(
      title,
      `news about ${entity.name} in ${describePeriod(period.since)}`,
      `/brief ${entity.id} since:${periodToken(Math.min(period.since * 4, MAX_PERIOD_MS))}`,
    );
  }
  return { title, sections };
}

async function periodBrief(deps: BriefingDeps, period: Period): Promise<Message> {
  const { rows, total } = await deps.stories.stories({ since: startOf(period), limit: 60, order: "recent" });
  const byType = new Map<EventType | null, StoryRow[]>();
  for (const row of [...rows].sort(
    (a, b) => b.sourceCount - a.sourceCount || (b.amountUsd ?? 0) - (a.amountUsd ?? 0),
  )) {
    const list = byType.get(row.type) ?? [];
    if (list.length < 4) list.push(row);
    byType.set(row.type, list);
  }
  const disputes = DISPUTE_TYPES.flatMap((type) => byType.get(type) ?? []);
  const told = await secondaryLines(
    deps,
    { types: DISPUTE_TYPES, since: startOf(period), limit: MAX_TOLD },
    disputes,
  );
  const sections: Section[] = [];
  // One read of sources for every section: a read per section was a dozen queries per brief.
  const storyLines = await linesForGroups(
    deps,
    BRIEF_TYPE_ORDER.map((type) => byType.get(type) ?? []),
  );
  for (const [i, type] of BRIEF_TYPE_ORDER.entries()) {
    const lines = storyLines[i] ?? [];
    // A lawsuit told inside a deal story is listed with the lawsuits, after their stories.
    for (const t of told) if (t.type === type) lines.push(t.line);
    if (lines.length > 0) sections.push({ heading: typeLabel(type), lines });
  }
  const title = `Brief — ${describePeriod(period.since)}`;
  if (sections.length === 0) {
    return emptyResult(
      title,
      `stories in ${describePeriod(period.since)}`,
      `/brief since:${periodToken(Math.min(period.since * 4, MAX_PERIOD_MS))}`,
    );
  }
  return {
    title,
    sections,
    footer: `${count(total, "story", "stories")} in ${describePeriod(period.since)} · /deals for the ledger`,
  };
}
