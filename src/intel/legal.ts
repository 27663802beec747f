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
  /**
   * Who brings the case: entity ids; untracked plaintiffs in lower case as "name:" + their name, or
   * "role:" + it when they are named by what they are ("authors").
   */
  plaintiffs: string[];
}

// "X sues Y", "X files suit against Y", "X's lawsuit against Y", "case against Y", "X v. Y".
const ACTIVE =
  /\b(?:sues|sued|sue|suing|files? (?:an? |new )?(?:[\w-]+ ){0,3}?(?:suit|lawsuit|complaint|claim)s? against|(?:takes?|took) .{1,40}? to court|accuses|accused|v\.?|vs\.?|(?:law)?suits? against|case against|complaint against|claims? against|action against)\s+/i;
// "Y sued by X", "Y faces lawsuit from X", "Y hit with suit by X".
const PASSIVE =
  /\b(?:sued by|lawsuits? (?:from|by|filed by)|suit (?:from|by|filed by)|complaint (?:from|by)|accused by)\s+/i;
// "X agrees settlement with Y", "X settles with Y": the other side of a settlement brought the case.
const SETTLED_WITH = /\b(?:settlements? with|settles? with|settled with|settling with)\s+/i;
// Where a list of parties ends: the claim, the venue, the reason.
const SPAN_END =
  /\s+(?:over|for|alleging|claiming|after|in (?:a |an |the |federal |state )|on|about|accusing|that|which|who|to (?!court)|as|amid|seeking|said|says|move|moves|proceed|goes|can|may|will|accuses|alleges|claims|charges|targets|—|-|–)\b|[,:;?!"“”(]|\.(?:\s|$)/i;
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
  /** Named as a person of a tracked company ("Elon Musk"): the case is the person's, by name. */
  person?: boolean;
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
          out.push(
            m.kind === "person"
              ? { id: m.entityId, name: m.text, person: true }
              : { id: m.entityId, name: entities.get(m.entityId)?.name ?? m.text },
          );
      continue;
    }
    const name = cleanName(piece);
    if (name && !out.some((p) => p.name === name)) out.push({ name });
  }
  return out;
}

// Plaintiffs named by what they are ("authors", "a group of writers", "the estate of a user"):
// one outlet's "novelists" is another's "writers", so such names never tell two cases apart.
const ROLE_PLAINTIFF =
  /^(?:(?:an?|the|some|several|two|three|four|five|dozens of|\d+)\s+)?(?:(?:group|coalition|class) of\s+)?(?:estates?|famil(?:y|ies)|parents|mothers?|fathers?|widows?|children|teens?|victims?|survivors?|authors|artists|publishers|newspapers|news (?:outlets|organi[sz]ations)|users|consumers|customers|shareholders|investors|employees|workers|musicians|writers|novelists|journalists|photographers|actors|creators|developers|programmers|record labels|states|attorneys general|plaintiffs)\b/i;

/** A plaintiff's key: "role:" for those named by what they are, "name:" for the rest, lower case. */
function plaintiffKey(name: string): string {
  return `${ROLE_PLAINTIFF.test(name) || AGENT_PLURAL.test(name) ? "role" : "name"}:${name.toLowerCase()}`;
}

// Plaintiffs named by their trade in the plural, the words after the first in lower case:
// "Session musicians", "Illustrators", "Voice actors" (not "The New York Times").
const AGENT_PLURAL =
  /^(?:(?:An?|The|Some|Several|Dozens of|\d+)\s+)?(?:(?:[A-Z][a-z-]*|[a-z][a-z-]*)\s+(?=[a-z]))?[A-Za-z][a-z]+(?:ers|ors|ists|ians|ants|ents|ees)$/;

const RELATIVE_BEFORE = /, (?:which|who|that) [^,]*$/;

// Plaintiffs a headline names by what they are ("news publisher", "regional newspaper chain"):
// another outlet names the same plaintiff another way, or by its name.
const DESCRIBED =
  /\b(?:publishers?|newspapers?|papers|chain|group|company|firm|outlet|broadcaster|owner|maker|developer|start-?up|label|studio|network|organi[sz]ation|agency|site|coalition)$/;

/** Whether every plaintiff of the roles is named by a description, not by a name. */
export function describedOnly(roles: LegalRoles): boolean {
  return (
    roles.plaintiffs.length > 0 && roles.plaintiffs.every((p) => p.startsWith("name:") && DESCRIBED.test(p))
  );
}

