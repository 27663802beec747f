// Characters that canonical decomposition (NFD) leaves alone: ASCII, Latin-1 punctuation and
// symbols (canonical decompositions start at U+00C0), general punctuation's dashes and quotes,
// and currency signs. Text made only of these needs no NFD pass, which is the costly step.
const NO_DECOMPOSITION = /^[\x00-\xbf\u2010-\u201f\u20a0-\u20bf]*$/;
const PUNCTUATION = /[\u2018\u2019\u02bc\u201c\u201d\u2010-\u2015\u00a0]/g;
const PLAIN: Record<string, string> = { "\u201c": '"', "\u201d": '"', "\u00a0": " " };

function plainPunctuation(char: string): string {
  return PLAIN[char] ?? (char >= "\u2010" && char <= "\u2015" ? "-" : "'");
}

/**
 * Accent folding for matching: "Nébius" and "Nebius" are one name. Offsets in the folded text are
 * what the matchers report, so every matcher folds the same way.
 */
export function foldAccents(text: string): string {
  // Fast path: pure ASCII needs no work.
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  const decomposed = NO_DECOMPOSITION.test(text)
    ? text
    : text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return decomposed.replace(PUNCTUATION, plainPunctuation);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
