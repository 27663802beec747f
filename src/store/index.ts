import type { Store } from "./repositories.js";
import { describeStoreError, type StoreFailure, sqliteFailure, storeUserError } from "./sqlite/errors.js";
import { openSqliteStore } from "./sqlite/index.js";

export type * from "./repositories.js";
export type { StoreFailure };
export { describeStoreError, storeUserError };

/** What a failed store call means (busy, read-only, damaged), or undefined for any other error. */
export function storeFailure(error: unknown): StoreFailure | undefined {
  return sqliteFailure(error);
}

/**
 * Opens the configured backend: today a SQLite file path (or ":memory:"). A `postgres://` URL
 * will select the PostgreSQL backend behind the same repositories.
 */
export async function openStore(location: string): Promise<Store> {
  return openSqliteStore(location);
}
