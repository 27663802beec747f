/**
 * Every tracked name as a character trie in flat typed arrays, walked at each word start to find
 * where a name may end. A Map per node made this walk most of the matching time at 2,000 names;
 * one Int32Array row per node, indexed by a small alphabet, makes each step two array reads.
 */
export class NameTrie {
  /** The alphabet column of every UTF-16 code unit; 0 for one that no name contains. */
  private readonly column = new Uint16Array(65536);
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
    const columnOf = (code: number): number => {
      const unit = separatorCode(code);
      let column = this.column[unit] as number;
      if (column === 0) {
        column = columns++;
        this.column[unit] = column;
      }
      return column;
    };
    for (const name of names) for (let k = 0; k < name.length; k++) columnOf(name.charCodeAt(k));
    for (const code of SEPARATORS) this.column[code] = this.column[32] as number;
    this.width = columns;
    // Built as nested maps, then numbered breadth first: most walks stop within three letters,
    // so the rows they read sit together at the start of the table and stay in cache.
    const root: BuildNode = { children: new Map(), name: 0 };
    for (const [index, name] of names.entries()) {
      let node = root;
      for (let k = 0; k < name.length; k++) {
        const column = columnOf(name.charCodeAt(k));
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
    const { column, next, ends, width } = this;
    const out: number[] = [];
    const length = text.length;
    let other = 0;
    let i = 0;
    while (i < length) {
      // Every character that is not a name's is read here (a walk stops at one it cannot take).
      for (let code = text.charCodeAt(i); i < length && WORD[code] === 0; code = text.charCodeAt(++i))
        other |= OTHER_WHITESPACE[code] as number;
      if (i >= length) break;
      let node = 0;
      let end = -1;
      let name = -1;
      for (let j = i; ; j++) {
        const code = j < length ? text.charCodeAt(j) : 32;
        const ending = ends[node] as number;
        if (ending !== 0 && WORD[code] === 0) {
          end = j;
          name = ending - 1;
        }
        if (j >= length) break;
        const c = column[code] as number;
        if (c === 0) break;
        node = next[node * width + c] as number;
        if (node === 0) break;
      }
      if (end > 0) {
        out.push(i, end, name);
        i = end;
      } else while (i < length && WORD[text.charCodeAt(i)] === 1) i++;
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

/** What \s matches besides space, tab, newline and carriage return. */
export const OTHER_WHITESPACE = new Uint8Array(65536);
for (let code = 0; code < 65536; code++)
  OTHER_WHITESPACE[code] = /\s/.test(String.fromCharCode(code)) && ![32, 9, 10, 13].includes(code) ? 1 : 0;

/** Space, tab, newline and hyphen are one separator inside names ("SK Hynix", "SK-Hynix"). */
function separatorCode(code: number): number {
  return SEPARATORS.includes(code) ? 32 : code;
}
