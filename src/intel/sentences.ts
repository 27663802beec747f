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

// The words of ABBREVIATION; its "U.S"-like ones are its single capitals too ("S." after ".").
const ABBREVIATION_WORDS = new Set(
  "Mr Mrs Ms Dr Prof Sen Rep Gov Gen St Jr Sr Inc Corp Co Ltd Plc LLC No vs etc approx est Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec bn mn tn".split(
    " ",
  ),
);

const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATION_WORDS].map((w) => w.length));

/** 1 for the code units RegExp's \s matches, which are also those trim() removes. */
const SPACE = new Uint8Array(65536);
for (let code = 0; code < 65536; code++) SPACE[code] = /\s/.test(String.fromCharCode(code)) ? 1 : 0;

/** Whether RegExp's \w holds this code unit. */
function isWordUnit(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

/**
 * ABBREVIATION.test(text.slice(from, end)) for a slice that ends at its mark, without the slice
 * and the RegExp (which tries every position of it): a capital and a full stop after no word
 * character, or one of the words before a full stop.
 */
function abbreviationEnds(text: string, from: number, end: number): boolean {
  if (end - from < 2 || text.charCodeAt(end - 1) !== 46) return false;
  const before = text.charCodeAt(end - 2);
  if (before >= 65 && before <= 90 && (end - 2 === from || !isWordUnit(text.charCodeAt(end - 3))))
    return true;
  let word = end - 1;
  while (word > from && isWordUnit(text.charCodeAt(word - 1))) word--;
  const length = end - 1 - word;
  return length > 0 && length <= LONGEST_ABBREVIATION && ABBREVIATION_WORDS.has(text.slice(word, end - 1));
}

// A sentence ends at . ! or ? (maybe closed by a quote or bracket) before a space and a capital,
// digit, currency sign or opening quote.
const LEAD_BREAK = /[.!?]["”’)\]]?\s+(?=["“‘(]?[A-Z0-9$€£])/g;

/**
 * The first `count` sentences of a text, found with a light regular expression instead of
 * Intl.Segmenter: the event extractor reads only the lead, for every article, and must be fast.
 * Abbreviations ("U.S.", "Inc.") are re-joined as in splitSentences.
 */
export function leadSentences(text: string, count: number): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  // Line by line without splitting the whole text: only the first few sentences are wanted.
  for (let nextLine = 0; nextLine <= text.length && out.length < count; ) {
    const blockStart = nextLine;
    const newline = text.indexOf("\n", blockStart);
    const blockEnd = newline < 0 ? text.length : newline;
    nextLine = blockEnd + 1;
    const block = text.slice(blockStart, blockEnd);
    if (block.trim() === "") continue;
    let start = 0;
    LEAD_BREAK.lastIndex = 0;
    // Trimmed by offsets, then sliced once: a slice, its trim and its trimStart were three strings.
    const push = (end: number) => {
      let from = start;
      let to = end;
      while (from < to && SPACE[block.charCodeAt(from)] === 1) from++;
      while (to > from && SPACE[block.charCodeAt(to - 1)] === 1) to--;
      if (from < to) out.push({ text: block.slice(from, to), start: blockStart + from, paragraph });
    };
    // test, not exec: no match array. The break's mark ends where its run of spaces starts.
    while (LEAD_BREAK.test(block) && out.length < count) {
      const after = LEAD_BREAK.lastIndex;
      let end = after;
      while (SPACE[block.charCodeAt(end - 1)] === 1) end--;
      if (abbreviationEnds(block, Math.max(start, end - 12), end)) continue;
      push(end);
      start = after;
    }
    if (out.length < count) push(block.length);
    paragraph++;
  }
  return out.slice(0, count);
}
