import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { UserError } from "../errors.js";
import { projectRoot } from "../paths.js";
import {
  type AppConfig,
  appConfigSchema,
  crossEntityIssues,
  type EntitiesFile,
  entitiesFileSchema,
  type FxRates,
  fxRatesSchema,
} from "./schema.js";

/** Raised when a config file is wrong; `problems` holds one `path: what is wrong (got X)` line each. */
export class ConfigError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      `fix the listed lines in ${file} and start again`,
    );
  }
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Turns zod issues into `path: what is wrong (got X)` lines. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      message = `unknown key${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
      return `${path}: ${message}`;
    }
    return `${path}: ${message} (got ${show(issue.input)})`;
  });
}

function readYaml(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0];
      const at = where ? `line ${where.line}, column ${where.col}` : "(unknown position)";
      throw new ConfigError(file, [`${at}: not valid YAML (${error.code})`]);
    }
    throw error;
  }
}

function validate<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ConfigError(file, describeIssues(result.error.issues));
  return result.data;
}

export interface LoadOptions {
  /** Folder that holds infrawire.yaml and entities.yaml. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
}

export interface LoadedConfig extends AppConfig {
  /** Absolute path of the SQLite database after env overrides. */
  databasePath: string;
  configDir: string;
}

export function defaultConfigDir(): string {
  const local = resolve(process.cwd(), "config");
  // A folder run from with its own config/ (a checkout, an operator's deployment) wins; run from
  // anywhere else, the binary reads the config it ships with instead of failing on a missing file.
  if (existsSync(join(local, "entities.yaml")) || existsSync(join(local, "infrawire.yaml"))) return local;
  return join(projectRoot(), "config");
}

/** Loads config/infrawire.yaml (optional) and applies DESIGN.md's env overrides. */
export function loadAppConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const configDir = resolve(options.configDir ?? env.INFRAWIRE_CONFIG_DIR ?? defaultConfigDir());
  const file = resolve(configDir, "infrawire.yaml");
  const raw = existsSync(file) ? readYaml(file) : {};
  const config = validate(file, appConfigSchema, raw);
  if (env.INFRAWIRE_ALLOW_PRIVATE_FEEDS === "1" || env.INFRAWIRE_ALLOW_PRIVATE_FEEDS === "true") {
    config.network.allowPrivate = true;
  }
  const database = env.INFRAWIRE_DB?.trim() || config.database;
  if (database.startsWith("postgres://") || database.startsWith("postgresql://")) {
    throw new UserError(
      "INFRAWIRE_DB points at PostgreSQL, which this version does not support yet.",
      "set INFRAWIRE_DB to a SQLite file path such as data/infrawire.db",
    );
  }
  return {
    ...config,
    databasePath: databasePath(database, env.INFRAWIRE_DB?.trim() === database),
    configDir,
  };
}

/**
 * The database file for a configured path. `:memory:` stays a database in memory. A folder that
 * does not exist is created for the configured default (the first `npm start`), but refused when
 * INFRAWIRE_DB names it: a mistyped folder would otherwise start an empty database unnoticed.
 */
function databasePath(database: string, fromEnv: boolean): string {
  if (database === ":memory:") return database;
  const path = resolve(process.cwd(), database);
  if (fromEnv && !existsSync(dirname(path))) {
    throw new UserError(
      `INFRAWIRE_DB points into ${dirname(path)}, a folder that does not exist.`,
      `correct the path, or create the folder first (mkdir -p ${dirname(path)}) to start a new database there`,
    );
  }
  return path;
}

export function loadEntities(file: string): EntitiesFile {
  if (!existsSync(file)) {
    throw new UserError(`${file} does not exist.`, "restore config/entities.yaml from the repository");
  }
  const data = readYaml(file);
  const result = entitiesFileSchema.safeParse(data, { reportInput: true });
  const issues = [...(result.success ? [] : result.error.issues), ...crossEntityIssues(data)];
  if (issues.length > 0 || !result.success) throw new ConfigError(file, describeIssues(sortByPath(issues)));
  return result.data;
}

/** Issues in file order: by entity index, then field. */
function sortByPath(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const key = (issue: z.core.$ZodIssue) => (typeof issue.path[1] === "number" ? issue.path[1] : -1);
  return [...issues].sort((a, b) => key(a) - key(b));
}

export function loadFxRates(file: string): FxRates {
  if (!existsSync(file)) {
    throw new UserError(`${file} does not exist.`, "restore config/fx-rates.yaml from the repository");
  }
  return validate(file, fxRatesSchema, readYaml(file));
}
