import type { EntityInfo, EntityMatcher } from "../intel/entities.js";

/** Resolves what users type ("trainium", "aws", "Open AI") to tracked entities. */
export interface EntityDirectory {
  resolve(name: string): EntityInfo | undefined;
  suggest(name: string, count: number): EntityInfo[];
  get(id: string): EntityInfo | undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

const built = new WeakMap<EntityMatcher, EntityDirectory>();

/** Entity lookup by id, name, alias, product or person, with "did you mean" suggestions. */
export function entityDirectory(matcher: EntityMatcher): EntityDirectory {
  let directory = built.get(matcher);
  if (!directory) {
    directory = buildDirectory(matcher);
    built.set(matcher, directory);
  }
  return directory;
}

function buildDirectory(matcher: EntityMatcher): EntityDirectory {
  const byName = new Map<string, EntityInfo>();
  for (const entity of matcher.entities.values()) byName.set(entity.id, entity);
  for (const [name, ids] of matcher.nameIndex()) {
    const entity = matcher.entities.get(ids[0] as string);
    if (entity && !byName.has(name)) byName.set(name, entity);
  }
  const key = (text: string) =>
    text
      .toLowerCase()
      .replace(/[\s-]+/g, " ")
      .trim();
  return {
    get: (id) => matcher.entities.get(id),
    resolve(name) {
      const k = key(name);
      return byName.get(k) ?? byName.get(k.replace(/ /g, "-")) ?? byName.get(k.replace(/ /g, ""));
    },
    suggest(name, count) {
      const k = key(name);
      const scored = [...byName.entries()]
        .map(([n, e]) => ({ e, d: editDistance(k, n) / Math.max(k.length, n.length) }))
        .filter((x) => x.d <= 0.5)
        .sort((a, b) => a.d - b.d);
      const out: EntityInfo[] = [];
      for (const { e } of scored) if (!out.includes(e) && out.length < count) out.push(e);
      return out;
    },
  };
}
