/**
 * Accent folding for matching: "Nébius" and "Nebius" are one name. Offsets in the folded text are
 * what the matchers report, so every matcher folds the same way.
 */
export function foldAccents(text: string): string {
  // Fast path: pure ASCII needs no work.
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\u00a0/g, " ");
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
