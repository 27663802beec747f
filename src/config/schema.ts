import { z } from "zod";

const cidr = z
  .string()
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, "must be a CIDR range such as 10.0.0.0/8 or fd00::/8");

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

export const entitySchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: z.enum(entityKinds),
  aliases: z.array(z.string().min(1)).default([]),
  caseSensitive: z.boolean().default(false),
  products: z.array(z.string().min(1)).default([]),
  people: z.array(z.string().min(1)).default([]),
  veto: z.array(z.string().min(1)).default([]),
});
export type EntityConfig = z.infer<typeof entitySchema>;

export const entitiesFileSchema = z
  .strictObject({
    version: z.literal(1),
    entities: z.array(entitySchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.entities.forEach((entity, index) => {
      const first = seen.get(entity.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["entities", index, "id"],
          message: `duplicates entities.${first}.id`,
          input: entity.id,
        });
      } else {
        seen.set(entity.id, index);
      }
    });
  });
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
