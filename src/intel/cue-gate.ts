/**
 * Where each of several RegExps first matches in a text, found without scanning the text once per
 * RegExp. From each one's source, read once, come the first characters (up to five) a match can
 * begin with, and whether a word boundary must come before them; on a text, one walk over its
 * characters tries a RegExp (sticky) only at positions where one of its starts begins. The event
 * tables are searched on every sentence that names a company, and most sentences hold the starts
 * of few of their phrases.
 *
 * The reading is conservative: what it cannot tell apart (a class it does not expand, a
 * back-reference, too many starts) counts as "could start with anything", and such a RegExp is
 * searched the plain way, so every answer is the plain search's. `test/intel/cue-gate.test.ts`
 * holds it to that.
 */

// Character codes above 127 share one bucket, on both sides.
const OTHER = 127;
const WIDTH = 128;
// A pattern that could begin with any character.
const ANY = -1;
// Past this many starts a pattern is searched the plain way.
const MAX_KEYS = 4000;

type CharSet = Set<number> | typeof ANY;

type Node =
  | { kind: "assert"; boundary: boolean }
  | { kind: "char"; set: CharSet; min: number; max: number }
  | { kind: "group"; alternatives: Node[][]; min: number; max: number };

const bucket = (code: number): number => Math.min(code, OTHER);

function range(from: string, to: string): number[] {
  const out: number[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(c);
  return out;
}
const DIGITS = range("0", "9");
const WORD = [...DIGITS, ...range("a", "z"), ...range("A", "Z"), 95];
// \s in a RegExp: ASCII white space, and (in the shared bucket) the Unicode spaces.
const SPACE = [9, 10, 11, 12, 13, 32, OTHER];

/** The characters an escape (`\d`, `\s`, `\.`) stands for, or ANY; `next` is the index after it. */
function escapeSet(
  source: string,
  at: number,
): { set: CharSet; next: number } | { assert: true; next: number } {
  const c = source[at + 1] ?? "";
  if (c === "b" || c === "B") return { assert: true, next: at + 2 };
  if (c === "d") return { set: new Set(DIGITS), next: at + 2 };
  if (c === "w") return { set: new Set(WORD), next: at + 2 };
  if (c === "s") return { set: new Set(SPACE), next: at + 2 };
  if (c === "n") return { set: new Set([10]), next: at + 2 };
  if (c === "t") return { set: new Set([9]), next: at + 2 };
  if (c === "r") return { set: new Set([13]), next: at + 2 };
  // \D, \W, \S, \uXXXX, \xXX, \cX, \k<name>, back-references: not worth reading.
  if (/[A-Za-z0-9]/.test(c)) return { set: ANY, next: at + 2 };
  return { set: new Set([bucket(c.charCodeAt(0))]), next: at + 2 };
}

/** The class that opens at `source[at]` ("["), as a set of buckets, and the index after it. */
function classSet(source: string, at: number): { set: CharSet; next: number } {
  let k = at + 1;
  const negated = source[k] === "^";
  if (negated) k++;
  const set = new Set<number>();
  let any = negated;
  while (k < source.length && source[k] !== "]") {
    let from: number;
    if (source[k] === "\\") {
      const e = escapeSet(source, k);
      k = e.next;
      if ("assert" in e) {
        set.add(8); // [\b] is a backspace
        continue;
      }
      if (e.set === ANY) any = true;
      else for (const c of e.set) set.add(c);
      if (e.set === ANY || e.set.size !== 1) continue;
      from = [...e.set][0] as number;
    } else {
      from = source.charCodeAt(k);
      k++;
    }
    // A range "a-z" (a dash before "]" is a dash).
    if (source[k] === "-" && source[k + 1] !== "]" && k + 1 < source.length) {
      let to: number;
      if (source[k + 1] === "\\") {
        const e = escapeSet(source, k + 1);
        k = e.next;
        if ("assert" in e || e.set === ANY || e.set.size !== 1) {
          any = true;
          continue;
        }
        to = [...e.set][0] as number;
      } else {
        to = source.charCodeAt(k + 1);
        k += 2;
      }
      for (let c = from; c <= to && c <= 0xffff; c++) set.add(bucket(c));
    } else set.add(bucket(from));
  }
  return { set: any ? ANY : set, next: k + 1 };
}

/** Reads a quantifier at `source[at]`, if any: its bounds and the index after it (and a lazy `?`). */
function quantifier(source: string, at: number): { min: number; max: number; next: number } {
  const c = source[at];
  let min = 1;
  let max = 1;
  let next = at;
  if (c === "?") [min, max, next] = [0, 1, at + 1];
  else if (c === "*") [min, max, next] = [0, Number.POSITIVE_INFINITY, at + 1];
  else if (c === "+") [min, max, next] = [1, Number.POSITIVE_INFINITY, at + 1];
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (m) {
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      next = at + m[0].length;
    }
  }
  if (next > at && source[next] === "?") next++;
  return { min, max, next };
}

