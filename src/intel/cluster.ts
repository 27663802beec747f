/**
 * Groups the outlets that report one event into one story. Pure: items in, stories out.
 *
 * 1. Syndicated copies (same normalised title, or near-identical text by MinHash) join first.
 * 2. In time order, each item is compared with the stories of the last 72 h that share an entity
 *    it is about: TF-IDF cosine + entity overlap + matching amount + same event type. It joins the
 *    best story whose centre (its earliest item) or latest member passes the threshold, and only
 *    if the centre itself agrees at a slightly lower bar, so that A~B and B~C do not chain A to C.
 *    Comparing with stories rather than with every item keeps a 100,000-item day to seconds.
 */

import type { EventType } from "./event-types.js";
import { differentCases, type LegalCase } from "./legal.js";

export interface ClusterItem {
  key: string;
  title: string;
  /** Lead text (summary or first paragraphs). */
  text: string;
  publishedAt: number;
  /** Entities the article is about (salient ones). */
  about: readonly string[];
  /** The article's first event, when it has one. */
  eventType?: string | undefined;
  amountUsd?: number | null | undefined;
  /** The article's headline events (the first is `eventType`), for telling one event from another. */
  events?: readonly ClusterEvent[] | undefined;
}

export interface ClusterEvent {
  type: string;
  amountUsd: number | null;
  /** A lawsuit filed and the same lawsuit settled are two stories. */
  status?: string | null | undefined;
  /** Entity ids. */
  parties: readonly string[];
  /** Lawsuits: what the case is about, so that two cases of the same parties stay apart. */
  legalCase?: LegalCase | undefined;
  /** Chip deals: the kind of goods the event's sentence names (see `goodsKind`). */
  goods?: ChipGoods | undefined;
}

/** What a chip deal supplies: memory, foundry work (wafers, a process node), or compute chips and systems. */
export type ChipGoods = "memory" | "foundry" | "compute";

const MEMORY_GOODS = /\b(?:hbm\d*e?|memory|dram|nand)\b/;
const FOUNDRY_GOODS = /\b(?:wafers?|foundry|foundries|\d+\s?(?:nm|nanometre|nanometer)|process node)\b/;
const COMPUTE_GOODS = /\b(?:gpus?|tpus?|accelerators?|servers?|systems|racks?|processors|cpus?)\b/;

/**
 * The kind of goods a chip deal's sentence names: the component when it names one (memory for
 * accelerators is memory; making accelerators on a 2nm process is foundry work), undefined when
 * it names both components or none of the three kinds. Two chip deals of one pair, neither with
 * an amount, whose kinds differ are two deals (an HBM order and a wafer agreement).
 */
export function goodsKind(evidence: string): ChipGoods | undefined {
  const lower = evidence.toLowerCase();
  const memory = MEMORY_GOODS.test(lower);
  const foundry = FOUNDRY_GOODS.test(lower);
  if (memory && foundry) return undefined;
  if (memory) return "memory";
  if (foundry) return "foundry";
  return COMPUTE_GOODS.test(lower) ? "compute" : undefined;
}

/**
 * What grouping reads of an article's events: the headline ones (an event told in passing in the
 * body does not steer the story), without evidence or names, so that a day's index holds little.
 */
export function clusterEvents(
  events: readonly (ClusterEvent & { secondary?: boolean | undefined; evidence?: string | undefined })[],
): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  for (const e of events)
    if (!e.secondary)
      out.push({
        type: e.type,
        amountUsd: e.amountUsd,
        status: e.status,
        parties: e.parties,
        legalCase: e.legalCase,
        goods:
          e.type === "chip_supply" && e.amountUsd === null && e.evidence ? goodsKind(e.evidence) : e.goods,
      });
  return out;
}

export interface StoryGroup {
  /** Keys of the items, earliest first. */
  keys: string[];
  /** The key of the item whose title stands for the story. */
  centre: string;
}

export interface ClusterOptions {
  /** How far apart two outlets may be when only their text and entities agree. */
  windowMs?: number;
  /** How far apart two outlets may be when they report the same event (type, parties, amount). */
  eventWindowMs?: number;
  threshold?: number;
  /** At most this many recent stories per entity are compared with each item. */
  maxNeighbours?: number;
}

const STOPWORDS = new Set(
  "a an and are as at be been by for from has have he her his in into is it its of on or said says than that the their them they this to was were will with would after over new more about up out also its which who could may not but can".split(
    " ",
  ),
);

