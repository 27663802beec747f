import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadAppConfig, loadEntities } from "../../src/config/load.js";
import { UserError } from "../../src/errors.js";

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "iw-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("infrawire.yaml", () => {
  it("gives defaults for an empty or missing file", () => {
    const config = loadAppConfig({ configDir: dirWith({}), env: {} });
    expect(config.poll).toMatchObject({
      concurrency: 16,
      perHost: 2,
      timeoutSeconds: 20,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
    });
    expect(config.retention.days).toBe(90);
    expect(config.network.allowPrivate).toBe(false);
  });

  it("lists every problem as `path: what is wrong (got X)`", () => {
    const dir = dirWith({
      "infrawire.yaml":
        "poll:\n  concurrency: 0\n  timeoutSeconds: fast\n  colour: red\nnetwork:\n  allowedPrivateNetworks: [lan]\n",
    });
    const list = problems(() => loadAppConfig({ configDir: dir, env: {} }));
    expect(list).toHaveLength(4);
    expect(list).toContain("poll.concurrency: Too small: expected number to be >=1 (got 0)");
    expect(list.find((p) => p.startsWith("poll.timeoutSeconds:"))).toMatch(/expected number.*\(got "fast"\)/);
    expect(list).toContain("poll: unknown key colour");
    expect(list).toContain(
      'network.allowedPrivateNetworks.0: must be a CIDR range such as 10.0.0.0/8 or fd00::/8 (got "lan")',
    );
  });

  it("keeps a send's claim longer than its timeout, so a live send is never taken twice", () => {
    expect(loadAppConfig({ configDir: dirWith({}), env: {} }).delivery).toEqual({
      postTimeoutSeconds: 15,
      leaseSeconds: 120,
    });
    const list = problems(() =>
      loadAppConfig({
        configDir: dirWith({ "infrawire.yaml": "delivery:\n  postTimeoutSeconds: 30\n  leaseSeconds: 20\n" }),
        env: {},
      }),
    );
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^delivery\.leaseSeconds: leaseSeconds must be longer than postTimeoutSeconds/);
  });

  it("names the line of a YAML syntax error", () => {
    const list = problems(() =>
      loadAppConfig({ configDir: dirWith({ "infrawire.yaml": "poll:\n  concurrency: [1\n" }), env: {} }),
    );
    expect(list[0]).toMatch(/^line \d+, column \d+: not valid YAML/);
  });

  it("lets environment variables override the file", () => {
    const config = loadAppConfig({
      configDir: dirWith({ "infrawire.yaml": "database: data/x.db\n" }),
      env: { INFRAWIRE_DB: "/tmp/override.db", INFRAWIRE_ALLOW_PRIVATE_FEEDS: "1" },
    });
    expect(config.databasePath).toBe("/tmp/override.db");
    expect(config.network.allowPrivate).toBe(true);
  });

  it("says clearly that PostgreSQL is not supported yet", () => {
    expect(() =>
      loadAppConfig({ configDir: dirWith({}), env: { INFRAWIRE_DB: "postgres://db/iw" } }),
    ).toThrow(UserError);
  });
});

describe("entities.yaml", () => {
  it("accepts the shipped file", () => {
    const file = loadEntities(join(import.meta.dirname, "../../config/entities.yaml"));
    const ids = file.entities.map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    for (const id of [
      "openai",
      "amazon",
      "microsoft",
      "nvidia",
      "oracle",
      "amd",
      "google",
      "anthropic",
      "coreweave",
      "xai",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("rejects duplicate ids, bad slugs and unknown keys, each with its path", () => {
    const dir = dirWith({
      "entities.yaml": [
        "version: 1",
        "entities:",
        "  - { id: openai, name: OpenAI, kind: lab }",
        "  - { id: OpenAI, name: Dup, kind: lab }",
        "  - { id: openai, name: Again, kind: lab, colour: green }",
      ].join("\n"),
    });
    const list = problems(() => loadEntities(join(dir, "entities.yaml")));
    expect(list).toContain(
      'entities.1.id: must be a lower-case slug such as openai or sk-hynix (got "OpenAI")',
    );
    expect(list).toContain("entities.2: unknown key colour");
  });
});

describe("chat admins", () => {
  it("are platform admins or configured user ids", async () => {
    const { callerFor } = await import("../../src/chat/permissions.js");
    const config = loadAppConfig({
      configDir: dirWith({ "infrawire.yaml": "chat:\n  adminUserIds: [U42]\n" }),
      env: {},
    });
    expect(callerFor("U42", false, config.chat.adminUserIds).isAdmin).toBe(true);
    expect(callerFor("U7", true, config.chat.adminUserIds).isAdmin).toBe(true);
    expect(callerFor("U7", false, config.chat.adminUserIds).isAdmin).toBe(false);
  });
});
