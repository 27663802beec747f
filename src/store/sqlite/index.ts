import type { Store } from "../repositories.js";
import { BriefingStore } from "./briefing.js";
import { type Db, openDatabase } from "./db.js";
import { SqliteDeliveryStore } from "./delivery.js";
import { FeedStore } from "./feeds.js";
import { SqliteInstallations } from "./installations.js";
import { IntelStore } from "./intel.js";
import { ItemStore } from "./items.js";
import { SettingsStore } from "./settings.js";

/** Every repository over one SQLite file (or ":memory:"), migrated to the latest schema. */
export function openSqliteStore(path: string): Store {
  return sqliteStoreOn(openDatabase(path), path);
}

/** The repositories over an open database (tests that inspect its tables use this). */
export function sqliteStoreOn(db: Db, path = ":memory:"): Store {
  const delivery = new SqliteDeliveryStore(db);
  return {
    feeds: new FeedStore(db),
    items: new ItemStore(db),
    intel: new IntelStore(db, delivery),
    briefing: new BriefingStore(db),
    settings: new SettingsStore(db),
    installations: new SqliteInstallations(db),
    delivery: { destinations: delivery, outbox: delivery, slots: delivery },
    async health() {
      return {
        location: `sqlite ${path}`,
        schemaVersion: db.pragma("user_version", { simple: true }) as number,
      };
    },
    async close() {
      db.close();
    },
  };
}
