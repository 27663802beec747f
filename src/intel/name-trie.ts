/**
 * Every tracked name as a character trie in flat typed arrays, walked at each word start to find
 * where a name may end. A Map per node made this walk most of the matching time at 2,000 names;
 * one Int32Array row per node, indexed by a small alphabet, makes each step two array reads.
 */
export class NameTrie {
  /**
   * Of every UTF-16 code unit: its alphabet column (0 for one that no name contains) shifted by
   * COLUMN_SHIFT, with IS_WORD and IS_OTHER_WHITESPACE, so that each character costs one read.
   */
  private readonly codes = new Int32Array(65536);
  private readonly width: number;
  /** Row `node * width + column`: the child node, 0 for none (the root is never a child). */
  private readonly next: Int32Array;
  /** The index in `names` + 1 of the name that ends at each node, 0 where none does. */
  private readonly ends: Int32Array;
  /**
   * Whether the text of the last `candidates` call holds whitespace other than space, tab,
   * newline and carriage return, which RegExp's \s accepts and the trie does not: then a name's
   * RegExp may reach past where the trie stopped.
   */
  sawOtherWhitespace = false;

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
    for (let code = 0; code < 65536; code++)
      this.codes[code] =
        ((columnOf[code] as number) << COLUMN_SHIFT) |
        (WORD[code] === 1 ? IS_WORD : 0) |
        (OTHER_WHITESPACE[code] === 1 ? IS_OTHER_WHITESPACE : 0);
    // Built as nested maps, then numbered breadth first: most walks stop within three letters,
    // so the rows they read sit together at the start of the table and stay in cache.
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
    const order: BuildNode[] = [root];
    for (let k = 0; k < order.length; k++)
      for (const child of (order[k] as BuildNode).children.values()) order.push(child);
    const id = new Map(order.map((node, k) => [node, k]));
    this.next = new Int32Array(order.length * this.width);
    this.ends = new Int32Array(order.length);
    for (const [k, node] of order.entries()) {
      this.ends[k] = node.name;
      for (const [column, child] of node.children)
        this.next[k * this.width + column] = id.get(child) as number;
    }
  }

  /**
   * Where a name may stand in lower-cased `text`: [start, end, index in `names`] triples of the
   * longest name at each word start that ends on a word boundary, leftmost first, not overlapping.
   */
  candidates(text: string): number[] {
    const { next, ends, width } = this;
    const codes = this.codes;
    const out: number[] = [];
    const length = text.length;
    let other = 0;
    let i = 0;
    while (i < length) {
      // Every character that is not a name's is read here (a walk stops at one it cannot take).
      let code = codes[text.charCodeAt(i)] as number;
      while ((code & IS_WORD) === 0) {
        other |= code & IS_OTHER_WHITESPACE;
        if (++i >= length) break;
        code = codes[text.charCodeAt(i)] as number;
      }
      if (i >= length) break;
      // The walk reads each character once: where the word ends is noted on the way, so a walk
      // that finds no name does not read the word again.
      let node = next[code >>> COLUMN_SHIFT] as number;
      let wordEnd = -1;
      let end = -1;
      let name = -1;
      let j = i + 1;
      while (node !== 0) {
        if (j >= length) {
          if (wordEnd < 0) wordEnd = j;
          const ending = ends[node] as number;
          if (ending !== 0) {
            end = j;
            name = ending - 1;
          }
          break;
        }
        const step = codes[text.charCodeAt(j)] as number;
        if ((step & IS_WORD) === 0) {
          if (wordEnd < 0) wordEnd = j;
          const ending = ends[node] as number;
          if (ending !== 0) {
            end = j;
            name = ending - 1;
          }
        }
        const column = step >>> COLUMN_SHIFT;
        if (column === 0) break;
        node = next[node * width + column] as number;
        j++;
      }
      if (end > 0) {
        out.push(i, end, name);
        i = end;
      } else if (wordEnd >= 0) i = wordEnd;
      else {
        i = j;
        while (i < length && ((codes[text.charCodeAt(i)] as number) & IS_WORD) !== 0) i++;
      }
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

const IS_WORD = 1;
const IS_OTHER_WHITESPACE = 2;
const COLUMN_SHIFT = 2;

/** What \s matches besides space, tab, newline and carriage return. */
export const OTHER_WHITESPACE = new Uint8Array(65536);
for (let code = 0; code < 65536; code++)
  OTHER_WHITESPACE[code] = /\s/.test(String.fromCharCode(code)) && ![32, 9, 10, 13].includes(code) ? 1 : 0;

/** Space, tab, newline and hyphen are one separator inside names ("SK Hynix", "SK-Hynix"). */
function separatorCode(code: number): number {
  return SEPARATORS.includes(code) ? 32 : code;
}
