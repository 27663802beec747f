import type { EntityConfig } from "../config/schema.js";
import { escapeRegExp, foldAccents } from "./fold.js";
import { NameTrie, OTHER_WHITESPACE } from "./name-trie.js";

export type NameKind = "name" | "product" | "person";

interface NameEntry {
  entityId: string;
  kind: NameKind;
  /** The spellings that must match exactly when the entity is case-sensitive ("X.AI", "x.AI"). */
  exact: string[];
  caseSensitive: boolean;
  /** The entity's primary name, and the entity has veto phrases the whole article is read for. */
  bare?: boolean;
}

export interface Mention {
  entityId: string;
  kind: NameKind;
  /** Offsets in the folded text. */
  start: number;
  end: number;
  text: string;
}

export interface EntityInfo {
  id: string;
  name: string;
  kind: EntityConfig["kind"];
}

// A product or a person points at its company, but says less about what the article is about.
const KIND_WEIGHT: Record<NameKind, number> = { name: 1, product: 0.6, person: 0.6 };
const VETO_WINDOW = 60;

/**
 * Recognises tracked entities with one combined RegExp (longest alternatives first, so the
 * leftmost match is also the longest; ASCII word boundaries; no `u` flag). Built once per entity
 * set; building is a few milliseconds, so `/track add` can rebuild it.
 */
export class EntityMatcher {
  readonly entities: ReadonlyMap<string, EntityInfo>;
  private readonly names = new Map<string, NameEntry[]>();
  /** The values of `names`, in the order of the trie's name indexes. */
  private readonly entryLists: NameEntry[][];
  /**
   * By the same index, the entity and kind of a name that one entity holds, of any case, with no
   * veto: most names, whose mention needs no check. Reading a list and an entry object for each
   * mention was a cache miss or two; these arrays are read where the mention is made.
   */
  private readonly soleIds: (string | undefined)[];
  private readonly soleKinds: (NameKind | undefined)[];
  private readonly pattern: RegExp;
  private readonly anchored: RegExp;
  /** All names as a character trie: it proposes where a name stands, the RegExp decides. */
  private readonly trie: NameTrie;
  /** The trie's names (lower case), by its name index. */
  private readonly keys: readonly string[];
  /** 1 for each name whose exact spelling the RegExp would accept as the trie does (literalProposals). */
  private readonly literal: Uint8Array;
  private readonly vetoes = new Map<string, RegExp>();
  /** Veto phrases that contain one of the entity's own names ("Oracle of Omaha"). */
  private readonly nameVetoes = new Map<string, RegExp>();
  /** Lower-case names of each entity, to tell which names a veto phrase covers. */
  private readonly namesOf = new Map<string, string[]>();
  /**
   * Every entity's veto phrases that do not hold one of its names, as one trie: the whole article
   * is read once for them when it names such an entity by its bare name (one sense per article).
   */
  private readonly vetoTrie: NameTrie;
  /** By the trie's phrase index, the entities whose veto list holds the phrase. */
  private readonly vetoOwners: string[][] = [];
  /** The lower-case primary name of each entity with phrases in `vetoTrie`. */
  private readonly bareNames = new Map<string, string>();
  /** Case-sensitive entities named by one plain word ("Cohere"): the name and its lower-case use. */
  private readonly plainWords = new Map<string, { name: string; lowerUse: RegExp }>();

