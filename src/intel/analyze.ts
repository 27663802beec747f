import type { FxRates } from "../config/schema.js";
import { isBoilerplate, stripDateline } from "./boilerplate.js";
import { type EntityMatcher, type EntityScore, type Mention, scoreMentions } from "./entities.js";
import { type ExtractedEvent, extractEvents, type TextUnit } from "./events.js";
import { type Sentence, splitSentences } from "./sentences.js";

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
  /** Body sentences without furniture, for summaries. */
  sentences: Sentence[];
}

/** Sentences of the lead that the event extractor reads after the title. */
const LEAD_SENTENCES = 4;

/** Entities, events and clean sentences of one article. Pure: no I/O, no clock. */
export function analyzeArticle(article: ArticleText, context: IntelContext): ArticleIntel {
  const { matcher } = context;
  const sentences = splitSentences(article.body)
    .filter((s) => !isBoilerplate(s.text))
    .map((s) => ({ ...s, text: stripDateline(s.text) }))
    .filter((s) => s.text.length > 0);
  const [titleMentions = [], bodyMentions = []] = matcher.articleMentions([article.title, article.body]);
  const entities = scoreMentions(titleMentions, bodyMentions);
  if (entities.length === 0) return { entities, events: [], sentences };

  const kept = new Set(entities.map((e) => e.id));
  const units: TextUnit[] = [{ text: article.title, mentions: titleMentions, isTitle: true }];
  for (const sentence of sentences.slice(0, LEAD_SENTENCES)) {
    const mentions: Mention[] = matcher.mentions(sentence.text).filter((m) => kept.has(m.entityId));
    units.push({ text: sentence.text, mentions, isTitle: false });
  }
  const events = extractEvents(units, { entities: matcher.entities, rates: context.rates });
  return { entities, events, sentences };
}