const WORD_RUN = /[a-z0-9$]{3,}/g;

function tokens(text: string): string[] {
  const out: string[] = [];
  // Runs of three or more word characters only: shorter ones are dropped, so they are not made.
  for (const raw of text.toLowerCase().match(WORD_RUN) ?? []) {
    if (STOPWORDS.has(raw)) continue;
    out.push(raw.length > 4 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.slice(0, -1) : raw);
  }
  return out;
}

// FNV-1a: a fast, stable 32-bit string hash for words.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const MINHASH_SIZE = 24;
const BANDS = 6;
const ROWS = MINHASH_SIZE / BANDS;
// Two flat arrays, not pairs: the inner loop of every shingle reads them.
const SEED_A = Int32Array.from({ length: MINHASH_SIZE }, (_, i) => Math.imul(i + 1, 0x9e3779b1));
const SEED_B = Int32Array.from({ length: MINHASH_SIZE }, (_, i) => fnv1a(`seed${i}`));

/** MinHash of the text's 4-word shingles, each shingle hashed from its words' hashes. */
function minhash(words: readonly string[]): Uint32Array | undefined {
  if (words.length < 8) return undefined;
  const hashes = words.map(fnv1a);
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (let i = 0; i + 4 <= hashes.length; i++) {
    let shingle = 0x811c9dc5;
    for (let k = i; k < i + 4; k++) shingle = Math.imul(shingle ^ (hashes[k] as number), 0x01000193);
    // MurmurHash3's finaliser: spreads every input bit over the whole shingle hash.
    shingle ^= shingle >>> 16;
    shingle = Math.imul(shingle, 0x85ebca6b);
    shingle ^= shingle >>> 13;
    shingle = Math.imul(shingle, 0xc2b2ae35);
    shingle ^= shingle >>> 16;
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const value =
        (Math.imul(shingle ^ (SEED_B[k] as number), SEED_A[k] as number) ^ (shingle >>> 15)) >>> 0;
      if (value < (signature[k] as number)) signature[k] = value;
    }
  }
  return signature;
}

function minhashSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    let node = i;
    while (this.parent[node] !== root) {
      const next = this.parent[node] as number;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    // The earlier item stays the root: it is the story's centre.
    if (ra === rb) return ra;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[drop] = keep;
    return keep;
  }
}

/**
 * The latest item filed under each 32-bit key (open addressing): MinHash band buckets are not
 * small integers, and a Map keyed by them was a tenth of grouping's time.
 */
class LatestByKey {
  private readonly keys: Uint32Array;
  private readonly items: Int32Array;
  private readonly mask: number;

  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.items = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** Files `item` under `key` and returns the item filed there before, or -1. */
  swap(key: number, item: number): number {
    const { keys, items, mask } = this;
    for (let slot = Math.imul(key, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const previous = items[slot] as number;
      if (previous < 0) {
        keys[slot] = key;
        items[slot] = item;
        return -1;
      }
      if (keys[slot] === key) {
        items[slot] = item;
        return previous;
      }
    }
  }
}

/** A growable Int32Array: the packed term lists of a 100,000-item day. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Everything the comparisons read, packed in flat typed arrays indexed by item (in time order):
 * a day holds millions of terms, and one object per item made each comparison chase pointers.
 */
class Features {
  /** Item i's terms are `terms[termStart[i]..termStart[i+1])`, ascending, with unit-vector weights. */
  readonly termStart: Int32Array;
  readonly terms: Int32Array;
  readonly weights: Float32Array;
  /** Item i's entities (interned) are `about[aboutStart[i]..aboutStart[i+1])`. */
  readonly aboutStart: Int32Array;
  readonly about: Int32Array;
  /** Interned event type + 1, 0 for none. */
  readonly type: Int16Array;
  /** Amount in USD, 0 for none. */
  readonly amount: Float64Array;
  /** Item i's events are `eventStart[i]..eventStart[i+1]`, each with a family, amount and parties. */
  readonly eventStart: Int32Array;
  /** Event family + 1 (money, compute, disputes...). */
  readonly family: Int8Array;
  readonly eventAmount: Float64Array;
  /** Legal stage + 1 (filed, ruling, settled...), 0 for other events. */
  readonly stage: Int8Array;
  /** Chip deals' kind of goods + 1 (memory, foundry, compute), 0 when not told. */
  readonly goods: Int8Array;
  /** Event e's parties (interned like `about`) are `party[partyStart[e]..partyStart[e+1])`. */
  readonly partyStart: Int32Array;
  readonly party: Int32Array;
  /** Event e's case identity (lawsuits only; few, so a plain array). */
  readonly cases: (LegalCase | undefined)[] = [];
  /**
   * The item's first one-party deal (a buyer whose target is not tracked): its party (interned),
   * or -1; its family + 1 and amount. Such events are not in the lists above.
   */
  readonly soloParty: Int32Array;
  readonly soloFamily: Int8Array;
  readonly soloAmount: Float64Array;

