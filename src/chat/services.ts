import type { App } from "../app.js";
import { UserError } from "../errors.js";
import { vetFeedUrl } from "../ingest/add-feed.js";
import { BriefingStore } from "../store/briefing.js";
import { SettingsStore } from "../store/settings.js";
import type { CommandContext, Platform, Services } from "./command.js";
import { entityDirectory } from "./entity-directory.js";

/** The services commands use, built from the composition root. */
export function servicesFor(app: App): Services {
  const settings = new SettingsStore(app.db);
  let directory = entityDirectory(app.intel().matcher);
  return {
    briefing: new BriefingStore(app.db),
    settings,
    items: app.items,
    feeds: app.feeds,
    get entities() {
      return directory;
    },
    addEntity(name, aliases, by) {
      const id = name
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 40);
      if (!id)
        throw new UserError(
          `"${name}" cannot be an entity name.`,
          "use letters or digits, e.g. /track add Fluidstack",
        );
      settings.addCustomEntity({ id, name: name.trim(), aliases }, by, new Date());
      app.refreshIntel();
      directory = entityDirectory(app.intel().matcher);
      return directory.get(id) as NonNullable<ReturnType<typeof directory.get>>;
    },
    async addFeed(url) {
      const policy = {
        allowPrivate: app.config.network.allowPrivate,
        allowedNetworks: app.config.network.allowedPrivateNetworks,
      };
      const vetted = await vetFeedUrl(url, app.fetcher, policy);
      const { feed } = app.feeds.add(vetted, new Date());
      const result = await app.poller.pollOne(feed);
      await app.enrich(new Date());
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
