export interface Sentence {
  text: string;
  /** Offset in the text it came from. */
  start: number;
  /** Paragraph number, 0 for the first. */
  paragraph: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

// A segment that ends in one of these did not end a sentence: "U.S.", "Mr.", "Inc.", "$1.5bn.".
const ABBREVIATION =
  /(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|St|Jr|Sr|Inc|Corp|Co|Ltd|Plc|LLC|No|vs|etc|approx|est|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|bn|mn|tn|U\.S|U\.K|E\.U)\.)\s*$/;

/** Splits text into sentences with Intl.Segmenter, re-joining splits after abbreviations. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let offset = 0;
  for (const block of text.split(/\n\s*\n|\n/)) {
    const blockStart = text.indexOf(block, offset);
    offset = blockStart + block.length;
    if (block.trim() === "") continue;
    let pending: Sentence | undefined;
    for (const segment of segmenter.segment(block)) {
      const raw = segment.segment;
      if (pending && ABBREVIATION.test(pending.text) && /^\s*[\w$€£"“(]/.test(raw)) {
        pending.text += raw;
        continue;
      }
      if (pending) out.push(finish(pending));
      pending = { text: raw, start: blockStart + segment.index, paragraph };
    }
    if (pending) out.push(finish(pending));
    paragraph++;
  }
  return out.filter((s) => s.text.length > 0);
}

function finish(sentence: Sentence): Sentence {
  const lead = sentence.text.length - sentence.text.trimStart().length;
  return { ...sentence, text: sentence.text.trim(), start: sentence.start + lead };
}
