import { commands } from "../commands/index.js";
import { type App, seedFeeds } from "./app.js";
import { startConsole } from "./chat/console.js";
import { createChatCore } from "./chat/core.js";
import { chatConfigured, startChatFrontEnd } from "./chat/front.js";
import { servicesFor } from "./chat/services.js";

const TICK_MS = 30_000;
const DAY_MS = 86_400_000;

/**
 * The long-running bot: seeds feeds on first start, polls due feeds every tick, purges old items
 * once a day, and stops cleanly on SIGINT/SIGTERM. Until the chat adapters land it logs what it
 * stored (the console adapter).
 */
export async function runService(
  app: App,
  options: { demo: boolean; once: boolean; console?: boolean },
): Promise<void> {
  const { log } = app;
  const seeded = seedFeeds(app, options.demo);
  // No chat token: the console adapter answers commands in the terminal. Without a terminal
  // (a service manager, a pipe) the bot runs headless unless --console asks for the prompt.
  const interactive =
    !options.once &&
    !chatConfigured(process.env) &&
    (Boolean(process.stdin.isTTY) || options.console === true);
  if (seeded > 0)
    log.info(options.demo ? "added the bundled sample feeds" : "added the default feed catalogue", {
      feeds: seeded,
    });
  log.info("infrawire started", {
    database: app.config.databasePath,
    feeds: app.feeds.count(),
    items: app.items.count(),
    chat: chatConfigured(process.env)
      ? "Slack and/or Discord (see the chat line below)"
      : interactive
        ? "console (type /help)"
        : "none (no chat token and no terminal; use --console for a prompt)",
  });

  let lastPurge = 0;
  const cycle = async () => {
    const report = await app.poller.runCycle();
    if (report.feeds > 0) {
      log.info("poll cycle done", {
        feeds: report.feeds,
        updated: report.updated,
        unchanged: report.unchanged,
        failed: report.failed,
        disabled: report.disabled,
        newItems: report.itemsAdded,
        seconds: (report.durationMs / 1000).toFixed(1),
      });
      // Off this thread (a worker on the same database file): commands typed at the prompt, and
      // later in chat, are answered while a large pass is under way.
      const enriched = await app.enrich(new Date());
      if (enriched.analyzed > 0) {
        log.info("stories updated", {
          items: enriched.analyzed,
          events: app.intelStore.eventCount(),
          stories: app.intelStore.storyCount(),
        });
      }
      for (const id of report.freshItemIds.slice(0, 20)) {
        const item = app.items.byId(id);
        if (item) log.info("new item", { title: item.title, url: item.url ?? undefined });
      }
    }
    if (Date.now() - lastPurge > DAY_MS) {
      lastPurge = Date.now();
      const purged = app.items.purgeBefore(new Date(Date.now() - app.config.retention.days * DAY_MS));
      if (purged > 0)
        log.info("purged old items", { items: purged, retentionDays: app.config.retention.days });
    }
  };

  if (options.once) {
    await cycle();
    await app.close();
    return;
  }

  // Chat token set: the one HTTP server (and Socket Mode / the gateway) answers instead of the console.
  const chat = chatConfigured(process.env) ? await startChatFrontEnd(createChatCore(app)) : undefined;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      await cycle();
    } catch (error) {
      log.error("poll cycle failed", { error: (error as Error).message });
    }
    if (!stopping) timer = setTimeout(loop, TICK_MS);
  };
  await new Promise<void>((resolve) => {
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      log.info("stopping", { signal });
      await chat?.close();
      await app.poller.runCycle().catch(() => undefined);
      await app.close();
      resolve();
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
    void loop();
    if (interactive) {
      const prompt = startConsole(commands, servicesFor(app), log);
      void prompt.done.then(() => stop("console closed"));
    }
  });
}
