import type { FxRates } from "../config/schema.js";
import { isBoilerplate, stripDateline } from "./boilerplate.js";
import { type EntityMatcher, type EntityScore, type Mention, scoreMentions } from "./entities.js";
import { type ExtractedEvent, extractEvents, type TextUnit } from "./events.js";
import { foldAccents } from "./fold.js";
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

/** Sentences without page furniture: no bylines or share prompts, datelines cut off. */
function readable(sentences: readonly Sentence[]): Sentence[] {
  return sentences
    .filter((s) => !isBoilerplate(s.text))
    .map((s) => {
      const text = stripDateline(s.text);
      return { ...s, text, start: s.start + (s.text.length - text.length) };
    })
    .filter((s) => s.text.length > 0);
}

/** All readable sentences of a body (Intl.Segmenter), for summaries. */
export function articleSentences(body: string): Sentence[] {
  return readable(splitSentences(body));
}

/** The first readable sentences of a body: what events and story grouping read. */
export function leadOf(body: string): Sentence[] {
  return readable(leadSentences(body, LEAD_SENTENCES + 4)).slice(0, LEAD_SENTENCES);
}

/** Entities, events and lead sentences of one article. Pure: no I/O, no clock. */
export function analyzeArticle(article: ArticleText, context: IntelContext): ArticleIntel {
  const { matcher } = context;
  const lead = leadOf(article.body);
  const [titleMentions = [], bodyMentions = []] = matcher.articleMentions([article.title, article.body]);
  const entities = scoreMentions(titleMentions, bodyMentions);
  if (entities.length === 0) return { entities, events: [], lead };

  // Offsets of body mentions are offsets in the body as long as folding kept its length.
  const sameOffsets = foldAccents(article.body).length === article.body.length;
  const units: TextUnit[] = [{ text: article.title, mentions: titleMentions, isTitle: true }];
  for (const sentence of lead) {
    const end = sentence.start + sentence.text.length;
    const mentions: Mention[] = sameOffsets
      ? bodyMentions
          .filter((m) => m.start >= sentence.start && m.end <= end)
          .map((m) => ({ ...m, start: m.start - sentence.start, end: m.end - sentence.start }))
      : (matcher.articleMentions([sentence.text])[0] ?? []).filter((m) =>
          entities.some((e) => e.id === m.entityId),
        );
    units.push({ text: sentence.text, mentions, isTitle: false });
  }
  const events = extractEvents(units, { entities: matcher.entities, rates: context.rates });
  return { entities, events, lead };
}
