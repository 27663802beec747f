import { z } from "zod";
import { parseCidr } from "../ingest/net-guard.js";
import { foldAccents } from "../intel/fold.js";
import { canBeMatched, MATCHABLE_NAME_RULE } from "../intel/name-rules.js";

// The same parser the address guard uses, so a range that passes here is one it can apply.
const cidr = z
  .string()
  .refine((text) => parseCidr(text) !== undefined, "must be a CIDR range such as 10.0.0.0/8 or fd00::/8");

/** config/infrawire.yaml: every knob has a default, so an empty file is a valid config. */
export const appConfigSchema = z.strictObject({
  database: z.string().min(1).default("data/infrawire.db"),
  feedsOpml: z.string().min(1).default("feeds/default.opml"),
  poll: z
    .strictObject({
      intervalMinutes: z.number().int().min(1).max(1440).default(15),
      concurrency: z.number().int().min(1).max(256).default(16),
      perHost: z.number().int().min(1).max(16).default(2),
      timeoutSeconds: z.number().min(1).max(300).default(20),
      maxBytes: z
        .number()
        .int()
        .min(1024)
        .max(100 * 1024 * 1024)
        .default(5 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(10).default(5),
      backoffBaseMinutes: z.number().min(1).max(1440).default(5),
      backoffMaxHours: z.number().min(1).max(168).default(24),
      disableAfterFailures: z.number().int().min(1).max(1000).default(10),
      // A feed that invents new GUIDs on every fetch would otherwise grow the store each poll.
      maxNewItemsPerPoll: z.number().int().min(1).max(10_000).default(200),
      userAgent: z.string().min(1).default("infrawire/0.1 (AI-infrastructure news desk; RSS reader)"),
    })
    .prefault({}),
  network: z
    .strictObject({
      allowPrivate: z.boolean().default(false),
      allowedPrivateNetworks: z.array(cidr).default([]),
    })
    .prefault({}),
  chat: z
    .strictObject({
      /** Users who may run admin commands whatever their platform role ("U024BE7LH", "123456789012345678"). */
      adminUserIds: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /** A post with no answer by then has an unknown outcome: the channel is checked before a resend. */
      postTimeoutSeconds: z.number().min(1).max(300).default(15),
      /**
       * How long a claimed post is held for its sender. A bot killed mid-send leaves its claim to
       * run out; the next bot then checks the channel for that post before sending it again.
       */
      leaseSeconds: z.number().min(2).max(3600).default(120),
    })
    .prefault({})
    .refine((d) => d.leaseSeconds > d.postTimeoutSeconds, {
      message: "leaseSeconds must be longer than postTimeoutSeconds, or a live send could be claimed twice",
      path: ["leaseSeconds"],
    }),
  retention: z
    .strictObject({
      days: z.number().int().min(1).max(3650).default(90),
    })
    .prefault({}),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be a lower-case slug such as openai or sk-hynix");

export const entityKinds = [
  "lab",
  "cloud",
  "chipmaker",
  "neocloud",
  "investor",
  "datacenter",
  "bigtech",
  "project",
  "government",
] as const;

/** A name the matcher looks for: not blank, and one it can ever find (the rule `/track add` uses). */
const name = z.string().superRefine((text, ctx) => {
  if (text.trim() === "") ctx.addIssue({ code: "custom", message: "must not be blank", input: text });
  else if (!canBeMatched(text))
    ctx.addIssue({
      code: "custom",
      message: `cannot be matched in articles: ${MATCHABLE_NAME_RULE}`,
      input: text,
    });
});

export const entitySchema = z.strictObject({
  id: slug,
  name,
  kind: z.enum(entityKinds),
  aliases: z.array(name).default([]),
  caseSensitive: z.boolean().default(false),
  products: z.array(name).default([]),
  people: z.array(name).default([]),
  veto: z.array(z.string().min(1)).default([]),
});
export type EntityConfig = z.infer<typeof entitySchema>;

export const entitiesFileSchema = z.strictObject({
  version: z.literal(1),
  entities: z.array(entitySchema).min(1),
});

const NAME_FIELDS = ["name", "aliases", "products", "people"] as const;

/**
 * What no single entity shows: an id used twice, and a name (or alias, product, person) under two
 * ids, which would credit both with every mention. Read from the raw file, so these are listed
 * together with every other problem instead of after the others are fixed.
 */
export function crossEntityIssues(data: unknown): z.core.$ZodIssue[] {
  const entities = (data as { entities?: unknown } | null)?.entities;
  if (!Array.isArray(entities)) return [];
  const issues: z.core.$ZodIssue[] = [];
  const ids = new Map<string, number>();
  const names = new Map<string, { index: number; caseSensitive: boolean; exact: string }>();
  const label = (index: number) => {
    const id = (entities[index] as { id?: unknown }).id;
    return `entities.${index}${typeof id === "string" ? ` (${id})` : ""}`;
  };
  entities.forEach((entity: unknown, index) => {
    if (!entity || typeof entity !== "object") return;
    const record = entity as Record<string, unknown>;
    if (typeof record.id === "string") {
      const first = ids.get(record.id);
      if (first !== undefined)
        issues.push({
          code: "custom",
          path: ["entities", index, "id"],
          message: `duplicates entities.${first}.id`,
          input: record.id,
        });
      else ids.set(record.id, index);
    }
    const caseSensitive = record.caseSensitive === true;
    const own = new Set<string>();
    for (const field of NAME_FIELDS) {
      const value = record[field];
      const list = field === "name" ? [value] : Array.isArray(value) ? value : [];
      list.forEach((text: unknown, position) => {
        if (typeof text !== "string" || text.trim() === "") return;
        const exact = foldAccents(text.trim().replace(/\s+/g, " "));
        const key = exact.toLowerCase();
        if (own.has(key)) return;
        own.add(key);
        const first = names.get(key);
        // Two case-sensitive names that differ in case ("AMD", "Amd") are found apart.
        if (
          first &&
          first.index !== index &&
          (!first.caseSensitive || !caseSensitive || first.exact === exact)
        ) {
          issues.push({
            code: "custom",
            path: field === "name" ? ["entities", index, field] : ["entities", index, field, position],
            message: `is also a name of ${label(first.index)}; a name may belong to one entity only`,
            input: text,
          });
        } else if (!first) names.set(key, { index, caseSensitive, exact });
      });
    }
  });
  return issues;
}
export type EntitiesFile = z.infer<typeof entitiesFileSchema>;

export const fxRatesSchema = z.strictObject({
  asOf: z
    .union([z.string(), z.date()])
    .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  rates: z.record(
    z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code such as EUR"),
    z.number().positive(),
  ),
});
export type FxRates = z.infer<typeof fxRatesSchema>;