  private readonly items: readonly ClusterItem[];
  private readonly names = new Map<number, Names>();

  /** The focused item's weights by term (see `focus`), 0 elsewhere. */
  private readonly dense: Float32Array;
  private focused = -1;

  constructor(
    items: readonly ClusterItem[],
    termStart: Int32Array,
    terms: Int32Array,
    weights: Float32Array,
    vocabularySize: number,
  ) {
    this.items = items;
    this.termStart = termStart;
    this.terms = terms;
    this.weights = weights;
    this.dense = new Float32Array(vocabularySize);
    const n = items.length;
    const entityIds = new Map<string, number>();
    const typeIds = new Map<string, number>();
    const about = new IntList();
    const party = new IntList();
    this.aboutStart = new Int32Array(n + 1);
    this.eventStart = new Int32Array(n + 1);
    this.type = new Int16Array(n);
    this.amount = new Float64Array(n);
    this.soloParty = new Int32Array(n).fill(-1);
    this.soloFamily = new Int8Array(n);
    this.soloAmount = new Float64Array(n);
    const families: number[] = [];
    const stages: number[] = [];
    const goods: number[] = [];
    const eventAmounts: number[] = [];
    const partyStarts: number[] = [0];
    const intern = (id: string) => {
      let entity = entityIds.get(id);
      if (entity === undefined) {
        entity = entityIds.size;
        entityIds.set(id, entity);
      }
      return entity;
    };
    for (let i = 0; i < n; i++) {
      const item = items[i] as ClusterItem;
      for (const id of item.about) about.push(intern(id));
      this.aboutStart[i + 1] = about.length;
      for (const event of item.events ?? []) {
        const legal = event.type === "legal";
        // Only the headline event keys a one-party deal: a recap or back-reference the item tells
        // in passing ("days after X announced a $10bn build-out") is another story's event.
        if (event.parties.length === 1 && !legal && event === item.events?.[0]) {
          this.soloParty[i] = intern(event.parties[0] as string);
          this.soloFamily[i] = (FAMILY.get(event.type) ?? FAMILY.size) + 1;
          this.soloAmount[i] = event.amountUsd ?? 0;
        }
        if (event.parties.length < 2 && !legal) continue;
        families.push((FAMILY.get(event.type) ?? FAMILY.size) + 1);
        stages.push(legal ? (LEGAL_STAGE.get(event.status ?? "") ?? 0) + 1 : 0);
        goods.push(event.goods ? GOODS.indexOf(event.goods) + 1 : 0);
        eventAmounts.push(event.amountUsd ?? 0);
        this.cases.push(legal ? event.legalCase : undefined);
        for (const id of event.parties) party.push(intern(id));
        partyStarts.push(party.length);
      }
      this.eventStart[i + 1] = families.length;
      if (item.eventType) {
        let type = typeIds.get(item.eventType);
        if (type === undefined) {
          type = typeIds.size + 1;
          typeIds.set(item.eventType, type);
        }
        this.type[i] = type;
      }
      this.amount[i] = item.amountUsd ?? 0;
    }
    this.about = about.data.slice(0, about.length);
    this.party = party.data.slice(0, party.length);
    this.family = Int8Array.from(families);
    this.stage = Int8Array.from(stages);
    this.goods = Int8Array.from(goods);
    this.eventAmount = Float64Array.from(eventAmounts);
    this.partyStart = Int32Array.from(partyStarts);
  }

