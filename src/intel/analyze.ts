import type { FxRates } from "../config/schema.js";
import { isBoilerplate, stripDateline } from "./boilerplate.js";
import { amountFurtherOn, termsUndisclosed } from "./deal-amount.js";
import { type EntityMatcher, type EntityScore, type Mention, scoreMentions } from "./entities.js";
import { type ExtractedEvent, MONEY_TYPES, type TextUnit } from "./event-types.js";
import { extractEvents, isLiveBlog } from "./events.js";
import { foldAccents } from "./fold.js";
import { rivalAsideAt } from "./parties.js";
import { leadSentences, type Sentence, splitSentences } from "./sentences.js";

export interface IntelContext {
  matcher: EntityMatcher;
  rates: FxRates["rates"];
}

export interface ArticleText {
  title: string;
  /** Summary and content in reading order, plain text. */
  body: string;
}

export interface ArticleIntel {
  entities: EntityScore[];
  events: ExtractedEvent[];
  /** The first body sentences without furniture (bylines, datelines), for events and grouping. */
  lead: Sentence[];
}

/** Sentences of the lead that the event extractor reads after the title. */
const LEAD_SENTENCES = 4;
// How far past the lead a live blog is read for its headline deal's figure.
const LIVE_BLOG_REACH = 60;

/** Sentences without page furniture: no bylines or share prompts, datelines cut off. */
function readable(sentences: readonly Sentence[]): Sentence[] {
  // One loop, not filter, map and filter: it runs for the lead of every article.
  const out: Sentence[] = [];
  for (const s of sentences) {
    if (isBoilerplate(s.text)) continue;
    const text = stripDateline(s.text);
    if (text.length > 0) out.push({ ...s, text, start: s.start + (s.text.length - text.length) });
  }
  return out;
}

/** All readable sentences of a body (Intl.Segmenter), for summaries. */
export function articleSentences(body: string): Sentence[] {
  return readable(splitSentences(body));
}

/**
 * The first readable sentences of a body: what events and story grouping read. A sentence that
 * repeats the title is skipped; an author's bio under the byline makes it read further.
 */
export function leadOf(body: string, title = ""): Sentence[] {
  const titleKey = title.trim().toLowerCase();
  const keep = (sentences: Sentence[]) =>
    readable(sentences).filter(
      (s) => s.text.length !== titleKey.length || titleKey === "" || s.text.toLowerCase() !== titleKey,
    );
  const first = leadSentences(body, LEAD_SENTENCES + 4);
  let lead = keep(first);
  // Read further only when furniture took the place of sentences the body still has.
  if (lead.length < LEAD_SENTENCES && first.length === LEAD_SENTENCES + 4)
    lead = keep(leadSentences(body, LEAD_SENTENCES + 20));
  return lead.slice(0, LEAD_SENTENCES);
}

// Damaged punctuation as some feeds deliver it: "?" for every full stop and decimal point, U+FFFD
// for dashes. Repairs keep the text's length, so mention offsets stay valid.
const DAMAGED_DECIMAL = /(\d)\?(?=\d)/g;
const DAMAGED_INITIALS = /\b([A-Z])\?([A-Z])\?/g;
const DAMAGED = /\d\?\d|\b[A-Z]\?[A-Z]\?/;