/** Parses a RegExp source into alternatives of sequences; `at` is where the group's body starts. */
function parseAlternatives(source: string, at: number): { alternatives: Node[][]; next: number } {
  const alternatives: Node[][] = [];
  let seq: Node[] = [];
  let k = at;
  while (k < source.length) {
    const c = source[k];
    if (c === ")") break;
    if (c === "|") {
      alternatives.push(seq);
      seq = [];
      k++;
      continue;
    }
    if (c === "^" || c === "$") {
      seq.push({ kind: "assert", boundary: false });
      k++;
      continue;
    }
    if (c === "(") {
      const look = /^\(\?(?:[=!]|<[=!])/.exec(source.slice(k, k + 4));
      const named = /^\(\?<[A-Za-z]/.test(source.slice(k, k + 4));
      const bodyAt = look
        ? k + look[0].length
        : source.startsWith("(?:", k)
          ? k + 3
          : named
            ? source.indexOf(">", k) + 1
            : k + 1;
      const inner = parseAlternatives(source, bodyAt);
      const q = quantifier(source, inner.next + 1);
      k = q.next;
      // A look-around only narrows where a match may start: reading past it is conservative.
      if (look) seq.push({ kind: "assert", boundary: false });
      else seq.push({ kind: "group", alternatives: inner.alternatives, min: q.min, max: q.max });
      continue;
    }
    let set: CharSet;
    if (c === "\\") {
      const e = escapeSet(source, k);
      k = e.next;
      if ("assert" in e) {
        seq.push({ kind: "assert", boundary: source[k - 1] === "b" });
        continue;
      }
      set = e.set;
    } else if (c === "[") {
      const cls = classSet(source, k);
      k = cls.next;
      set = cls.set;
    } else if (c === ".") {
      set = ANY;
      k++;
    } else {
      set = new Set([bucket(source.charCodeAt(k))]);
      k++;
    }
    const q = quantifier(source, k);
    k = q.next;
    seq.push({ kind: "char", set, min: q.min, max: q.max });
  }
  alternatives.push(seq);
  return { alternatives, next: k };
}

// A start: the first characters a match can begin with, up to KEY_LENGTH (fewer: what follows
// may be anything), and whether a word boundary comes before the first.
interface Start {
  boundary: boolean;
  codes: number[];
}

// How many characters of a start are read: "the c" tells "the company" from "the lab".
const KEY_LENGTH = 5;
// A class wider than this past the first character ends the start there: "$" then any digit.
const MAX_BRANCH = 4;

class TooMany extends Error {}

/** Every start a match of the sequence can have, `need` characters long at most. */
function starts(
  list: readonly Node[],
  need: number,
  boundary: boolean,
  out: Start[],
  prefix: number[],
): void {
  if (out.length > MAX_KEYS) throw new TooMany();
  if (need === 0 || list.length === 0) {
    out.push({ boundary, codes: prefix });
    return;
  }
  const [head, ...rest] = list as [Node, ...Node[]];
  if (head.kind === "assert") {
    starts(rest, need, boundary || (head.boundary && prefix.length === 0), out, prefix);
    return;
  }
  if (head.min !== 1 || head.max !== 1) {
    const one: Node = { ...head, min: 1, max: 1 };
    const lo = Math.min(head.min, need);
    const hi = Math.min(head.max, need);
    for (let r = lo; r <= hi; r++) {
      const repeated: Node[] = Array.from({ length: r }, () => one);
      // More repeats than the start reads, or a repeat that may match nothing: what follows is unknown.
      const tail: Node[] = head.min > need || (r === hi && head.max > hi) ? [wildcard] : rest;
      starts([...repeated, ...tail], need, boundary, out, prefix);
    }
    return;
  }
  if (head.kind === "group") {
    for (const alternative of head.alternatives)
      starts([...alternative, ...rest], need, boundary, out, prefix);
    return;
  }
  if (head.set === ANY || (prefix.length > 0 && head.set.size > MAX_BRANCH)) {
    out.push({ boundary, codes: prefix });
    return;
  }
  for (const code of head.set) starts(rest, need - 1, boundary, out, [...prefix, code]);
}

const wildcard: Node = { kind: "char", set: ANY, min: 1, max: 1 };

const TABLE_BITS = 13;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const step = (hash: number, code: number): number => (Math.imul(hash, 0x9e3779b1) + code + 1) >>> 0;
const slot = (hash: number): number => (hash ^ (hash >>> TABLE_BITS)) & TABLE_MASK;
// Per character: whether it is a word character for \b, and which kinds of start begin with it.
const WORD_CHAR = 1;
const BEGINS_AT_BOUNDARY = 2;
const BEGINS_ANYWHERE = 4;

/**
 * The starts of one kind of position, by length: the first two characters index their tables
 * directly, longer starts are hashed. Each entry has two masks: the patterns a start of that
 * length ends (`ends`), and those with a longer start that goes on from it (`goesOn`), so a walk
 * reads on only for the patterns it still wants. Collisions only let more patterns through.
 */
class StartTable {
  readonly ends1 = new Int32Array(WIDTH);
  readonly goesOn1 = new Int32Array(WIDTH);
  readonly ends2 = new Int32Array(WIDTH * WIDTH);
  readonly goesOn2 = new Int32Array(WIDTH * WIDTH);
  readonly endsLonger = new Int32Array((KEY_LENGTH + 1) << TABLE_BITS);
  readonly goesOnLonger = new Int32Array((KEY_LENGTH + 1) << TABLE_BITS);

  add(codes: readonly number[], bit: number): void {
    const mask = 1 << bit;
    let hash = 0;
    for (let k = 0; k < codes.length; k++) {
      const code = codes[k] as number;
      hash = step(hash, code);
      const last = k + 1 === codes.length;
      const [ends, goesOn, at] =
        k === 0
          ? [this.ends1, this.goesOn1, code]
          : k === 1
            ? [this.ends2, this.goesOn2, ((codes[0] as number) << 7) | code]
            : [this.endsLonger, this.goesOnLonger, ((k + 1) << TABLE_BITS) | slot(hash)];
      if (last) ends[at] = (ends[at] as number) | mask;
      else goesOn[at] = (goesOn[at] as number) | mask;
    }
  }
}

/**
 * Where each of several RegExps (at most 31) first matches in a text, as `text.search` tells: each
 * is tried, sticky, only where one of its starts begins.
 */
export class FirstMatches {
  // Starts that may begin anywhere ("$5bn"), and at a word boundary those and the starts that need
  // one: a position reads one table.
  private readonly anywhere = new StartTable();
  private readonly atBoundary = new StartTable();
  private readonly chars = new Uint8Array(WIDTH);
  private readonly sticky: RegExp[];
  private readonly plain: RegExp[];
  /** Patterns whose starts could not be read: searched the plain way. */
  private readonly unread: number;

  constructor(patterns: readonly RegExp[]) {
    if (patterns.length > 31) throw new Error("FirstMatches holds at most 31 patterns");
    this.sticky = patterns.map((p) => new RegExp(p.source, `${p.flags.replace(/[gy]/g, "")}y`));
    this.plain = patterns.map((p) => new RegExp(p.source, p.flags.replace(/[gy]/g, "")));
    for (let c = 0; c < WIDTH; c++) if (isWordCode(c)) this.chars[c] = WORD_CHAR;
    let unread = 0;
    patterns.forEach((pattern, bit) => {
      const found: Start[] = [];
      try {
        if (/[iuv]/.test(pattern.flags)) throw new TooMany();
        for (const alternative of parseAlternatives(pattern.source, 0).alternatives)
          starts(alternative, KEY_LENGTH, false, found, []);
        if (found.some((start) => start.codes.length === 0)) throw new TooMany();
      } catch (error) {
        if (!(error instanceof TooMany)) throw error;
        unread |= 1 << bit;
        return;
      }
      for (const { boundary, codes } of found) {
        this.atBoundary.add(codes, bit);
        if (!boundary) this.anywhere.add(codes, bit);
        const first = codes[0] as number;
        this.chars[first] = (this.chars[first] ?? 0) | (boundary ? BEGINS_AT_BOUNDARY : BEGINS_ANYWHERE);
      }
    });
    this.unread = unread;
  }

  /** Fills `out[bit]` with where each wanted pattern first matches in `text`, or -1. */
  find(text: string, wanted: number, out: Int32Array): void {
    out.fill(-1);
    let pending = wanted;
    for (let rest = pending & this.unread; rest !== 0; rest &= rest - 1) {
      const bit = 31 - Math.clz32(rest & -rest);
      pending &= ~(1 << bit);
      out[bit] = text.search(this.plain[bit] as RegExp);
    }
    const n = text.length;
    const chars = this.chars;
    let previousWord = 0;
    for (let p = 0; p < n && pending !== 0; p++) {
      let code = text.charCodeAt(p);
      if (code > OTHER) code = OTHER;
      const info = chars[code] as number;
      const word = info & WORD_CHAR;
      const boundary = word !== previousWord;
      previousWord = word;
      if ((info & (boundary ? BEGINS_AT_BOUNDARY | BEGINS_ANYWHERE : BEGINS_ANYWHERE)) === 0) continue;
      const table = boundary ? this.atBoundary : this.anywhere;
      let found = (table.ends1[code] as number) & pending;
      if (((table.goesOn1[code] as number) & pending) !== 0 && p + 1 < n) {
        let next = text.charCodeAt(p + 1);
        if (next > OTHER) next = OTHER;
        const pair = (code << 7) | next;
        found |= (table.ends2[pair] as number) & pending;
        if (((table.goesOn2[pair] as number) & pending) !== 0) {
          let hash = step(step(0, code), next);
          for (let length = 3; length <= KEY_LENGTH && p + length <= n; length++) {
            let c = text.charCodeAt(p + length - 1);
            if (c > OTHER) c = OTHER;
            hash = step(hash, c);
            const at = (length << TABLE_BITS) | slot(hash);
            found |= (table.endsLonger[at] as number) & pending;
            if (((table.goesOnLonger[at] as number) & pending) === 0) break;
          }
        }
      }
      for (let rest = found; rest !== 0; rest &= rest - 1) {
        const bit = 31 - Math.clz32(rest & -rest);
        const re = this.sticky[bit] as RegExp;
        re.lastIndex = p;
        if (re.test(text)) {
          out[bit] = p;
          pending &= ~(1 << bit);
        }
      }
    }
  }
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;
}
