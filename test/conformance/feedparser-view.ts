/**
 * Maps feedparser's result onto our model, for the fields we model and only those, and judges an
 * `Expect:` expression against what parseFeed produced.
 *
 * - Leaves of the and/or/not structure that read `bozo` are dropped (we do not model bozo), and
 *   so are leaves that read any key we do not model (counted as "not modelled"). What is left is
 *   evaluated; an Expect with nothing left is "not modelled".
 * - Text fields: feedparser sanitizes HTML where we strip it, so the expected value is turned into
 *   plain text the way we do (htmlToText: tags stripped, entities decoded, white space folded)
 *   unless the source element is plain text (Atom type="text", or no type in Atom); both sides
 *   then have their white space runs folded to one space. link / id / href compare exactly.
 * - Dates compare as instants; `*_parsed` tuples compare year..second in UTC.
 * - `updated` falls back to `published`, as feedparser's own dict does when there is no update.
 */

import { Parser } from "htmlparser2";
import type { NormalizedItem, ParsedFeed } from "../../src/ingest/item.js";
import { htmlToText } from "../../src/ingest/text.js";
import {
  type AccessChain,
  accessChains,
  describeValue,
  type Expr,
  evaluate,
  isPyObject,
  PyError,
  type PyObject,
  type PyValue,
  parseExpect,
  type Scope,
  showString,
  truthy,
  UnsupportedExpression,
} from "./expect-eval.js";

// ---------------------------------------------------------------------------------------------
// The source document, to learn what feedparser saw (element type attributes, link rels).

export interface XmlElement {
  /** Local name, lower case ("title" for atom:title). */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
}

export interface SourceInfo {
  isAtom: boolean;
  feed?: XmlElement;
  entries: XmlElement[];
}

