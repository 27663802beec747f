import { z } from "zod";
import { EVENT_TYPES, type EventType } from "../intel/event-types.js";

/**
 * How an option is written and checked. Each kind parses once, here, into the type `ValueOf`
 * gives it, so a command's `run` receives typed values and never re-checks them.
 */
export interface OptionKinds {
  /** A company, product or person as typed; resolved by the command (it knows the directory). */
  entity: string;
  /** The rest of the line. */
  words: string;
  /** US dollars. */
  amount: number;
  /** Milliseconds. */
  duration: number;
  choice: string;
  action: string;
  text: string;
  /** "HH:MM", zero-padded, 24-hour. */
  time: string;
  /** An IANA time zone. */
  zone: string;
  /** Local hours [start, end), e.g. quiet hours 22-07. */
  hours: { start: number; end: number };
  /** Comma-separated event types. */
  types: EventType[];
}
export type OptionKind = keyof OptionKinds;

export interface OptionSpec<K extends OptionKind = OptionKind> {
  name: string;
  description: string;
  kind: K;
  /** Taken from the free words of the command line (in order), not only from `name:value`. */
  positional?: boolean;
  required?: boolean;
  choices?: readonly string[];
  /** Default when left out, in the option's own syntax ("7d", "$1B"). */
  default?: string;
  example: string;
}

type ValueOf<S> = S extends { kind: "choice" | "action"; choices: readonly (infer C)[] }
  ? C
  : S extends { kind: infer K extends OptionKind }
    ? OptionKinds[K]
    : never;
type Present<S> = S extends { default: string } | { required: true } ? true : false;

/** The typed arguments a command's `run` receives, derived from its option specs. */
export type ArgsOf<Specs extends readonly OptionSpec[]> = {
  [S in Specs[number] as S["name"]]: Present<S> extends true ? ValueOf<S> : ValueOf<S> | undefined;
};

export type ParsedArgs = Record<string, OptionKinds[OptionKind] | undefined>;

/** Discord application command option type STRING: every option is typed as text there and parsed here. */
export const DISCORD_STRING = 3;

const DURATION_UNITS: Record<string, number> = {
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  m: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

/** "7d", "24h", "2w", "3m", "2y" -> milliseconds (at most ten years). */
export const durationSchema = z
  .string()
  .regex(/^\d{1,4}[hdwmy]$/i, "is not a period like 7d, 24h, 2w, 3m or 2y")
  .transform((v) => Number(v.slice(0, -1)) * (DURATION_UNITS[v.slice(-1).toLowerCase()] ?? 0))
  .refine((ms) => ms > 0 && ms <= 3_660 * 86_400_000, "must be between 1h and 10y");

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9, t: 1e12, tn: 1e12 };
/** Larger than any deal on record by far: a bigger number is a typo, not a filter. */
export const MAX_AMOUNT_USD = 1e14;

/** "$1B", "500M", "1.5bn", "$750m" -> US dollars. */
export const amountSchema = z
  .string()
  .regex(/^\$?\d{1,15}(?:\.\d{1,6})?\s?(k|m|mn|b|bn|t|tn)?$/i, "is not an amount like $1B, 500M or 1.5bn")
  .transform((v) => {
    const m = /^\$?(\d+(?:\.\d+)?)\s?([a-z]*)$/i.exec(v) as RegExpExecArray;
    return Number(m[1]) * (SCALE[(m[2] ?? "").toLowerCase()] ?? 1);
  })
  .refine((usd) => Number.isFinite(usd) && usd <= MAX_AMOUNT_USD, "is larger than any deal ($100T at most)");

const timeSchema = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "is not a time of day like 08:30")
  .transform((v) => v.padStart(5, "0"));

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const zoneSchema = z
  .string()
  .refine(isTimeZone, "is not a time zone")
  .transform((zone) => new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone);

const hoursSchema = z
  .string()
  .regex(/^\d{1,2}-\d{1,2}$/, "is not hours like 22-07")
  .transform((v) => {
    const [start, end] = v.split("-").map(Number) as [number, number];
    return { start, end };
  })
  .refine(({ start, end }) => start <= 23 && end <= 23, "is not hours like 22-07 (0 to 23)");

