import type { EntityInfo } from "./entities.js";
import type { ExtractedEvent } from "./event-types.js";
import { formatAmount, type Qualifier } from "./money.js";
import type { Sentence } from "./sentences.js";

const WORD = /[a-z0-9]{3,}/g;

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(WORD) ?? []);
}

// Sentences that carry no news: quotes of refusal, calls to action, bylines that slipped through.
const LOW_VALUE =
  /declined to comment|did not (?:immediately )?respond|could not be reached|for more information|click|subscribe|newsletter|photo:|image:|getty images/i;

/**
 * An extractive summary: the 1-3 sentences that best carry the news, in reading order. Scores
 * favour the lead, words shared with the title, and sentences with amounts or named companies.
 */
export function summarize(
  title: string,
  sentences: readonly Sentence[],
  maxSentences = 3,
  maxChars = 480,
): string {
  const titleWords = words(title);
  const scored = sentences.slice(0, 30).map((sentence, index) => {
    const own = words(sentence.text);
    let overlap = 0;
    for (const w of own) if (titleWords.has(w)) overlap++;
    const length = sentence.text.length;
    let score = 1 / (1 + index * 0.6) + (titleWords.size > 0 ? overlap / titleWords.size : 0);
    if (/[$€£]\s?\d/.test(sentence.text)) score += 0.3;
    if (/\b[A-Z][a-zA-Z]+\b.*\b[A-Z][a-zA-Z]+\b/.test(sentence.text)) score += 0.1;
    if (LOW_VALUE.test(sentence.text)) score -= 1;
    if (length < 40 || length > 400) score -= 0.5;
    return { sentence, index, score };
  });
  const picked: typeof scored = [];
  let chars = 0;
  for (const candidate of [...scored].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (picked.length >= maxSentences || candidate.score <= 0) break;
    if (picked.length > 0 && chars + candidate.sentence.text.length > maxChars) continue;
    picked.push(candidate);
    chars += candidate.sentence.text.length + 1;
  }
  return picked
    .sort((a, b) => a.index - b.index)
    .map((p) => p.sentence.text)
    .join(" ");
}

export interface DealLineFacts {
  type: ExtractedEvent["type"];
  amountUsd: number | null;
  qualifier: ExtractedEvent["qualifier"];
  parties: readonly string[];
  /** Untracked parties by name, in role order with the ids (see ExtractedEvent.partyNames). */
  partyNames?: readonly string[] | undefined;
  /** How many of the names lead as plaintiffs (legal events). */
  plaintiffCount?: number | undefined;
  status: ExtractedEvent["status"] | null;
  sources: number;
  /** The figures the outlets give, most reported first; two or more show as a conflict. */
  amounts?: readonly { amountUsd: number; qualifier: Qualifier; sources: number }[] | undefined;
}

/** The names an event's line shows: plaintiffs "v." defendants for lawsuits, "→" otherwise. */
export function partiesText(
  facts: Pick<DealLineFacts, "type" | "parties" | "partyNames" | "plaintiffCount">,
  entities: { get(id: string): EntityInfo | undefined },
): string {
  const names = facts.partyNames ?? facts.parties.map((id) => entities.get(id)?.name ?? id);
  if (facts.type === "legal" && names.length >= 2 && facts.plaintiffCount !== 0) {
    const plaintiffs = Math.min(Math.max(facts.plaintiffCount ?? 1, 1), names.length - 1);
    return `${names.slice(0, plaintiffs).join(", ")} v. ${names.slice(plaintiffs).join(", ")}`;
  }
  return names.join(facts.type === "legal" ? ", " : " → ");
}

/** `Amazon → OpenAI · investment · >$10B · talks · 2 sources`: one line per deal. */
export function dealLine(facts: DealLineFacts, entities: ReadonlyMap<string, EntityInfo>): string {
  const parts = [partiesText(facts, entities) || "?", facts.type.replace(/_/g, " ")];
  const amounts = facts.amounts ?? [];
  if (amounts.length > 1)
    parts.push(amounts.map((a) => `${formatAmount(a.amountUsd, a.qualifier)} (${a.sources})`).join(" vs "));
  else if (facts.amountUsd !== null) parts.push(formatAmount(facts.amountUsd, facts.qualifier ?? "exact"));
  if (facts.status) parts.push(facts.status);
  parts.push(`${facts.sources} source${facts.sources === 1 ? "" : "s"}`);
  return parts.join(" · ");
}