function parseTree(text: string): XmlElement {
  const root: XmlElement = { local: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const element: XmlElement = {
          local: (name.includes(":") ? name.slice(name.indexOf(":") + 1) : name).toLowerCase(),
          attrs: attribs,
          children: [],
        };
        stack[stack.length - 1]?.children.push(element);
        stack.push(element);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return root;
}

function child(element: XmlElement | undefined, locals: string[]): XmlElement | undefined {
  return element?.children.find((c) => locals.includes(c.local));
}

export function readSource(text: string): SourceInfo {
  const doc = parseTree(text);
  const root = doc.children[0];
  const isAtom = root?.local === "feed";
  const feed =
    root && (root.local === "rss" || root.local === "rdf") ? (child(root, ["channel"]) ?? root) : root;
  const entries: XmlElement[] = [];
  const walk = (element: XmlElement) => {
    for (const c of element.children) {
      if (c.local === "item" || c.local === "entry") entries.push(c);
      else walk(c);
    }
  };
  if (root) walk(root);
  return { isAtom, ...(feed ? { feed } : {}), entries };
}

/** Whether feedparser's value for this element is plain text (else it is HTML). */
function isPlainText(element: XmlElement | undefined, isAtom: boolean): boolean {
  if (!element || element.children.length > 0) return false;
  const type = element.attrs.type?.trim().toLowerCase();
  if (type === "text" || type === "text/plain") return true;
  return isAtom && !type && element.attrs.mode !== "escaped" && element.attrs.mode !== "base64";
}

/** feedparser's links[0] is the first link element; it stands for our URL only if rel is alternate. */
function firstLinkIsAlternate(element: XmlElement | undefined): boolean {
  const link = child(element, ["link"]);
  if (!link) return false;
  const rel = link.attrs.rel?.trim() || "alternate";
  return rel === "alternate";
}

// ---------------------------------------------------------------------------------------------
// Which keys we model

const FEED_KEYS: string[][] = [["title"], ["title_detail", "value"], ["link"]];
const ENTRY_KEYS: string[][] = [
  ["title"],
  ["title_detail", "value"],
  ["link"],
  ["id"],
  ["guid"],
  ["published"],
  ["updated"],
  ["published_parsed"],
  ["updated_parsed"],
  ["summary"],
  ["description"],
  ["summary_detail", "value"],
  ["content", "0", "value"],
  ["author"],
  ["author_detail", "name"],
  ["tags"],
  ["tags", "#", "term"],
  ["category"],
  ["enclosures"],
  ["enclosures", "#", "href"],
  ["enclosures", "#", "url"],
  ["enclosures", "#", "length"],
  ["enclosures", "#", "type"],
];

function matches(steps: (string | number)[], pattern: string[]): boolean {
  return (
    steps.length === pattern.length &&
    pattern.every((p, i) => {
      const step = steps[i];
      if (p === "#") return typeof step === "number";
      if (/^\d+$/.test(p)) return step === Number(p);
      return step === p;
    })
  );
}

export function renderChain(chain: AccessChain): string {
  return chain.root + chain.steps.map((s) => (typeof s === "number" ? `[${s}]` : `['${s}']`)).join("");
}

type ChainClass = { kind: "ignored" } | { kind: "modelled" } | { kind: "unmodelled"; key: string };

export function classifyChain(chain: AccessChain, source: SourceInfo): ChainClass {
  if (chain.root === "bozo" || chain.root === "bozo_exception") return { kind: "ignored" };
  const unmodelled = (note = ""): ChainClass => ({
    kind: "unmodelled",
    key: renderChain(chain).replace(/^entries\[\d+\]/, "entries[i]") + note,
  });
  if (chain.dynamic) return unmodelled(" (computed key)");
  const { steps } = chain;
  if (chain.root === "feed") {
    if (FEED_KEYS.some((p) => matches(steps, p))) return { kind: "modelled" };
    if (matches(steps, ["links", "0", "href"])) {
      return firstLinkIsAlternate(source.feed) ? { kind: "modelled" } : unmodelled(" (rel is not alternate)");
    }
    return unmodelled();
  }
  if (chain.root === "entries") {
    if (steps.length === 0) return { kind: "modelled" };
    const index = steps[0];
    if (typeof index !== "number") return unmodelled();
    const rest = steps.slice(1);
    if (ENTRY_KEYS.some((p) => matches(rest, p))) return { kind: "modelled" };
    if (matches(rest, ["links", "0", "href"])) {
      return firstLinkIsAlternate(source.entries[index])
        ? { kind: "modelled" }
        : unmodelled(" (rel is not alternate)");
    }
    return unmodelled();
  }
  return unmodelled();
}

// ---------------------------------------------------------------------------------------------
// Reducing an Expect to its modelled part

interface Reduction {
  expr: Expr | undefined;
  unmodelled: string[];
}

function reduce(expr: Expr, source: SourceInfo): Reduction {
  if (expr.kind === "and" || expr.kind === "or") {
    const parts = expr.operands.map((operand) => reduce(operand, source));
    const kept = parts.flatMap((p) => (p.expr ? [p.expr] : []));
    const unmodelled = parts.flatMap((p) => p.unmodelled);
    if (kept.length === 0) return { expr: undefined, unmodelled };
    if (kept.length === 1) return { expr: kept[0], unmodelled };
    return { expr: { kind: expr.kind, operands: kept, span: expr.span }, unmodelled };
  }
  if (expr.kind === "not") {
    const inner = reduce(expr.operand, source);
    return {
      expr: inner.expr && { kind: "not", operand: inner.expr, span: expr.span },
      unmodelled: inner.unmodelled,
    };
  }
  const classes = accessChains(expr).map((chain) => classifyChain(chain, source));
  if (classes.length === 0 || classes.some((c) => c.kind === "ignored"))
    return { expr: undefined, unmodelled: [] };
  const unmodelled = classes.flatMap((c) => (c.kind === "unmodelled" ? [c.key] : []));
  return unmodelled.length > 0 ? { expr: undefined, unmodelled } : { expr, unmodelled: [] };
}

function render(expr: Expr, text: string): string {
  if (expr.kind === "and" || expr.kind === "or") {
    return expr.operands.map((o) => render(o, text)).join(` ${expr.kind} `);
  }
  if (expr.kind === "not") return `not ${render(expr.operand, text)}`;
  return text.slice(expr.span[0], expr.span[1]);
}

// ---------------------------------------------------------------------------------------------
// Our output seen through feedparser's keys

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** feedparser's raw date string as an instant; a zone-less date is UTC, as feedparser takes it. */
export function parseExpectedDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (m) {
    const zone = m[8] ?? "Z";
    const offset =
      zone.toUpperCase() === "Z"
        ? 0
        : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return (
      Date.UTC(
        Number(m[1]),
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4] ?? 0),
        Number(m[5] ?? 0),
        Number(m[6] ?? 0),
        m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0,
      ) -
      offset * 60_000
    );
  }
  const hasZone = /(?:\b(?:GMT|UTC?|Z|[ECMP][SD]T)|[+-]\d{4})\s*$/i.test(text.trim());
  const parsed = Date.parse(hasZone ? text : `${text} GMT`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

type FieldSpec = { kind: "text"; plain: boolean } | { kind: "exact" } | { kind: "date" } | { kind: "number" };

/** One of our values under a feedparser key, with the comparison that is fair for it. */
export class Field implements PyObject {
  readonly pyObject = true as const;

  constructor(
    readonly label: string,
    readonly ours: string,
    readonly spec: FieldSpec,
  ) {}

  getItem(key: string | number): PyValue {
    throw new PyError(`TypeError: ${this.label}[${String(key)}] is not modelled`);
  }

  /** The expected value in the form we compare with (for reports too). */
  expectedForm(expected: PyValue): string {
    if (typeof expected !== "string") return describeValue(expected);
    if (this.spec.kind === "text") return squash(this.spec.plain ? expected : htmlToText(expected));
    if (this.spec.kind === "date") {
      const instant = parseExpectedDate(expected);
      return instant === undefined
        ? `unparseable date ${JSON.stringify(expected)}`
        : new Date(instant).toISOString();
    }
    return expected;
  }

  equals(other: PyValue): boolean {
    if (other instanceof Field) {
      return this.spec.kind === "text" ? squash(this.ours) === squash(other.ours) : this.ours === other.ours;
    }
    switch (this.spec.kind) {
      case "text":
        return typeof other === "string" && squash(this.ours) === this.expectedForm(other);
      case "exact":
        return other === this.ours;
      case "number":
        return typeof other === "string" ? other.trim() === this.ours : other === Number(this.ours);
      case "date": {
        const ours = Date.parse(this.ours);
        if (typeof other === "string") return parseExpectedDate(other) === ours;
        if (!Array.isArray(other) || other.length < 6) return false;
        const d = new Date(ours);
        const parts = [
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
        ];
        return parts.every((part, i) => other[i] === part);
      }
    }
  }

  contains(item: PyValue): boolean {
    if (typeof item !== "string")
      throw new PyError("TypeError: 'in <string>' requires string as left operand");
    if (this.spec.kind === "text") return squash(this.ours).includes(this.expectedForm(item));
    return this.ours.includes(item);
  }

  describe(): string {
    return showString(this.ours);
  }
}

/** A feedparser dict restricted to the keys we model; an absent value is a KeyError. */
class Dict implements PyObject {
  readonly pyObject = true as const;

  constructor(
    private readonly label: string,
    private readonly fields: Record<string, PyValue | undefined>,
  ) {}

  getItem(key: string | number): PyValue {
    if (typeof key !== "string" || !Object.hasOwn(this.fields, key)) {
      throw new PyError(`KeyError: ${this.label}[${JSON.stringify(key)}] is not modelled`);
    }
    const value = this.fields[key];
    if (value === undefined)
      throw new PyError(`KeyError: ${JSON.stringify(key)} (absent from our ${this.label})`);
    return value;
  }

  contains(item: PyValue): boolean {
    return typeof item === "string" && this.fields[item] !== undefined;
  }

  describe(): string {
    return `<${this.label}>`;
  }
}

function opt<T>(value: T | undefined, make: (v: T) => PyValue): PyValue | undefined {
  return value === undefined ? undefined : make(value);
}

function entryView(item: NormalizedItem, index: number, source: SourceInfo): PyObject {
  const element = source.entries[index];
  const label = `entries[${index}]`;
  const titleField = new Field(`${label}.title`, item.title, {
    kind: "text",
    plain: isPlainText(child(element, ["title"]), source.isAtom),
  });
  const summaryElement =
    child(element, ["summary", "description"]) ?? child(element, ["content", "encoded", "body", "fullitem"]);
  const summaryField = new Field(`${label}.summary`, item.summary, {
    kind: "text",
    plain: isPlainText(summaryElement, source.isAtom),
  });
  const contentField = new Field(`${label}.content`, item.content, {
    kind: "text",
    plain: isPlainText(child(element, ["content", "encoded", "body", "fullitem"]), source.isAtom),
  });
  const url = opt(item.url, (u) => new Field(`${label}.link`, u, { kind: "exact" }));
  const id = new Field(`${label}.id`, item.id, { kind: "exact" });
  const published = opt(item.publishedAt, (d) => new Field(`${label}.published`, d, { kind: "date" }));
  const updatedAt = item.updatedAt ?? item.publishedAt;
  const updated = opt(updatedAt, (d) => new Field(`${label}.updated`, d, { kind: "date" }));
  const author = opt(item.author, (a) => new Field(`${label}.author`, a, { kind: "text", plain: false }));
  const tags = item.categories.map(
    (term, i) =>
      new Dict(`${label}.tags[${i}]`, {
        term: new Field(`${label}.tags[${i}].term`, term, { kind: "text", plain: false }),
      }),
  );
  const enclosures = item.enclosures.map((e, i) => {
    const href = new Field(`${label}.enclosures[${i}].href`, e.url, { kind: "exact" });
    return new Dict(`${label}.enclosures[${i}]`, {
      href,
      url: href,
      length: opt(
        e.length,
        (l) => new Field(`${label}.enclosures[${i}].length`, String(l), { kind: "number" }),
      ),
      type: opt(e.type, (t) => new Field(`${label}.enclosures[${i}].type`, t, { kind: "exact" })),
    });
  });
  return new Dict(label, {
    title: titleField,
    title_detail: new Dict(`${label}.title_detail`, { value: titleField }),
    link: url,
    links: url === undefined ? undefined : [new Dict(`${label}.links[0]`, { href: url })],
    id,
    guid: id,
    published,
    published_parsed: published,
    updated,
    updated_parsed: updated,
    summary: summaryField,
    description: summaryField,
    summary_detail: new Dict(`${label}.summary_detail`, { value: summaryField }),
    content: [new Dict(`${label}.content[0]`, { value: contentField })],
    author,
    author_detail: author === undefined ? undefined : new Dict(`${label}.author_detail`, { name: author }),
    tags,
    category: tags[0]?.getItem("term"),
    enclosures,
  });
}

export function feedScope(feed: ParsedFeed, source: SourceInfo): Scope {
  const title = new Field("feed.title", feed.title, {
    kind: "text",
    plain: isPlainText(child(source.feed, ["title"]), source.isAtom),
  });
  const link = opt(feed.link, (l) => new Field("feed.link", l, { kind: "exact" }));
  const view = new Dict("feed", {
    title,
    title_detail: new Dict("feed.title_detail", { value: title }),
    link,
    links: link === undefined ? undefined : [new Dict("feed.links[0]", { href: link })],
  });
  const entries = feed.items.map((item, i) => entryView(item, i, source));
  return {
    lookup(name) {
      if (name === "feed") return view;
      if (name === "entries") return entries;
      throw new PyError(`NameError: ${name} is not modelled`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Judging one file

export type CheckResult =
  | { status: "no-expect" }
  | { status: "unsupported"; reason: string }
  | { status: "not-modelled"; keys: string[] }
  | { status: "pass"; checked: string; dropped: string[] }
  | { status: "fail"; checked: string; dropped: string[]; details: string[] };

/** What parseFeed made of the file: a feed, or the reason it refused it, or a crash. */
export type ParseResult = { kind: "ok"; feed: ParsedFeed } | { kind: "error"; message: string };

function leaves(expr: Expr): Expr[] {
  if (expr.kind === "and" || expr.kind === "or") return expr.operands.flatMap(leaves);
  if (expr.kind === "not") return leaves(expr.operand);
  return [expr];
}

function explainLeaf(leaf: Expr, scope: Scope, text: string): string | undefined {
  const source = text.slice(leaf.span[0], leaf.span[1]);
  const safe = (e: Expr): PyValue | Error => {
    try {
      return evaluate(e, scope);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const whole = safe(leaf);
  if (!(whole instanceof Error) && whole === true) return undefined;
  if (leaf.kind !== "compare") {
    return `${source}: ${whole instanceof Error ? whole.message : `got ${describeValue(whole)}`}`;
  }
  const operands = [leaf.left, ...leaf.ops.map((o) => o.right)].map(safe);
  const field = operands.find((v): v is Field => v instanceof Field);
  const parts = operands.map((v) => {
    if (v instanceof Error) return v.message;
    if (v instanceof Field) return `got ${v.describe()}`;
    return field && !isPyObject(v) ? `expected ${showString(field.expectedForm(v))}` : describeValue(v);
  });
  return `${source}: ${parts.join("; ")}`;
}

export function judge(expect: string | undefined, sourceText: string, parsed: ParseResult): CheckResult {
  if (expect === undefined) return { status: "no-expect" };
  let expr: Expr;
  try {
    expr = parseExpect(expect);
  } catch (error) {
    if (error instanceof UnsupportedExpression) return { status: "unsupported", reason: error.message };
    throw error;
  }
  const source = readSource(sourceText);
  const { expr: reduced, unmodelled } = reduce(expr, source);
  if (!reduced) return { status: "not-modelled", keys: [...new Set(unmodelled)] };
  const checked = render(reduced, expect);
  const dropped = [...new Set(unmodelled)];
  if (parsed.kind === "error") return { status: "fail", checked, dropped, details: [parsed.message] };
  const scope = feedScope(parsed.feed, source);
  let ok: boolean;
  try {
    ok = truthy(evaluate(reduced, scope));
  } catch {
    ok = false;
  }
  if (ok) return { status: "pass", checked, dropped };
  const details = leaves(reduced).flatMap((leaf) => explainLeaf(leaf, scope, expect) ?? []);
  if (parsed.feed.items.length < source.entries.length) {
    details.push(
      `(our parser returned ${parsed.feed.items.length} item(s) for ${source.entries.length} <item>/<entry> element(s) in the source)`,
    );
  }
  return { status: "fail", checked, dropped, details };
}
