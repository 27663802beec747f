import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import { loadEntities, loadFxRates } from "../config/load.js";
import type { EntityConfig } from "../config/schema.js";
import type { IntelContext } from "../intel/analyze.js";
import { EntityMatcher } from "../intel/entities.js";
import type { Logger } from "../log.js";
import type { CustomEntity, IntelRepository, SettingsRepository } from "../store/index.js";
import { reanalyzeWindow } from "./enrich.js";

/** The entity matcher and FX table from the config folder, plus the entities users added. */
export function loadIntelContext(configDir: string, custom: readonly CustomEntity[] = []): IntelContext {
  const entities = loadEntities(join(configDir, "entities.yaml")).entities;
  const fx = loadFxRates(join(configDir, "fx-rates.yaml"));
  const known = new Set(entities.map((e) => e.id));
  // Entities users added at run time, as companies; config/entities.yaml wins on a clash.
  const added: EntityConfig[] = custom
    .filter((e) => !known.has(e.id))
    .map((e) => ({
      id: e.id,
      name: e.name,
      kind: "bigtech",
      aliases: e.aliases,
      caseSensitive: false,
      products: [],
      people: [],
      veto: [],
    }));
  return { matcher: new EntityMatcher([...entities, ...added]), rates: fx.rates };
}

/** The current intel context, built on first use and rebuilt after the entity list changes. */
export interface IntelSource {
  get(): Promise<IntelContext>;
  /** Drops the built context (after /track added an entity); the next get() builds it again. */
  refresh(): void;
}

export function createIntelSource(deps: {
  configDir: string;
  settings: SettingsRepository;
  intel: IntelRepository;
  clock: Clock;
  log: Logger;
}): IntelSource {
  let current: Promise<IntelContext> | undefined;
  const build = async (): Promise<IntelContext> => {
    const context = loadIntelContext(deps.configDir, await deps.settings.customEntities());
    // Stories are regrouped from stored intel; when the names to look for changed (an edited
    // entities.yaml, /track add), the last 72 hours are read again on the next pass.
    const names = createHash("sha256")
      .update(JSON.stringify([...context.matcher.nameIndex()].sort()))
      .digest("hex");
    if ((await deps.intel.meta("entity-names")) !== names) {
      const items = await reanalyzeWindow(deps.intel, deps.clock.now());
      if (items > 0) deps.log.info("entity list changed: recent items will be read again", { items });
      await deps.intel.setMeta("entity-names", names);
    }
    return context;
  };
  return {
    get() {
      current ??= build().catch((error: unknown) => {
        current = undefined;
        throw error;
      });
      return current;
    },
    refresh() {
      current = undefined;
    },
  };
}
