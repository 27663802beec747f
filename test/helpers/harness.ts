import { appConfigSchema } from "../../src/config/schema.js";
import { FeedFetcher, type FetchSettings } from "../../src/ingest/fetch.js";
import { Poller, type PollSettings } from "../../src/ingest/poller.js";
import { silentLogger } from "../../src/log.js";
import { openDatabase } from "../../src/store/db.js";
import { FeedStore } from "../../src/store/feeds.js";
import { ItemStore } from "../../src/store/items.js";

/** The shipped defaults (config/infrawire.yaml leaves them as they are). */
export const pollSettings: PollSettings = appConfigSchema.parse({}).poll;

/** A store in memory, a fetcher allowed onto loopback, and a poller on a clock the test moves. */
export function makeHarness(fetch: Partial<FetchSettings> = {}, poll: Partial<PollSettings> = {}) {
  const db = openDatabase(":memory:");
  const feeds = new FeedStore(db);
  const items = new ItemStore(db);
  const fetcher = new FeedFetcher({
    timeoutMs: 5_000,
    maxBytes: 1024 * 1024,
    maxRedirects: 5,
    userAgent: "infrawire-test",
    policy: { allowPrivate: false, allowedNetworks: ["127.0.0.0/8"] },
    ...fetch,
  });
  let now = new Date("2025-11-05T12:00:00Z");
  const clock = () => now;
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
    feeds,
    items,
    fetcher,
    poller,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
    async close() {
      await fetcher.close();
      db.close();
    },
  };
}
