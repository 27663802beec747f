/** What a failed store call means for the caller, whatever the backend said. */
export type StoreFailureKind = "busy" | "readonly" | "corrupt" | "unavailable";

export interface StoreFailure {
  kind: StoreFailureKind;
  /** One sentence with the fix, for users. */
  sentence: string;
}

const BY_CODE: Record<string, StoreFailureKind> = {
  SQLITE_BUSY: "busy",
  SQLITE_LOCKED: "busy",
  SQLITE_READONLY: "readonly",
  SQLITE_NOTADB: "corrupt",
  SQLITE_CORRUPT: "corrupt",
  SQLITE_CANTOPEN: "unavailable",
  SQLITE_FULL: "unavailable",
  SQLITE_IOERR: "unavailable",
};

const SENTENCES: Record<StoreFailureKind, string> = {
  busy: "The database is busy with another infrawire process; this is retried on its own.",
  readonly:
    "The database is read-only, so nothing can be stored: make the file and its folder writable, or set INFRAWIRE_DB to a writable path.",
  corrupt: "The database file is damaged or not an infrawire database: set INFRAWIRE_DB to another path.",
  unavailable:
    "The database cannot be written (disk full or unreadable): free space or set INFRAWIRE_DB to another path.",
};

/** Classifies an error thrown by the SQLite driver; undefined when it is not a store failure. */
export function sqliteFailure(error: unknown): StoreFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  const kind = BY_CODE[code] ?? BY_CODE[code.replace(/_[A-Z]+$/, "")];
  return kind ? { kind, sentence: SENTENCES[kind] } : undefined;
}
