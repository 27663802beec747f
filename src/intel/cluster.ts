/**
 * Groups the outlets that report one event into one story. Pure: items in, stories out.
 *
 * 1. Syndicated copies (same normalised title, or near-identical text by MinHash) join first.
 * 2. Inside a 72 h window, and only among items sharing an entity the article is about, a pair is
 *    linked when TF-IDF cosine + entity overlap + matching amount + same event type pass a
 *    threshold. Union-find merges them, but only when the two stories' centres agree as well, so
 *    that A~B and B~C do not chain A to C.
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
  /** At most this many earlier items in a block are compared with each item. */
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
  vector: Map<number, number>;
  signature: Uint32Array | undefined;
}

function amountsAgree(a: number | null | undefined, b: number | null | undefined): number {
  if (!a || !b) return 0;
  return Math.abs(a - b) <= 0.05 * Math.max(a, b) ? 1 : -1;
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += weight * other;
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
    0.55 * cosine(x.vector, y.vector) +
    0.25 * jaccard(x.item.about, y.item.about) +
    0.12 * amountsAgree(x.item.amountUsd, y.item.amountUsd) +
    0.15 * typeMatch
  );
}

export function clusterStories(items: readonly ClusterItem[], options: ClusterOptions = {}): StoryGroup[] {
  const windowMs = options.windowMs ?? 72 * 3_600_000;
  const threshold = options.threshold ?? 0.42;
  const maxNeighbours = options.maxNeighbours ?? 150;
  const order = [...items.keys()].sort(
    (a, b) => (items[a] as ClusterItem).publishedAt - (items[b] as ClusterItem).publishedAt || a - b,
  );
  const sorted = order.map((i) => items[i] as ClusterItem);

  // TF-IDF over this batch: title words count double.
  const vocabulary = new Map<string, number>();
  const docFreq: number[] = [];
  const termLists = sorted.map((item) => {
    const words = [...tokens(item.title), ...tokens(item.title), ...tokens(item.text.slice(0, 600))];
    const counts = new Map<number, number>();
    for (const word of words) {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(word, id);
        docFreq.push(0);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) docFreq[id] = (docFreq[id] ?? 0) + 1;
    return counts;
  });
  const n = sorted.length;
  const prepared: Prepared[] = sorted.map((item, i) => {
    const vector = new Map<number, number>();
    let norm = 0;
    for (const [id, count] of termLists[i] as Map<number, number>) {
      const weight = (1 + Math.log(count)) * Math.log(1 + n / (docFreq[id] ?? 1));
      vector.set(id, weight);
      norm += weight * weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [id, weight] of vector) vector.set(id, weight * scale);
    // Copies differ in their headline, not their body: hash the body when there is one.
    const bodyWords = tokens(item.text);
    return {
      item,
      vector,
      signature: minhash(bodyWords.length >= 20 ? bodyWords : tokens(`${item.title} ${item.text}`)),
    };
  });

  const sets = new UnionFind(n);
  // 1. Syndicated copies: same title words, or near-identical text.
  const byTitle = new Map<string, number>();
  const bands = new Map<string, number[]>();
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
      const bucket = `${band}:${Array.from(p.signature.subarray(band * ROWS, band * ROWS + ROWS)).join(",")}`;
      const list = bands.get(bucket) ?? [];
      for (const j of list) {
        const q = prepared[j] as Prepared;
        if (q.signature && minhashSimilarity(p.signature, q.signature) >= 0.7) sets.union(j, i);
      }
      list.push(i);
      bands.set(bucket, list);
    }
  }

  // 2. Same event, other outlet: candidate pairs share an entity and fall within the window.
  const pairs: [number, number, number][] = [];
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const p = prepared[i] as Prepared;
    const seen = new Set<number>();
    for (const entity of p.item.about) {
      const block = blocks.get(entity) ?? [];
      for (let k = block.length - 1, compared = 0; k >= 0 && compared < maxNeighbours; k--, compared++) {
        const j = block[k] as number;
        const q = prepared[j] as Prepared;
        if (p.item.publishedAt - q.item.publishedAt > windowMs) break;
        if (seen.has(j)) continue;
        seen.add(j);
        const score = similarity(p, q);
        if (score >= threshold) pairs.push([score, j, i]);
      }
      block.push(i);
      blocks.set(entity, block);
    }
  }
  pairs.sort((a, b) => b[0] - a[0]);
  for (const [, a, b] of pairs) {
    const ra = sets.find(a);
    const rb = sets.find(b);
    if (ra === rb) continue;
    // The centres must agree too, at a slightly lower bar, so that stories do not chain.
    if (similarity(prepared[ra] as Prepared, prepared[rb] as Prepared) < threshold * 0.8) continue;
    sets.union(ra, rb);
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([root, members]) => ({
      keys: members.map((i) => (prepared[i] as Prepared).item.key),
      centre: (prepared[root] as Prepared).item.key,
    }));
}