  /**
   * Whether x and y report the same event: SAME when any two of their events agree (one family,
   * parties that agree, amounts within 25%); OTHER when their first events are of one family but
   * a party or the amount differs (OpenAI–AMD vs OpenAI–Broadcom); UNKNOWN otherwise, e.g. when
   * either item has no event with two parties.
   */
  sameEvent(x: number, y: number): number {
    const { eventStart } = this;
    const xFrom = eventStart[x] as number;
    const xTo = eventStart[x + 1] as number;
    const yFrom = eventStart[y] as number;
    const yTo = eventStart[y + 1] as number;
    if (xFrom === xTo || yFrom === yTo) return this.sameSoloDeal(x, y);
    for (let ex = xFrom; ex < xTo; ex++)
      for (let ey = yFrom; ey < yTo; ey++) if (this.eventRelation(ex, ey) === SAME) return SAME;
    return this.eventRelation(xFrom, yFrom);
  }

  /**
   * "Broadcom to buy Brightwave for $3.2bn" and, days later, "Why Broadcom paid $3.2bn": one
   * tracked party, one family, the same amount (within 2%) make one deal; anything less, UNKNOWN.
   * Launches have no amount: a name in common makes one.
   */
  private sameSoloDeal(x: number, y: number): number {
    if (!this.sameSoloKind(x, y)) return UNKNOWN;
    // "Pixel 10 is out" and a hands-on review days later: one company's launches that give a name
    // beyond it in common (the product) are one launch, however little text the review shares.
    if ((this.soloFamily[x] as number) - 1 === LAUNCH_FAMILY) return this.shareName(x, y) ? SAME : UNKNOWN;
    const ax = this.soloAmount[x] as number;
    const ay = this.soloAmount[y] as number;
    if (!(ax > 0 && ay > 0 && Math.abs(ax - ay) <= 0.02 * Math.max(ax, ay))) return UNKNOWN;
    // A deal of two sides whose other side is not tracked (a start-up bought, a round's investor):
    // one buyer and a round "$900M" twice in a week may be two targets, so the two items must also
    // share a name the text gives that is not the tracked party's (the target, the site, the fund).
    const family = (this.soloFamily[x] as number) - 1;
    return !TWO_SIDED_FAMILIES.has(family) || this.shareName(x, y) ? SAME : UNKNOWN;
  }

  /** Whether the headline events of x and y are one-party deals of the same party and family. */
  private sameSoloKind(x: number, y: number): boolean {
    const px = this.soloParty[x] as number;
    return px >= 0 && px === this.soloParty[y] && this.soloFamily[x] === this.soloFamily[y];
  }

  /**
   * Whether x and y tell two deals of one company whose other sides differ: both headline events
   * are one-party purchases, supply or partner deals of the same party and kind, and the texts
   * share no name beyond it ("Qualcomm buys Veltrix", "Qualcomm snaps up Tarn Labs"). Rounds are
   * left out: outlets tell one raise as a round or as a price, often without the investors' names.
   */
  namedApart(x: number, y: number): boolean {
    if (!this.sameSoloKind(x, y)) return false;
    const family = (this.soloFamily[x] as number) - 1;
    if (family === 0 || !TWO_SIDED_FAMILIES.has(family)) return false;
    return !this.shareName(x, y);
  }

  /**
   * Whether x and y give a name in common: a name of one that the other gives too, in running text
   * or at a sentence's start ("... with TensorWave" and "TensorWave will provide ...").
   */
  private shareName(x: number, y: number): boolean {
    const nx = this.namesOf(x);
    const ny = this.namesOf(y);
    for (const name of ny.inText) if (nx.inText.has(name) || nx.atStart.has(name)) return true;
    for (const name of nx.inText) if (ny.atStart.has(name)) return true;
    return false;
  }

  /** Capitalised words of item x's title (unless in title case) and lead, read once on demand. */
  private namesOf(x: number): Names {
    let names = this.names.get(x);
    if (!names) {
      names = capitalisedNames(this.items[x] as ClusterItem);
      this.names.set(x, names);
    }
    return names;
  }

