import { join } from "node:path";
import { loadIntelContext } from "../../src/enrich/context.js";
import type { IntelContext } from "../../src/intel/analyze.js";

let cached: IntelContext | undefined;

/** The intel context built from the shipped config/ (entities.yaml, fx-rates.yaml). */
export function shippedIntel(): IntelContext {
  cached ??= loadIntelContext(join(import.meta.dirname, "../../config"));
  return cached;
}
