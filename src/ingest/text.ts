import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";
import iconv from "iconv-lite";
import { safeText } from "../text-safety.js";

const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);
const SKIPPED_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "title",
  "iframe",
  "object",
]);

/** Folds runs of white space (including NBSP) into single spaces, keeping paragraph breaks. */
export function foldWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const LOOKS_LIKE_HTML = /<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});/;

/** HTML (or plain text that may carry entities) to readable plain text. */
export function htmlToText(input: string): string {
  if (!LOOKS_LIKE_HTML.test(input)) return foldWhitespace(input);
  const out: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_TAGS.has(name)) skipping++;
        else if (BLOCK_TAGS.has(name)) out.push("\n");
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_TAGS.has(name)) out.push("\n");
      },
      ontext(text) {
        if (skipping === 0) out.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(input);
  parser.end();
  return foldWhitespace(out.join(""));
}

/** Decodes HTML entities in text that is not HTML (titles, names). */
export function decodeEntities(text: string): string {
  return text.includes("&") ? decodeHTML(text) : text;
}

// UTF-8 bytes read as windows-1252 leave these pairs ("â€™" for ’, "Ã©" for é).
const MOJIBAKE =
  /[ÂÃâ][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]/;

// windows-1252 as the mis-decoder saw it: 0x80-0x9f are mostly punctuation, and the five
// undefined bytes (0x81 0x8d 0x8f 0x90 0x9d) pass through as the C1 controls of the same number.
const CP1252_BYTE = new Map<string, number>();
for (let byte = 0x80; byte <= 0x9f; byte++) {
  const char = iconv.decode(Buffer.from([byte]), "windows-1252");
  CP1252_BYTE.set(char === "\ufffd" ? String.fromCharCode(byte) : char, byte);
  CP1252_BYTE.set(String.fromCharCode(byte), byte);
}

function asCp1252Bytes(text: string): Buffer | undefined {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252_BYTE.get(char);
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

function undoDoubleEncoding(text: string): string {
  if (!MOJIBAKE.test(text)) return text;
  // A no-break space (C2 A0) read as windows-1252 is "Â" and a space that later folding made plain.
  const bytes = asCp1252Bytes(text.replace(/Â /g, "Â\u00a0"));
  if (!bytes) return text;
  const repaired = bytes.toString("utf8");
  // Only keep the repair when every byte sequence was valid UTF-8 and it got shorter.
  return repaired.includes("\ufffd") || repaired.length >= text.length ? text : repaired;
}

/** U+FFFD stands where a dash or a quote was lost in transit; put back the likely character. */
function replaceLostPunctuation(text: string): string {
  if (!text.includes("\ufffd")) return text;
  return text
    .replace(/([A-Za-z])\ufffd(s|t|d|m|ll|re|ve)\b/g, "$1’$2")
    .replace(/(\d)\ufffd(\d)/g, "$1–$2")
    .replace(/(^|\s)\ufffd(\s)/g, "$1–$2")
    .replace(/(^|[\s(])\ufffd(?=\S)/g, "$1“")
    .replace(/(\S)\ufffd(?=[\s,.;:!?)]|$)/g, "$1”")
    .replace(/\ufffd/g, "'");
}

/**
 * Some feeds arrive with every full stop turned into "?" (`$1?5 trillion`, `U?S?`). A text with no
 * full stop at all and a digit?digit or a letter?letter? run is taken to be such a text.
 */
function restoreFullStops(text: string): string {
  if (text.includes(".") || !text.includes("?")) return text;
  if (!/\d\?\d|\b[A-Z]\?[A-Z]\?|[a-z]\? [A-Z][a-z]/.test(text)) return text;
  const questions = text.match(/\?/g)?.length ?? 0;
  // A lone question in a headline ("Is this the end of cheap GPUs?") is a real question.
  if (questions === 1 && /\?\s*$/.test(text) && !/\d\?\d/.test(text)) return text;
  return text.replace(/\?/g, ".");
}

/** C1 control characters (U+0080-U+009F) in text are windows-1252 punctuation decoded as Latin-1. */
function replaceC1Controls(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const decoded = iconv.decode(Buffer.from([c.charCodeAt(0)]), "windows-1252");
    return decoded === "\ufffd" ? "" : decoded;
  });
}

/**
 * Repairs the common ways feed text gets mangled (mojibake, lost punctuation, lost full stops),
 * then drops what must never reach a screen: control characters, and the invisible characters
 * that reorder text or split a name (see text-safety.ts). C1 controls are stripped only after
 * they had their chance to be read as windows-1252 punctuation.
 */
export function repairText(text: string): string {
  const repaired = safeText(
    restoreFullStops(replaceLostPunctuation(replaceC1Controls(undoDoubleEncoding(text)))),
  );
  return repaired === text ? text : foldWhitespace(repaired);
}

/** Feed text (maybe HTML) to clean, repaired plain text. */
export function cleanText(input: string | undefined, maxLength = 100_000): string {
  if (!input) return "";
  const text = repairText(htmlToText(input));
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** A one-line variant for titles, names and categories. */
export function cleanLine(input: string | undefined, maxLength = 1_000): string {
  return cleanText(input, maxLength).replace(/\s+/g, " ");
}
