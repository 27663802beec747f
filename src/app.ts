import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { type LoadedConfig, loadAppConfig, loadEntities, loadFxRates } from "./config/load.js";
import type { EntityConfig } from "./config/schema.js";
import { type EnrichResult, reanalyzeWindow } from "./enrich.js";
import { createEnrichmentRunner, type EnrichmentRunner } from "./enrich-runner.js";
import { UserError } from "./errors.js";
import { FeedFetcher } from "./ingest/fetch.js";
import { parseOpml } from "./ingest/opml.js";
import { Poller } from "./ingest/poller.js";
import { RoutedSource, SAMPLE_SCHEME } from "./ingest/sources.js";
import type { IntelContext } from "./intel/analyze.js";
import { EntityMatcher } from "./intel/entities.js";
import { createLogger, type Logger } from "./log.js";
import { projectRoot, samplesDir } from "./paths.js";
import { type Db, openDatabase } from "./store/db.js";
import { FeedStore } from "./store/feeds.js";
import { IntelStore } from "./store/intel.js";
import { ItemStore } from "./store/items.js";
import { type CustomEntity, SettingsStore } from "./store/settings.js";

export interface App {
  config: LoadedConfig;
  db: Db;
  feeds: FeedStore;
  items: ItemStore;
  intelStore: IntelStore;
  /** Built on first use: most CLI commands never need the matcher. */
  intel(): IntelContext;
  /** Rebuilds the matcher, e.g. after a user added an entity with /track. */
  refreshIntel(): void;
  /**
   * Analyses new items and regroups stories, in a worker thread when the database is a file,
   * so that commands are answered meanwhile (see enrich-runner.ts).
   */
  enrich(now?: Date): Promise<EnrichResult>;
  fetcher: FeedFetcher;
  poller: Poller;
  log: Logger;
  close(): Promise<void>;
}

export interface AppOptions {
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Use the separate demo database next to the configured one. */
  demo?: boolean;
  clock?: () => Date;
}

/** Composition root: config -> store -> fetcher -> poller. Adapters plug in on top. */
export function createApp(options: AppOptions = {}): App {
  const config = loadAppConfig({
    ...(options.configDir ? { configDir: options.configDir } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  if (options.demo) config.databasePath = join(resolve(config.databasePath, ".."), "demo.db");
  const log = options.log ?? createLogger();
  const db = openDatabase(config.databasePath);
  const feeds = new FeedStore(db);
  const items = new ItemStore(db);
  const fetcher = new FeedFetcher({
    timeoutMs: config.poll.timeoutSeconds * 1000,
    maxBytes: config.poll.maxBytes,
    maxRedirects: config.poll.maxRedirects,
    userAgent: config.poll.userAgent,
    policy: {
      allowPrivate: config.network.allowPrivate,
      allowedNetworks: config.network.allowedPrivateNetworks,
    },
  });
  const poller = new Poller({
    feeds,
    items,
    fetcher: new RoutedSource(fetcher),
    settings: config.poll,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let intel: IntelContext | undefined;
  let enrichment: EnrichmentRunner | undefined;
  const intelStore = new IntelStore(db);
  const app: App = {
    config,
    db,
    feeds,
    items,
    intelStore,
    intel() {
      if (intel) return intel;
      intel = loadIntelContext(config.configDir, new SettingsStore(db).customEntities());
      // Stories are regrouped from stored intel; when the names to look for changed (an edited
      // entities.yaml, /track add), the last 72 hours are read again on the next pass.
      const names = createHash("sha256")
        .update(JSON.stringify([...intel.matcher.nameIndex()].sort()))
        .digest("hex");
      if (intelStore.meta("entity-names") !== names) {
        const items = reanalyzeWindow(intelStore, options.clock?.() ?? new Date());
        if (items > 0) log.info("entity list changed: recent items will be read again", { items });
        intelStore.setMeta("entity-names", names);
      }
      return intel;
    },
    refreshIntel() {
      intel = undefined;
    },
    enrich(now = new Date()) {
      enrichment ??= createEnrichmentRunner(app);
      return enrichment.run(now);
    },
    fetcher,
    poller,
    log,
    async close() {
      await enrichment?.close();
      await fetcher.close();
      db.close();
    },
  };
  return app;
}

/** The OPML catalogue path from config, relative to the project root unless absolute. */
export function catalogPath(config: LoadedConfig): string {
  return isAbsolute(config.feedsOpml) ? config.feedsOpml : join(projectRoot(), config.feedsOpml);
}

/** Imports OPML feeds; returns how many were new. */
export function importOpml(app: App, file: string, now = new Date()): { added: number; total: number } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UserError(`Cannot read ${file}.`, "check the path of the OPML file");
  }
  const outlines = parseOpml(text, file);
  let added = 0;
  for (const outline of outlines) {
    if (app.feeds.add(outline.url, now, outline.title).created) added++;
  }
  return { added, total: outlines.length };
}

/** On a first start, seeds the feed list: the default catalogue, or the offline samples in demo mode. */
export function seedFeeds(app: App, demo: boolean): number {
  if (app.feeds.count() > 0) return 0;
  if (demo) {
    const files = readdirSync(samplesDir())
      .filter((f) => f.endsWith(".xml"))
      .sort();
    for (const file of files) app.feeds.add(`${SAMPLE_SCHEME}${file}`, new Date());
    return files.length;
  }
  return importOpml(app, catalogPath(app.config)).added;
}

/** The entity matcher and FX table from the config folder. */
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