  private eventRelation(ex: number, ey: number): number {
    if (this.family[ex] !== this.family[ey]) return UNKNOWN;
    const sx = this.stage[ex] as number;
    const sy = this.stage[ey] as number;
    // One company's lawsuit filed, settled or appealed: other steps, other stories.
    if (sx > 0 && sy > 0 && sx !== sy) return OTHER;
    const { party, partyStart } = this;
    const xStart = partyStart[ex] as number;
    const xEnd = partyStart[ex + 1] as number;
    const yStart = partyStart[ey] as number;
    const yEnd = partyStart[ey + 1] as number;
    let shared = 0;
    for (let i = xStart; i < xEnd; i++) {
      for (let j = yStart; j < yEnd; j++) {
        if (party[i] === party[j]) {
          shared++;
          break;
        }
      }
    }
    const ax = this.eventAmount[ex] as number;
    const ay = this.eventAmount[ey] as number;
    if (ax > 0 && ay > 0 && Math.abs(ax - ay) > 0.25 * Math.max(ax, ay)) return OTHER;
    // Chip deals with no amount to compare: an HBM order and a wafer agreement are two deals.
    const gx = this.goods[ex] as number;
    const gy = this.goods[ey] as number;
    if (gx > 0 && gy > 0 && gx !== gy && ax === 0 && ay === 0) return OTHER;
    // Lawsuits of the same parties: the claims, the court and who sues tell one case from another.
    const cx = this.cases[ex];
    const cy = this.cases[ey];
    if (cx && cy && shared > 0 && differentCases(cx, cy)) return OTHER;
    // A one-party lawsuit says too little on its own: its text decides.
    if (xEnd - xStart < 2 || yEnd - yStart < 2) return shared === 0 ? OTHER : UNKNOWN;
    // One outlet may name more investors than another: two shared parties make one deal.
    return shared >= 2 ? SAME : shared === 1 ? OTHER : UNKNOWN;
  }

  /**
   * Keys under which item x's deals are filed for finding the same event again: one per family
   * and pair of parties (a deal's parties are few), and one per family and party of a one-party
   * deal. Two items can only be SAME when they share one of these keys.
   */
  eventKeys(x: number): number[] {
    const keys: number[] = [];
    const { party, partyStart } = this;
    for (let e = this.eventStart[x] as number; e < (this.eventStart[x + 1] as number); e++) {
      const family = this.family[e] as number;
      const from = partyStart[e] as number;
      const to = partyStart[e + 1] as number;
      for (let i = from; i < to; i++)
        for (let j = i + 1; j < to; j++) {
          const a = party[i] as number;
          const b = party[j] as number;
          keys.push(eventKey(family, Math.min(a, b), Math.max(a, b)));
        }
    }
    const solo = this.soloParty[x] as number;
    if (solo >= 0) keys.push(eventKey(this.soloFamily[x] as number, solo, SOLO));
    return keys;
  }

  /** How alike items x and y are, in [-1, 1]: text, entities, amount and event type. */
  similarity(x: number, y: number): number {
    const tx = this.type[x] as number;
    const ty = this.type[y] as number;
    const typeMatch = tx !== 0 && ty !== 0 ? (tx === ty ? 1 : -1) : 0;
    const ax = this.amount[x] as number;
    const ay = this.amount[y] as number;
    const amountMatch = ax > 0 && ay > 0 ? (Math.abs(ax - ay) <= 0.05 * Math.max(ax, ay) ? 1 : -1) : 0;
    return 0.55 * this.cosine(x, y) + 0.25 * this.jaccard(x, y) + 0.12 * amountMatch + 0.15 * typeMatch;
  }

  /**
   * Spreads item x's term weights over a dense array, so that comparing x with many stories reads
   * each of their terms once instead of merging two sorted lists (a branch per step).
   */
  private focus(x: number): void {
    const { terms, weights, termStart, dense } = this;
    if (this.focused >= 0)
      for (let k = termStart[this.focused] as number; k < (termStart[this.focused + 1] as number); k++)
        dense[terms[k] as number] = 0;
    for (let k = termStart[x] as number; k < (termStart[x + 1] as number); k++)
      dense[terms[k] as number] = weights[k] as number;
    this.focused = x;
  }

  cosine(x: number, y: number): number {
    if (x !== this.focused) this.focus(x);
    const { terms, weights, termStart, dense } = this;
    // The products of the terms both hold, added in ascending term order.
    let dot = 0;
    for (let k = termStart[y] as number; k < (termStart[y + 1] as number); k++) {
      const w = dense[terms[k] as number] as number;
      if (w !== 0) dot += w * (weights[k] as number);
    }
    return dot;
  }