// "The copyright suit comes from the Harbor Ledger, ...": who brings it, told after the suit.
const COMES_FROM =
  /\b(?:suit|lawsuit|case|complaint|action|claim)\b[^.;]{0,60}?\b(?:comes|came|was brought|is brought|was filed) (?:from|by) ([A-Z][^,.;()]{1,60}|the [A-Z][^,.;()]{1,60})/;

/**
 * The plaintiffs a lead sentence names by name, as case keys (see `LegalRoles.plaintiffs`), or
 * undefined when it names none: what a headline that describes the plaintiff leaves out.
 */
export function namedPlaintiffs(
  text: string,
  mentions: readonly Mention[],
  entities: ReadonlyMap<string, EntityInfo>,
): string[] | undefined {
  const roles = legalRoles(text, mentions, entities);
  if (roles && roles.plaintiffs.length > 0 && !describedOnly(roles)) return roles.plaintiffs;
  const from = text.includes(" from ") || text.includes(" by ") ? COMES_FROM.exec(text) : null;
  const name = from ? cleanName(from[1] as string) : undefined;
  return name && !DESCRIBED.test(name.toLowerCase()) ? [plaintiffKey(name)] : undefined;
}

// "The illustrators, led by picture-book artist Dana Whitcombe, filed ...": the plaintiffs the
// headline describes, then the one who leads them, by name (the capitalised words before the comma).
const LED_PLAINTIFFS =
  /^(?:[Tt]he )?([A-Za-z][\w'’ -]{2,40}), led by (?:[^,;.]*? )?((?:[A-Z][\w'’-]+ ){0,3}[A-Z][\w'’-]+)(?=[,;.]|\s+(?:filed|sued|brought|have|has|say|said)\b)/;

/**
 * The lead plaintiff's key when a lead sentence names the headline's described plaintiffs and who
 * leads them ("The illustrators, led by Dana Whitcombe"), or undefined.
 */
export function ledPlaintiff(text: string, roles: LegalRoles): string[] | undefined {
  const led = LED_PLAINTIFFS.exec(text);
  if (!led) return undefined;
  const described = (led[1] as string).toLowerCase();
  if (!roles.plaintiffs.some((p) => p.slice(p.indexOf(":") + 1) === described)) return undefined;
  return [`name:${(led[2] as string).toLowerCase()}`];
}

const ACCUSING_VERB = /^\s+(?:accuses|accused|targets|names|sues|sued)\s+/i;

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
  const settled = passive || active ? null : SETTLED_WITH.exec(text);
  if (settled) {
    const after = settled.index + settled[0].length;
    plaintiffs = partiesIn(text, after, spanEnd(text, after), mentions, entities);
    const clauseStart = Math.max(0, text.lastIndexOf(",", settled.index) + 1);
    defendants = partiesIn(text, clauseStart, settled.index, mentions, entities).filter((p) => p.id);
  } else if (passive) {
    const after = passive.index + passive[0].length;
    const end = spanEnd(text, after);
    plaintiffs = partiesIn(text, after, end, mentions, entities);
    // "as a lawsuit by musicians accuses xAI of ...": the suit's own verb names the defendants.
    const verb = ACCUSING_VERB.exec(text.slice(end));
    const clauseStart = Math.max(0, text.lastIndexOf(",", passive.index) + 1);
    defendants = verb
      ? partiesIn(text, end + verb[0].length, spanEnd(text, end + verb[0].length), mentions, entities)
      : partiesIn(text, clauseStart, passive.index, mentions, entities).slice(-3);
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
    // "The Harbor Ledger, which owns a dozen papers, sued X": the subject before its relative clause.
    if (plaintiffs.length === 0 && clauseStart > 0) {
      const relative = RELATIVE_BEFORE.exec(text.slice(0, clauseStart - 1));
      if (relative) {
        const from = Math.max(0, text.lastIndexOf(",", relative.index - 1) + 1);
        plaintiffs = partiesIn(text, from, relative.index, mentions, entities);
      }
    }
  } else return undefined;
  defendants = defendants.filter((d) => !plaintiffs.some((p) => (p.id ? p.id === d.id : p.name === d.name)));
  if (defendants.length === 0) return undefined;
  const all = [...plaintiffs, ...defendants];
  // A loop, not flatMap: flatMap allocates an array per party and cost half of this function.
  const ids: string[] = [];
  for (const p of all) if (p.id) ids.push(p.id);
  if (ids.length === 0) return undefined;
  // A person is shown by name ("Elon Musk v. OpenAI"), not as the company the name points at.
  const untracked = all.some((p) => !p.id || p.person);
  const plaintiffKeys = plaintiffs.map((p) => (p.id && !p.person ? p.id : plaintiffKey(p.name)));
  return untracked
    ? { ids, names: all.map((p) => p.name), plaintiffCount: plaintiffs.length, plaintiffs: plaintiffKeys }
    : { ids, plaintiffCount: plaintiffs.filter((p) => p.id).length, plaintiffs: plaintiffKeys };
}