  /**
   * `literalProposals: false` checks every proposal of the trie with the RegExp: the plain path,
   * which tests hold the default one to.
   */
  constructor(config: readonly EntityConfig[], options: { literalProposals?: boolean } = {}) {
    const entities = new Map<string, EntityInfo>();
    for (const entity of config) {
      entities.set(entity.id, { id: entity.id, name: entity.name, kind: entity.kind });
      const add = (raw: string, kind: NameKind) => {
        const exact = foldAccents(raw.trim());
        if (exact.length < 2) return;
        const key = exact.toLowerCase();
        const list = this.names.get(key) ?? [];
        const known = list.find((e) => e.entityId === entity.id);
        if (known) known.exact.push(exact);
        else {
          list.push({ entityId: entity.id, kind, exact: [exact], caseSensitive: entity.caseSensitive });
          const own = this.namesOf.get(entity.id);
          if (own) own.push(key);
          else this.namesOf.set(entity.id, [key]);
        }
        this.names.set(key, list);
      };
      add(entity.name, "name");
      for (const alias of entity.aliases) add(alias, "name");
      for (const product of entity.products) add(product, "product");
      for (const person of entity.people) add(person, "person");
      if (entity.veto.length > 0) {
        // A phrase starts a word: "river" is no veto in "driver".
        const alternatives = entity.veto
          .map((v) => `(?<![A-Za-z0-9])${escapeRegExp(foldAccents(v))}`)
          .join("|");
        this.vetoes.set(entity.id, new RegExp(alternatives, "gi"));
      }
    }
    this.entities = entities;
    for (const entity of config) {
      const name = foldAccents(entity.name.trim());
      if (entity.caseSensitive && /^[A-Z][a-z]{2,}$/.test(name))
        this.plainWords.set(entity.id, { name, lowerUse: new RegExp(`\\b${name.toLowerCase()}\\b`) });
    }
    // Matched against lower-cased text without the `i` flag, which the engine runs faster.
    for (const entity of config) {
      const names = this.namesOf.get(entity.id) ?? [];
      const holding = entity.veto
        .map((v) => foldAccents(v).toLowerCase())
        .filter((v) => names.some((name) => v.includes(name)));
      if (holding.length > 0)
        this.nameVetoes.set(entity.id, new RegExp(holding.map(escapeRegExp).join("|"), "g"));
    }
    const vetoIndex = new Map<string, number>();
    for (const entity of config) {
      const names = this.namesOf.get(entity.id) ?? [];
      for (const raw of entity.veto) {
        const phrase = foldAccents(raw.trim())
          .toLowerCase()
          .replace(/[\s-]+/g, " ");
        if (!/^[a-z0-9]/.test(phrase) || names.some((name) => phrase.includes(name))) continue;
        let index = vetoIndex.get(phrase);
        if (index === undefined) {
          index = this.vetoOwners.length;
          vetoIndex.set(phrase, index);
          this.vetoOwners.push([]);
        }
        const owners = this.vetoOwners[index] as string[];
        if (!owners.includes(entity.id)) owners.push(entity.id);
        this.bareNames.set(entity.id, foldAccents(entity.name.trim()).toLowerCase());
      }
    }
    this.vetoTrie = new NameTrie([...vetoIndex.keys()]);
    for (const [id, name] of this.bareNames)
      for (const entry of this.names.get(name) ?? []) if (entry.entityId === id) entry.bare = true;
    const keys = [...this.names.keys()];
    const trie = trieSource(keys) || "(?!)";
    this.pattern = new RegExp(`\\b(?:${trie})(?![A-Za-z0-9])`, "g");
    // The same RegExp, anchored (sticky), for the positions the trie proposes.
    this.anchored = new RegExp(`(?:${trie})(?![A-Za-z0-9])`, "y");
    this.trie = new NameTrie(keys);
    this.entryLists = [...this.names.values()];
    const sole = this.entryLists.map((list) =>
      list.length === 1 && !list[0]?.caseSensitive && !this.vetoes.has(list[0]?.entityId ?? "")
        ? list[0]
        : undefined,
    );
    this.soleIds = sole.map((entry) => entry?.entityId);
    this.soleKinds = sole.map((entry) => entry?.kind);
    this.keys = keys;
    this.literal = options.literalProposals === false ? new Uint8Array(keys.length) : literalProposals(keys);
  }

  /**
   * A veto phrase that contains the name itself ("Oracle of Omaha", "meta-analysis") vetoes only
   * the match it covers; any other phrase ("rainforest") vetoes matches within the window.
   */
  private vetoed(entityId: string, folded: string, start: number, end: number): boolean {
    const veto = this.vetoes.get(entityId);
    if (!veto) return false;
    const from = Math.max(0, start - VETO_WINDOW);
    const window = folded.slice(from, end + VETO_WINDOW);
    const name = folded.slice(start, end).toLowerCase();
    veto.lastIndex = 0;
    for (let v = veto.exec(window); v !== null; v = veto.exec(window)) {
      const vStart = from + v.index;
      const vEnd = vStart + v[0].length;
      if (!v[0].toLowerCase().includes(name)) return true;
      if (vStart <= start && vEnd >= end) return true;
      if (v[0].length === 0) veto.lastIndex++;
    }
    return false;
  }

