import type { EntityConfig } from "../config/schema.js";
import { escapeRegExp, foldAccents } from "./fold.js";

export type NameKind = "name" | "product" | "person";

interface NameEntry {
  entityId: string;
  kind: NameKind;
  /** The spelling that must match exactly when the entity is case-sensitive. */
  exact: string;
  caseSensitive: boolean;
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
  private readonly pattern: RegExp;
  private readonly vetoes = new Map<string, RegExp>();
  /** Lower-case names of each entity, to tell which names a veto phrase covers. */
  private readonly namesOf = new Map<string, string[]>();

  constructor(config: readonly EntityConfig[]) {
    const entities = new Map<string, EntityInfo>();
    for (const entity of config) {
      entities.set(entity.id, { id: entity.id, name: entity.name, kind: entity.kind });
      const add = (raw: string, kind: NameKind) => {
        const exact = foldAccents(raw.trim());
        if (exact.length < 2) return;
        const key = exact.toLowerCase();
        const list = this.names.get(key) ?? [];
        if (!list.some((e) => e.entityId === entity.id)) {
          list.push({ entityId: entity.id, kind, exact, caseSensitive: entity.caseSensitive });
          this.namesOf.set(entity.id, [...(this.namesOf.get(entity.id) ?? []), key]);
        }
        this.names.set(key, list);
      };
      add(entity.name, "name");
      for (const alias of entity.aliases) add(alias, "name");
      for (const product of entity.products) add(product, "product");
      for (const person of entity.people) add(person, "person");
      if (entity.veto.length > 0) {
        const alternatives = entity.veto.map((v) => escapeRegExp(foldAccents(v))).join("|");
        this.vetoes.set(entity.id, new RegExp(alternatives, "gi"));
      }
    }
    this.entities = entities;
    const keys = [...this.names.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const body = keys.map((k) => escapeRegExp(k).replace(/ /g, "[\\s-]")).join("|");
    this.pattern = new RegExp(`(?<![A-Za-z0-9])(?:${body || "(?!)"})(?![A-Za-z0-9])`, "gi");
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

  get size(): number {
    return this.entities.size;
  }

  /** Every accepted mention in `text` (folded first): exact case where required, no veto nearby. */
  mentions(text: string): Mention[] {
    return this.scan(text).filter((m) => !m.vetoed);
  }

  /** All case-fitting mentions, each marked when a veto phrase applies to it. */
  scan(text: string): (Mention & { vetoed: boolean })[] {
    const folded = foldAccents(text);
    const out: (Mention & { vetoed: boolean })[] = [];
    this.pattern.lastIndex = 0;
    for (let m = this.pattern.exec(folded); m !== null; m = this.pattern.exec(folded)) {
      const matched = m[0];
      const key = matched.toLowerCase().replace(/[\s-]+/g, " ");
      const entries = this.names.get(key) ?? this.names.get(matched.toLowerCase());
      if (!entries) continue;
      for (const entry of entries) {
        if (entry.caseSensitive && !caseFits(matched, entry.exact)) continue;
        const start = m.index;
        const end = m.index + matched.length;
        const vetoed = this.vetoed(entry.entityId, folded, start, end);
        out.push({ entityId: entry.entityId, kind: entry.kind, start, end, text: matched, vetoed });
      }
    }
    return out;
  }

  /**
   * The mentions an article really makes: one sense per article (once a name is vetoed, e.g. the
   * Amazon river, its other bare uses in the article are the river too), and an entity named only
   * by a plain-word product ("Llama", "Blackwell", "Gemini") needs a second, distinctive mention.
   */
  articleMentions(parts: readonly string[]): Mention[][] {
    const scanned = parts.map((part) => this.scan(part));
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
    const whole = foldAccents(parts.join("\n")).toLowerCase();
    for (const id of seen) {
      const veto = this.vetoes.get(id);
      if (!veto) continue;
      veto.lastIndex = 0;
      for (let v = veto.exec(whole); v !== null; v = veto.exec(whole)) {
        for (const name of this.namesOf.get(id) ?? [])
          if (v[0].includes(name)) vetoedNames.add(`${id}\u0000${name}`);
      }
    }
    const kept = scanned.map((list) =>
      list.filter((m) => !m.vetoed && !vetoedNames.has(`${m.entityId}\u0000${m.text.toLowerCase()}`)),
    );
    const corroborated = new Set<string>();
    for (const list of kept) {
      for (const m of list) if (m.kind !== "product" || isDistinctive(m.text)) corroborated.add(m.entityId);
    }
    return kept.map((list) => list.filter((m) => corroborated.has(m.entityId)));
  }
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
  const add = (mentions: readonly Mention[], where: "title" | "body") => {
    for (const mention of mentions) {
      const place = where === "title" ? 3 : mention.start < LEAD_CHARS ? 2 : 1;
      const score = scores.get(mention.entityId) ?? { mentions: 0, weight: 0, inTitle: false };
      score.mentions++;
      score.weight += place * KIND_WEIGHT[mention.kind];
      if (where === "title") score.inTitle = true;
      scores.set(mention.entityId, score);
    }
  };
  add(title, "title");
  add(body, "body");
  const top = Math.max(0, ...[...scores.values()].map((s) => s.weight));
  return [...scores.entries()]
    .map(([id, s]) => {
      const salience = top > 0 ? Math.round((s.weight / top) * 100) / 100 : 0;
      // About it: named in the title, the article's main entity, or repeatedly and prominently.
      return {
        id,
        mentions: s.mentions,
        salience,
        about: s.inTitle || salience === 1 || (salience >= 0.5 && s.mentions >= 2),
      };
    })
    .sort((a, b) => b.salience - a.salience || b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
}
