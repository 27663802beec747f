import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { UserError } from "../../errors.js";
import { storeUserError } from "./errors.js";
import { type Migration, migrations } from "./migrations.js";

export type Db = Database.Database;

/** Prepares each SQL text once per connection and hands back the same statement after that. */
export function preparedOnce(db: Db): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** The meta table's facts about this database, one key to one text value (null deletes it). */
export interface MetaTable {
  get(key: string): string | undefined;
  set(key: string, value: string | null): void;
}

export function metaTable(sql: (text: string) => Database.Statement): MetaTable {
  return {
    get: (key) => sql("SELECT value FROM meta WHERE key = ?").pluck(true).get(key) as string | undefined,
    set: (key, value) => {
      if (value === null) sql("DELETE FROM meta WHERE key = ?").run(key);
      else
        sql(
          "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ).run(key, value);
    },
  };
}

function migrate(db: Db, list: Migration[]): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new UserError(
      `The database was written by a newer infrawire (schema ${current}, this one knows ${latest}).`,
      "upgrade infrawire or point INFRAWIRE_DB at another file",
    );
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** Opens (creating if needed) the SQLite database, in WAL mode and migrated to the latest schema. */
export function openDatabase(path: string): Db {
  let db: Db | undefined;
  try {
    if (path !== ":memory:") {
      // /dev/null, a folder: SQLite would fail later with "disk I/O error".
      if (existsSync(path) && !statSync(path).isFile()) throw notAFile(path);
      mkdirSync(dirname(path), { recursive: true });
    }
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw storeUserError(error, path) ?? error;
  }
}

function notAFile(path: string): UserError {
  return new UserError(
    `INFRAWIRE_DB points at ${path}, which is not a file.`,
    "set INFRAWIRE_DB to a file path such as data/infrawire.db",
  );
}
