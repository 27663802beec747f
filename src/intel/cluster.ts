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
}

export interface StoryGroup {
  /** Keys of the items, earliest first. */
  keys: string[];
  /** The key of the item whose title stands for the story. */
  centre: string;
}

export interface ClusterOptions {
  windowMs?: number;
  threshold?: number;
  /** At most this many recent stories per entity are compared with each item. */
  maxNeighbours?: number;
}

const STOPWORDS = new Set(
  "a an and are as at be been by for from has have he her his in into is it its of on or said says than that the their them they this to was were will with would after over new more about up out also its which who could may not but can".split(
    " ",
  ),
);

function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9$]+/)) {
    if (raw.length < 3 || STOPWORDS.has(raw)) continue;
    out.push(raw.length > 4 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.slice(0, -1) : raw);
  }
  return out;
}

function titleKey(title: string): string {
  return tokens(title).join(" ");
}

// FNV-1a: a fast, stable 32-bit string hash for shingles.
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
const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => [
  Math.imul(i + 1, 0x9e3779b1) >>> 0,
  fnv1a(`seed${i}`),
]);

function minhash(words: string[]): Uint32Array | undefined {
  if (words.length < 8) return undefined;
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (let i = 0; i + 4 <= words.length; i++) {
    const shingle = fnv1a(`${words[i]} ${words[i + 1]} ${words[i + 2]} ${words[i + 3]}`);
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const [a, b] = SEEDS[k] as [number, number];
      const value = (Math.imul(shingle ^ b, a) ^ (shingle >>> 15)) >>> 0;
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

interface Prepared {
  item: ClusterItem;
  /** Sparse unit vector: ascending term ids and their weights. */
  terms: Int32Array;
  weights: Float32Array;
  signature: Uint32Array | undefined;
}

function amountsAgree(a: number | null | undefined, b: number | null | undefined): number {
  if (!a || !b) return 0;
  return Math.abs(a - b) <= 0.05 * Math.max(a, b) ? 1 : -1;
}

function cosine(a: Prepared, b: Prepared): number {
  const ta = a.terms;
  const tb = b.terms;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ta.length && j < tb.length) {
    const x = ta[i] as number;
    const y = tb[j] as number;
    if (x === y) dot += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.includes(x)) shared++;
  return shared / (a.length + b.length - shared);
}

/** How alike two articles are, in [-1, 1]: text, entities, amount and event type. */
function similarity(x: Prepared, y: Prepared): number {
  const typeMatch =
    x.item.eventType && y.item.eventType ? (x.item.eventType === y.item.eventType ? 1 : -1) : 0;
  return (
    0.55 * cosine(x, y) +
    0.25 * jaccard(x.item.about, y.item.about) +
    0.12 * amountsAgree(x.item.amountUsd, y.item.amountUsd) +
    0.15 * typeMatch
  );
}

export function clusterStories(items: readonly ClusterItem[], options: ClusterOptions = {}): StoryGroup[] {
  const windowMs = options.windowMs ?? 72 * 3_600_000;
  const threshold = options.threshold ?? 0.42;
  const maxNeighbours = options.maxNeighbours ?? 25;
  const order = [...items.keys()].sort(
    (a, b) => (items[a] as ClusterItem).publishedAt - (items[b] as ClusterItem).publishedAt || a - b,
  );
  const sorted = order.map((i) => items[i] as ClusterItem);

  // TF-IDF over this batch: title words count double. Counts are kept as two small typed arrays
  // per item (ascending term ids, counts) so that a 100,000-item day fits in little memory.
  const vocabulary = new Map<string, number>();
  const docFreq: number[] = [];
  const scratch = new Map<number, number>();
  const n = sorted.length;
  const signatures: (Uint32Array | undefined)[] = [];
  const counted = sorted.map((item) => {
    const titleWords = tokens(item.title);
    const bodyWords = tokens(item.text);
    scratch.clear();
    const add = (word: string, times: number) => {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(word, id);
        docFreq.push(0);
      }
      scratch.set(id, (scratch.get(id) ?? 0) + times);
    };
    for (const word of titleWords) add(word, 2);
    for (const word of bodyWords.slice(0, 100)) add(word, 1);
    const terms = Int32Array.from(scratch.keys()).sort();
    const counts = Int32Array.from(terms, (id) => scratch.get(id) ?? 1);
    for (const id of terms) docFreq[id] = (docFreq[id] ?? 0) + 1;
    // Copies differ in their headline, not their body: hash the body when there is one.
    signatures.push(minhash(bodyWords.length >= 20 ? bodyWords : [...titleWords, ...bodyWords]));
    return { terms, counts };
  });
  const prepared: Prepared[] = sorted.map((item, i) => {
    const { terms, counts } = counted[i] as { terms: Int32Array; counts: Int32Array };
    const weights = new Float32Array(terms.length);
    let norm = 0;
    for (let k = 0; k < terms.length; k++) {
      const weight =
        (1 + Math.log(counts[k] as number)) * Math.log(1 + n / (docFreq[terms[k] as number] ?? 1));
      weights[k] = weight;
      norm += weight * weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] as number) * scale;
    return { item, terms, weights, signature: signatures[i] };
  });
  counted.length = 0;
  vocabulary.clear();

  const sets = new UnionFind(n);
  // 1. Syndicated copies: same title words, or near-identical text.
  const byTitle = new Map<string, number>();
  const bands = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const p = prepared[i] as Prepared;
    const key = titleKey(p.item.title);
    const same = byTitle.get(key);
    if (
      key.length > 0 &&
      same !== undefined &&
      p.item.publishedAt - (prepared[same] as Prepared).item.publishedAt <= windowMs
    ) {
      sets.union(same, i);
    }
    byTitle.set(key, i);
    if (!p.signature) continue;
    for (let band = 0; band < BANDS; band++) {
      let bucket = band + 1;
      for (let r = band * ROWS; r < band * ROWS + ROWS; r++)
        bucket = Math.imul(bucket ^ (p.signature[r] as number), 0x01000193);
      bucket = band * 0x100000000 + (bucket >>> 0);
      // Each bucket remembers its latest member only: a copy joins the copies before it through it.
      const j = bands.get(bucket);
      const q = j === undefined ? undefined : (prepared[j] as Prepared);
      if (q?.signature && p.item.publishedAt - q.item.publishedAt <= windowMs) {
        if (minhashSimilarity(p.signature, q.signature) >= 0.7) sets.union(j as number, i);
      }
      bands.set(bucket, i);
    }
  }

  // 2. Same event, other outlet: compare with the recent stories that share an entity.
  const latest = new Map<number, number>();
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const p = prepared[i] as Prepared;
    const own = sets.find(i);
    if (own !== i) {
      // Already a syndicated copy of an earlier story.
      latest.set(own, i);
      continue;
    }
    let best = -1;
    let bestScore = threshold;
    const seen = new Set<number>();
    for (const entity of p.item.about) {
      const block = blocks.get(entity);
      if (!block) continue;
      for (let k = block.length - 1, compared = 0; k >= 0 && compared < maxNeighbours; k--) {
        const root = sets.find(block[k] as number);
        if (seen.has(root)) continue;
        seen.add(root);
        compared++;
        const centre = prepared[root] as Prepared;
        if (p.item.publishedAt - centre.item.publishedAt > windowMs) break;
        const toCentre = similarity(p, centre);
        if (toCentre < threshold * 0.8) continue;
        const last = latest.get(root);
        const score = Math.max(toCentre, last === undefined ? -1 : similarity(p, prepared[last] as Prepared));
        if (score >= bestScore) {
          bestScore = score;
          best = root;
        }
      }
    }
    if (best >= 0) {
      sets.union(best, i);
      latest.set(best, i);
      continue;
    }
    for (const entity of p.item.about) {
      const block = blocks.get(entity) ?? [];
      block.push(i);
      blocks.set(entity, block);
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
      keys: members.map((i) => (prepared[i] as Prepared).item.key),
      centre: (prepared[root] as Prepared).item.key,
    }));
}
