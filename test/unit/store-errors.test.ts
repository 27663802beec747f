import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { describeStoreError } from "../../src/store/index.js";

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to throw");
}

describe("describeStoreError", () => {
  const dir = mkdtempSync(join(tmpdir(), "iw-storeerr-"));

  it("a second writer that gives up waiting: busy, try again", () => {
    const file = join(dir, "busy.db");
    const first = new Database(file);
    first.exec("CREATE TABLE t (x)");
    first.exec("BEGIN IMMEDIATE");
    const second = new Database(file, { timeout: 0 });
    const error = thrown(() => second.exec("INSERT INTO t VALUES (1)"));
    expect(describeStoreError(error, file)).toBe(
      `The database at ${file} is busy: another infrawire process held it for longer than the wait allows. Fix: try again in a moment, or stop the other process (\`infrawire run\`, \`infrawire poll\`) first.`,
    );
    first.exec("ROLLBACK");
    first.close();
    second.close();
  });

  it("a read-only connection, a file that is not a database, a folder", () => {
    const file = join(dir, "ro.db");
    new Database(file).exec("CREATE TABLE t (x)");
    const ro = new Database(file, { readonly: true });
    expect(describeStoreError(thrown(() => ro.exec("INSERT INTO t VALUES (1)")))).toMatch(
      /^The database is read-only, .* Fix: make the file/,
    );
    const junk = join(dir, "junk.db");
    writeFileSync(junk, "not sqlite at all, just words ".repeat(40));
    expect(
      describeStoreError(
        thrown(() => new Database(junk).pragma("user_version")),
        junk,
      ),
    ).toMatch(/is not an infrawire database \(file is not a database\)\. Fix: /);
    expect(
      describeStoreError(
        thrown(() => new Database(dir)),
        dir,
      ),
    ).toMatch(/cannot be opened/);
  });

  it("leaves bugs alone", () => {
    expect(describeStoreError(new TypeError("x is undefined"))).toBeUndefined();
    const db = new Database(":memory:");
    expect(describeStoreError(thrown(() => db.exec("SELEKT 1")))).toBeUndefined();
  });
});
