import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runBinary } from "../helpers/binary.js";

function cli(args: string[], configDir: string) {
  const db = join(mkdtempSync(join(tmpdir(), "iw-confdb-")), "t.db");
  return runBinary(args, { configDir, env: { INFRAWIRE_DB: db } });
}

function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "iw-conf-"));
  copyFileSync(join(root, "config", "fx-rates.yaml"), join(dir, "fx-rates.yaml"));
  copyFileSync(join(root, "config", "entities.yaml"), join(dir, "entities.yaml"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The `  - path: problem` lines of a config error. */
function problems(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((l) => l.startsWith("  - "))
    .map((l) => l.slice(4));
}

describe("network.allowedPrivateNetworks", () => {
  it("a prefix longer than the address, or an address that is none, is a config error, not a RangeError", async () => {
    const dir = configDir({
      "infrawire.yaml":
        'network:\n  allowedPrivateNetworks: ["127.0.0.0/40", "999.1.1.1/40", "10.0.0.0/8", "fd00::/129", "fd00::/8"]\n',
    });
    for (const args of [
      ["feeds", "list"],
      ["poll", "--once"],
    ]) {
      const run = await cli(args, dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("infrawire.yaml has 3 problems:");
      expect(problems(run.stderr)).toEqual([
        'network.allowedPrivateNetworks.0: must be a CIDR range such as 10.0.0.0/8 or fd00::/8 (got "127.0.0.0/40")',
        'network.allowedPrivateNetworks.1: must be a CIDR range such as 10.0.0.0/8 or fd00::/8 (got "999.1.1.1/40")',
        'network.allowedPrivateNetworks.3: must be a CIDR range such as 10.0.0.0/8 or fd00::/8 (got "fd00::/129")',
      ]);
      expect(run.stderr).not.toMatch(/RangeError|\n\s+at /);
    }
  });
});

describe("entities.yaml", () => {
  it("lists blank names, names under two ids, names that can never match and a duplicate id, all at once", async () => {
    const dir = configDir({
      "entities.yaml": [
        "version: 1",
        "entities:",
        "  - { id: openai, name: OpenAI, kind: lab, products: [ChatGPT] }",
        '  - { id: blank, name: "   ", kind: lab }',
        '  - { id: rival, name: Rival Labs, kind: lab, aliases: ["openai", "#AI", "X"], people: ["chatgpt"] }',
        "  - { id: openai, name: Open Again, kind: lab }",
        // Case-sensitive names that differ in case are found apart, so they may coexist.
        "  - { id: amd, name: AMD, kind: chipmaker, caseSensitive: true }",
        "  - { id: amd-fan, name: Amd, kind: chipmaker, caseSensitive: true }",
      ].join("\n"),
    });
    const run = await cli(["analyze", join(root, "feeds/samples/deals.rss.xml")], dir);
    expect(run.code).toBe(1);
    const rule =
      "cannot be matched in articles: names must be at least two characters and start with a Latin letter or digit (accents are fine)";
    expect(problems(run.stderr).sort()).toEqual(
      [
        'entities.1.name: must not be blank (got "   ")',
        'entities.2.aliases.0: is also a name of entities.0 (openai); a name may belong to one entity only (got "openai")',
        `entities.2.aliases.1: ${rule} (got "#AI")`,
        `entities.2.aliases.2: ${rule} (got "X")`,
        'entities.2.people.0: is also a name of entities.0 (openai); a name may belong to one entity only (got "chatgpt")',
        'entities.3.id: duplicates entities.0.id (got "openai")',
      ].sort(),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
