import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The layering a second store backend and the delivery code rely on, read from the source itself,
// so that a shortcut through it fails here rather than in the next backend's first week.
const root = resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}
const files = [...sources("src"), ...sources("commands")];
const text = new Map(files.map((f) => [f, readFileSync(join(root, f), "utf8")]));

interface Import {
  from: string;
  specifier: string;
  typeOnly: boolean;
}
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, text.get(file) ?? "", ts.ScriptTarget.Latest, false);
  const out: Import[] = [];
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    const spec = statement.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec)) continue;
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    const named = clause?.namedBindings;
    const typeOnly = ts.isImportDeclaration(statement)
      ? Boolean(
          clause &&
            (clause.isTypeOnly ||
              (!clause.name &&
                named &&
                ts.isNamedImports(named) &&
                named.elements.every((e) => e.isTypeOnly))),
        )
      : statement.isTypeOnly;
    out.push({ from: file, specifier: spec.text, typeOnly });
  }
  return out;
}
const imports = files.flatMap(importsOf);
const local = (i: Import): string | undefined =>
  i.specifier.startsWith(".")
    ? relative(root, resolve(root, dirname(i.from), i.specifier.replace(/\.js$/, ".ts")))
    : undefined;

describe("architecture", () => {
  it("keeps the SQLite driver inside src/store", () => {
    const outside = imports.filter(
      (i) => i.specifier === "better-sqlite3" && !i.from.startsWith("src/store/"),
    );
    expect(outside.map((i) => i.from)).toEqual([]);
  });

  it("reads the time only through the clock (log timestamps aside)", () => {
    const readers = files.filter(
      (f) =>
        f !== "src/clock.ts" && f !== "src/log.ts" && /new Date\(\)|Date\.now\(\)/.test(text.get(f) ?? ""),
    );
    expect(readers).toEqual([]);
  });

  it("lets commands reach the store only through briefings and actions", () => {
    const direct = imports.filter(
      (i) => i.from.startsWith("commands/") && local(i)?.startsWith("src/store/"),
    );
    expect(direct.map((i) => `${i.from} -> ${i.specifier}`)).toEqual([]);
  });

  it("has no import cycle that runs (type-only imports are erased)", () => {
    const graph = new Map<string, string[]>();
    for (const i of imports) {
      const to = local(i);
      if (i.typeOnly || !to) continue;
      graph.set(i.from, [...(graph.get(i.from) ?? []), to]);
    }
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open")
          cycles.push([...path.slice(path.indexOf(next)), file, next].join(" -> "));
        else if (!state.has(next)) visit(next, [...path, file]);
      }
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("sees the imports it checks", () => {
    // The check above is only worth something if it sees the imports it walks.
    expect(imports.some((i) => i.from === "src/cli.ts" && !i.typeOnly && local(i) !== undefined)).toBe(true);
    expect(imports.filter((i) => i.specifier === "better-sqlite3").length).toBeGreaterThan(0);
  });
});
