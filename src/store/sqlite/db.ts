import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { UserError } from "../../errors.js";
import { type Migration, migrations } from "./migrations.js";

export type Db = Database.Database;

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
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new UserError(
      `Cannot open the database at ${path} (${(error as Error).message}).`,
      "check that the folder is writable or set INFRAWIRE_DB to another path",
    );
  }
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    if (error instanceof UserError) throw error;
    const message = (error as Error).message;
    if (/file is not a database|malformed/i.test(message)) {
      throw new UserError(
        `${path} is not an infrawire database (${message}).`,
        "set INFRAWIRE_DB to another path",
      );
    }
    throw error;
  }
  return db;
}
