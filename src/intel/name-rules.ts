import { foldAccents } from "./fold.js";

/** Why a name fails `canBeMatched`, in words a user can act on. */
export const MATCHABLE_NAME_RULE =
  "names must be at least two characters and start with a Latin letter or digit (accents are fine)";

/**
 * Whether the matcher can ever find this name in an article: names are found where an ASCII word
 * starts, after accents are folded, so "Ōpen" can match and "#AI" or "X" cannot. `/track add` and
 * entities.yaml both refuse a name that fails this, rather than store one that never matches.
 */
export function canBeMatched(name: string): boolean {
  return /^[A-Za-z0-9].+/.test(foldAccents(name.trim()));
}
