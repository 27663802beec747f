/**
 * A tiny evaluator for the subset of Python that feedparser's test corpus uses in its `Expect:`
 * lines: `and`, `or`, `not`, `==`, `!=`, `in`, `not in` (chained comparisons included),
 * `len(...)`, subscripts `x['key']` / `x[0]`, attribute access `x.key` (feedparser's dicts treat
 * it as a subscript), string literals (single, double and triple quotes, `u`/`r` prefixes, Python
 * escapes), numbers, tuples, `None`, `True`, `False`. Anything else is an UnsupportedExpression.
 */

/** Values the evaluator works with. Tuples are arrays; PyObject is implemented by the caller. */
export type PyValue = string | number | boolean | null | readonly PyValue[] | PyObject;

/** A dict-like (or field-like) value supplied by the caller. */
export interface PyObject {
  readonly pyObject: true;
  /** `x[key]` and `x.key`; throws PyError (KeyError / IndexError) when there is no such item. */
  getItem(key: string | number): PyValue;
  /** `len(x)`; absent means TypeError. */
  len?(): number;
  /** `x == other`; absent means identity. */
  equals?(other: PyValue): boolean;
  /** `item in x`; absent means TypeError. */
  contains?(item: PyValue): boolean;
  /** How the value reads in a report. */
  describe(): string;
}

/** A Python runtime error (KeyError, IndexError, TypeError, NameError): the check fails. */
export class PyError extends Error {
  override name = "PyError";
}

/** The expression uses syntax outside the supported subset. */
export class UnsupportedExpression extends Error {
  override name = "UnsupportedExpression";
}

export type CompareOp = "==" | "!=" | "in" | "not in";

/** Source offsets [start, end) into the expression text. */
export type Span = readonly [number, number];

export type Expr =
  | { kind: "name"; name: string; span: Span }
  | { kind: "literal"; value: string | number | boolean | null; span: Span }
  | { kind: "tuple"; items: Expr[]; span: Span }
  | { kind: "subscript"; target: Expr; key: Expr; span: Span }
  | { kind: "attribute"; target: Expr; name: string; span: Span }
  | { kind: "len"; arg: Expr; span: Span }
  | { kind: "not"; operand: Expr; span: Span }
  | { kind: "and" | "or"; operands: Expr[]; span: Span }
  | { kind: "compare"; left: Expr; ops: { op: CompareOp; right: Expr }[]; span: Span };

// ---------------------------------------------------------------------------------------------
// Tokenizer

type Token =
  | { type: "name"; value: string; start: number; end: number }
  | { type: "string"; value: string; start: number; end: number }
  | { type: "number"; value: number; start: number; end: number }
  | { type: "op"; value: string; start: number; end: number }
  | { type: "end"; start: number; end: number };

const OPERATORS = [
  "**",
  "//",
  "==",
  "!=",
  "<=",
  ">=",
  "<",
  ">",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ".",
  ":",
  "-",
  "+",
  "*",
  "/",
  "%",
  "=",
  "|",
  "&",
  "^",
  "~",
  "@",
];