const typesSchema = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  )
  .superRefine((types, ctx) => {
    const unknown = types.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
    if (unknown.length > 0)
      ctx.addIssue({
        code: "custom",
        message: `${unknown.map((t) => `"${t}"`).join(", ")} is not an event type (types: ${EVENT_TYPES.join(", ")})`,
      });
  })
  .transform((types) => types as EventType[]);

const SCHEMAS: Partial<Record<OptionKind, z.ZodType<OptionKinds[OptionKind], string>>> = {
  duration: durationSchema,
  amount: amountSchema,
  time: timeSchema,
  zone: zoneSchema,
  hours: hoursSchema,
  types: typesSchema,
};

export class OptionError extends Error {
  constructor(
    readonly problem: string,
    readonly example: string,
  ) {
    super(problem);
  }
}

/**
 * Reads `/deals openai min:$5B since:90d` style text: `name:value` pairs for named options,
 * the remaining words for the positional ones, in order (the last positional takes the rest).
 */
export function parseOptions(specs: readonly OptionSpec[], text: string, usage: string): ParsedArgs {
  const named = new Map<string, string>();
  const free: string[] = [];
  // Values with spaces are quoted: aliases:"Fluid Stack,FS" (chat apps may send curly quotes).
  const tokens = [...text.replace(/[“”]/g, '"').matchAll(/[a-z]+:"[^"]*"|"[^"]*"|\S+/gi)].map((m) =>
    m[0].replace(/"/g, ""),
  );
  for (const token of tokens.filter(Boolean)) {
    const m = /^([a-z]+):(.*)$/i.exec(token);
    const spec = m ? specs.find((s) => s.name === (m[1] ?? "").toLowerCase()) : undefined;
    if (m && spec) {
      if (!m[2])
        throw new OptionError(`${spec.name}: needs a value.`, `${usage} ${spec.name}:${spec.example}`);
      named.set(spec.name, m[2]);
    } else if (m && !/^https?$/i.test(m[1] ?? "")) {
      const known = specs
        .filter((s) => !s.positional)
        .map((s) => `${s.name}:`)
        .join(", ");
      throw new OptionError(
        `"${m[1]}:" is not an option of this command${known ? ` (it takes ${known})` : ""}.`,
        usage,
      );
    } else free.push(token);
  }
  const positionals = specs.filter((s) => s.positional);
  positionals.forEach((spec, i) => {
    if (named.has(spec.name) || free.length === 0) return;
    const last = i === positionals.length - 1;
    const value =
      spec.kind === "words" || spec.kind === "entity" || last ? free.splice(0).join(" ") : free.shift();
    if (value) named.set(spec.name, value);
  });
  if (free.length > 0) throw new OptionError(`I did not understand "${free.join(" ")}".`, usage);
  return validateOptions(specs, Object.fromEntries(named), usage);
}

/** Checks raw option values (from text or from Discord's native options) and converts them. */
export function validateOptions(
  specs: readonly OptionSpec[],
  raw: Record<string, string>,
  usage: string,
): ParsedArgs {
  const out: ParsedArgs = {};
  for (const spec of specs) {
    const value = raw[spec.name] ?? spec.default;
    if (value === undefined || value === "") {
      if (spec.required)
        throw new OptionError(`${spec.name} is missing.`, `${usage.split(" ")[0]} ${spec.example}`);
      continue;
    }
    const example = spec.positional
      ? `${usage.split(" ")[0]} ${spec.example}`
      : `${usage.split(" ")[0]} ${spec.name}:${spec.example}`;
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    if (spec.kind === "choice" || spec.kind === "action") {
      const v = value.toLowerCase();
      if (!spec.choices?.includes(v))
        throw new OptionError(`"${shown}" is not one of ${spec.choices?.join(", ")}.`, example);
      out[spec.name] = v;
      continue;
    }
    const schema = SCHEMAS[spec.kind];
    if (!schema) {
      out[spec.name] = value.slice(0, 300);
      continue;
    }
    const r = schema.safeParse(value);
    if (!r.success) {
      const problem = r.error.issues[0]?.message ?? "is not valid";
      // A message that names the bad part itself ("gossip" is not an event type) stands alone.
      const label = problem.startsWith('"') ? "" : spec.positional ? `"${shown}" ` : `${spec.name}:${shown} `;
      throw new OptionError(`${label}${problem}.`, example);
    }
    out[spec.name] = r.data;
  }
  return out;
}
