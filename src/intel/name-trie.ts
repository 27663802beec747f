/**
 * Every tracked name as a character trie in flat typed arrays, walked at each word start to find
 * where a name may end. A Map per node made this walk most of the matching time at 2,000 names.
 * Nodes are numbered depth first, so a node with one child (most of a name's letters) is followed
 * by that child: its step is one compare, and a name's letters are read from consecutive entries
 * instead of rows scattered over megabytes, which missed the cache at nearly every letter.
 */
export class NameTrie {
  /**
   * Of every UTF-16 code unit: its alphabet column (0 for one that no name contains) shifted by
   * COLUMN_SHIFT, with IS_WORD, IS_OTHER_WHITESPACE and IS_ALT_SEPARATOR, so that each character
   * costs one read.
   */
  private readonly codes = CLASSES.slice();
  private readonly width: number;
  /** Of a node with one child: that child's column (the child is the next node); 0 otherwise. */
  private readonly only: Int32Array;
  /** Of a node with two or more children: its row in `next`; -1 otherwise. */
  private readonly rows: Int32Array;
  /** Row `rows[node] * width + column`: the child node, 0 for none (the root is never a child). */
  private readonly next: Int32Array;
  /** The index in `names` + 1 of the name that ends at each node, 0 where none does. */
  private readonly ends: Int32Array;
  /** 1 for a name whose only separator is the space (no tab, newline or hyphen). */
  private readonly plainSpaced: Uint8Array;
  /**
   * Whether the text of the last `candidates` call holds whitespace other than space, tab,
   * newline and carriage return, which RegExp's \s accepts and the trie does not: then a name's
   * RegExp may reach past where the trie stopped.
   */
  sawOtherWhitespace = false;
  /**
   * One bit per hash of a name's first word (its first run of ASCII letters and digits): a name
   * can only start where the text's word is that word, so a word whose bit is clear is skipped
   * without walking. This 8 KB table stays in cache between articles, where the trie's arrays do
   * not, and turns away all but a few per cent of words.
   */
  private readonly firstWords = new Uint8Array(FIRST_WORD_BITS >>> 3);
  /**
   * Names' first words by hash, open addressing: [hash, node the word leads to, start in
   * `wordUnits`, length] per slot, node 0 for an empty slot. A walk starts at the node after the
   * word: a word's letters all lead to one node, and no name can end inside a word, so the
   * steps through the top of the trie, where every node branches and misses the cache, are one
   * lookup and a compare of the word with its copy.
   */
  private readonly wordSlots: Int32Array;
  private readonly wordShift: number;
  private readonly wordUnits: Uint16Array;

