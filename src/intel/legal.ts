import type { EntityInfo, Mention } from "./entities.js";

/**
 * Who sues whom, as a sentence states it: plaintiffs first, then defendants, each by entity id
 * when tracked and by name otherwise ("The New York Times", "an estate", "authors").
 */
export interface LegalRoles {
  /** Tracked parties, plaintiffs first. */
  ids: string[];
  /** Every party by name, plaintiffs first; only when one of them is not a tracked entity. */
  names?: string[];
  /** How many of `names` (or of `ids` when there are no names) are plaintiffs. */
  plaintiffCount: number;
}

// "X sues Y", "X files suit against Y", "X's lawsuit against Y", "case against Y", "X v. Y".
const ACTIVE =
  /\b(?:sues|sued|sue|suing|files? (?:an? |new )?(?:[\w-]+ ){0,3}?(?:suit|lawsuit|complaint|claim)s? against|(?:takes?|took) .{1,40}? to court|accuses|accused|v\.?|vs\.?|(?:law)?suits? against|case against|complaint against|claims? against|action against)\s+/i;
// "Y sued by X", "Y faces lawsuit from X", "Y hit with suit by X".
const PASSIVE =
  /\b(?:sued by|lawsuits? (?:from|by|filed by)|suit (?:from|by|filed by)|complaint (?:from|by)|accused by)\s+/i;
// Where a list of parties ends: the claim, the venue, the reason.
const SPAN_END =
  /\s+(?:over|for|alleging|claiming|after|in (?:a |an |the |federal |state )|on|about|accusing|that|which|who|to (?!court)|as|amid|seeking|said|says|move|moves|proceed|goes|can|may|will|—|-|–)\b|[,:;?!"“”(]|\.(?:\s|$)/i;
// Words before the parties or after them that belong to the reporting, not to a party's name.
const LEAD_IN =
  /^(?:(?:a |the )?(?:judge|court|jury|appeals court|federal judge)\s+(?:lets|allows|rejects|dismisses|tosses|revives|says|rules|orders|clears)\s+|why\s+|how\s+|what\s+|breaking:\s*)/i;
const DESCRIPTORS =
  /(?:['’]s?)?\s+(?:copyright|antitrust|privacy|wrongful[- ]death|trade[- ]secrets?|defamation|patent|class[- ]action|landmark|new|federal|fresh)(?:\s+(?:copyright|infringement))?$/i;

// A party's name starts with a capital, or is one of the plaintiffs reporters name by role.
const NAME_START =
  /^(?:[A-Z0-9]|(?:an?|the|some|several|two|three|four|five|\d+)\s|(?:estates?|famil(?:y|ies)|parents|authors|artists|publishers|newspapers|users|shareholders|investors|employees|musicians|writers|creators|record labels|states|attorneys general)\b)/;

function cleanName(raw: string): string | undefined {
  let name = raw
    .trim()
    .replace(LEAD_IN, "")
    .replace(/^(?:and|or)\s+/i, "")
    .replace(DESCRIPTORS, "")
    .replace(/['’]s$/, "")
    .trim();
  name = name.replace(/\s+(?:files?|filed|brings?|brought)$/i, "").trim();
  if (name.length < 2 || name.split(/\s+/).length > 7) return undefined;
  if (!NAME_START.test(name)) return undefined;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

interface Party {
  id?: string;
  name: string;
}

/** The parties named in `text[from, to)`, in order: tracked mentions by id, the rest by name. */
function partiesIn(
  text: string,
  from: number,
  to: number,
  mentions: readonly Mention[],
  entities: ReadonlyMap<string, EntityInfo>,
): Party[] {
  const out: Party[] = [];
  const span = text.slice(from, to);
  let offset = from;
  for (const piece of span.split(/,\s*|\s+and\s+|\s*&\s*/)) {
    const start = text.indexOf(piece, offset);
    const end = start + piece.length;
    offset = end;
    const inside = mentions.filter((m) => m.start >= start && m.end <= end);
    if (inside.length > 0) {
      for (const m of inside)
        if (!out.some((p) => p.id === m.entityId))
          out.push({ id: m.entityId, name: entities.get(m.entityId)?.name ?? m.text });
      continue;
    }
    const name = cleanName(piece);
    if (name && !out.some((p) => p.name === name)) out.push({ name });
  }
  return out;
}

function spanEnd(text: string, from: number): number {
  const rest = text.slice(from);
  const stop = SPAN_END.exec(rest);
  return stop ? from + stop.index : text.length;
}

/** Plaintiffs and defendants of the lawsuit a sentence reports, when its wording says who is who. */
export function legalRoles(
  text: string,
  mentions: readonly Mention[],
  entities: ReadonlyMap<string, EntityInfo>,
): LegalRoles | undefined {
  let plaintiffs: Party[];
  let defendants: Party[];
  const passive = PASSIVE.exec(text);
  const active = passive ? null : ACTIVE.exec(text);
  if (passive) {
    const after = passive.index + passive[0].length;
    plaintiffs = partiesIn(text, after, spanEnd(text, after), mentions, entities);
    const clauseStart = Math.max(0, text.lastIndexOf(",", passive.index) + 1);
    defendants = partiesIn(text, clauseStart, passive.index, mentions, entities).slice(-3);
    // "OpenAI faces lawsuit from authors": the subject before the verb is the defendant.
    defendants = defendants.map((p) => ({
      ...p,
      name: p.name.replace(/\s+(?:faces?|is|was|hit with|gets?)$/i, ""),
    }));
  } else if (active) {
    const after = active.index + active[0].length;
    defendants = partiesIn(text, after, spanEnd(text, after), mentions, entities);
    const clauseStart = Math.max(
      0,
      text.lastIndexOf(",", active.index) + 1,
      text.lastIndexOf(":", active.index) + 1,
    );
    plaintiffs = partiesIn(text, clauseStart, active.index, mentions, entities);
  } else return undefined;
  defendants = defendants.filter((d) => !plaintiffs.some((p) => (p.id ? p.id === d.id : p.name === d.name)));
  if (defendants.length === 0) return undefined;
  const all = [...plaintiffs, ...defendants];
  const ids = all.flatMap((p) => (p.id ? [p.id] : []));
  if (ids.length === 0) return undefined;
  const untracked = all.some((p) => !p.id);
  return untracked
    ? { ids, names: all.map((p) => p.name), plaintiffCount: plaintiffs.length }
    : { ids, plaintiffCount: plaintiffs.filter((p) => p.id).length };
}