function decodeEscapes(body: string, at: number): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? "";
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) throw new UnsupportedExpression(`dangling backslash in string at ${at}`);
    const simple: Record<string, string> = {
      "\n": "",
      "\\": "\\",
      "'": "'",
      '"': '"',
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
      v: "\v",
    };
    const mapped = simple[next];
    if (mapped !== undefined) {
      out += mapped;
      i += 1;
      continue;
    }
    const hexLength = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
        throw new UnsupportedExpression(`bad \\${next} escape in string at ${at}`);
      }
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 1 + hexLength;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1));
    if (octal) {
      out += String.fromCodePoint(Number.parseInt(octal[0], 8));
      i += octal[0].length;
      continue;
    }
    if (next === "N") throw new UnsupportedExpression(`\\N{...} escape in string at ${at}`);
    // Python keeps unknown escapes as they are.
    out += `\\${next}`;
    i += 1;
  }
  return out;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const quote = /^([rRuUbBfF]{0,2})('''|"""|'|")/.exec(rest);
    if (quote) {
      const prefix = (quote[1] ?? "").toLowerCase();
      const delimiter = quote[2] ?? "'";
      if (prefix.includes("b")) throw new UnsupportedExpression(`bytes literal at ${i}`);
      if (prefix.includes("f")) throw new UnsupportedExpression(`f-string at ${i}`);
      const raw = prefix.includes("r");
      let j = i + quote[0].length;
      let closed = -1;
      while (j < source.length) {
        if (source[j] === "\\") {
          j += 2;
          continue;
        }
        if (source.startsWith(delimiter, j)) {
          closed = j;
          break;
        }
        if (delimiter.length === 1 && source[j] === "\n") break;
        j += 1;
      }
      if (closed === -1) throw new UnsupportedExpression(`unterminated string at ${i}`);
      const body = source.slice(i + quote[0].length, closed);
      const end = closed + delimiter.length;
      tokens.push({ type: "string", value: raw ? body : decodeEscapes(body, i), start: i, end });
      i = end;
      continue;
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])/.exec(rest);
    if (number) {
      if (/^0\d/.test(number[0])) throw new UnsupportedExpression(`number with a leading zero at ${i}`);
      tokens.push({ type: "number", value: Number(number[0]), start: i, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      tokens.push({ type: "name", value: name[0], start: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (op) {
      tokens.push({ type: "op", value: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    throw new UnsupportedExpression(`unexpected character ${JSON.stringify(source[i])} at ${i}`);
  }
  tokens.push({ type: "end", start: source.length, end: source.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser (recursive descent, Python precedence: or < and < not < comparison < primary)

const KEYWORDS = new Set([
  "and",
  "or",
  "not",
  "in",
  "is",
  "None",
  "True",
  "False",
  "lambda",
  "if",
  "else",
  "for",
]);

class ExprParser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== "end") this.index += 1;
    return token;
  }

  private isOp(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === "op" && token.value === value;
  }

  private isName(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === "name" && token.value === value;
  }

  private expectOp(value: string): Token {
    const token = this.next();
    if (token.type !== "op" || token.value !== value) {
      throw new UnsupportedExpression(`expected '${value}' at ${token.start}`);
    }
    return token;
  }

  parseAll(): Expr {
    const expr = this.parseOr();
    const token = this.peek();
    if (token.type !== "end") throw new UnsupportedExpression(`unexpected token at ${token.start}`);
    return expr;
  }

  private parseBool(op: "and" | "or", operand: () => Expr): Expr {
    const first = operand();
    const operands = [first];
    while (this.isName(op)) {
      this.next();
      operands.push(operand());
    }
    if (operands.length === 1) return first;
    const last = operands[operands.length - 1] as Expr;
    return { kind: op, operands, span: [first.span[0], last.span[1]] };
  }

  private parseOr(): Expr {
    return this.parseBool("or", () => this.parseAnd());
  }

  private parseAnd(): Expr {
    return this.parseBool("and", () => this.parseNot());
  }

  private parseNot(): Expr {
    if (this.isName("not")) {
      const start = this.next().start;
      const operand = this.parseNot();
      return { kind: "not", operand, span: [start, operand.span[1]] };
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parsePrimary();
    const ops: { op: CompareOp; right: Expr }[] = [];
    for (;;) {
      let op: CompareOp | undefined;
      if (this.isOp("==") || this.isOp("!=")) {
        op = this.isOp("==") ? "==" : "!=";
        this.next();
      } else if (this.isName("in")) {
        this.next();
        op = "in";
      } else if (this.isName("not") && this.isName("in", 1)) {
        this.next();
        this.next();
        op = "not in";
      } else if (this.isName("is")) throw new UnsupportedExpression(`'is' at ${this.peek().start}`);
      else if (["<", ">", "<=", ">="].some((o) => this.isOp(o))) {
        throw new UnsupportedExpression(`ordering comparison at ${this.peek().start}`);
      }
      if (op === undefined) break;
      ops.push({ op, right: this.parsePrimary() });
    }
    if (ops.length === 0) return left;
    const last = ops[ops.length - 1] as { right: Expr };
    return { kind: "compare", left, ops, span: [left.span[0], last.right.span[1]] };
  }

  private parsePrimary(): Expr {
    let expr = this.parseAtom();
    for (;;) {
      if (this.isOp("[")) {
        this.next();
        if (this.isOp(":")) throw new UnsupportedExpression(`slice at ${this.peek().start}`);
        const key = this.parseOr();
        if (this.isOp(":") || this.isOp(",")) {
          throw new UnsupportedExpression(`slice or tuple index at ${this.peek().start}`);
        }
        const close = this.expectOp("]");
        expr = { kind: "subscript", target: expr, key, span: [expr.span[0], close.end] };
      } else if (this.isOp(".")) {
        this.next();
        const name = this.next();
        if (name.type !== "name" || KEYWORDS.has(name.value)) {
          throw new UnsupportedExpression(`expected an attribute name at ${name.start}`);
        }
        expr = { kind: "attribute", target: expr, name: name.value, span: [expr.span[0], name.end] };
      } else if (this.isOp("(")) {
        if (expr.kind !== "name" || expr.name !== "len") {
          throw new UnsupportedExpression(`call at ${this.peek().start} (only len(...) is supported)`);
        }
        this.next();
        const arg = this.parseOr();
        const close = this.expectOp(")");
        expr = { kind: "len", arg, span: [expr.span[0], close.end] };
      } else {
        return expr;
      }
    }
  }

  private parseAtom(): Expr {
    const token = this.next();
    switch (token.type) {
      case "string": {
        let value = token.value;
        let end = token.end;
        // Adjacent literals concatenate: 'a' 'b' == 'ab'.
        while (this.peek().type === "string") {
          const more = this.next();
          if (more.type === "string") value += more.value;
          end = more.end;
        }
        return { kind: "literal", value, span: [token.start, end] };
      }
      case "number":
        return { kind: "literal", value: token.value, span: [token.start, token.end] };
      case "name": {
        if (token.value === "None") return { kind: "literal", value: null, span: [token.start, token.end] };
        if (token.value === "True") return { kind: "literal", value: true, span: [token.start, token.end] };
        if (token.value === "False") return { kind: "literal", value: false, span: [token.start, token.end] };
        if (KEYWORDS.has(token.value)) {
          throw new UnsupportedExpression(`keyword '${token.value}' at ${token.start}`);
        }
        return { kind: "name", name: token.value, span: [token.start, token.end] };
      }
      case "op": {
        if (token.value === "-" && this.peek().type === "number") {
          const number = this.next();
          if (number.type !== "number")
            throw new UnsupportedExpression(`expected a number at ${number.start}`);
          return { kind: "literal", value: -number.value, span: [token.start, number.end] };
        }
        if (token.value === "(") {
          if (this.isOp(")")) {
            const close = this.next();
            return { kind: "tuple", items: [], span: [token.start, close.end] };
          }
          const first = this.parseOr();
          if (!this.isOp(",")) {
            this.expectOp(")");
            return first;
          }
          const items = [first];
          while (this.isOp(",")) {
            this.next();
            if (this.isOp(")")) break;
            items.push(this.parseOr());
          }
          const close = this.expectOp(")");
          return { kind: "tuple", items, span: [token.start, close.end] };
        }
        throw new UnsupportedExpression(`'${token.value}' at ${token.start}`);
      }
      case "end":
        throw new UnsupportedExpression("unexpected end of expression");
    }
  }
}

/** Parses an Expect expression; throws UnsupportedExpression for syntax outside the subset. */
export function parseExpect(source: string): Expr {
  return new ExprParser(tokenize(source)).parseAll();
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface Scope {
  /** A free name; throws PyError (NameError) when unknown. */
  lookup(name: string): PyValue;
}

export function isPyObject(value: PyValue): value is PyObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "pyObject" in value;
}

function isTuple(value: PyValue): value is readonly PyValue[] {
  return Array.isArray(value);
}

/** A string as a JSON literal, with invisible characters (C1 controls, zero widths) escaped. */
export function showString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff\ufffd]/g,
    (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}

export function describeValue(value: PyValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return showString(value);
  if (typeof value === "number") return String(value);
  if (isTuple(value)) return `(${value.map(describeValue).join(", ")})`;
  return value.describe();
}

export function truthy(value: PyValue): boolean {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (isTuple(value)) return value.length > 0;
  return value.len ? value.len() > 0 : true;
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (isPyObject(a)) return a.equals ? a.equals(b) : a === b;
  if (isPyObject(b)) return b.equals ? b.equals(a) : false;
  if (isTuple(a) || isTuple(b)) {
    if (!isTuple(a) || !isTuple(b) || a.length !== b.length) return false;
    return a.every((item, i) => pyEquals(item, b[i] as PyValue));
  }
  const numeric = (v: PyValue) => typeof v === "number" || typeof v === "boolean";
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  return a === b;
}

function pyContains(container: PyValue, item: PyValue): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string")
      throw new PyError("TypeError: 'in <string>' requires string as left operand");
    return container.includes(item);
  }
  if (isTuple(container)) return container.some((member) => pyEquals(member, item));
  if (isPyObject(container) && container.contains) return container.contains(item);
  throw new PyError(`TypeError: argument of type ${describeValue(container)} is not iterable`);
}

function pyLen(value: PyValue): number {
  if (typeof value === "string") return Array.from(value).length;
  if (isTuple(value)) return value.length;
  if (isPyObject(value) && value.len) return value.len();
  throw new PyError(`TypeError: object ${describeValue(value)} has no len()`);
}

function pyGetItem(target: PyValue, key: PyValue): PyValue {
  if (typeof key !== "string" && typeof key !== "number") {
    throw new PyError(`TypeError: unsupported index ${describeValue(key)}`);
  }
  if (isPyObject(target)) return target.getItem(key);
  if (typeof target === "string" || isTuple(target)) {
    if (typeof key !== "number" || !Number.isInteger(key)) {
      throw new PyError(`TypeError: indices must be integers, not ${describeValue(key)}`);
    }
    const items = typeof target === "string" ? Array.from(target) : target;
    const index = key < 0 ? items.length + key : key;
    if (index < 0 || index >= items.length) throw new PyError(`IndexError: index ${key} out of range`);
    return items[index] as PyValue;
  }
  throw new PyError(`TypeError: ${describeValue(target)} is not subscriptable`);
}

export function compareValues(op: CompareOp, left: PyValue, right: PyValue): boolean {
  switch (op) {
    case "==":
      return pyEquals(left, right);
    case "!=":
      return !pyEquals(left, right);
    case "in":
      return pyContains(right, left);
    case "not in":
      return !pyContains(right, left);
  }
}

/** Evaluates an expression with Python semantics. Runtime errors throw PyError. */
export function evaluate(expr: Expr, scope: Scope): PyValue {
  switch (expr.kind) {
    case "name":
      return scope.lookup(expr.name);
    case "literal":
      return expr.value;
    case "tuple":
      return expr.items.map((item) => evaluate(item, scope));
    case "subscript":
      return pyGetItem(evaluate(expr.target, scope), evaluate(expr.key, scope));
    case "attribute": {
      const target = evaluate(expr.target, scope);
      if (!isPyObject(target)) {
        throw new PyError(`AttributeError: ${describeValue(target)} has no attribute '${expr.name}'`);
      }
      return target.getItem(expr.name);
    }
    case "len":
      return pyLen(evaluate(expr.arg, scope));
    case "not":
      return !truthy(evaluate(expr.operand, scope));
    case "and":
    case "or": {
      let value: PyValue = expr.kind === "and";
      for (const operand of expr.operands) {
        value = evaluate(operand, scope);
        if (truthy(value) === (expr.kind === "or")) return value;
      }
      return value;
    }
    case "compare": {
      let left = evaluate(expr.left, scope);
      for (const { op, right } of expr.ops) {
        const value = evaluate(right, scope);
        if (!compareValues(op, left, value)) return false;
        left = value;
      }
      return true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Static analysis

/** A chain of constant subscripts / attributes from a free name: `entries[0]['title']`. */
export interface AccessChain {
  root: string;
  steps: (string | number)[];
  /** A subscript with a computed key sits somewhere in the chain. */
  dynamic: boolean;
}

function flatten(expr: Expr): AccessChain | undefined {
  if (expr.kind === "name") return { root: expr.name, steps: [], dynamic: false };
  if (expr.kind === "attribute") {
    const chain = flatten(expr.target);
    if (chain) chain.steps.push(expr.name);
    return chain;
  }
  if (expr.kind === "subscript") {
    const chain = flatten(expr.target);
    if (!chain) return undefined;
    const key = expr.key;
    if (key.kind === "literal" && (typeof key.value === "string" || typeof key.value === "number")) {
      chain.steps.push(key.value);
    } else chain.dynamic = true;
    return chain;
  }
  return undefined;
}

/** Every maximal access chain in an expression (what the expression reads). */
export function accessChains(expr: Expr): AccessChain[] {
  const out: AccessChain[] = [];
  const walk = (node: Expr): void => {
    const chain = flatten(node);
    if (chain) {
      out.push(chain);
      // Computed keys read names of their own.
      let cursor: Expr = node;
      while (cursor.kind === "subscript" || cursor.kind === "attribute") {
        if (cursor.kind === "subscript" && cursor.key.kind !== "literal") walk(cursor.key);
        cursor = cursor.target;
      }
      return;
    }
    switch (node.kind) {
      case "tuple":
        node.items.forEach(walk);
        return;
      case "subscript":
        walk(node.target);
        walk(node.key);
        return;
      case "attribute":
        walk(node.target);
        return;
      case "len":
        walk(node.arg);
        return;
      case "not":
        walk(node.operand);
        return;
      case "and":
      case "or":
        node.operands.forEach(walk);
        return;
      case "compare":
        walk(node.left);
        for (const { right } of node.ops) walk(right);
        return;
      case "name":
      case "literal":
        return;
    }
  };
  walk(expr);
  return out;
}