  /** `names` are lower case; space, tab, newline and hyphen are one separator inside them. */
  constructor(names: readonly string[]) {
    let columns = 1;
    const columnOf = new Uint16Array(65536);
    const columnFor = (code: number): number => {
      const unit = separatorCode(code);
      let column = columnOf[unit] as number;
      if (column === 0) {
        column = columns++;
        columnOf[unit] = column;
      }
      return column;
    };
    for (const name of names) for (let k = 0; k < name.length; k++) columnFor(name.charCodeAt(k));
    for (const code of SEPARATORS) columnOf[code] = columnOf[32] as number;
    this.width = columns;
    for (const name of names)
      for (let k = 0; k < name.length; k++) {
        const code = name.charCodeAt(k);
        this.codes[code] = (CLASSES[code] as number) | ((columnOf[code] as number) << COLUMN_SHIFT);
      }
    // The space's column is every separator's, whichever of them the names hold.
    for (const code of [32, ...SEPARATORS])
      this.codes[code] = (CLASSES[code] as number) | ((columnOf[code] as number) << COLUMN_SHIFT);
    this.plainSpaced = new Uint8Array(names.length);
    for (const [index, name] of names.entries())
      this.plainSpaced[index] = [...name].some((c) => SEPARATORS.includes(c.charCodeAt(0))) ? 0 : 1;
    const root: BuildNode = { children: new Map(), name: 0 };
    for (const [index, name] of names.entries()) {
      let node = root;
      for (let k = 0; k < name.length; k++) {
        const column = columnFor(name.charCodeAt(k));
        let child = node.children.get(column);
        if (!child) {
          child = { children: new Map(), name: 0 };
          node.children.set(column, child);
        }
        node = child;
      }
      node.name = index + 1;
    }
    for (const name of names) {
      let hash = 0;
      for (let k = 0; k < name.length && WORD[name.charCodeAt(k)] === 1; k++)
        hash = (Math.imul(hash, 31) + name.charCodeAt(k)) | 0;
      const bit = firstWordBit(hash);
      this.firstWords[bit >>> 3] = (this.firstWords[bit >>> 3] as number) | (1 << (bit & 7));
    }
    // Depth first, each node's first child right after it.
    const order: BuildNode[] = [];
    const stack: BuildNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as BuildNode;
      order.push(node);
      stack.push(...[...node.children.values()].reverse());
    }
    const id = new Map(order.map((node, k) => [node, k]));
    const firstNodes = new Map<string, number>();
    for (const name of names) {
      let k = 0;
      let node = root;
      while (k < name.length && WORD[name.charCodeAt(k)] === 1)
        node = node.children.get(columnFor(name.charCodeAt(k++))) as BuildNode;
      if (k > 0) firstNodes.set(name.slice(0, k), id.get(node) as number);
    }
    let bits = 1;
    while (1 << bits < 2 * firstNodes.size) bits++;
    this.wordShift = 32 - bits;
    this.wordSlots = new Int32Array(4 << bits);
    this.wordUnits = new Uint16Array([...firstNodes.keys()].reduce((n, word) => n + word.length, 0));
    let unitsAt = 0;
    for (const [word, node] of firstNodes) {
      let hash = 0;
      for (let k = 0; k < word.length; k++) {
        hash = (Math.imul(hash, 31) + word.charCodeAt(k)) | 0;
        this.wordUnits[unitsAt + k] = word.charCodeAt(k);
      }
      let slot = Math.imul(hash, SLOT_MIX) >>> this.wordShift;
      while (this.wordSlots[slot * 4 + 1] !== 0) slot = (slot + 1) & ((1 << bits) - 1);
      this.wordSlots.set([hash, node, unitsAt, word.length], slot * 4);
      unitsAt += word.length;
    }
    const branching = order.filter((node) => node.children.size > 1).length;
    this.only = new Int32Array(order.length);
    this.rows = new Int32Array(order.length).fill(-1);
    this.next = new Int32Array(branching * this.width);
    this.ends = new Int32Array(order.length);
    let row = 0;
    for (const [k, node] of order.entries()) {
      this.ends[k] = node.name;
      if (node.children.size === 1) {
        for (const column of node.children.keys()) this.only[k] = column;
      } else if (node.children.size > 1) {
        this.rows[k] = row;
        for (const [column, child] of node.children)
          this.next[row * this.width + column] = id.get(child) as number;
        row++;
      }
    }
  }

  /**
   * Where a name may stand in lower-cased `text`: [start, end, index in `names`, spelled] of the
   * longest name at each word start that ends on a word boundary, leftmost first, not overlapping.
   * `spelled` is 1 when the text there is the name exactly: neither holds a separator but spaces
   * (the walk reads "sk-hynix" as "sk hynix"), so the caller need not compare the two.
   */
  candidates(text: string): number[] {
    const { only, rows, next, ends, width, codes, firstWords, plainSpaced, wordSlots, wordShift, wordUnits } =
      this;
    const out: number[] = [];
    const length = text.length;
    let other = 0;
    let i = 0;
    while (i < length) {
      // Every character outside a word is read here (a walk stops at other whitespace, which no
      // name holds where the literal path is used), so sawOtherWhitespace misses none.
      let code = codes[text.charCodeAt(i)] as number;
      while ((code & IS_WORD) === 0) {
        other |= code & IS_OTHER_WHITESPACE;
        if (++i >= length) break;
        code = codes[text.charCodeAt(i)] as number;
      }
      if (i >= length) break;
      // The word's own hash: a clear bit means no name starts with this word.
      let hash = 0;
      let wordEnd = i;
      for (; wordEnd < length; wordEnd++) {
        const unit = text.charCodeAt(wordEnd);
        if (((codes[unit] as number) & IS_WORD) === 0) break;
        hash = (Math.imul(hash, 31) + unit) | 0;
      }
      const bit = firstWordBit(hash);
      if (((firstWords[bit >>> 3] as number) & (1 << (bit & 7))) === 0) {
        i = wordEnd;
        continue;
      }
      let node = 0;
      const mask = (wordSlots.length >>> 2) - 1;
      for (let slot = Math.imul(hash, SLOT_MIX) >>> wordShift; ; slot = (slot + 1) & mask) {
        const found = wordSlots[slot * 4 + 1] as number;
        if (found === 0) break;
        if (wordSlots[slot * 4] !== hash || wordSlots[slot * 4 + 3] !== wordEnd - i) continue;
        const from = wordSlots[slot * 4 + 2] as number;
        let k = i;
        while (k < wordEnd && wordUnits[from + k - i] === text.charCodeAt(k)) k++;
        if (k === wordEnd) {
          node = found;
          break;
        }
      }
      if (node === 0) {
        i = wordEnd;
        continue;
      }
      let end = -1;
      let name = -1;
      let alt = 0;
      let altAtEnd = 0;
      for (let j = wordEnd; ; j++) {
        if (j >= length) {
          const ending = ends[node] as number;
          if (ending !== 0) {
            end = j;
            name = ending - 1;
            altAtEnd = alt;
          }
          break;
        }
        const step = codes[text.charCodeAt(j)] as number;
        if ((step & IS_WORD) === 0) {
          const ending = ends[node] as number;
          if (ending !== 0) {
            end = j;
            name = ending - 1;
            altAtEnd = alt;
          }
          alt |= step & IS_ALT_SEPARATOR;
        }
        const column = step >>> COLUMN_SHIFT;
        if (column === 0) break;
        const single = only[node] as number;
        if (single !== 0) {
          if (single !== column) break;
          node++;
        } else {
          const at = rows[node] as number;
          if (at < 0) break;
          node = next[at * width + column] as number;
          if (node === 0) break;
        }
      }
      if (end > 0) {
        out.push(i, end, name, altAtEnd === 0 ? (plainSpaced[name] as number) : 0);
        i = end;
      } else i = wordEnd;
    }
    this.sawOtherWhitespace = other !== 0;
    return out;
  }
}