/**
 * What a case is about, as the words reporters use for it: two outlets name the same claim in
 * different words ("theft of trade secrets", "poached engineers to obtain confidential code"),
 * and two cases between the same parties are told apart by theirs. Kept as a table so that a
 * new wording is one row.
 */
const CLAIMS: readonly (readonly [claim: string, cue: RegExp])[] = [
  [
    "trade_secrets",
    /\btrade[- ]secrets?\b|\bconfidential (?:information|code|data|files)\b|\bproprietary (?:information|code|technology|source code)\b|\bmisappropriat\w*|\bpoach\w*|\bstole (?:code|secrets)\b/,
  ],
  [
    "nonprofit_mission",
    /\bnon-?profit\b|\bcharitable trust\b|\bfounding (?:mission|agreement|promise)s?\b|\bfor-profit\b|\bbreach(?:ed|ing)? (?:of )?(?:its |the )?(?:charitable|founding)\b/,
  ],
  [
    "copyright",
    /\bcopyright\w*|\binfring\w*|\bpirat\w*|\bfair use\b|\b(?:books|articles|works|songs|lyrics|images|artworks?|novels|stories|photos|videos) (?:were |was )?(?:used |copied |scraped )?without (?:permission|consent|a licen[cs]e|licen[cs]ing|payment)\b|\bstolen (?:books|works|articles|content)\b/,
  ],
  [
    "antitrust",
    /\bantitrust\b|\banti-?competitive\b|\bmonopol\w*|\bstifle\w* (?:\w+ )?(?:competition|rivals|competitors)\b|\bcollu\w*|\bsherman act\b|\bcompetition law\b/,
  ],
  [
    "harm",
    /\bwrongful[- ]death\b|\bsuicid\w*|\bmurder\w*|\bself-harm\b|\bdelusion\w*|\bmental (?:health|distress)\b/,
  ],
  ["privacy", /\bprivacy\b|\bpersonal data\b|\bbiometric\w*|\bwiretap\w*|\bgdpr\b|\bdata protection\b/],
  ["defamation", /\bdefam\w*|\blibel\w*|\bslander\w*/],
  ["patent", /\bpatents?\b/],
  ["trademark", /\btrademarks?\b/],
  ["securities", /\bsecurities (?:fraud|law)\b|\bmisled (?:investors|shareholders)\b/],
  [
    "employment",
    /\bdiscriminat\w*|\bwrongful(?:ly)? (?:termination|dismissal|fired)\b|\bwhistle-?blower\w*|\bretaliat\w*/,
  ],
];

/** The claims a text names, each once, in the table's order ([] when it names none). */
export function caseClaims(text: string): string[] {
  const lower = text.toLowerCase();
  return CLAIMS.filter(([, cue]) => cue.test(lower)).map(([claim]) => claim);
}

// Where a court sits, reduced to the state, so that "federal court in Manhattan" and "the Southern
// District of New York" agree; its level when a text says it (a state case refiled in federal court
// is a new case).
const PLACES: readonly (readonly [place: string, cue: RegExp])[] = [
  ["ny", /\b(?:new york|manhattan|brooklyn)\b/],
  ["ca", /\b(?:california|san francisco|oakland|san jose|los angeles)\b/],
  ["de", /\b(?:delaware|wilmington)\b/],
  ["tx", /\b(?:texas|dallas|austin|fort worth)\b/],
  ["wa", /\b(?:washington state|seattle)\b/],
  ["dc", /\b(?:district of columbia|d\.c\.)/],
  ["uk", /\b(?:london|high court|uk)\b/],
  ["eu", /\b(?:european|eu|luxembourg)\b/],
];
const COURT =
  /\b(?:federal|state|superior|district|chancery|high|appeals?|circuit|supreme)? ?court\b|\bdistrict of\b|\bchancery\b/;