  /** Every lower-case name and the entities it stands for. */
  nameIndex(): Map<string, string[]> {
    return new Map(
      [...this.names.entries()].map(([name, entries]) => [name, entries.map((e) => e.entityId)]),
    );
  }

  get size(): number {
    return this.entities.size;
  }

  /** Every accepted mention in `text` (folded first): exact case where required, no veto nearby. */
  mentions(text: string): Mention[] {
    return this.scan(text).filter((m) => !m.vetoed);
  }

  /**
   * Where names occur: [start, end, index in entryLists or -1] triples, leftmost-longest. The
   * combined RegExp runs anchored at each word start where the trie finds a name: a 2,000-name
   * RegExp is costly to try at every word, and the trie rejects most words on their first letters.
   */
  private matches(text: string, lowerCased: boolean): number[] {
    const out: number[] = [];
    if (!lowerCased) {
      const pattern = new RegExp(this.pattern.source, "gi");
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text))
        out.push(m.index, m.index + m[0].length, -1);
      return out;
    }
    // The trie proposes; the combined RegExp, anchored at each proposal, decides. A proposal
    // that spells its name exactly is where the RegExp would end too, unless the text holds
    // whitespace the trie does not read as a separator: the RegExp's [\s-] accepts that and
    // could go on to a longer name (the trie walks the only path the RegExp can take, and ends
    // at its longest name; the RegExp takes the same path and ends there as well).
    const proposed = this.trie.candidates(text);
    const literalOk = !this.trie.sawOtherWhitespace;
    for (let k = 0; k < proposed.length; k += 4) {
      const start = proposed[k] as number;
      const index = proposed[k + 2] as number;
      if (literalOk && this.literal[index] === 1) {
        const end = proposed[k + 1] as number;
        if (proposed[k + 3] === 1) {
          out.push(start, end, index);
          continue;
        }
        const key = this.keys[index] as string;
        if (end - start === key.length && text.startsWith(key, start)) {
          out.push(start, end, proposed[k + 2] as number);
          continue;
        }
      }
      this.anchored.lastIndex = start;
      const m = this.anchored.exec(text);
      if (!m) continue;
      const end = start + m[0].length;
      out.push(start, end, end === proposed[k + 1] ? (proposed[k + 2] as number) : -1);
    }
    return out;
  }

  private entriesFor(matched: string): NameEntry[] | undefined {
    const lower = matched.toLowerCase();
    return this.names.get(lower.replace(/[\s-]+/g, " ")) ?? this.names.get(lower);
  }

  /** All case-fitting mentions, each marked when a veto phrase applies to it. */
  scan(text: string): (Mention & { vetoed: boolean })[] {
    return this.scanText(text).mentions;
  }

  private scanText(text: string): {
    mentions: (Mention & { vetoed: boolean })[];
    lowered: string;
    /** Whether an unvetoed mention is the bare name of an entity with veto phrases. */
    bare: boolean;
  } {
    const folded = foldAccents(text);
    const lowered = folded.toLowerCase();
    // Lower-casing keeps offsets for nearly all text; where it does not, match case-insensitively.
    const haystack = lowered.length === folded.length ? lowered : folded;
    const out: (Mention & { vetoed: boolean })[] = [];
    let bare = false;
    const found = this.matches(haystack, haystack === lowered);
    for (let k = 0; k < found.length; k += 3) {
      const start = found[k] as number;
      const end = found[k + 1] as number;
      const index = found[k + 2] as number;
      const matched = folded.slice(start, end);
      const soleId = index >= 0 ? this.soleIds[index] : undefined;
      if (soleId !== undefined) {
        out.push({
          entityId: soleId,
          kind: this.soleKinds[index] as NameKind,
          start,
          end,
          text: matched,
          vetoed: false,
        });
        continue;
      }
      const entries = index >= 0 ? this.entryLists[index] : this.entriesFor(matched);
      if (!entries) continue;
      for (const entry of entries) {
        if (entry.caseSensitive && !entry.exact.some((spelling) => caseFits(matched, spelling))) continue;
        const vetoed = this.vetoed(entry.entityId, folded, start, end);
        if (entry.bare === true && !vetoed) bare = true;
        out.push({ entityId: entry.entityId, kind: entry.kind, start, end, text: matched, vetoed });
      }
    }
    return { mentions: out, lowered, bare };
  }

  /**
   * The mentions an article really makes: one sense per article (once a name is vetoed, e.g. the
   * Amazon river, its other bare uses in the article are the river too), and an entity named only
   * by a plain-word product ("Llama", "Blackwell", "Gemini") needs a second, distinctive mention.
   */
  articleMentions(parts: readonly string[]): Mention[][] {
    const texts = parts.map((part) => this.scanText(part));
    const scanned = texts.map((t) => t.mentions);
    const vetoedNames = new Set<string>();
    const seen = new Set<string>();
    for (const list of scanned) {
      for (const m of list) {
        seen.add(m.entityId);
        if (m.vetoed) vetoedNames.add(`${m.entityId}\u0000${m.text.toLowerCase()}`);
      }
    }
    // A veto phrase anywhere in the article that holds a name ("military intel") takes that name
    // out for the whole article, even where the name stands alone ("Intel from satellites...").
    for (const id of seen) {
      const veto = this.nameVetoes.get(id);
      if (!veto) continue;
      for (const { lowered } of texts) {
        veto.lastIndex = 0;
        for (let v = veto.exec(lowered); v !== null; v = veto.exec(lowered)) {
          for (const name of this.namesOf.get(id) ?? [])
            if (v[0].includes(name)) vetoedNames.add(`${id}\u0000${name}`);
        }
      }
    }
    if (texts.some((t) => t.bare)) this.vetoByArticle(texts, seen, vetoedNames);
    const kept = scanned.map((list) =>
      list.filter(
        (m) =>
          !m.vetoed &&
          (vetoedNames.size === 0 || !vetoedNames.has(`${m.entityId}\u0000${m.text.toLowerCase()}`)),
      ),
    );
    this.dropCommonWords(parts, kept);
    const corroborated = new Set<string>();
    const plainOnly = new Set<string>();
    for (const list of kept) {
      for (const m of list) {
        if (m.kind !== "product" || isDistinctive(m.text)) corroborated.add(m.entityId);
        else plainOnly.add(m.entityId);
      }
    }
    // Most articles name no company by a plain-word product alone; copying their lists again
    // cost ~3 µs an article in bench/intel.
    if ([...plainOnly].every((id) => corroborated.has(id))) return kept;
    return kept.map((list) => list.filter((m) => corroborated.has(m.entityId)));
  }

  /**
   * One sense per article, counted over the whole article: veto phrases of an entity beyond the
   * window of any mention (a franchise's "episodes" two lines below its title) still tell the
   * sense. Two or more of them, and at least as many as the entity's bare-name mentions, take
   * its bare name out everywhere; an article about the company that names it more often than a
   * stray "river" keeps it. Aliases, products and people stay: they name the company alone.
   */
  private vetoByArticle(
    texts: readonly { mentions: readonly (Mention & { vetoed: boolean })[]; lowered: string }[],
    seen: ReadonlySet<string>,
    vetoedNames: Set<string>,
  ): void {
    let bare: Map<string, number> | undefined;
    for (const id of seen) {
      const name = this.bareNames.get(id);
      if (name === undefined || vetoedNames.has(`${id}\u0000${name}`)) continue;
      let count = 0;
      for (const { mentions } of texts)
        for (const m of mentions)
          if (
            m.entityId === id &&
            !m.vetoed &&
            m.text.length === name.length &&
            m.text.toLowerCase() === name
          )
            count++;
      if (count === 0) continue;
      bare ??= new Map();
      bare.set(id, count);
    }
    if (bare === undefined) return;
    const hits = new Map<string, number>();
    for (const { lowered } of texts) {
      const found = this.vetoTrie.candidates(lowered);
      for (let k = 0; k < found.length; k += 4)
        for (const id of this.vetoOwners[found[k + 2] as number] as string[])
          if (bare.has(id)) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    for (const [id, count] of hits)
      if (count >= 2 && count >= (bare.get(id) as number))
        vetoedNames.add(`${id}\u0000${this.bareNames.get(id)}`);
  }

  /**
   * Takes out, in place, a plain-word name ("Perplexity", "Cohere") that the article capitalises
   * only where every word is capitalised (a sentence's first word, a title-case headline) and
   * reads as the English word: the word also in lower case, a noun before "about" or "over", a
   * verb after "will" or "ever".
   */
  private dropCommonWords(parts: readonly string[], kept: Mention[][]): void {
    // Allocation-free in the usual article: most name no such entity, or name it mid-sentence.
    for (let i = 0; i < kept.length; i++) {
      const list = kept[i] as Mention[];
      for (const m of list) {
        const word = this.plainWords.get(m.entityId);
        if (!word || !this.readsAsWord(m.entityId, word, parts, kept)) continue;
        for (let k = 0; k < kept.length; k++)
          kept[k] = (kept[k] as Mention[]).filter((x) => x.entityId !== m.entityId);
        this.dropCommonWords(parts, kept);
        return;
      }
    }
  }

  /** Whether every mention of the entity is capitalised by position and one reads as the word. */
  private readsAsWord(
    id: string,
    word: { name: string; lowerUse: RegExp },
    parts: readonly string[],
    kept: readonly Mention[][],
  ): boolean {
    let wordSense = false;
    for (let i = 0; i < kept.length; i++) {
      const part = parts[i] ?? "";
      for (const m of kept[i] as Mention[]) {
        if (m.entityId !== id) continue;
        if (m.text !== word.name || !capitalisedByPosition(part, m.start)) return false;
        const after = part.slice(m.end, m.end + 16);
        if (/^['’]s\b/.test(after)) return false;
        if (NOUN_AFTER.test(after) || VERB_BEFORE.test(part.slice(Math.max(0, m.start - 24), m.start)))
          wordSense = true;
      }
    }
    return wordSense || parts.some((part) => word.lowerUse.test(part));
  }
}

// "Perplexity about rates", "Perplexity over the plan": the noun, not the company ("Apple about to
// launch" is the company).
const NOUN_AFTER = /^\s+(?:about(?! to\b)|over|among|reigns|abounds)\b/i;
// "Will the plans ever cohere?", "Strategies that fail to cohere": the verb. A modal that opens the
// headline ("Can Cohere Compete?") is the question's, with the company as its subject.
const VERB_BEFORE =
  /\S\s+(?:will|would|can|could|may|might|should|must|does|do|did|won['’]t|can['’]t|don['’]t|doesn['’]t|didn['’]t|not|never|ever|finally|really|yet|still|fail(?:s|ed)? to|struggle(?:s|d)? to|begins? to|starts? to)\s+$/i;

/** Whether a word at `start` would be capitalised whatever it is: a sentence start or a title-case line. */
function capitalisedByPosition(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && /[\s"“‘(]/.test(text[k] as string)) {
    if (text[k] === "\n") return true;
    k--;
  }
  if (k < 0 || /[.!?:—–]/.test(text[k] as string)) return true;
  return isTitleCase(text);
}

/** A one-line headline with most of its longer words capitalised. */
function isTitleCase(text: string): boolean {
  if (text.length > 160 || text.includes("\n")) return false;
  const words = text.split(/\s+/).filter((w) => /^[A-Za-z]{4,}/.test(w));
  return words.length >= 3 && words.filter((w) => /^[A-Z]/.test(w)).length >= 0.7 * words.length;
}

/**
 * For each name, 1 when its exact spelling leaves the RegExp one way through it: not so for a name
 * with a hyphen (or a tab) where another name has a space ("andreessen-horowitz" beside
 * "andreessen horowitz"), as the RegExp renders a space as [\s-] and could take either branch.
 */
function literalProposals(keys: readonly string[]): Uint8Array {
  const prefixes = new Set<string>();
  for (const key of keys) for (let k = 1; k <= key.length; k++) prefixes.add(key.slice(0, k));
  const out = new Uint8Array(keys.length);
  // A name that holds other whitespace (no shipped one does): a walk through it would hide that
  // whitespace from the trie's check.
  if (keys.some((key) => [...key].some((c) => OTHER_WHITESPACE[c.charCodeAt(0)] === 1))) return out;
  keys.forEach((key, index) => {
    out[index] = 1;
    for (let k = 0; k < key.length; k++) {
      const c = key[k] as string;
      if (c !== " " && /[\s-]/.test(c) && prefixes.has(`${key.slice(0, k)} `)) out[index] = 0;
    }
  });
  return out;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  end: boolean;
}

/**
 * The alternation of all names as a prefix trie ("amazon(?:[\s-]web[\s-]services)?|aws|...").
 * A flat list of 2,000 alternatives makes the RegExp engine try each one at every position; a
 * trie lets it reject a position on its first character. Longer names come first at every branch
 * and optional tails are greedy, so the leftmost match is also the longest.
 */
function trieSource(names: readonly string[]): string {
  const root: TrieNode = { children: new Map(), end: false };
  for (const name of names) {
    let node = root;
    for (const ch of name) {
      let next = node.children.get(ch);
      if (!next) {
        next = { children: new Map(), end: false };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.end = true;
  }
  const render = (node: TrieNode): string => {
    const branches = [...node.children.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ch, child]) => (ch === " " ? "[\\s-]" : escapeRegExp(ch)) + render(child));
    if (branches.length === 0) return "";
    const group = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
    if (!node.end) return group;
    // A name ends here but a longer one may go on: try the longer first.
    return branches.length === 1 &&
      !(branches[0] as string).startsWith("(") &&
      (branches[0] as string).length === 1
      ? `${group}?`
      : `(?:${group})?`;
  };
  return render(root);
}

/** "GPT-4o", "H100", "ChatGPT", "Project Rainier": product names no dictionary word shares. */
function isDistinctive(name: string): boolean {
  return /[0-9]|\s|[a-z][A-Z]|^[A-Z]{2,}/.test(name);
}

/**
 * "Apple" matches "Apple" and a shouted "APPLE", never "apple". Only the first word is held to
 * its case: "Stargate project" is still the Stargate Project.
 */
function caseFits(matched: string, exact: string): boolean {
  const flat = matched.replace(/[\s-]+/g, " ");
  const want = exact.replace(/[\s-]+/g, " ");
  if (flat === want) return true;
  if (flat === want.toUpperCase() && /[a-z]/.test(want)) return true;
  const firstWord = want.split(" ")[0] ?? want;
  return flat.startsWith(firstWord) && flat.toLowerCase() === want.toLowerCase();
}

export interface EntityScore {
  id: string;
  mentions: number;
  /** 0..1: how much the article is about this entity (title > lead > body, names > products). */
  salience: number;
  /** The article is about it, not just mentioning it. */
  about: boolean;
}

export interface ScoredText {
  title: string;
  /** Summary and content, in reading order. */
  body: string;
}

const LEAD_CHARS = 400;

/** Scores the entities of one article. */
export function scoreEntities(matcher: EntityMatcher, text: ScoredText): EntityScore[] {
  const [title = [], body = []] = matcher.articleMentions([text.title, text.body]);
  return scoreMentions(title, body);
}

export function scoreMentions(title: readonly Mention[], body: readonly Mention[]): EntityScore[] {
  const scores = new Map<string, { mentions: number; weight: number; inTitle: boolean }>();
  const add = (mention: Mention, place: number, inTitle: boolean) => {
    const score = scores.get(mention.entityId);
    const weight = place * KIND_WEIGHT[mention.kind];
    if (score) {
      score.mentions++;
      score.weight += weight;
      if (inTitle) score.inTitle = true;
    } else scores.set(mention.entityId, { mentions: 1, weight: 0 + weight, inTitle });
  };
  for (const mention of title) add(mention, 3, true);
  for (const mention of body) add(mention, mention.start < LEAD_CHARS ? 2 : 1, false);
  // Loops, not spreads of the map: this runs for every article.
  let top = 0;
  for (const s of scores.values()) if (s.weight > top) top = s.weight;
  const out: EntityScore[] = [];
  for (const [id, s] of scores) {
    const salience = top > 0 ? Math.round((s.weight / top) * 100) / 100 : 0;
    // About it: named in the title, the article's main entity, or repeatedly and prominently.
    out.push({
      id,
      mentions: s.mentions,
      salience,
      about: s.inTitle || salience === 1 || (salience >= 0.5 && s.mentions >= 2),
    });
  }
  return out.sort((a, b) => b.salience - a.salience || b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
}
