import { existsSync, readFileSync } from "node:fs";
import type { App } from "../app.js";
import { bodyOf } from "../enrich/enrich.js";
import { UserError } from "../errors.js";
import { toUserError } from "../ingest/add-feed.js";
import { decodeBody } from "../ingest/decode.js";
import { FeedError } from "../ingest/errors.js";
import type { NormalizedItem } from "../ingest/item.js";
import { parseFeed } from "../ingest/parse.js";
import type { EntityInfo } from "../intel/entities.js";
import type { Qualifier } from "../intel/money.js";
import { analyzeBatch } from "../intel/pipeline.js";
import { dealLine } from "../intel/summarize.js";
import { count } from "../plural.js";
import { safeText } from "../text-safety.js";

/** The JSON document of `infrawire analyze --json` (a contract: see DESIGN.md). */
export interface AnalyzeReport {
  items: {
    guid: string;
    title: string;
    link: string | null;
    publishedAt: string | null;
    entities: { id: string; mentions: number; salience: number }[];
    events: {
      type: string;
      amountUsd: number | null;
      qualifier: string | null;
      parties: string[];
      /** Every party by name in role order, when one of them is not a tracked entity. */
      partyNames?: string[];
      /** Legal events: how many of the parties lead as plaintiffs. */
      plaintiffCount?: number;
      /** Legal events: what tells the case from another (claims, court, plaintiffs). */
      legalCase?: { claims: string[]; court?: string; plaintiffs?: string[] };
      status: string | null;
      evidence: string;
      /** Reported in the body beside the headline event: it does not decide the item's story. */
      secondary?: true;
    }[];
    storyId: string;
  }[];
  stories: { id: string; itemGuids: string[]; headline: string }[];
}

async function readSource(app: App, source: string): Promise<{ text: string; url?: string }> {
  if (/^https?:\/\//i.test(source)) {
    try {
      const fetched = await app.fetcher.fetch(source);
      if (fetched.kind !== "ok")
        throw new FeedError("the server answered 304 Not Modified to a plain request");
      return { text: fetched.text, url: fetched.url };
    } catch (error) {
      if (error instanceof FeedError) throw toUserError(error);
      throw error;
    }
  }
  if (!existsSync(source)) {
    throw new UserError(
      `${source} is neither a file nor an http(s) URL.`,
      "give the path of an RSS/Atom file or a feed URL",
    );
  }
  return { text: decodeBody(readFileSync(source), undefined).text };
}

/** Reads a feed file or URL and runs the intel layer over its items, with no database involved. */
export async function analyzeSource(app: App, source: string): Promise<AnalyzeReport> {
  const now = app.clock.now();
  const { text, url } = await readSource(app, source);
  let items: NormalizedItem[];
  try {
    items = (await parseFeed(text, { ...(url ? { url } : {}), now })).items;
  } catch (error) {
    if (error instanceof FeedError) throw toUserError(error);
    throw error;
  }
  const result = analyzeBatch(
    items.map((item) => ({
      key: item.id,
      title: item.title,
      body: bodyOf(item),
      publishedAt: item.publishedAt ? Date.parse(item.publishedAt) : now.getTime(),
    })),
    await app.intel.get(),
  );
  const storyOf = new Map<string, string>();
  for (const story of result.stories) for (const key of story.keys) storyOf.set(key, story.id);
  return {
    items: items.map((item, i) => {
      const intel = result.items[i]?.intel;
      return {
        guid: item.id,
        title: item.title,
        link: item.url ?? null,
        publishedAt: item.publishedAt ?? null,
        entities: (intel?.entities ?? []).map((e) => ({
          id: e.id,
          mentions: e.mentions,
          salience: e.salience,
        })),
        events: (intel?.events ?? []).map((e) => ({
          type: e.type,
          amountUsd: e.amountUsd,
          qualifier: e.qualifier,
          parties: e.parties,
          ...(e.partyNames ? { partyNames: e.partyNames } : {}),
          ...(e.plaintiffCount !== undefined ? { plaintiffCount: e.plaintiffCount } : {}),
          ...(e.legalCase ? { legalCase: e.legalCase } : {}),
          status: e.status,
          evidence: e.evidence,
          ...(e.secondary ? { secondary: true as const } : {}),
        })),
        storyId: storyOf.get(item.id) ?? "",
      };
    }),
    stories: result.stories.map((s) => ({ id: s.id, itemGuids: s.keys, headline: s.headline })),
  };
}

/** The readable form: one block per story with its deal line and sources. */
export function formatAnalysis(report: AnalyzeReport, entities: ReadonlyMap<string, EntityInfo>): string {
  const byGuid = new Map(report.items.map((i) => [i.guid, i]));
  const lines: string[] = [];
  for (const story of report.stories) {
    const members = story.itemGuids.map((g) => byGuid.get(g)).filter((i) => i !== undefined);
    const headlineEvents = members.flatMap((m) => m.events.filter((e) => !e.secondary));
    const event = headlineEvents[0];
    lines.push(`■ ${story.headline}`);
    if (event) {
      // Each outlet's figure for the story's event, so that disagreeing outlets show as a conflict.
      const amounts: { amountUsd: number; qualifier: Qualifier; sources: number }[] = [];
      for (const m of members) {
        const own = m.events.find((e) => !e.secondary && e.type === event.type && e.amountUsd !== null);
        if (!own || own.amountUsd === null) continue;
        const qualifier = (own.qualifier ?? "exact") as Qualifier;
        const same = amounts.find((a) => a.amountUsd === own.amountUsd && a.qualifier === qualifier);
        if (same) same.sources++;
        else amounts.push({ amountUsd: own.amountUsd, qualifier, sources: 1 });
      }
      amounts.sort((a, b) => b.sources - a.sources);
      lines.push(
        `  ${dealLine({ ...event, type: event.type as never, qualifier: event.qualifier as never, status: event.status as never, sources: members.length, amounts }, entities)}`,
      );
    }
    const named = [
      ...new Set(members.flatMap((m) => m.entities.map((e) => entities.get(e.id)?.name ?? e.id))),
    ];
    if (named.length > 0) lines.push(`  entities: ${named.slice(0, 8).join(", ")}`);
    for (const m of members) lines.push(`  - ${m.title}${m.link ? ` <${m.link}>` : ""}`);
    lines.push("");
  }
  const events = report.items.reduce((n, i) => n + i.events.length, 0);
  lines.push(
    `${count(report.items.length, "item")}, ${count(events, "event")}, ${count(report.stories.length, "story", "stories")}.`,
  );
  return safeText(lines.join("\n"));
}