/** "federal:ca", "state:de", ":ny", or undefined when the text names no court. */
export function courtOf(text: string): string | undefined {
  const lower = text.toLowerCase();
  // Every wording of COURT holds one of these; most lawsuit reports name no court.
  if (lower.indexOf("court") < 0 && lower.indexOf("district of") < 0 && lower.indexOf("chancery") < 0)
    return undefined;
  const at = COURT.exec(lower);
  if (!at) return undefined;
  const near = lower.slice(Math.max(0, at.index - 40), at.index + at[0].length + 50);
  const level = /\bfederal\b|\bdistrict (?:court|of)\b|\bcircuit\b/.test(near)
    ? "federal"
    : /\bstate(?:-| )court\b|\bsuperior court\b|\bchancery\b/.test(near)
      ? "state"
      : "";
  const place = PLACES.find(([, cue]) => cue.test(near))?.[0] ?? "";
  return level || place ? `${level}:${place}` : undefined;
}

/** What tells one case from another between the same parties (see ExtractedEvent.legalCase). */
export interface LegalCase {
  /** Claims the report names (caseClaims), [] when it names none. */
  claims: string[];
  /** The court when named (courtOf). */
  court?: string;
  /** Who brings it (LegalRoles.plaintiffs), when the wording says. */
  plaintiffs?: string[];
}

/**
 * The identity of the case an event reports: its claims and court from the event's own sentence
 * and the title, else from the other sentences read; its plaintiffs from the roles.
 */
export function legalCase(
  own: readonly string[],
  further: readonly string[],
  roles: LegalRoles | undefined,
): LegalCase {
  const text = own.join(" \n ");
  let claims = caseClaims(text);
  let court = courtOf(text);
  if (claims.length === 0 || court === undefined) {
    const rest = further.join(" \n ");
    if (claims.length === 0) claims = caseClaims(rest);
    court ??= courtOf(rest);
  }
  const out: LegalCase = { claims };
  if (court !== undefined) out.court = court;
  if (roles && roles.plaintiffs.length > 0) out.plaintiffs = roles.plaintiffs;
  return out;
}

const ARTICLES = /^(?:the|a|an|some|several|two|three|four|five|\d+)\s+/;
const minorWord = (w: string) => w.length < 3 || ["of", "and", "the", "for"].includes(w);

/** Two ways of naming one plaintiff: "The New York Times", "New York Times", "NYT". */
function samePlaintiff(a: string, b: string): boolean {
  if (a === b) return true;
  // A tracked company beside a name (its founder?), or anyone named by a role: not comparable.
  if (!a.startsWith("name:") || !b.startsWith("name:")) return a.includes(":") || b.includes(":");
  const words = (k: string) =>
    k
      .replace(/^name:/, "")
      .replace(ARTICLES, "")
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0);
  const wa = words(a);
  const wb = words(b);
  if (wa.some((w) => !minorWord(w) && wb.includes(w))) return true;
  const initials = (ws: string[]) =>
    ws
      .filter((w) => !minorWord(w))
      .map((w) => w[0])
      .join("");
  return (wa.length === 1 && wa[0] === initials(wb)) || (wb.length === 1 && wb[0] === initials(wa));
}

/**
 * Whether two reports are of different cases: claims named on both sides with none in common,
 * courts of another level or state, or plaintiffs named on both sides that are other people.
 * Unknowns never split: an outlet that names no claim may report the same case.
 */
export function differentCases(a: LegalCase, b: LegalCase): boolean {
  if (a.claims.length > 0 && b.claims.length > 0 && !a.claims.some((c) => b.claims.includes(c))) return true;
  if (a.court && b.court) {
    const [levelA = "", placeA = ""] = a.court.split(":");
    const [levelB = "", placeB = ""] = b.court.split(":");
    if ((levelA && levelB && levelA !== levelB) || (placeA && placeB && placeA !== placeB)) return true;
  }
  const pa = a.plaintiffs ?? [];
  const pb = b.plaintiffs ?? [];
  if (pa.length > 0 && pb.length > 0 && !pa.some((x) => pb.some((y) => samePlaintiff(x, y)))) return true;
  return false;
}
