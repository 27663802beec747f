import type { App } from "./app.js";
import { CONSOLE_CHANNEL } from "./chat/console-transport.js";
import type { NormalizedItem } from "./ingest/item.js";
import { parseFeed } from "./ingest/parse.js";
import { SampleSource } from "./ingest/sources.js";

const MINUTE = 60_000;

/** The part of the samples stored at start as history (backfill); the rest "arrives" live. */
const BACKFILL_SHARE = 0.6;

export interface DemoStream {
  stop(): Promise<void>;
}

/**
 * `npm run demo` made live: the bundled samples replayed as a stream dated relative to now. The
 * older share is stored at once as backfill (it shows in /brief, never alerts); then one item
 * arrives every `intervalMs` with the current time, is analysed, and alerts the console channel,
 * which tracks the big names, has alerts on and a digest due a minute after start.
 */
export async function startDemoStream(app: App, intervalMs = 4_000): Promise<DemoStream> {
  const source = new SampleSource();
  const feeds = (await app.store.feeds.all()).filter((f) => f.url.startsWith("sample:"));
  const queue: { feedId: number; item: NormalizedItem; at: number }[] = [];
  for (const feed of feeds) {
    const outcome = await source.fetch(feed.url);
    if (outcome.kind !== "ok") continue;
    const parsed = await parseFeed(outcome.text, { url: feed.url, now: app.clock.now() });
    for (const item of parsed.items)
      queue.push({ feedId: feed.id, item, at: Date.parse(item.publishedAt ?? "") || 0 });
  }
  queue.sort((a, b) => a.at - b.at);
  const now = app.clock.now().getTime();
  const split = Math.floor(queue.length * BACKFILL_SHARE);
  const history = queue.slice(0, split);
  const live = queue.slice(split);
  // History spread over the last day, oldest first, so /brief's default window shows it.
  for (const [i, entry] of history.entries()) {
    const at = new Date(now - (history.length - i) * 60 * MINUTE).toISOString();
    await app.store.items.insert(entry.feedId, [{ ...entry.item, publishedAt: at }], {
      now: app.clock.now(),
      backfill: true,
    });
  }
  const by = "demo";
  for (const id of ["openai", "nvidia", "microsoft", "oracle", "amazon", "google", "anthropic", "softbank"])
    await app.actions.track(CONSOLE_CHANNEL, id, by);
  const due = new Date(now + MINUTE + 30_000);
  const hhmm = `${String(due.getUTCHours()).padStart(2, "0")}:${String(due.getUTCMinutes()).padStart(2, "0")}`;
  await app.actions.changeSettings(
    CONSOLE_CHANNEL,
    { alertsEnabled: true, digestEnabled: true, digestTime: hhmm, digestTimezone: "UTC" },
    by,
  );
  await app.enrich();
  app.log.info("demo: history stored, live items follow", {
    history: history.length,
    live: live.length,
    everySeconds: intervalMs / 1000,
    digestAt: `${hhmm} UTC`,
  });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const next = () => {
    const entry = live.shift();
    if (!entry || stopped) return;
    current = (async () => {
      const at = app.clock.now();
      await app.store.items.insert(entry.feedId, [{ ...entry.item, publishedAt: at.toISOString() }], {
        now: at,
        backfill: false,
      });
      app.log.info("demo: new item", { title: entry.item.title });
      await app.enrich();
    })()
      .catch((error: unknown) => app.log.error("demo item failed", { error: String(error) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(next, intervalMs);
      });
  };
  timer = setTimeout(next, intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