// A sentence end: the mark after a word, then a capital or the end of a line.
const QUESTION_END = /(?<=[\w)’”"])\?(?=\s+[A-Z]|\s*$)/gm;
const FULL_STOP_END = /(?<=[\w)’”"])\.(?=\s+[A-Z]|\s*$)/gm;

/**
 * Whether "?" stands for the full stop: a text whose sentences nearly all end in "?" (three
 * times as many as end in ".", and at least three) is damaged, not a list of questions.
 */
function questionMarksAreStops(text: string): boolean {
  const questions = text.match(QUESTION_END)?.length ?? 0;
  if (questions < 3) return false;
  return questions >= 3 * (text.match(FULL_STOP_END)?.length ?? 0);
}

/**
 * The text with "$1?5 trillion", "U?S?", "?" for every full stop and U+FFFD dashes repaired;
 * unchanged when undamaged.
 */
export function repairPunctuation(text: string): string {
  let out = text;
  // indexOf, not includes: V8 searches a one-byte string for U+FFFD several times faster so.
  if (out.indexOf("\uFFFD") >= 0) out = out.replaceAll("\uFFFD", "—");
  if (out.indexOf("?") < 0) return out;
  if (DAMAGED.test(out)) out = out.replace(DAMAGED_DECIMAL, "$1.").replace(DAMAGED_INITIALS, "$1.$2.");
  if (questionMarksAreStops(out)) out = out.replace(QUESTION_END, ".");
  return out;
}

/** Sentences of the body with the mentions that fall in each, as units the event extractor reads. */
function mentionUnits(
  sentences: readonly Sentence[],
  body: BodyText,
  bodyMentions: readonly Mention[],
  entities: readonly EntityScore[],
  context: IntelContext,
): TextUnit[] {
  // Offsets of body mentions are offsets in the body as long as folding kept its length.
  const sameOffsets = sentences.length > 0 && foldKeepsOffsets(body);
  return sentences.map((sentence) => {
    const end = sentence.start + sentence.text.length;
    let mentions: Mention[];
    if (sameOffsets) {
      mentions = [];
      for (const m of bodyMentions)
        if (m.start >= sentence.start && m.end <= end)
          mentions.push({ ...m, start: m.start - sentence.start, end: m.end - sentence.start });
    } else
      mentions = (context.matcher.articleMentions([sentence.text])[0] ?? []).filter((m) =>
        entities.some((e) => e.id === m.entityId),
      );
    return { text: sentence.text, mentions, isTitle: false };
  });
}

/** An article's body, with whether folding keeps its offsets once that is known. */
interface BodyText {
  text: string;
  foldKeepsOffsets?: boolean;
}

/** Folding is a scan of the whole body: once an article is enough. */
function foldKeepsOffsets(body: BodyText): boolean {
  body.foldKeepsOffsets ??= foldAccents(body.text).length === body.text.length;
  return body.foldKeepsOffsets;
}

/** Entities, events and lead sentences of one article. Pure: no I/O, no clock. */
export function analyzeArticle(input: ArticleText, context: IntelContext): ArticleIntel {
  const { matcher } = context;
  const article = { title: repairPunctuation(input.title), body: repairPunctuation(input.body) };
  const lead = leadOf(article.body, article.title);
  const [titleMentions = [], bodyMentions = []] = matcher.articleMentions([article.title, article.body]);
  const entities = scoreMentions(titleMentions, bodyMentions);
  if (entities.length === 0) return { entities, events: [], lead };

  const body: BodyText = { text: article.body };
  const units: TextUnit[] = [
    { text: article.title, mentions: titleMentions, isTitle: true },
    ...mentionUnits(lead, body, bodyMentions, entities, context),
  ];
  const eventContext = { entities: matcher.entities, rates: context.rates };
  const events = extractEvents(units, eventContext);
  // A headline that names the deal but not its size: read on past the lead for the figure.
  const vague = events[0];
  // Not when the lead says the terms were not disclosed: a figure further on is another deal's.
  if (
    vague &&
    vague.amountUsd === null &&
    MONEY_TYPES.has(vague.type) &&
    vague.type !== "valuation" &&
    !termsUndisclosed([article.title, ...lead.map((s) => s.text)])
  ) {
    // A live blog tells its entries newest first: the entry with the figure is near the bottom.
    const reach = LEAD_SENTENCES + (isLiveBlog(units) ? LIVE_BLOG_REACH : 12);
    const further = readable(leadSentences(article.body, reach)).filter(
      (s) => !lead.some((l) => l.start === s.start),
    );
    const money = amountFurtherOn(
      vague,
      mentionUnits(further, body, bodyMentions, entities, context),
      eventContext,
    );
    if (money) events[0] = { ...vague, amountUsd: money.amountUsd, qualifier: money.qualifier };
  }
  events.push(...secondaryEvents(body, lead, events, bodyMentions, entities, context));
  const scored = withStateAbout(
    withoutRival(entities, titleMentions, events, article.title),
    events,
    context,
  );
  return { entities: scored, events, lead };
}

/**
 * A state that is a side of the headline's rule or lawsuit is a subject of the story even when the
 * headline names it only by its capital ("Washington's chip rule hits A and B"): counted `about`,
 * an outlet on the rule's effect on the companies hit joins the one on the rule.
 */
function withStateAbout(
  entities: EntityScore[],
  events: readonly ExtractedEvent[],
  context: IntelContext,
): EntityScore[] {
  const states = new Set<string>();
  for (const event of events)
    if (!event.secondary && (event.type === "regulation" || event.type === "legal"))
      for (const id of event.parties)
        if (context.matcher.entities.get(id)?.kind === "government") states.add(id);
  if (states.size === 0) return entities;
  return entities.map((e) => (!e.about && states.has(e.id) ? { ...e, about: true } : e));
}

/**
 * A rival a launch headline only challenges ("Google wants ChatGPT's coding crown") is no subject of
 * the story: named in the title after the challenge, in no event, and not the article's main
 * entity, it is not `about`, so two outlets of one launch, one naming the rival, stay alike.
 */
function withoutRival(
  entities: EntityScore[],
  titleMentions: readonly Mention[],
  events: readonly ExtractedEvent[],
  title: string,
): EntityScore[] {
  if (titleMentions.length < 2 || events[0]?.type !== "launch") return entities;
  const at = rivalAsideAt(title);
  if (at < 0) return entities;
  return entities.map((e) =>
    e.about &&
    e.salience < 1 &&
    !(e.salience >= 0.5 && e.mentions >= 2) &&
    titleMentions.every((m) => m.entityId !== e.id || m.start > at) &&
    !events.some((ev) => ev.parties.includes(e.id))
      ? { ...e, about: false }
      : e,
  );
}

// Body events worth their own line beside the headline event: lawsuits and settlements. A quick
// test over the whole body keeps articles without such words from being split any further.
const SECONDARY_GATE = /\b(?:lawsuits?|sued|sues|suing|suit against|complaint|settle(?:s|d|ment)?)\b/i;
// Letters every word of the gate holds: a plain scan of the body, cheaper than the gate's.
const SECONDARY_LETTERS = /su[ei]|complaint|settle/i;
const SECONDARY_CUE =
  /\b(?:lawsuits?|sued|sues|suing|suit against|(?:filed|files) (?:a )?complaint|settle(?:s|d|ment)?)\b/;
// A dispute told as history ("settled last year", "previously sued") is no new event.
// Also "It comes three days after a publisher sued the company": an earlier suit as a point in time.
const HISTORY =
  /\b(?:last year|previously|in 20\d\d|years ago|earlier lawsuit|a similar|(?:days|weeks|months|a day|a week|a month) after)\b/;
const MAX_SECONDARY = 2;
const BODY_SENTENCES = 60;

/**
 * Events the body reports besides the headline's: a lawsuit told further down a deal story. They
 * are flagged `secondary`, so they reach the disputes digest but do not decide the item's story.
 */
function secondaryEvents(
  bodyText: BodyText,
  lead: readonly Sentence[],
  headline: readonly ExtractedEvent[],
  bodyMentions: readonly Mention[],
  entities: readonly EntityScore[],
  context: IntelContext,
): ExtractedEvent[] {
  const body = bodyText.text;
  // A lawsuit story's other lawsuits are its own background; deal stories are where they hide.
  if (
    headline.length === 0 ||
    headline.some((e) => e.type === "legal") ||
    !SECONDARY_LETTERS.test(body) ||
    !SECONDARY_GATE.test(body)
  )
    return [];
  const sentences = readable(leadSentences(body, BODY_SENTENCES)).filter(
    (s) =>
      !lead.some((l) => l.start === s.start) &&
      SECONDARY_CUE.test(s.text.toLowerCase()) &&
      !HISTORY.test(s.text),
  );
  const out: ExtractedEvent[] = [];
  const eventContext = { entities: context.matcher.entities, rates: context.rates };
  for (const unit of mentionUnits(sentences, bodyText, bodyMentions, entities, context)) {
    if (out.length >= MAX_SECONDARY) break;
    if (unit.mentions.length === 0) continue;
    for (const event of extractEvents([unit], eventContext)) {
      if (event.type !== "legal") continue;
      const known = [...headline, ...out].some(
        (e) => e.type === event.type && e.parties.join() === event.parties.join(),
      );
      if (!known) out.push({ ...event, secondary: true });
    }
  }
  return out;
}
