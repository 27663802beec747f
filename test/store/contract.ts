import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../src/store/index.js";
import { briefingContract } from "./contract/briefing.js";
import { feedContract } from "./contract/feeds.js";
import { intelContract } from "./contract/intel.js";
import { itemContract } from "./contract/items.js";
import { searchContract } from "./contract/search.js";
import { settingsContract } from "./contract/settings.js";

/**
 * Every behaviour the bot relies on from a store, run against one backend. `open` returns a
 * fresh, empty, migrated store each time; each test gets its own and closes it. A new backend
 * is tested by one call of this function.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let current: Store | undefined;
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    const store = (): Store => {
      if (!current) throw new Error("the contract suite has no store open");
      return current;
    };
    feedContract(store);
    itemContract(store);
    searchContract(store);
    intelContract(store);
    briefingContract(store);
    settingsContract(store);
  });
}
