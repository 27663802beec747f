import { z } from "zod";

/** How an option is written and checked; `discordType` is the Discord application option type. */
export type OptionKind = "entity" | "words" | "amount" | "duration" | "choice" | "action" | "text";

export interface OptionSpec {
  name: string;
  description: string;
  kind: OptionKind;
  /** Taken from the free words of the command line (in order), not only from `name:value`. */
  positional?: boolean;
  required?: boolean;
  choices?: readonly string[];
  /** Default when left out, in the option's own syntax ("7d", "$1B"). */
  default?: string;
  example: string;
}

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

/** "$1B", "500M", "1.5bn", "$750m" -> US dollars. */
export const amountSchema = z
  .string()
  .regex(/^\$?\d+(?:\.\d+)?\s?(k|m|mn|b|bn|t|tn)?$/i, "is not an amount like $1B, 500M or 1.5bn")
  .transform((v) => {
    const m = /^\$?(\d+(?:\.\d+)?)\s?([a-z]*)$/i.exec(v) as RegExpExecArray;
    return Number(m[1]) * (SCALE[(m[2] ?? "").toLowerCase()] ?? 1);
  });

export type ParsedArgs = Record<string, string | number | undefined>;

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
    switch (spec.kind) {
      case "duration":
      case "amount": {
        const r = (spec.kind === "duration" ? durationSchema : amountSchema).safeParse(value);
        if (!r.success)
          throw new OptionError(`${spec.name}:${value} ${r.error.issues[0]?.message}.`, example);
        out[spec.name] = r.data;
        break;
      }
      case "choice":
      case "action": {
        const v = value.toLowerCase();
        if (!spec.choices?.includes(v)) {
          throw new OptionError(`"${value}" is not one of ${spec.choices?.join(", ")}.`, example);
        }
        out[spec.name] = v;
        break;
      }
      default:
        out[spec.name] = value.slice(0, 300);
    }
  }
  return out;
}
