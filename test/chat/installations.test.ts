import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/sqlite/db.js";
import { SqliteInstallations } from "../../src/store/sqlite/installations.js";

describe("SqliteInstallations", () => {
  it("keeps one installation per workspace across restarts, replaced on reinstall, until removed", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "iw-inst-")), "i.db");
    let db = openDatabase(path);
    let repo = new SqliteInstallations(db);
    await repo.save("slack", "T1", '{"bot":{"token":"xoxb-old"}}', new Date("2026-01-01T00:00:00Z"));
    await repo.save("slack", "T1", '{"bot":{"token":"xoxb-new"}}', new Date("2026-01-02T00:00:00Z"));
    await repo.save("slack", "T2", '{"bot":{"token":"xoxb-two"}}', new Date("2026-01-02T00:00:00Z"));
    db.close();

    db = openDatabase(path);
    repo = new SqliteInstallations(db);
    expect(await repo.find("slack", "T1")).toBe('{"bot":{"token":"xoxb-new"}}');
    expect(await repo.find("discord", "T1")).toBeUndefined();
    expect(await repo.remove("slack", "T1")).toBe(true);
    expect(await repo.remove("slack", "T1")).toBe(false);
    expect(await repo.find("slack", "T1")).toBeUndefined();
    expect(await repo.find("slack", "T2")).toBe('{"bot":{"token":"xoxb-two"}}');
    db.close();
  });
});