interface BuildNode {
  children: Map<number, BuildNode>;
  /** The index in `names` + 1 of the name that ends here, 0 if none does. */
  name: number;
}

/** ASCII letters and digits: the word characters of the matching rules' boundaries. */
const WORD = new Uint8Array(65536);
for (let code = 0; code < 128; code++) WORD[code] = /[A-Za-z0-9]/.test(String.fromCharCode(code)) ? 1 : 0;

const SEPARATORS = [9, 10, 13, 45];

const FIRST_WORD_BITS = 1 << 16;

const SLOT_MIX = 0x85ebca6b;

function firstWordBit(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> 16;
}

const IS_WORD = 1;
const IS_OTHER_WHITESPACE = 2;
/** Tab, newline, carriage return and hyphen: separators that the space's column stands for. */
const IS_ALT_SEPARATOR = 4;
const COLUMN_SHIFT = 3;

/** What \s matches besides space, tab, newline and carriage return. */
export const OTHER_WHITESPACE = new Uint8Array(65536);
for (let code = 0; code < 65536; code++)
  OTHER_WHITESPACE[code] = /\s/.test(String.fromCharCode(code)) && ![32, 9, 10, 13].includes(code) ? 1 : 0;

/** IS_WORD, IS_OTHER_WHITESPACE and IS_ALT_SEPARATOR of every code unit: each trie adds columns. */
const CLASSES = new Int32Array(65536);
for (let code = 0; code < 65536; code++)
  CLASSES[code] =
    (WORD[code] === 1 ? IS_WORD : 0) |
    (OTHER_WHITESPACE[code] === 1 ? IS_OTHER_WHITESPACE : 0) |
    (SEPARATORS.includes(code) ? IS_ALT_SEPARATOR : 0);

/** Space, tab, newline and hyphen are one separator inside names ("SK Hynix", "SK-Hynix"). */
function separatorCode(code: number): number {
  return SEPARATORS.includes(code) ? 32 : code;
}