  private jaccard(x: number, y: number): number {
    const { about, aboutStart } = this;
    const xStart = aboutStart[x] as number;
    const xEnd = aboutStart[x + 1] as number;
    const yStart = aboutStart[y] as number;
    const yEnd = aboutStart[y + 1] as number;
    if (xStart === xEnd || yStart === yEnd) return 0;
    let shared = 0;
    for (let i = xStart; i < xEnd; i++) {
      for (let j = yStart; j < yEnd; j++) {
        if (about[i] === about[j]) {
          shared++;
          break;
        }
      }
    }
    return shared / (xEnd - xStart + (yEnd - yStart) - shared);
  }
}

const LAUNCH_FAMILY = 5;
// Families whose deal has another side (investor, seller, supplier, partner); a build-out has none.
const TWO_SIDED_FAMILIES: ReadonlySet<number> = new Set([0, 1, 3, 4]);

// Capitalised words that name no one: sentence furniture, units, days and months.
const NOT_NAMES = new Set(
  "a an the in on at for of and or but as by to it its this that these with from after before while when why how what who is are was will would could can may new ai us u.s. uk eu ceo cfo cto inc corp ltd llc plc group chief billion million trillion gpu gpus cpu tpu llm reuters bloomberg nasdaq nyse american chinese european british french german japanese indian korean monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split(
    " ",
  ),
);
const CAPITALISED_WORD = /(^|[.!?:]\s+|\s)([A-Z][\w'’&.-]*[\w])/g;

/** Capitalised words of a text: in running text, and at a sentence's start (maybe a name). */
interface Names {
  inText: Set<string>;
  atStart: Set<string>;
}

/**
 * The names an item's text gives beyond its tracked entities: capitalised words that are not
 * furniture and are not one of the ids the item is about, apart as they start a sentence or not
 * (a sentence's first word is a name only if the other text gives it in running text). A title
 * in title case capitalises every word and gives none.
 */
function capitalisedNames(item: ClusterItem): Names {
  const out: Names = { inText: new Set(), atStart: new Set() };
  const own = new Set(item.about.flatMap((id) => id.split("-")));
  for (const event of item.events ?? [])
    for (const id of event.parties) for (const w of id.split("-")) own.add(w);
  const read = (text: string) => {
    CAPITALISED_WORD.lastIndex = 0;
    for (let m = CAPITALISED_WORD.exec(text); m !== null; m = CAPITALISED_WORD.exec(text)) {
      const word = (m[2] as string).toLowerCase().replace(/['’]s$/, "");
      if (NOT_NAMES.has(word) || own.has(word)) continue;
      if (m.index === 0 || /[.!?:]/.test(m[1] as string)) out.atStart.add(word);
      else out.inText.add(word);
    }
  };
  const words = item.title.split(/\s+/);
  if (words.filter((w) => /^[A-Z]/.test(w)).length < words.length * 0.7) read(item.title);
  read(item.text);
  return out;
}

// Interned entity ids stay far below 2^21, so a family and two of them fit one exact number.
const SOLO = 0x1fffff;
const eventKey = (family: number, a: number, b: number): number => (family * 0x200000 + a) * 0x200000 + b;

const LEGAL_STAGE = new Map(["filed", "ruling", "settled", "dismissed", "appeal"].map((s, i) => [s, i]));

const UNKNOWN = 0;
const SAME = 1;
const OTHER = 2;

// Event types that tell of the same kind of happening: an outlet may call a raise a valuation story.
const FAMILIES: readonly (readonly [EventType, number])[] = [
  ["investment", 0],
  ["valuation", 0],
  ["compute_contract", 1],
  ["chip_supply", 1],
  ["infrastructure", 2],
  ["acquisition", 3],
  ["partnership", 4],
  ["launch", LAUNCH_FAMILY],
  ["people", 6],
  ["legal", 7],
  ["controversy", 7],
  ["regulation", 8],
];
const FAMILY = new Map<string, number>(FAMILIES);
const GOODS: readonly ChipGoods[] = ["memory", "foundry", "compute"];

// The least TF-IDF cosine a join on text alone needs: true pairs joined so sit at 0.2 and above,
// two items that share only a company's name near 0.02.
const MIN_TEXT_COSINE = 0.1;

/** How far apart two outlets may be when only their text and entities say they tell one event. */
export const TEXT_WINDOW_MS = 72 * 3_600_000;
/** How far apart two outlets may be when their extracted events agree (type family, parties, amount). */
export const EVENT_WINDOW_MS = 10 * 86_400_000;

/** The event types a story of this type may carry when another outlet tells the same event. */
export function familyTypes(type: string): EventType[] {
  const family = FAMILY.get(type);
  return family === undefined ? [] : FAMILIES.filter(([, f]) => f === family).map(([t]) => t);
}

export function clusterStories(items: readonly ClusterItem[], options: ClusterOptions = {}): StoryGroup[] {
  const windowMs = options.windowMs ?? TEXT_WINDOW_MS;
  const eventWindowMs = Math.max(windowMs, options.eventWindowMs ?? EVENT_WINDOW_MS);
  const threshold = options.threshold ?? 0.42;
  const maxNeighbours = options.maxNeighbours ?? 25;
  const order = [...items.keys()].sort(
    (a, b) => (items[a] as ClusterItem).publishedAt - (items[b] as ClusterItem).publishedAt || a - b,
  );
  const sorted = order.map((i) => items[i] as ClusterItem);

  // TF-IDF over this batch: title words count double. Terms and counts of all items go into
  // two packed lists, so that a 100,000-item day fits in little memory.
  const vocabulary = new Map<string, number>();
  const docFreq: number[] = [];
  const n = sorted.length;
  const signatures: (Uint32Array | undefined)[] = [];
  const titleKeys: string[] = [];
  const termStart = new Int32Array(n + 1);
  const termList = new IntList();
  const countList = new IntList();
  // One item's counts by term id (zeroed again after the item) and the distinct ids it used.
  let counts = new Int32Array(1024);
  let used = new Int32Array(256);
  for (const [i, item] of sorted.entries()) {
    const titleWords = tokens(item.title);
    titleKeys.push(titleWords.join(" "));
    const bodyWords = tokens(item.text);
    let distinct = 0;
    const add = (word: string, times: number) => {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(word, id);
        docFreq.push(0);
        if (id >= counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      if (counts[id] === 0) {
        if (distinct === used.length) {
          const grown = new Int32Array(used.length * 2);
          grown.set(used);
          used = grown;
        }
        used[distinct++] = id;
      }
      counts[id] = (counts[id] as number) + times;
    };
    for (const word of titleWords) add(word, 2);
    for (let k = 0; k < bodyWords.length && k < 100; k++) add(bodyWords[k] as string, 1);
    for (const id of used.subarray(0, distinct).sort()) {
      termList.push(id);
      countList.push(counts[id] as number);
      counts[id] = 0;
      docFreq[id] = (docFreq[id] ?? 0) + 1;
    }
    termStart[i + 1] = termList.length;
    // Copies differ in their headline, not their body: hash the body when there is one.
    signatures.push(minhash(bodyWords.length >= 20 ? bodyWords : [...titleWords, ...bodyWords]));
  }
  const vocabularySize = vocabulary.size;
  vocabulary.clear();
  const terms = termList.data.slice(0, termList.length);
  const weights = new Float32Array(termList.length);
  const idf = Float64Array.from(docFreq, (df) => Math.log(1 + n / df));
  for (let i = 0; i < n; i++) {
    const from = termStart[i] as number;
    const to = termStart[i + 1] as number;
    let norm = 0;
    for (let k = from; k < to; k++) {
      const weight = (1 + Math.log(countList.data[k] as number)) * (idf[terms[k] as number] as number);
      weights[k] = weight;
      norm += weight * weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = from; k < to; k++) weights[k] = (weights[k] as number) * scale;
  }
  const features = new Features(sorted, termStart, terms, weights, vocabularySize);

  // Times in one typed array: the comparison loops read them for every neighbour.
  const times = Float64Array.from(sorted, (item) => item.publishedAt);
  const sets = new UnionFind(n);
  // 1. Syndicated copies: same title words, or near-identical text.
  const byTitle = new Map<string, number>();
  const bands = Array.from({ length: BANDS }, () => new LatestByKey(n));
  for (let i = 0; i < n; i++) {
    const key = titleKeys[i] as string;
    const same = byTitle.get(key);
    if (key.length > 0 && same !== undefined && (times[i] as number) - (times[same] as number) <= windowMs) {
      sets.union(same, i);
    }
    byTitle.set(key, i);
    const signature = signatures[i];
    if (!signature) continue;
    for (let band = 0; band < BANDS; band++) {
      let bucket = band + 1;
      for (let r = band * ROWS; r < band * ROWS + ROWS; r++)
        bucket = Math.imul(bucket ^ (signature[r] as number), 0x01000193);
      // Each bucket remembers its latest member only: a copy joins the copies before it through it.
      const table = bands[band] as LatestByKey;
      const j = table.swap(bucket >>> 0, i);
      const other = j < 0 ? undefined : signatures[j];
      if (other && (times[i] as number) - (times[j] as number) <= windowMs) {
        if (minhashSimilarity(signature, other) >= 0.7) sets.union(j, i);
      }
    }
  }

  // 2. Same event, other outlet: compare with the recent stories that share an entity.
  // The latest member of each story by its root (-1: none yet); `seenBy[root] === i + 1` when item
  // i has already weighed that story. Typed arrays: these are read for every neighbour.
  const latest = new Int32Array(n).fill(-1);
  const seenBy = new Int32Array(n);
  const blocks = new Map<string, number[]>();
  // The stories filed under each deal key (family and parties): a busy company has more than
  // `maxNeighbours` stories in ten days, and the one that reports the same deal must still be found.
  const deals = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const about = (sorted[i] as ClusterItem).about;
    const own = sets.find(i);
    if (own !== i) {
      // Already a syndicated copy of an earlier story.
      latest[own] = i;
      continue;
    }
    let best = -1;
    let bestScore = threshold;
    const mark = i + 1;
    const keys = features.eventKeys(i);
    for (const key of keys) {
      const block = deals.get(key);
      if (!block) continue;
      for (let k = block.length - 1, compared = 0; k >= 0 && compared < maxNeighbours; k--) {
        const root = sets.find(block[k] as number);
        if (seenBy[root] === mark) continue;
        if ((times[i] as number) - (times[root] as number) > eventWindowMs) break;
        compared++;
        if (features.sameEvent(i, root) !== SAME) continue;
        // Scored here as the same event; the entity loop below skips it.
        seenBy[root] = mark;
        const score = 1 + features.similarity(i, root);
        if (score >= bestScore) {
          bestScore = score;
          best = root;
        }
      }
    }
    for (const entity of about) {
      const block = blocks.get(entity);
      if (!block) continue;
      for (let k = block.length - 1, compared = 0; k >= 0 && compared < maxNeighbours; k--) {
        const root = sets.find(block[k] as number);
        if (seenBy[root] === mark) continue;
        seenBy[root] = mark;
        compared++;
        const age = (times[i] as number) - (times[root] as number);
        if (age > eventWindowMs) break;
        // Two outlets of one event join on the event, whatever their headline words, within
        // about ten days; another deal of the same company stays apart, however alike the text.
        const event = features.sameEvent(i, root);
        if (event === OTHER) continue;
        const latestMember = latest[root] as number;
        const last = latestMember < 0 ? undefined : latestMember;
        if (event === SAME) {
          const score = 1 + features.similarity(i, root);
          if (score >= bestScore) {
            bestScore = score;
            best = root;
          }
          continue;
        }
        if (age > windowMs) continue;
        const toCentre = features.similarity(i, root);
        if (toCentre < threshold * 0.8) continue;
        // Two one-party deals of one company that name different other sides are two deals.
        if (features.namedApart(i, root)) continue;
        const lastAgrees =
          last !== undefined && features.sameEvent(i, last) !== OTHER && !features.namedApart(i, last);
        // Entities, amount and type confirm a text match; they do not make one. Alone they reach
        // 0.52: one buyer's two purchases at one price would join with no word in common.
        if (
          features.cosine(i, root) < MIN_TEXT_COSINE &&
          !(lastAgrees && features.cosine(i, last as number) >= MIN_TEXT_COSINE)
        )
          continue;
        const lastScore = lastAgrees ? features.similarity(i, last as number) : -1;
        const score = Math.max(toCentre, lastScore);
        if (score >= bestScore) {
          bestScore = score;
          best = root;
        }
      }
    }
    if (best >= 0) {
      sets.union(best, i);
      latest[best] = i;
      continue;
    }
    for (const entity of about) {
      const block = blocks.get(entity) ?? [];
      block.push(i);
      blocks.set(entity, block);
    }
    for (const key of keys) {
      const block = deals.get(key);
      if (block) block.push(i);
      else deals.set(key, [i]);
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    const members = groups.get(root);
    if (members) members.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([root, members]) => ({
      keys: members.map((i) => (sorted[i] as ClusterItem).key),
      centre: (sorted[root] as ClusterItem).key,
    }));
}
