import { FakeClock } from "../../src/clock.js";
import { appConfigSchema } from "../../src/config/schema.js";
import { FeedFetcher, type FetchSettings } from "../../src/ingest/fetch.js";
import { Poller, type PollSettings } from "../../src/ingest/poller.js";
import { silentLogger } from "../../src/log.js";
import { openDatabase } from "../../src/store/sqlite/db.js";
import { sqliteStoreOn } from "../../src/store/sqlite/index.js";

/** The shipped defaults (config/infrawire.yaml leaves them as they are). */
export const pollSettings: PollSettings = appConfigSchema.parse({}).poll;

/** A store in memory, a fetcher allowed onto loopback, and a poller on a clock the test moves. */
export function makeHarness(fetch: Partial<FetchSettings> = {}, poll: Partial<PollSettings> = {}) {
  // The raw database too: integration tests check what landed in its tables.
  const db = openDatabase(":memory:");
  const store = sqliteStoreOn(db);
  const { feeds, items } = store;
  const fetcher = new FeedFetcher({
    timeoutMs: 5_000,
    maxBytes: 1024 * 1024,
    maxRedirects: 5,
    userAgent: "infrawire-test",
    policy: { allowPrivate: false, allowedNetworks: ["127.0.0.0/8"] },
    ...fetch,
  });
  const clock = new FakeClock("2025-11-05T12:00:00Z");
  const poller = new Poller({
    feeds,
    items,
    fetcher,
    settings: { ...pollSettings, ...poll },
    log: silentLogger,
    clock,
  });
  return {
    db,
    store,
    clock,
    feeds,
    items,
    fetcher,
    poller,
    advance(ms: number) {
      clock.advance(ms);
    },
    now: () => clock.now(),
    async close() {
      await fetcher.close();
      await store.close();
    },
  };
}
