import { rmSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { type Actions, createActions } from "./actions/index.js";
import { entityDirectory } from "./briefing/entity-directory.js";
import { createBriefing } from "./briefing/index.js";
import { type Clock, systemClock } from "./clock.js";
import { type LoadedConfig, loadAppConfig } from "./config/load.js";
import { createAlertPlanner } from "./delivery/plan-alerts.js";
import { createDelivery, type Delivery } from "./delivery/runtime.js";
import { createIntelSource, type IntelSource } from "./enrich/context.js";
import { type EnrichResult, enrichNewItems } from "./enrich/enrich.js";
import { createEnrichmentRunner } from "./enrich/runner.js";
import { FeedFetcher } from "./ingest/fetch.js";
import type { AddressPolicy } from "./ingest/net-guard.js";
import { Poller } from "./ingest/poller.js";
import { RoutedSource } from "./ingest/sources.js";
import { createLogger, type Logger } from "./log.js";
import { projectRoot } from "./paths.js";
import { openStore, type Store } from "./store/index.js";

/** The wired bot: what the CLI, the service loop and the chat adapters are built from. */
export interface App {
  config: LoadedConfig;
  clock: Clock;
  log: Logger;
  store: Store;
  fetcher: FeedFetcher;
  poller: Poller;
  /** The entity matcher and FX table, rebuilt when the tracked names change. */
  intel: IntelSource;
  actions: Actions;
  /**
   * Digests and alerts: the scheduler and sender `infrawire run` starts, and the transports
   * chat adapters register (`app.delivery.transports.slack = transport`).
   */
  delivery: Delivery;
  /**
   * Analyses new items and regroups stories, in a worker thread when the database is a file,
   * so that commands are answered meanwhile (see enrich/runner.ts).
   */
  enrich(): Promise<EnrichResult>;
  close(): Promise<void>;
}

export interface AppOptions {
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Use the separate demo database next to the configured one. */
  demo?: boolean;
  /** Start the demo database afresh (the live demo replays the samples from the start). */
  freshDemo?: boolean;
  clock?: Clock;
}

/** Composition root: config -> clock -> store -> fetcher -> poller -> enrichment -> actions. */
export async function createApp(options: AppOptions = {}): Promise<App> {
  const config = loadAppConfig({
    ...(options.configDir ? { configDir: options.configDir } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  if (options.demo && config.databasePath !== ":memory:")
    config.databasePath = join(resolve(config.databasePath, ".."), "demo.db");
  if (options.demo && options.freshDemo && config.databasePath !== ":memory:")
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${config.databasePath}${suffix}`, { force: true });
  const log = options.log ?? createLogger();
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.databasePath);
  const policy: AddressPolicy = {
    allowPrivate: config.network.allowPrivate,
    allowedNetworks: config.network.allowedPrivateNetworks,
  };
  const fetcher = new FeedFetcher({
    timeoutMs: config.poll.timeoutSeconds * 1000,
    maxBytes: config.poll.maxBytes,
    maxRedirects: config.poll.maxRedirects,
    userAgent: config.poll.userAgent,
    policy,
    clock,
  });
  const poller = new Poller({
    feeds: store.feeds,
    items: store.items,
    fetcher: new RoutedSource(fetcher),
    settings: config.poll,
    log,
    clock,
    // Bound late: delivery is built below, and a poll runs only after createApp returns.
    onDisabled: (feed, reason, at) => delivery.feedDisabled(feed, reason, at),
  });
  const intel = createIntelSource({
    configDir: config.configDir,
    settings: store.settings,
    intel: store.intel,
    clock,
    log,
  });
  const entities = async () => entityDirectory((await intel.get()).matcher);
  // Alerts are planned by whoever stores the stories (here for an in-memory database, else the
  // worker), and written in the same transaction.
  const alerts = createAlertPlanner({
    destinations: store.delivery.destinations,
    outbox: store.delivery.outbox,
    entities,
  });
  const runner = createEnrichmentRunner({
    configDir: config.configDir,
    databasePath: config.databasePath,
    log,
    inline: async (now) =>
      enrichNewItems(store.intel, await intel.get(), log, { now: () => now }, { alerts }),
  });
  const delivery = createDelivery({
    repositories: store.delivery,
    clock,
    log,
    stories: store.briefing,
    entities,
    notices: store.settings,
    sender: {
      postTimeoutMs: config.delivery.postTimeoutSeconds * 1000,
      leaseMs: config.delivery.leaseSeconds * 1000,
    },
    briefing: async () =>
      createBriefing({
        stories: store.briefing,
        items: store.items,
        settings: store.settings,
        entities: await entities(),
      }),
  });
  const enrich = async () => {
    // The worker reads the entity list itself; building it here first re-reads the window when
    // the tracked names changed since the last pass.
    await intel.get();
    return runner.run(clock.now());
  };
  const actions = createActions({
    feeds: store.feeds,
    fetcher,
    poller,
    policy,
    clock,
    enrich,
    settings: store.settings,
    intel,
    delivery,
  });
  return {
    config,
    clock,
    log,
    store,
    fetcher,
    poller,
    intel,
    actions,
    delivery,
    enrich,
    async close() {
      await delivery.stop();
      await runner.close();
      await fetcher.close();
      await store.close();
    },
  };
}

/** The OPML catalogue path from config, relative to the project root unless absolute. */
export function catalogPath(config: LoadedConfig): string {
  return isAbsolute(config.feedsOpml) ? config.feedsOpml : join(projectRoot(), config.feedsOpml);
}
