import type { App } from "../app.js";
import { enrichNewItems } from "../enrich.js";
import { vetFeedUrl } from "../ingest/add-feed.js";
import { BriefingStore } from "../store/briefing.js";
import { SettingsStore } from "../store/settings.js";
import type { CommandContext, Platform, Services } from "./command.js";
import { entityDirectory } from "./entity-directory.js";

/** The services commands use, built from the composition root. */
export function servicesFor(app: App): Services {
  const context = app.intel();
  return {
    briefing: new BriefingStore(app.db),
    settings: new SettingsStore(app.db),
    items: app.items,
    feeds: app.feeds,
    entities: entityDirectory(context.matcher),
    async addFeed(url) {
      const policy = {
        allowPrivate: app.config.network.allowPrivate,
        allowedNetworks: app.config.network.allowedPrivateNetworks,
      };
      const vetted = await vetFeedUrl(url, app.fetcher, policy);
      const { feed } = app.feeds.add(vetted, new Date());
      const result = await app.poller.pollOne(feed);
      enrichNewItems(app.intelStore, context, app.log, new Date());
      const after = app.feeds.byId(feed.id);
      return {
        id: feed.id,
        title: after?.title || feed.url,
        items: result.added,
        ...(result.error ? { error: result.error } : {}),
      };
    },
  };
}

/** A context for local use (console, CLI): the operator is an admin. */
export function localContext(
  services: Services,
  platform: Extract<Platform, "console" | "cli">,
): CommandContext {
  return {
    caller: { id: `${platform}:${process.env.USER ?? "operator"}`, isAdmin: true },
    channel: { platform, channelId: platform },
    now: new Date(),
    services,
  };
}
