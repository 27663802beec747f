import { type App, catalogPath } from "./app.js";
import { startConsole } from "./chat/console.js";
import { ConsoleTransport } from "./chat/console-transport.js";
import { createChatCore } from "./chat/core.js";
import { chatConfigured } from "./chat/settings.js";
import { type DemoStream, startDemoStream } from "./demo-stream.js";
import { samplesDir } from "./paths.js";

const TICK_MS = 30_000;

/** Digests and alerts for Slack and Discord channels go out through the configured adapters. */
async function registerChatTransports(app: App): Promise<void> {
  const { chatTransports } = await import("./chat/transports.js");
  const transports = await chatTransports(process.env, app.store.installations);
  if (transports.slack) app.delivery.transports.slack = transports.slack;
  if (transports.discord) app.delivery.transports.discord = transports.discord;
  app.log.info("delivery transports", {
    platforms: ["console", ...Object.keys(transports)].join(","),
  });
}
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
  const seeded = await app.actions.seedFeeds(
    options.demo ? { samplesDir: samplesDir() } : { catalog: catalogPath(app.config) },
  );
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
    feeds: (await app.actions.feeds()).length,
    items: await app.store.items.count(),
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
      if (report.storeError) log.error("the database refused the new items", { reason: report.storeError });
      const enriched = await app.enrich();
      if (enriched.analyzed > 0) {
        log.info("stories updated", {
          items: enriched.analyzed,
          events: await app.store.intel.eventCount(),
          stories: await app.store.intel.storyCount(),
        });
      }
      for (const id of report.freshItemIds.slice(0, 20)) {
        const item = await app.store.items.byId(id);
        if (item) log.info("new item", { title: item.title, url: item.url ?? undefined });
      }
    }
    const now = app.clock.now().getTime();
    if (now - lastPurge > DAY_MS) {
      lastPurge = now;
      const purged = await app.store.items.purgeBefore(new Date(now - app.config.retention.days * DAY_MS));
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
  // Bolt and discord.js load only when a platform is configured.
  const chat = chatConfigured(process.env)
    ? await (await import("./chat/front.js")).startChatFrontEnd(createChatCore(app))
    : undefined;
  // Before the sender starts: rows queued while the bot was down (a restart after a crash) would
  // otherwise find no Slack transport yet and wait out a minute's hold.
  if (chat) await registerChatTransports(app);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let stream: Promise<DemoStream | undefined> | undefined;
  const loop = async () => {
    current = cycle().catch((error: unknown) => {
      log.error("poll cycle failed", { error: (error as Error).message });
    });
    await current;
    current = undefined;
    if (!stopping) timer = setTimeout(loop, TICK_MS);
  };
  await new Promise<void>((resolve) => {
    // Graceful: no new poll, the cycle under way finishes (its writes are transactions), the
    // scheduler stops, sends under way finish and are recorded (a claimed row not yet sent is
    // released by its lease), then the store closes.
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      log.info("stopping", { signal });
      await chat?.close();
      await (await stream)?.stop();
      await current;
      await app.close();
      resolve();
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
    let print: (text: string) => void = (text) => {
      process.stdout.write(`${text}\n`);
    };
    if (interactive) {
      const prompt = startConsole(createChatCore(app));
      print = prompt.print;
      void prompt.done.then(() => stop("console closed"));
    }
    // The console is a channel: its alerts and digests print above the prompt. Chat adapters
    // register theirs the same way (app.delivery.transports.slack = ...).
    app.delivery.transports.console = new ConsoleTransport((text) => print(text));
    app.delivery.start();
    // The live demo's stream stands in for polling: the samples arrive one by one.
    if (options.demo)
      stream = startDemoStream(app).catch((error: unknown) => {
        log.error("the demo stream could not start", { error: String(error) });
        return undefined;
      });
    else void loop();
  });
}
