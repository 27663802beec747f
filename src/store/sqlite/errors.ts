import { UserError } from "../../errors.js";

/** The SQLite result code of an error from better-sqlite3 (`SQLITE_READONLY_DBMOVED`, …), if any. */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : undefined;
}

const where = (path: string | undefined) => (path ? ` at ${path}` : "");

/**
 * The problem a user can fix behind a database error, as a UserError (what went wrong, and the
 * fix), or undefined for anything else (a bug). One place for these sentences, so `poll`,
 * `feeds add`, `run` and chat say the same thing.
 */
export function storeUserError(error: unknown, path?: string): UserError | undefined {
  if (error instanceof UserError) return error;
  const fsCode = (error as NodeJS.ErrnoException | null)?.code;
  if (fsCode === "EACCES" || fsCode === "EPERM" || fsCode === "EROFS" || fsCode === "ENOTDIR") {
    return new UserError(
      `The database${where(path)} cannot be created (${(error as Error).message}).`,
      "check that its folder exists and this user can write there, or set INFRAWIRE_DB to another path",
    );
  }
  const code = sqliteCode(error);
  if (!code) return undefined;
  const base = code.replace(/^(SQLITE_[A-Z]+)_.*$/, "$1");
  switch (base) {
    case "SQLITE_READONLY":
      return new UserError(
        `The database${where(path)} is read-only, so infrawire cannot store anything in it.`,
        "make the file, its -wal and -shm files and its folder writable by this user, or set INFRAWIRE_DB to a writable path",
      );
    case "SQLITE_NOTADB":
    case "SQLITE_CORRUPT":
      return new UserError(
        `The file${where(path)} is not an infrawire database (${(error as Error).message}).`,
        "set INFRAWIRE_DB to the path of your database, or to a new file name to start an empty one",
      );
    case "SQLITE_CANTOPEN":
      return new UserError(
        `The database${where(path)} cannot be opened (${(error as Error).message}).`,
        "check that the path names a file (not a folder) in a folder this user can write, or set INFRAWIRE_DB to another path",
      );
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return new UserError(
        `The database${where(path)} is busy: another infrawire process held it for longer than the wait allows.`,
        "try again in a moment, or stop the other process (`infrawire run`, `infrawire poll`) first",
      );
    case "SQLITE_IOERR":
    case "SQLITE_FULL":
      return new UserError(
        `The database${where(path)} could not be read or written (${(error as Error).message}).`,
        "check that INFRAWIRE_DB names a regular file on a disk with free space",
      );
    default:
      return undefined;
  }
}

/** One sentence with the fix for a database error a user can fix, or undefined for a bug. */
export function describeStoreError(error: unknown, path?: string): string | undefined {
  return storeUserError(error, path)?.describe();
}

/** What a failed store call means for the caller, whatever the backend said. */
export type StoreFailureKind = "busy" | "readonly" | "corrupt" | "unavailable";

export interface StoreFailure {
  kind: StoreFailureKind;
  /** One sentence with the fix, for users. */
  sentence: string;
}

const KINDS: Record<string, StoreFailureKind> = {
  SQLITE_BUSY: "busy",
  SQLITE_LOCKED: "busy",
  SQLITE_READONLY: "readonly",
  SQLITE_NOTADB: "corrupt",
  SQLITE_CORRUPT: "corrupt",
  SQLITE_CANTOPEN: "unavailable",
  SQLITE_FULL: "unavailable",
  SQLITE_IOERR: "unavailable",
};

/** Classifies an error thrown by the SQLite driver; undefined when it is not a store failure. */
export function sqliteFailure(error: unknown, path?: string): StoreFailure | undefined {
  const code = sqliteCode(error);
  const kind = code ? KINDS[code.replace(/^(SQLITE_[A-Z]+)_.*$/, "$1")] : undefined;
  const sentence = describeStoreError(error, path);
  return kind && sentence ? { kind, sentence } : undefined;
}
